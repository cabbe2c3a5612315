package dev.shutter.media.upload;

import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/media")
class MediaController {

    private final MediaUploads uploads;
    private final String baseUrl;

    MediaController(MediaUploads uploads, MediaProperties properties) {
        this.uploads = uploads;
        this.baseUrl = properties.baseUrl();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<MediaResponse> upload(@AuthenticationPrincipal Jwt token, @RequestPart("file") MultipartFile file)
            throws IOException, InterruptedException {
        MediaDocument media = uploads.upload(token.getSubject(), file);
        return ResponseEntity.created(URI.create("/api/media/" + media.id())).body(MediaResponse.of(media, baseUrl));
    }

    @GetMapping("/{id}")
    MediaResponse media(@PathVariable String id) {
        return uploads.find(id).map(media -> MediaResponse.of(media, baseUrl)).orElseThrow(MediaNotFoundException::new);
    }
}
