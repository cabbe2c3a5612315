package dev.shutter.command.privacy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/** {@code {"private": true|false}}; a body without the flag, or with null, is malformed. */
record PrivacyRequest(boolean privateAccount) {

    @JsonCreator
    PrivacyRequest(
            @JsonProperty(value = "private", required = true) @JsonSetter(nulls = Nulls.FAIL) Boolean privateAccount) {
        this(privateAccount.booleanValue());
    }
}
