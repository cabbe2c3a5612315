package dev.shutter.query.web;

import com.mongodb.MongoException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure into an RFC 9457 problem with a stable {@code code}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", ex.getMessage());
    }

    @ExceptionHandler(PrivateAccountException.class)
    ResponseEntity<Object> privateAccount(PrivateAccountException ex) {
        return problem(HttpStatus.FORBIDDEN, "PRIVATE_ACCOUNT", ex.getMessage());
    }

    @ExceptionHandler(InvalidCursorException.class)
    ResponseEntity<Object> invalidCursor(InvalidCursorException ex) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_CURSOR", ex.getMessage());
    }

    @ExceptionHandler(ValidationFailedException.class)
    ResponseEntity<Object> validationFailed(ValidationFailedException ex) {
        return validationProblem(ex.field(), ex.getMessage());
    }

    /** The read models cannot be reached right now: worth retrying, unlike a failure of this service. */
    @ExceptionHandler(MongoException.class)
    ResponseEntity<Object> readModelsUnavailable(MongoException ex) {
        log.warn("The read models could not be read: {}", ex.getMessage());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "The read models are unavailable; try again");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("Unexpected failure while answering a query", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "The request could not be answered");
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return validationProblem(ex.getParameterName(), "is required");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationProblem(ex.getPropertyName(), "has the wrong format");
    }

    /** The standard Spring MVC failures (404 of unknown paths, 405, 406, ...) keep their status and get a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail
                : ProblemDetail.forStatusAndDetail(statusCode, "The request could not be processed");
        problem.setProperty("code", codeFor(ex, statusCode));
        return ResponseEntity.status(statusCode).headers(headers).body(problem);
    }

    private static String codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException) {
            return "MALFORMED_REQUEST";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return "HTTP_" + status.value();
        }
        return switch (known) {
            case BAD_REQUEST -> "VALIDATION_FAILED";
            case NOT_FOUND -> "NOT_FOUND";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_ERROR";
            default -> known.name();
        };
    }

    private static ResponseEntity<Object> validationProblem(String field, String message) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Parameter " + field + " " + message);
        problem.setTitle("Validation failed");
        problem.setProperty("code", "VALIDATION_FAILED");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
