package dev.shutter.command.user;

record RegistrationResponse(String id, String username) {}
