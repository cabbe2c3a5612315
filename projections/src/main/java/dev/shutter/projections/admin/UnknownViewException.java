package dev.shutter.projections.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class UnknownViewException extends ErrorResponseException {

    UnknownViewException(String view) {
        super(HttpStatus.NOT_FOUND, problem(view), null);
    }

    private static ProblemDetail problem(String view) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no view named " + view);
        problem.setTitle("Not Found");
        problem.setProperty("code", "NOT_FOUND");
        return problem;
    }
}
