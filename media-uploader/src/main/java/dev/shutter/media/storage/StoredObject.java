package dev.shutter.media.storage;

import java.io.InputStream;

/** An object being read from the bucket; {@code content} must be closed. */
public record StoredObject(InputStream content, String contentType, Long contentLength) {}
