package dev.shutter.media.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the periodic sweeps (expired direct uploads). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
