package dev.shutter.push.rebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A rebuild of the read model runs already; one runs at a time. */
class RebuildInProgressException extends ErrorResponseException {

    RebuildInProgressException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The read model is being rebuilt; one rebuild runs at a time.");
        problem.setTitle("Rebuild in progress");
        problem.setProperty("code", "REBUILD_IN_PROGRESS");
        return problem;
    }
}
