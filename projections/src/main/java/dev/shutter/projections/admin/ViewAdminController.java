package dev.shutter.projections.admin;

import dev.shutter.projections.view.ViewState;
import dev.shutter.projections.view.ViewStates;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/views")
class ViewAdminController {

    private static final Logger log = LoggerFactory.getLogger(ViewAdminController.class);

    private final ViewStates states;
    private final ViewRebuilder rebuilder;
    private final EventStore eventStore;

    ViewAdminController(ViewStates states, ViewRebuilder rebuilder, EventStore eventStore) {
        this.states = states;
        this.rebuilder = rebuilder;
        this.eventStore = eventStore;
    }

    @GetMapping
    List<ViewStatus> views() {
        Long head = head();
        return states.projections().stream()
                .map(projection -> ViewStatus.of(states.read(projection.view()), head))
                .toList();
    }

    @PostMapping("/{view}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStarted rebuild(@PathVariable String view) {
        return new RebuildStarted(view, rebuilder.start(view), ViewState.REBUILDING);
    }

    private Long head() {
        try {
            return eventStore.head();
        } catch (DataAccessException e) {
            log.warn("Cannot read the event store head; reporting views without their lag", e);
            return null;
        }
    }

    /** @param behind events the view has yet to see, null when the event store cannot be read */
    record ViewStatus(String name, int generation, String state, long eventsApplied, Long behind) {

        static ViewStatus of(ViewState state, Long head) {
            Long behind = head != null ? Math.max(0, head - state.lastGlobalIndex()) : null;
            return new ViewStatus(state.name(), state.generation(), state.state(), state.eventsApplied(), behind);
        }
    }

    record RebuildStarted(String name, int generation, String state) {}
}
