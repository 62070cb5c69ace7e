package io.tickstream.connectors.kafka;

/**
 * A message a job could not use, kept with why: written to a dead-letter topic with the original value
 * bytes, so nothing is silently dropped and it can be inspected or replayed.
 *
 * @param message the original message (coordinates, key, value)
 * @param reason what was wrong and where (names the record, field, channel or index)
 */
public record DeadLetter(KafkaMessage message, String reason) {}
