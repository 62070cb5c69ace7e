package io.tickstream.jobs.mesh;

import io.tickstream.connectors.mesh.ProbeCodec;
import io.tickstream.core.mesh.AcceptanceThresholds;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Applies {@link AcceptanceThresholds} (from {@link ThresholdSpec}) to each probe; counts rejects. */
final class AcceptProbes extends RichMapFunction<ProbeCodec.Envelope, ProbeVerdict> {
  private static final long serialVersionUID = 1L;
  private final ThresholdSpec spec;
  private transient ThresholdSpec.Opened opened;
  private transient Counter accepted;
  private transient Counter rejected;

  AcceptProbes(ThresholdSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OpenContext ctx) {
    opened = spec.open();
    accepted = getRuntimeContext().getMetricGroup().counter("meshProbesAccepted");
    rejected = getRuntimeContext().getMetricGroup().counter("meshProbesRejected");
  }

  @Override
  public ProbeVerdict map(ProbeCodec.Envelope e) {
    AcceptanceThresholds.Decision d = opened.cache().get().evaluate(e.probe());
    (d.accepted() ? accepted : rejected).inc();
    return new ProbeVerdict(e.probe(), e.raw(), d.accepted(), d.rejectReason());
  }

  @Override
  public void close() {
    if (opened != null && opened.db() != null) {
      opened.db().close();
    }
  }
}
