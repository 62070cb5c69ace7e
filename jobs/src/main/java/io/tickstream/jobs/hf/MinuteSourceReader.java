package io.tickstream.jobs.hf;

import io.tickstream.connectors.source.SequentialSplitReader;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;

/** Reader of {@link ArchiveMinuteSource}: its splits one after the other, one minute per {@link #pollNext} call. */
final class MinuteSourceReader extends SequentialSplitReader<AssembledMinute, ArchiveMinuteSource.MinuteSplit> {
  private final HfJobConfig config;
  private final Map<String, ArchiveMinuteReader> readers = new HashMap<>();

  MinuteSourceReader(SourceReaderContext ctx, HfJobConfig config) {
    super(ctx);
    this.config = config;
  }

  /** Emits minute {@code s.next()} if it has samples (with its window end as timestamp). */
  @Override
  protected ArchiveMinuteSource.MinuteSplit readNext(ArchiveMinuteSource.MinuteSplit s, ReaderOutput<AssembledMinute> out) {
    long m = s.next();
    ArchiveMinuteReader r = readers.computeIfAbsent(s.channel().name(), k -> ArchiveMinuteReader.open(s.channel(), config));
    AssembledMinute minute = m < s.end() ? r.minute(m) : null;
    if (minute != null) {
      out.collect(minute, r.windowEndMs(m));
    }
    return m + 1 < s.end() ? s.advanced() : null;
  }

  @Override
  protected void closeResources() {
    readers.values().forEach(ArchiveMinuteReader::close);
    readers.clear();
  }
}
