-- The operators' tables (accounts, audit log, alert actions, the gates' lists). Before versioned migrations the
-- operator stores created them at start, so a baselined file may have them already.
CREATE TABLE IF NOT EXISTS accounts (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT,
  remote TEXT);
CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log (actor);
CREATE TABLE IF NOT EXISTS alert_actions (
  id BIGINT PRIMARY KEY,
  alert_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alert_actions_by_alert ON alert_actions (alert_id);
CREATE TABLE IF NOT EXISTS list_versions (
  list TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  published_at TEXT NOT NULL,
  items BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS list_items (
  list TEXT NOT NULL,
  position BIGINT NOT NULL,
  item TEXT NOT NULL,
  search TEXT NOT NULL,
  PRIMARY KEY (list, position));
