-- Default thresholds from the user's checklist (seeds/000, step 2). Existing values are kept.
INSERT INTO app_config(key, val) VALUES
  ('mesh.accept.offset_ms', '{"max":100}'),
  ('mesh.accept.rtt_ms', '{"max":300}'),
  ('eta.history.window_days', '{"value":365}'),
  ('eta.method_version', '{"value":"eta-0.3.0"}')
ON CONFLICT (key) DO NOTHING;
