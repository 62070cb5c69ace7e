-- Per-node ingest tokens for POST /api/mesh_ingest (issue 8). Only the SHA-256 of a token is
-- stored; the token itself is shown once by `tickstream mesh add-node`.
CREATE TABLE IF NOT EXISTS mesh_node_token(
  id BIGSERIAL PRIMARY KEY,
  node_id BIGINT NOT NULL REFERENCES mesh_node(id),
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS mesh_node_token_node_idx ON mesh_node_token(node_id);
CREATE INDEX IF NOT EXISTS ntp_probe_t_utc_idx ON ntp_probe(t_utc);
