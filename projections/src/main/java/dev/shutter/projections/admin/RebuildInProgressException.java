package dev.shutter.projections.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class RebuildInProgressException extends ErrorResponseException {

    RebuildInProgressException(String runningView) {
        super(HttpStatus.CONFLICT, problem(runningView), null);
    }

    private static ProblemDetail problem(String runningView) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The view " + runningView + " is being rebuilt; one rebuild runs at a time");
        problem.setTitle("Rebuild in progress");
        problem.setProperty("code", "REBUILD_IN_PROGRESS");
        return problem;
    }
}
