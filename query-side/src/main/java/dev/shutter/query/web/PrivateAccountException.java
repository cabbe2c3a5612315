package dev.shutter.query.web;

/** The list belongs to a private account, and the caller is neither its owner nor an approved follower. */
public class PrivateAccountException extends RuntimeException {

    public PrivateAccountException(String ownerId) {
        super("User " + ownerId + " has a private account: only approved followers see its posts and lists");
    }
}
