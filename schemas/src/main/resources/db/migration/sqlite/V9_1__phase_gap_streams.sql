-- Phase gap / curated streams (issue 9, docs/PHASE_GAP.md). Additive only.
-- How a stream relates to UTC at leap seconds (none | x-minus-utc | utc-minus-x), its phase
-- conversion (era | rad | period:<s>), and where the series comes from (file formats, or
-- tickstream's own tables: clock_offset, mesh_consensus) with the selection as JSON.
ALTER TABLE timeseries_stream ADD COLUMN leap_handling TEXT NOT NULL DEFAULT 'none'
  CONSTRAINT timeseries_stream_leap_handling_valid CHECK (leap_handling IN ('none', 'x-minus-utc', 'utc-minus-x'));
ALTER TABLE timeseries_stream ADD COLUMN phase_conversion TEXT;
ALTER TABLE timeseries_stream ADD COLUMN origin TEXT NOT NULL DEFAULT 'file';
ALTER TABLE timeseries_stream ADD COLUMN origin_params TEXT
  CONSTRAINT timeseries_stream_origin_params_json CHECK (json_valid(origin_params));

-- Every phase-gap fit, per stream and method version side by side (phase_gap_history keeps the
-- seed's one-row-per-as_of series that feeds the ETA).
CREATE TABLE phase_gap_fit(
  id INTEGER PRIMARY KEY,
  stream_key TEXT NOT NULL, method_version TEXT NOT NULL, as_of_utc TEXT NOT NULL,
  window_start_utc TEXT NOT NULL, n_points INTEGER NOT NULL,
  phase_gap_rad REAL NOT NULL, slope_rad_per_day REAL NOT NULL,
  slope_low_rad_per_day REAL NOT NULL, slope_high_rad_per_day REAL NOT NULL, confidence REAL NOT NULL,
  wls_slope_rad_per_day REAL, wls_slope_stderr_rad_per_day REAL, wls_chi2_per_dof REAL,
  leap_seconds_removed INTEGER NOT NULL DEFAULT 0,
  params TEXT NOT NULL, ingest_run_id INTEGER REFERENCES ingest_run(id),
  CONSTRAINT phase_gap_fit_natural_key UNIQUE(stream_key, method_version, as_of_utc),
  CONSTRAINT phase_gap_fit_as_of_utc_iso CHECK (as_of_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT phase_gap_fit_window_start_utc_iso CHECK (window_start_utc GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT phase_gap_fit_params_json CHECK (json_valid(params))
);
CREATE INDEX phase_gap_fit_as_of_idx ON phase_gap_fit(as_of_utc);
