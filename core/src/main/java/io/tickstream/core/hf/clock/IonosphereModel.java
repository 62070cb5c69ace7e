package io.tickstream.core.hf.clock;

/** Supplies the ionosphere at a control point and time (parametric model, IRI, ionosonde data). */
@FunctionalInterface
public interface IonosphereModel {
  IonosphereState at(GeoPoint controlPoint, long tUtcNs);
}
