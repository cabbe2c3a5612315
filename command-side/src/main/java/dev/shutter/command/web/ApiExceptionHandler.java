package dev.shutter.command.web;

import dev.shutter.command.DomainErrorDetails;
import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure of a request into an RFC 9457 answer with a stable {@code code}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> onDomainException(DomainException e) {
        return answer(e.code(), e.getMessage());
    }

    /**
     * A handler's rejection arrives as-is on the local command bus and wrapped, with its code in
     * the details, on a bus that crosses process boundaries (or through our own interceptor).
     */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> onCommandExecutionException(CommandExecutionException e) {
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof DomainErrorDetails rejection) {
            return answer(rejection.code(), rejection.message());
        }
        if (e.getCause() instanceof DomainException domain) {
            return onDomainException(domain);
        }
        if (e.getCause() instanceof AggregateNotFoundException notFound) {
            return onAggregateNotFound(notFound);
        }
        if (e.getCause() instanceof IncompatibleAggregateException otherKind) {
            return onIdOfAnotherKind(otherKind);
        }
        if (e.getCause() instanceof ConcurrencyException || e.getCause() instanceof AggregateStreamCreationException) {
            return onConcurrentChange(e);
        }
        return onUnexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> onAggregateNotFound(AggregateNotFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "There is nothing with the id " + e.getAggregateIdentifier() + ".");
    }

    /** The id names an aggregate of another kind, e.g. a user's id used as a post id. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> onIdOfAnotherKind(IncompatibleAggregateException e) {
        return answer(ErrorCode.NOT_FOUND, "There is nothing of this kind with that id.");
    }

    /** Two commands changed (or created) the same aggregate at the same moment; the loser may retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> onConcurrentChange(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(
                        HttpStatus.CONFLICT, "CONFLICT", "Somebody changed the same thing at the same time; retry."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The value of '" + e.getName() + "' is invalid."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong on our side."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .toList();
        List<Map<String, String>> global = e.getBindingResult().getGlobalErrors().stream()
                .map(error ->
                        Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return validationFailed(concat(errors, global));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "MALFORMED_REQUEST",
                        "The request body is not valid JSON of the expected shape."));
    }

    /** Every other exception Spring MVC knows (405, 415, 404 for unknown paths, ...) gets a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            problem.setProperty("code", Problems.defaultCode(status));
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> answer(ErrorCode code, String detail) {
        HttpStatus status = code.status();
        return ResponseEntity.status(status).body(Problems.of(status, code.name(), detail));
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static ResponseEntity<Object> validationFailed(List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is invalid.");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
