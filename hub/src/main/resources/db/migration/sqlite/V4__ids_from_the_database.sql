-- Ids assigned by the database (they were MAX(id) + 1, which only one writer at a time can use), and an alert's
-- dedupe key unique per gate. SQLite cannot change a column into INTEGER PRIMARY KEY, so each table is rebuilt;
-- AUTOINCREMENT, like PostgreSQL's identity, never hands out an id again after its row is deleted.
CREATE TABLE alerts_v4 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  gate TEXT NOT NULL,
  entry_id TEXT,
  message TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  resolved_at TEXT,
  UNIQUE (gate, dedupe_key));
INSERT INTO alerts_v4 (id, dedupe_key, kind, severity, gate, entry_id, message, raised_at, acknowledged_at,
  acknowledged_by, resolved_at)
  SELECT id, dedupe_key, kind, severity, gate, entry_id, message, raised_at, acknowledged_at, acknowledged_by,
    resolved_at FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_v4 RENAME TO alerts;
CREATE INDEX alerts_by_raised ON alerts (raised_at);
CREATE INDEX alerts_by_gate_kind ON alerts (gate, kind);

CREATE TABLE dead_letters_v4 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  payload_bytes BIGINT NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL);
INSERT INTO dead_letters_v4 (id, topic, payload, payload_bytes, reason, received_at)
  SELECT id, topic, payload, payload_bytes, reason, received_at FROM dead_letters;
DROP TABLE dead_letters;
ALTER TABLE dead_letters_v4 RENAME TO dead_letters;
CREATE INDEX dead_letters_by_received ON dead_letters (received_at);

CREATE TABLE audit_log_v4 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT,
  remote TEXT);
INSERT INTO audit_log_v4 (id, at, actor, action, target, detail, remote)
  SELECT id, at, actor, action, target, detail, remote FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v4 RENAME TO audit_log;
CREATE INDEX audit_by_actor ON audit_log (actor);

CREATE TABLE alert_actions_v4 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL);
INSERT INTO alert_actions_v4 (id, alert_id, action, at, actor, note)
  SELECT id, alert_id, action, at, actor, note FROM alert_actions;
DROP TABLE alert_actions;
ALTER TABLE alert_actions_v4 RENAME TO alert_actions;
CREATE INDEX alert_actions_by_alert ON alert_actions (alert_id);
