package dev.shutter.push.text;

import dev.shutter.push.settings.NotificationType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a notification says, in the reader's language where Shutter has it (English, German, French, Spanish) and in
 * English otherwise. Push texts name one actor; inbox texts name up to two and count the rest.
 */
public final class Texts {

    /** Longest excerpt of a caption or comment in a push, in code points. */
    public static final int SNIPPET_CODE_POINTS = 100;

    private static final Map<String, Catalog> CATALOGS = Map.of(
            "en",
            new Catalog(
                    Map.of(
                            NotificationType.NEW_POST, "New post",
                            NotificationType.NEW_FOLLOWER, "New follower",
                            NotificationType.LIKE, "New like",
                            NotificationType.COMMENT, "New comment",
                            NotificationType.MENTION, "You were mentioned",
                            NotificationType.FOLLOW_REQUEST, "Follow request"),
                    Map.of(
                            NotificationType.NEW_POST, "%s shared a photo",
                            NotificationType.NEW_FOLLOWER, "%s started following you",
                            NotificationType.LIKE, "%s liked your post",
                            NotificationType.COMMENT, "%s commented on your post",
                            NotificationType.MENTION, "%s mentioned you",
                            NotificationType.FOLLOW_REQUEST, "%s asked to follow you"),
                    "Someone",
                    "%s and %s",
                    "%s, %s and %d others",
                    "%s, %s and 1 other"),
            "de",
            new Catalog(
                    Map.of(
                            NotificationType.NEW_POST, "Neuer Beitrag",
                            NotificationType.NEW_FOLLOWER, "Neuer Follower",
                            NotificationType.LIKE, "Neues Like",
                            NotificationType.COMMENT, "Neuer Kommentar",
                            NotificationType.MENTION, "Du wurdest erwähnt",
                            NotificationType.FOLLOW_REQUEST, "Follower-Anfrage"),
                    Map.of(
                            NotificationType.NEW_POST, "%s hat ein Foto geteilt",
                            NotificationType.NEW_FOLLOWER, "%s folgt dir jetzt",
                            NotificationType.LIKE, "%s gefällt dein Beitrag",
                            NotificationType.COMMENT, "%s hat deinen Beitrag kommentiert",
                            NotificationType.MENTION, "%s hat dich erwähnt",
                            NotificationType.FOLLOW_REQUEST, "%s möchte dir folgen"),
                    "Jemand",
                    "%s und %s",
                    "%s, %s und %d weitere",
                    "%s, %s und 1 weitere Person"),
            "fr",
            new Catalog(
                    Map.of(
                            NotificationType.NEW_POST, "Nouvelle publication",
                            NotificationType.NEW_FOLLOWER, "Nouvel abonné",
                            NotificationType.LIKE, "Nouveau j'aime",
                            NotificationType.COMMENT, "Nouveau commentaire",
                            NotificationType.MENTION, "On vous a mentionné",
                            NotificationType.FOLLOW_REQUEST, "Demande d'abonnement"),
                    Map.of(
                            NotificationType.NEW_POST, "%s a partagé une photo",
                            NotificationType.NEW_FOLLOWER, "%s vous suit",
                            NotificationType.LIKE, "%s a aimé votre publication",
                            NotificationType.COMMENT, "%s a commenté votre publication",
                            NotificationType.MENTION, "%s vous a mentionné",
                            NotificationType.FOLLOW_REQUEST, "%s souhaite vous suivre"),
                    "Quelqu'un",
                    "%s et %s",
                    "%s, %s et %d autres",
                    "%s, %s et 1 autre personne"),
            "es",
            new Catalog(
                    Map.of(
                            NotificationType.NEW_POST, "Nueva publicación",
                            NotificationType.NEW_FOLLOWER, "Nuevo seguidor",
                            NotificationType.LIKE, "Nuevo me gusta",
                            NotificationType.COMMENT, "Nuevo comentario",
                            NotificationType.MENTION, "Te mencionaron",
                            NotificationType.FOLLOW_REQUEST, "Solicitud de seguimiento"),
                    Map.of(
                            NotificationType.NEW_POST, "%s compartió una foto",
                            NotificationType.NEW_FOLLOWER, "%s empezó a seguirte",
                            NotificationType.LIKE, "A %s le gustó tu publicación",
                            NotificationType.COMMENT, "%s comentó tu publicación",
                            NotificationType.MENTION, "%s te mencionó",
                            NotificationType.FOLLOW_REQUEST, "%s quiere seguirte"),
                    "Alguien",
                    "%s y %s",
                    "%s, %s y %d más",
                    "%s, %s y 1 más"));

    private Texts() {}

    /** The push's title. */
    public static String title(NotificationType type, String language) {
        return catalog(language).titles().get(type);
    }

    /** The push's body: the actor's deed, then the excerpt of the caption or comment if there is one. */
    public static String body(NotificationType type, String language, String actorName, String snippet) {
        Catalog catalog = catalog(language);
        String deed = catalog.deeds().get(type).formatted(actorName == null ? catalog.someone() : actorName);
        return snippet == null || snippet.isBlank() ? deed : deed + ": " + snippet;
    }

    /** The inbox line of a group: "alice, bob and 3 others liked your post". */
    public static String grouped(NotificationType type, String language, List<String> actorNames, long actorCount) {
        Catalog catalog = catalog(language);
        List<String> names = actorNames.isEmpty() ? List.of(catalog.someone()) : actorNames;
        String who;
        if (actorCount <= 1 || names.size() == 1) {
            who = names.get(0);
        } else if (actorCount == 2) {
            who = catalog.two().formatted(names.get(0), names.get(1));
        } else if (actorCount == 3) {
            who = catalog.oneMore().formatted(names.get(0), names.get(1));
        } else {
            who = catalog.many().formatted(names.get(0), names.get(1), actorCount - 2);
        }
        return catalog.deeds().get(type).formatted(who);
    }

    /**
     * The text cut to {@link #SNIPPET_CODE_POINTS} code points, never in the middle of a surrogate pair, with an
     * ellipsis when something was cut; null stays null.
     */
    public static String snippet(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= SNIPPET_CODE_POINTS) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, SNIPPET_CODE_POINTS)) + "…";
    }

    private static Catalog catalog(String language) {
        if (language == null) {
            return CATALOGS.get("en");
        }
        String primary = language.toLowerCase(Locale.ROOT).split("-", 2)[0];
        return CATALOGS.getOrDefault(primary, CATALOGS.get("en"));
    }

    private record Catalog(
            Map<NotificationType, String> titles,
            Map<NotificationType, String> deeds,
            String someone,
            String two,
            String many,
            String oneMore) {}
}
