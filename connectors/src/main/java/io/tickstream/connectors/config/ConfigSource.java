package io.tickstream.connectors.config;

/** Where an effective setting came from, in order of precedence (highest first). */
public enum ConfigSource {
  FLAG, ENV, APP_CONFIG, DEFAULT
}
