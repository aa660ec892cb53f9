-- Schema version 1 of the hub (gates, entries, progress, alerts, dead letters, heartbeats, conditions), as
-- Schema.java created it before migrations were versioned; a SQLite file of PRAGMA user_version 1 is baselined here.
CREATE TABLE entries (
  gate TEXT NOT NULL,
  epoch TEXT NOT NULL,
  seq BIGINT NOT NULL,
  entry_id TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  clock_synced INTEGER NOT NULL,
  credential_kind TEXT,
  credential_hash TEXT,
  credential_masked TEXT,
  body_c DOUBLE PRECISION,
  object_c DOUBLE PRECISION,
  ambient_c DOUBLE PRECISION,
  offset_c DOUBLE PRECISION,
  samples INTEGER,
  decision TEXT NOT NULL,
  threshold_c DOUBLE PRECISION NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (gate, epoch, seq));
CREATE INDEX entries_by_received ON entries (received_at);
CREATE INDEX entries_by_gate_received ON entries (gate, received_at);
CREATE INDEX entries_by_credential ON entries (credential_hash);
CREATE TABLE gate_progress (
  gate TEXT NOT NULL,
  epoch TEXT NOT NULL,
  up_to BIGINT NOT NULL,
  PRIMARY KEY (gate, epoch));
CREATE TABLE gates (
  gate TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  reason TEXT,
  boot TEXT,
  epoch TEXT,
  status_at TEXT,
  last_status_at TEXT,
  last_entry_at TEXT);
CREATE TABLE alerts (
  id BIGINT PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  gate TEXT NOT NULL,
  entry_id TEXT,
  message TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  resolved_at TEXT);
CREATE INDEX alerts_by_raised ON alerts (raised_at);
CREATE INDEX alerts_by_gate_kind ON alerts (gate, kind);
CREATE TABLE dead_letters (
  id BIGINT PRIMARY KEY,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_bytes BIGINT NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE INDEX dead_letters_by_received ON dead_letters (received_at);
CREATE TABLE gate_health (
  gate TEXT PRIMARY KEY,
  received_at TEXT NOT NULL,
  boot TEXT NOT NULL,
  epoch TEXT NOT NULL,
  at TEXT NOT NULL,
  interval_s DOUBLE PRECISION NOT NULL,
  last_seq BIGINT NOT NULL,
  acked_up_to BIGINT NOT NULL,
  backlog BIGINT NOT NULL,
  oldest_unsent_age_s DOUBLE PRECISION,
  unrecorded BIGINT NOT NULL,
  store_bytes BIGINT NOT NULL,
  store_budget_bytes BIGINT NOT NULL,
  store_used_pct DOUBLE PRECISION NOT NULL,
  store_error TEXT,
  clock_synced INTEGER NOT NULL,
  devices TEXT NOT NULL);
CREATE TABLE gate_conditions (
  gate TEXT NOT NULL,
  condition_key TEXT NOT NULL,
  alert_id BIGINT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (gate, condition_key));
