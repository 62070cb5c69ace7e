package io.tickstream.core.hf.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A recording read fully into memory: WAV (RIFF; PCM int16 or IEEE float32; mono = AM audio, stereo
 * = I/Q) or headerless raw complex IQ ({@code .cf32} little-endian float32 pairs, {@code .cs16}
 * little-endian int16 pairs, which need the sample rate given). int16 values are scaled to ±1.
 *
 * @param samples interleaved {@code I,Q} when {@code complex}, else one value per sample
 */
public record SampleFile(Path path, int sampleRateHz, boolean complex, float[] samples) {

  public int numSamples() {
    return complex ? samples.length / 2 : samples.length;
  }

  /**
   * Reads {@code path}; {@code rateHz} is required for raw files and, if given for a WAV, must match
   * its header.
   */
  public static SampleFile read(Path path, Integer rateHz) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IOException("no such file: " + path);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] b = Files.readAllBytes(path);
    if (name.endsWith(".cf32") || name.endsWith(".cs16")) {
      if (rateHz == null) {
        throw new IOException("raw IQ file " + path + " needs --rate");
      }
      boolean f32 = name.endsWith(".cf32");
      int bytesPerPair = f32 ? 8 : 4;
      if (b.length % bytesPerPair != 0) {
        throw new IOException(path + ": length " + b.length + " is not a whole number of " + (f32 ? "cf32" : "cs16")
            + " samples");
      }
      return new SampleFile(path, rateHz, true, decode(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), b.length,
          f32 ? 3 : 1, path));
    }
    return readWav(path, b, rateHz);
  }

  private static SampleFile readWav(Path path, byte[] b, Integer rateHz) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b.length < 12 || bb.getInt(0) != 0x46464952 || bb.getInt(8) != 0x45564157) {
      throw new IOException(path + ": not a RIFF/WAVE file (use .cf32/.cs16 for raw IQ)");
    }
    int pos = 12;
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= b.length) {
      int id = bb.getInt(pos);
      int size = bb.getInt(pos + 4);
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        format = bb.getShort(body) & 0xffff;
        channels = bb.getShort(body + 2);
        rate = bb.getInt(body + 4);
        bits = bb.getShort(body + 14);
        if (format == 0xFFFE && size >= 40) {
          format = bb.getShort(body + 24) & 0xffff; // WAVE_FORMAT_EXTENSIBLE sub-format
        }
      } else if (id == 0x61746164) { // "data"
        if (format < 0) {
          throw new IOException(path + ": data chunk before fmt chunk");
        }
        if (channels != 1 && channels != 2) {
          throw new IOException(path + ": " + channels + " channels; expected 1 (AM audio) or 2 (I/Q)");
        }
        if (rateHz != null && rateHz != rate) {
          throw new IOException(path + ": header says " + rate + " Hz but --rate " + rateHz + " was given");
        }
        int kind;
        if (format == 1 && bits == 16) {
          kind = 1;
        } else if (format == 3 && bits == 32) {
          kind = 3;
        } else {
          throw new IOException(path + ": unsupported WAV encoding (format " + format + ", " + bits
              + " bits); need PCM int16 or IEEE float32");
        }
        int len = Math.min(size, b.length - body);
        bb.position(body);
        ByteBuffer data = bb.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new SampleFile(path, rate, channels == 2, decode(data, len, kind, path));
      }
      pos = body + size + (size & 1);
    }
    throw new IOException(path + ": no data chunk");
  }

  private static float[] decode(ByteBuffer bb, int len, int kind, Path path) {
    if (kind == 3) {
      float[] f = new float[len / 4];
      for (int i = 0; i < f.length; i++) {
        f[i] = bb.getFloat(4 * i);
      }
      return f;
    }
    float[] f = new float[len / 2];
    for (int i = 0; i < f.length; i++) {
      f[i] = bb.getShort(2 * i) / 32768f;
    }
    return f;
  }
}
