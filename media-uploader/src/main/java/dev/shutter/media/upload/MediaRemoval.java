package dev.shutter.media.upload;

import dev.shutter.events.post.PostDeleted;
import dev.shutter.events.post.PostPublished;
import dev.shutter.events.user.ProfileUpdated;
import dev.shutter.events.user.UserDeleted;
import dev.shutter.media.publishing.MediaEvents;
import dev.shutter.media.storage.ObjectStore;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Deletes a photo's objects once no post shows it any more. It remembers which posts show which
 * photos, and on a post's deletion removes the photos that post was the last to show: original
 * and variants from the object store, then the record marked deleted together with its
 * {@code MediaDeleted} (one update; the outbox's relay publishes it).
 * A photo that is its uploader's current avatar is kept, until the uploader deletes their account: then every photo
 * of theirs goes.
 *
 * <p>Every step can be repeated: a redelivered event, or one handled again after a failure half
 * way, finishes the work without doing any of it twice. The photos are marked for deletion before
 * the post is forgotten, so a failure after that still knows what to delete.
 */
@Service
class MediaRemoval {

    private final MediaCatalog catalog;
    private final ObjectStore store;
    private final MediaEvents events;
    private final DeletedAccounts deletedAccounts;

    MediaRemoval(MediaCatalog catalog, ObjectStore store, MediaEvents events, DeletedAccounts deletedAccounts) {
        this.catalog = catalog;
        this.store = store;
        this.events = events;
        this.deletedAccounts = deletedAccounts;
    }

    void on(PostPublished post) {
        catalog.attachToPost(post.postId(), post.authorId(), post.mediaIds());
    }

    void on(ProfileUpdated profile) {
        catalog.useAsAvatar(profile.userId(), profile.avatarMediaId());
    }

    void on(PostDeleted post) {
        catalog.markForDeletion(post.postId(), post.deletedAt());
        catalog.detachFromPost(post.postId());
        for (MediaDocument media : catalog.pendingDeletions(post.postId())) {
            delete(media);
        }
    }

    /** A user who deleted their account leaves no photo behind: not their avatar, not one no post shows. */
    void on(UserDeleted user) {
        deletedAccounts.add(user.userId());
        catalog.markOwnedForDeletion(user.userId(), user.deletedAt());
        for (MediaDocument media : catalog.pendingDeletionsOf(user.userId())) {
            delete(media);
        }
    }

    void delete(MediaDocument media) {
        ObjectKeys keys = media.objectKeys();
        store.delete(List.of(keys.original(), keys.large(), keys.small()));
        catalog.finishDeletion(media, events.deleted(media.deletedEventId(), media.toDeletedEvent()));
    }
}
