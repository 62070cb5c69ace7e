package io.tickstream.jobs.testing;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Test sink collecting into a JVM-wide list by name (the MiniCluster runs in the test JVM). Creating one
 * with a name starts that list afresh.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, List<Object>> LISTS = new ConcurrentHashMap<>();
  private final String name;

  public CollectingSink(String name) {
    this.name = name;
    LISTS.put(name, new CopyOnWriteArrayList<>());
  }

  @SuppressWarnings("unchecked")
  public List<T> items() {
    return (List<T>) (List<?>) LISTS.get(name);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> list = LISTS.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        list.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
