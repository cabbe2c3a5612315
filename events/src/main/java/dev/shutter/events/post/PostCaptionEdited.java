package dev.shutter.events.post;

import dev.shutter.events.personal.DataSubject;
import dev.shutter.events.personal.PersonalData;

public record PostCaptionEdited(String postId, @DataSubject String authorId, @PersonalData String caption) {}
