package dev.shutter.push.user;

/** A registration token that receives pushes for a user. */
public record Device(String token, String userId, String platform) {}
