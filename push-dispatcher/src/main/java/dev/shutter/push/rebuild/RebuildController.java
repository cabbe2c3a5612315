package dev.shutter.push.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** For operators (admin scope): rebuild the read model from the event store, and follow how far it is. */
@RestController
@RequestMapping("/api/admin/push/rebuild")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReadModelRebuild.Status start() {
        rebuild.start();
        return rebuild.status();
    }

    @GetMapping
    ReadModelRebuild.Status status() {
        return rebuild.status();
    }
}
