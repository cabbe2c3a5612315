package dev.shutter.command.auth;

/** A new password that passes the request's own checks but not the account's: answered as a validation failure. */
class NewPasswordRejectedException extends RuntimeException {

    NewPasswordRejectedException(String message) {
        super(message);
    }
}
