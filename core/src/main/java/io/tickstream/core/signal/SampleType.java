package io.tickstream.core.signal;

/** Storage type of one sample component as received/archived. */
public enum SampleType {
  /** 16-bit signed integer (radiod S16BE/S16LE, Digital RF int16, "sc16" when complex). */
  INT16,
  /** 32-bit IEEE float (radiod F32LE, Digital RF float32, "cf32" when complex). */
  FLOAT32
}
