-- HF path tables (PostgreSQL): clock-offset series, per-minute discrimination evidence,
-- Digital RF archive catalogue. Every derived row names its version and ingest run; natural keys
-- make every sink an idempotent upsert (INSERT ... ON CONFLICT (natural key) DO UPDATE).

-- D_clock series: one row per receiver/channel/version/minute with every column of the seed 003
-- clock_offset_series.csv (../shared/docs/DOMAIN.md §1.8). clock_offset_ms = D_clock = t_system - t_UTC
-- (API name d_clock_ms). The CSV's float epoch seconds are stored as TIMESTAMPTZ (µs).
CREATE TABLE clock_offset(
  id BIGSERIAL PRIMARY KEY,
  receiver TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL, minute_utc TIMESTAMPTZ NOT NULL,
  system_time TIMESTAMPTZ NOT NULL, utc_time TIMESTAMPTZ, minute_boundary_utc TIMESTAMPTZ,
  clock_offset_ms DOUBLE PRECISION, station TEXT, frequency_mhz DOUBLE PRECISION,
  propagation_delay_ms DOUBLE PRECISION, propagation_mode TEXT, n_hops INT,
  confidence DOUBLE PRECISION, uncertainty_ms DOUBLE PRECISION, quality_grade TEXT NOT NULL,
  snr_db DOUBLE PRECISION, delay_spread_ms DOUBLE PRECISION, doppler_std_hz DOUBLE PRECISION,
  fss_db DOUBLE PRECISION, wwv_power_db DOUBLE PRECISION, wwvh_power_db DOUBLE PRECISION,
  discrimination_confidence DOUBLE PRECISION,
  utc_verified BOOLEAN NOT NULL DEFAULT FALSE, multi_station_verified BOOLEAN NOT NULL DEFAULT FALSE,
  rtp_timestamp BIGINT, processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ingest_run_id BIGINT REFERENCES ingest_run(id),
  CONSTRAINT clock_offset_natural_key UNIQUE(receiver, channel, version, minute_utc),
  CONSTRAINT clock_offset_quality_grade_valid CHECK (quality_grade IN ('A', 'B', 'C', 'D', 'X')),
  CONSTRAINT clock_offset_ms_not_nan CHECK (clock_offset_ms <> 'NaN'::double precision)
);
CREATE INDEX clock_offset_minute_idx ON clock_offset(minute_utc);
CREATE INDEX clock_offset_run_idx ON clock_offset(ingest_run_id);

-- Per-minute station discrimination evidence (DOMAIN.md §1.5, §1.8): key scores as columns for
-- queries, the complete evidence (all detectors, per-method CSV fields) as JSON.
CREATE TABLE hf_minute_evidence(
  id BIGSERIAL PRIMARY KEY,
  receiver TEXT NOT NULL, channel TEXT NOT NULL, version TEXT NOT NULL, minute_utc TIMESTAMPTZ NOT NULL,
  dominant_station TEXT, discrimination_method TEXT, discrimination_confidence DOUBLE PRECISION,
  wwv_score DOUBLE PRECISION, wwvh_score DOUBLE PRECISION, chu_score DOUBLE PRECISION,
  wwv_tone_power_db DOUBLE PRECISION, wwvh_tone_power_db DOUBLE PRECISION,
  ground_truth_station TEXT, tone_440_station TEXT,
  bcd_wwv_amplitude DOUBLE PRECISION, bcd_wwvh_amplitude DOUBLE PRECISION,
  bcd_differential_delay_ms DOUBLE PRECISION, bcd_correlation_quality DOUBLE PRECISION,
  test_signal_detected BOOLEAN, test_signal_station TEXT, test_signal_confidence DOUBLE PRECISION,
  evidence JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ingest_run_id BIGINT REFERENCES ingest_run(id),
  CONSTRAINT hf_minute_evidence_natural_key UNIQUE(receiver, channel, version, minute_utc)
);
CREATE INDEX hf_minute_evidence_minute_idx ON hf_minute_evidence(minute_utc);

-- Digital RF archive catalogue: one row per rf@<ts>.h5 file of the immutable Phase 1 archive.
-- Sample indices are global (index = t * rate, rate = numerator/denominator Hz), inclusive.
CREATE TABLE drf_archive_file(
  id BIGSERIAL PRIMARY KEY,
  receiver TEXT, channel TEXT NOT NULL, path TEXT NOT NULL,
  first_sample_index BIGINT NOT NULL, last_sample_index BIGINT NOT NULL, sample_count BIGINT NOT NULL,
  sample_rate_numerator BIGINT, sample_rate_denominator BIGINT,
  size_bytes BIGINT, sha256 TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ingest_run_id BIGINT REFERENCES ingest_run(id),
  CONSTRAINT drf_archive_file_path_key UNIQUE(path),
  CONSTRAINT drf_archive_file_status_valid CHECK (status IN ('open', 'complete', 'verified', 'corrupt', 'missing')),
  CONSTRAINT drf_archive_file_index_order CHECK (last_sample_index >= first_sample_index),
  CONSTRAINT drf_archive_file_sample_count CHECK (sample_count >= 0 AND sample_count <= last_sample_index - first_sample_index + 1),
  CONSTRAINT drf_archive_file_sha256_hex CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX drf_archive_file_channel_idx ON drf_archive_file(channel, first_sample_index);
