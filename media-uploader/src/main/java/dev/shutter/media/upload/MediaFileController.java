package dev.shutter.media.upload;

import dev.shutter.media.storage.ObjectStore;
import dev.shutter.media.storage.StoredObject;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the image bytes. Objects never change once written, so clients and proxies may keep
 * them for good.
 */
@RestController
class MediaFileController {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final MediaCatalog catalog;
    private final ObjectStore store;

    MediaFileController(MediaCatalog catalog, ObjectStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GetMapping("/api/media/{id}/{variant}")
    ResponseEntity<InputStreamResource> file(@PathVariable String id, @PathVariable String variant) {
        Variant wanted = Variant.fromPathName(variant).orElseThrow(MediaNotFoundException::new);
        MediaDocument media = catalog.find(id).filter(MediaDocument::ready).orElseThrow(MediaNotFoundException::new);
        StoredObject object = store.open(media.objectKeys().of(wanted)).orElseThrow(MediaNotFoundException::new);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .contentType(
                        object.contentType() == null
                                ? MediaType.APPLICATION_OCTET_STREAM
                                : MediaType.parseMediaType(object.contentType()));
        if (object.contentLength() != null) {
            response.contentLength(object.contentLength());
        }
        return response.body(new InputStreamResource(object.content()));
    }
}
