package dev.shutter.push.fcm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param sentLogTtl how long a sent push is remembered to suppress duplicates */
@ConfigurationProperties("shutter.push")
record SentLogProperties(@DefaultValue("7d") Duration sentLogTtl) {}
