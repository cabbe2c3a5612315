package dev.shutter.devstack;

import java.net.URI;

/**
 * The routing table of the one base URL, the same as deploy/nginx/nginx.conf: media to media-uploader, notifications and
 * their settings to push-dispatcher, admin calls to projections (push's own under {@code /api/admin/push/}), reads to
 * query-side, every other write to command-side. The export of one's data is a read the command side answers from the
 * event store.
 */
record Routes(URI commandSide, URI querySide, URI projections, URI mediaUploader, URI pushDispatcher, URI fakeFcm) {

    /** The URI to forward to, or null when no service serves the path. */
    URI target(String method, URI request) {
        String path = request.getRawPath();
        String query = request.getRawQuery() == null ? "" : "?" + request.getRawQuery();
        if (path.equals("/dev/fcm/messages")) {
            return fakeFcm.resolve("/messages" + query);
        }
        URI service = service(method, path);
        return service == null ? null : service.resolve(path + query);
    }

    private URI service(String method, String path) {
        if (path.equals("/.well-known/jwks.json") || path.equals("/api/users/me/export")) {
            return commandSide;
        }
        if (path.equals("/api/media") || path.startsWith("/api/media/")) {
            return mediaUploader;
        }
        if (path.equals("/api/notifications")
                || path.startsWith("/api/notifications/")
                || path.equals("/api/users/me/notification-settings")
                || path.startsWith("/api/admin/push/")) {
            return pushDispatcher;
        }
        if (path.startsWith("/api/admin/")) {
            return projections;
        }
        if (path.startsWith("/api/")) {
            boolean read = method.equals("GET") || method.equals("HEAD");
            return read ? querySide : commandSide;
        }
        return null;
    }
}
