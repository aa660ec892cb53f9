-- The end of the emergency (docs/security.md, "End of the emergency (PIPL art. 47)"): one row per purge run at the
-- hub, and one row per gate asked to purge, confirmed when the gate's report arrives. No personal data: ids, times,
-- the operator account that ran it, and counts as JSON ({"entries": 120, "list_items": 30, ...}).
CREATE TABLE purges (
  id TEXT PRIMARY KEY,
  requested_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  deleted TEXT NOT NULL);
CREATE TABLE purge_gates (
  purge_id TEXT NOT NULL,
  gate TEXT NOT NULL,
  confirmed_at TEXT,
  gate_purged_at TEXT,
  deleted TEXT,
  PRIMARY KEY (purge_id, gate));
