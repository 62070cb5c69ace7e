package io.tickstream.connectors.mesh;

import io.tickstream.core.mesh.MeshProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Cluster mode: publishes probes to Kafka ({@link ProbeCodec}), waiting for the broker's ack. */
public final class KafkaProbeRouter implements ProbeRouter {
  public static final String TOPIC = "ntp-probes";

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public KafkaProbeRouter(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public String destination() {
    return "kafka:" + topic;
  }

  @Override
  public void deliver(List<MeshProbe> probes, String method, String agentVersion) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(probes.size());
    long received = io.tickstream.connectors.ntp.NtpTime.nowNs();
    for (MeshProbe p : probes) {
      acks.add(producer.send(new ProducerRecord<>(topic, p.clientId(), ProbeCodec.encode(p, method, received, agentVersion))));
    }
    for (Future<RecordMetadata> f : acks) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
