package dev.shutter.push.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The event store cannot be read: no rebuild starts, nothing changes. */
class EventStoreUnavailableException extends ErrorResponseException {

    EventStoreUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Event store unavailable");
        problem.setProperty("code", "EVENT_STORE_UNAVAILABLE");
        return problem;
    }
}
