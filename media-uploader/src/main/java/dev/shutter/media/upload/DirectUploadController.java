package dev.shutter.media.upload;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Direct uploads: the app PUTs the file to the object store itself, then asks for it to be processed. */
@RestController
@RequestMapping("/api/media/uploads")
class DirectUploadController {

    private final DirectUploads uploads;
    private final String baseUrl;

    DirectUploadController(DirectUploads uploads, MediaProperties properties) {
        this.uploads = uploads;
        this.baseUrl = properties.baseUrl();
    }

    /** {@code size}, in bytes, is optional; when given, the store accepts only a file of exactly that size. */
    record StartRequest(Long size) {}

    record StartResponse(
            String id, String uploadUrl, String method, Instant expiresAt, long maxSize, String completeUrl) {}

    @PostMapping
    ResponseEntity<StartResponse> start(
            @AuthenticationPrincipal Jwt token, @RequestBody(required = false) StartRequest request) {
        Long size = request == null ? null : request.size();
        if (size != null && size <= 0) {
            throw new InvalidUploadSizeException();
        }
        DirectUploads.Started started = uploads.start(token.getSubject(), size);
        String id = started.upload().id();
        String path = "/api/media/uploads/" + id;
        return ResponseEntity.created(URI.create(path))
                .body(new StartResponse(
                        id,
                        started.url().toString(),
                        "PUT",
                        started.upload().expiresAt(),
                        started.maxSize(),
                        baseUrl + path + "/complete"));
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<MediaResponse> complete(@AuthenticationPrincipal Jwt token, @PathVariable String id)
            throws IOException, InterruptedException {
        DirectUploads.Completed completed = uploads.complete(token.getSubject(), id);
        MediaResponse body = MediaResponse.of(completed.media(), baseUrl);
        return completed.created()
                ? ResponseEntity.created(URI.create("/api/media/" + body.id())).body(body)
                : ResponseEntity.status(HttpStatus.OK).body(body);
    }
}
