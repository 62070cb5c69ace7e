-- tickstream core schema (SQLite). Same tables, columns, keys, indexes and view names as
-- ../shared/docs/SCHEMA_SEED.sql; types mapped as documented in docs/STORAGE.md:
--   SERIAL/BIGSERIAL PRIMARY KEY -> INTEGER PRIMARY KEY (rowid), INT/BIGINT -> INTEGER,
--   DOUBLE PRECISION -> REAL, BOOLEAN -> INTEGER 0/1, JSONB -> TEXT (json_valid),
--   TIMESTAMPTZ -> TEXT 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (UTC, always 6 fraction digits so text order
--   is time order), DATE -> TEXT 'YYYY-MM-DD', now() -> strftime(...).
-- SQLite stores a bound NaN as NULL, so CHECK(value=value) cannot see it: the triggers
-- observation_value_not_nan_* reject it with a clear message instead.

-- core registries
CREATE TABLE source_registry(
  id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
  base_url TEXT, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  CONSTRAINT source_registry_active_bool CHECK (active IN (0, 1)),
  CONSTRAINT source_registry_created_at_iso CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE TABLE ingest_run(
  id INTEGER PRIMARY KEY, source_id INTEGER REFERENCES source_registry(id),
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'), finished_at TEXT,
  git_commit TEXT, params TEXT, status TEXT NOT NULL DEFAULT 'running', msg TEXT,
  job_name TEXT, input_range TEXT,
  CONSTRAINT ingest_run_status_valid CHECK (status IN ('running', 'ok', 'failed')),
  CONSTRAINT ingest_run_started_at_iso CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT ingest_run_finished_at_iso CHECK (finished_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT ingest_run_params_json CHECK (json_valid(params)),
  CONSTRAINT ingest_run_input_range_json CHECK (json_valid(input_range))
);

-- streams + observations
CREATE TABLE timeseries_stream(
  id INTEGER PRIMARY KEY, source_id INTEGER REFERENCES source_registry(id),
  stream_key TEXT NOT NULL, unit TEXT NOT NULL, cadence_sec INTEGER,
  description TEXT, version INTEGER NOT NULL DEFAULT 1, schema_hash TEXT,
  UNIQUE(source_id, stream_key)
);
CREATE TABLE observation(
  id INTEGER PRIMARY KEY, stream_id INTEGER REFERENCES timeseries_stream(id),
  t_utc TEXT NOT NULL, value REAL NOT NULL,
  uncertainty REAL, quality_flags INTEGER NOT NULL DEFAULT 0,
  raw TEXT, ingest_run_id INTEGER REFERENCES ingest_run(id),
  CHECK(value=value), UNIQUE(stream_id, t_utc),
  CONSTRAINT observation_t_utc_iso CHECK (t_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT observation_raw_json CHECK (json_valid(raw))
);
CREATE INDEX obs_stream_time_idx ON observation(stream_id, t_utc);
CREATE TRIGGER observation_value_not_nan_insert BEFORE INSERT ON observation
WHEN NEW.value IS NULL
BEGIN
  SELECT RAISE(ABORT, 'observation.value is NaN or NULL: violates CHECK(value=value) (SQLite stores NaN as NULL)');
END;
CREATE TRIGGER observation_value_not_nan_update BEFORE UPDATE OF value ON observation
WHEN NEW.value IS NULL
BEGIN
  SELECT RAISE(ABORT, 'observation.value is NaN or NULL: violates CHECK(value=value) (SQLite stores NaN as NULL)');
END;

-- phase gap (authoritative for ETA)
CREATE TABLE phase_gap_history(
  id INTEGER PRIMARY KEY, as_of_utc TEXT NOT NULL,
  phase_gap_rad REAL NOT NULL, slope_rad_per_day REAL,
  method_version TEXT NOT NULL, provenance TEXT, UNIQUE(as_of_utc),
  CONSTRAINT phase_gap_history_as_of_utc_iso CHECK (as_of_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT phase_gap_history_provenance_json CHECK (json_valid(provenance))
);

-- forecast (for /api/forecast)
CREATE TABLE forecast_history(
  id INTEGER PRIMARY KEY, as_of_utc TEXT NOT NULL,
  current_value REAL NOT NULL, trend_rate REAL NOT NULL,
  forecast_value REAL, horizon_sec INTEGER, model_meta TEXT,
  UNIQUE(as_of_utc),
  CONSTRAINT forecast_history_as_of_utc_iso CHECK (as_of_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT forecast_history_model_meta_json CHECK (json_valid(model_meta))
);

-- eta outputs (read by /api/eta)
CREATE TABLE eta_estimate(
  id INTEGER PRIMARY KEY, as_of_utc TEXT NOT NULL,
  eta_days REAL NOT NULL, eta_date TEXT NOT NULL,
  method TEXT NOT NULL, band_iqr_days REAL,
  kendall_tau REAL, kendall_pvalue REAL,
  n_points INTEGER, notes TEXT, UNIQUE(as_of_utc, method),
  CONSTRAINT eta_estimate_as_of_utc_iso CHECK (as_of_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT eta_estimate_eta_date_iso CHECK (eta_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);

-- mesh ntp
CREATE TABLE mesh_node(
  id INTEGER PRIMARY KEY, client_id TEXT UNIQUE NOT NULL,
  agent_version TEXT, tz TEXT, geo TEXT, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'), last_seen TEXT,
  CONSTRAINT mesh_node_geo_json CHECK (json_valid(geo)),
  CONSTRAINT mesh_node_created_at_iso CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT mesh_node_last_seen_iso CHECK (last_seen GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE TABLE ntp_probe(
  id INTEGER PRIMARY KEY, node_id INTEGER REFERENCES mesh_node(id),
  server TEXT NOT NULL, t_utc TEXT NOT NULL, samples INTEGER NOT NULL,
  offset_mean_ms REAL NOT NULL, offset_std_ms REAL,
  rtt_mean_ms REAL, accepted INTEGER NOT NULL DEFAULT 1,
  reject_reason TEXT, raw TEXT, UNIQUE(node_id, server, t_utc),
  CONSTRAINT ntp_probe_t_utc_iso CHECK (t_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT ntp_probe_accepted_bool CHECK (accepted IN (0, 1)),
  CONSTRAINT ntp_probe_raw_json CHECK (json_valid(raw))
);

CREATE TABLE mesh_consensus(
  id INTEGER PRIMARY KEY, t_utc TEXT NOT NULL, method TEXT NOT NULL,
  consensus_offset_ms REAL NOT NULL, consensus_std_ms REAL,
  n_nodes INTEGER NOT NULL, n_servers INTEGER NOT NULL, flags INTEGER NOT NULL DEFAULT 0,
  UNIQUE(t_utc, method),
  CONSTRAINT mesh_consensus_t_utc_iso CHECK (t_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);

-- config + audit
CREATE TABLE app_config(
  key TEXT PRIMARY KEY, val TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  CONSTRAINT app_config_val_json CHECK (json_valid(val)),
  CONSTRAINT app_config_updated_at_iso CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY, t_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  actor TEXT NOT NULL, action TEXT NOT NULL, details TEXT,
  CONSTRAINT audit_log_t_utc_iso CHECK (t_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT audit_log_details_json CHECK (json_valid(details))
);

-- convenience views: the latest estimate per method (PostgreSQL uses DISTINCT ON)
CREATE VIEW v_eta_current AS
SELECT method, as_of_utc, eta_days, eta_date, band_iqr_days,
       kendall_tau, kendall_pvalue, n_points
FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY method ORDER BY as_of_utc DESC) AS rn FROM eta_estimate e)
WHERE rn = 1
ORDER BY method;
