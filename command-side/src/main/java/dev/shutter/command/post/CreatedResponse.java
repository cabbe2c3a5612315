package dev.shutter.command.post;

record CreatedResponse(String id) {}
