package dev.shutter.events.personal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of an event that holds personal data of the event's {@link DataSubject}. The event store keeps it encrypted
 * with that user's own key; when the user deletes their account the key is destroyed, and from then on the field reads
 * as {@code null} everywhere the event is read, replays included.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {}
