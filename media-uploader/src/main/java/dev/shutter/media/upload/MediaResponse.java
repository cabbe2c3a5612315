package dev.shutter.media.upload;

/** The answer of {@code POST /api/media} and {@code GET /api/media/{id}}. */
record MediaResponse(String id, String status, int width, int height, Urls urls) {

    record Urls(String original, String large, String small) {}

    static MediaResponse of(MediaDocument media, String baseUrl) {
        String base = baseUrl + "/api/media/" + media.id() + "/";
        return new MediaResponse(
                media.id(),
                media.status(),
                media.width(),
                media.height(),
                new Urls(
                        base + Variant.ORIGINAL.pathName(),
                        base + Variant.LARGE.pathName(),
                        base + Variant.SMALL.pathName()));
    }
}
