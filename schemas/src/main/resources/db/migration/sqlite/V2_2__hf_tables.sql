-- HF path tables (SQLite); see the PostgreSQL migration of the same version for the meaning of
-- each table and docs/STORAGE.md for the type mapping.

CREATE TABLE clock_offset(
  id INTEGER PRIMARY KEY,
  receiver TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL, minute_utc TEXT NOT NULL,
  system_time TEXT NOT NULL, utc_time TEXT, minute_boundary_utc TEXT,
  clock_offset_ms REAL, station TEXT, frequency_mhz REAL,
  propagation_delay_ms REAL, propagation_mode TEXT, n_hops INTEGER,
  confidence REAL, uncertainty_ms REAL, quality_grade TEXT NOT NULL,
  snr_db REAL, delay_spread_ms REAL, doppler_std_hz REAL,
  fss_db REAL, wwv_power_db REAL, wwvh_power_db REAL,
  discrimination_confidence REAL,
  utc_verified INTEGER NOT NULL DEFAULT 0, multi_station_verified INTEGER NOT NULL DEFAULT 0,
  rtp_timestamp INTEGER, processed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  ingest_run_id INTEGER REFERENCES ingest_run(id),
  CONSTRAINT clock_offset_natural_key UNIQUE(receiver, channel, version, minute_utc),
  CONSTRAINT clock_offset_quality_grade_valid CHECK (quality_grade IN ('A', 'B', 'C', 'D', 'X')),
  CONSTRAINT clock_offset_minute_utc_iso CHECK (minute_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT clock_offset_system_time_iso CHECK (system_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT clock_offset_utc_time_iso CHECK (utc_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT clock_offset_minute_boundary_utc_iso CHECK (minute_boundary_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT clock_offset_processed_at_iso CHECK (processed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT clock_offset_utc_verified_bool CHECK (utc_verified IN (0, 1)),
  CONSTRAINT clock_offset_multi_station_verified_bool CHECK (multi_station_verified IN (0, 1))
);
CREATE INDEX clock_offset_minute_idx ON clock_offset(minute_utc);
CREATE INDEX clock_offset_run_idx ON clock_offset(ingest_run_id);

CREATE TABLE hf_minute_evidence(
  id INTEGER PRIMARY KEY,
  receiver TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL, minute_utc TEXT NOT NULL,
  dominant_station TEXT, discrimination_method TEXT, discrimination_confidence REAL,
  wwv_score REAL, wwvh_score REAL, chu_score REAL,
  wwv_tone_power_db REAL, wwvh_tone_power_db REAL,
  ground_truth_station TEXT, tone_440_station TEXT,
  bcd_wwv_amplitude REAL, bcd_wwvh_amplitude REAL,
  bcd_differential_delay_ms REAL, bcd_correlation_quality REAL,
  test_signal_detected INTEGER, test_signal_station TEXT, test_signal_confidence REAL,
  evidence TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  ingest_run_id INTEGER REFERENCES ingest_run(id),
  CONSTRAINT hf_minute_evidence_natural_key UNIQUE(receiver, channel, version, minute_utc),
  CONSTRAINT hf_minute_evidence_minute_utc_iso CHECK (minute_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT hf_minute_evidence_created_at_iso CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT hf_minute_evidence_test_signal_detected_bool CHECK (test_signal_detected IN (0, 1)),
  CONSTRAINT hf_minute_evidence_evidence_json CHECK (json_valid(evidence))
);
CREATE INDEX hf_minute_evidence_minute_idx ON hf_minute_evidence(minute_utc);

CREATE TABLE drf_archive_file(
  id INTEGER PRIMARY KEY,
  receiver TEXT, channel TEXT NOT NULL, path TEXT NOT NULL,
  first_sample_index INTEGER NOT NULL, last_sample_index INTEGER NOT NULL, sample_count INTEGER NOT NULL,
  sample_rate_numerator INTEGER, sample_rate_denominator INTEGER,
  size_bytes INTEGER, sha256 TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'), updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  ingest_run_id INTEGER REFERENCES ingest_run(id),
  CONSTRAINT drf_archive_file_path_key UNIQUE(path),
  CONSTRAINT drf_archive_file_status_valid CHECK (status IN ('open', 'complete', 'verified', 'corrupt', 'missing')),
  CONSTRAINT drf_archive_file_index_order CHECK (last_sample_index >= first_sample_index),
  CONSTRAINT drf_archive_file_sample_count CHECK (sample_count >= 0 AND sample_count <= last_sample_index - first_sample_index + 1),
  CONSTRAINT drf_archive_file_sha256_hex CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
  CONSTRAINT drf_archive_file_created_at_iso CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT drf_archive_file_updated_at_iso CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE INDEX drf_archive_file_channel_idx ON drf_archive_file(channel, first_sample_index);
