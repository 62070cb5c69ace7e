-- Per-node ingest tokens for POST /api/mesh_ingest (issue 8). Only the SHA-256 of a token is
-- stored; the token itself is shown once by `tickstream mesh add-node`.
CREATE TABLE mesh_node_token(
  id INTEGER PRIMARY KEY,
  node_id INTEGER NOT NULL REFERENCES mesh_node(id),
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  revoked_at TEXT,
  CONSTRAINT mesh_node_token_created_at_iso CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT mesh_node_token_revoked_at_iso CHECK (revoked_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE INDEX mesh_node_token_node_idx ON mesh_node_token(node_id);
CREATE INDEX ntp_probe_t_utc_idx ON ntp_probe(t_utc);
