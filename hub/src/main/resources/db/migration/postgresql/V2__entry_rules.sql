-- The checkpoint's rules (#5): the entries' rule columns and the list versions a gate's heartbeat reports.
-- rules holds all rule fields as JSON; an entry stored before has none, and was admitted exactly when its
-- decision was admit. A SQLite file of PRAGMA user_version 2 is baselined here.
ALTER TABLE entries ADD COLUMN admitted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN direction TEXT;
ALTER TABLE entries ADD COLUMN reader TEXT;
ALTER TABLE entries ADD COLUMN person_role TEXT;
ALTER TABLE entries ADD COLUMN household TEXT;
ALTER TABLE entries ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN mask TEXT;
ALTER TABLE entries ADD COLUMN rules TEXT;
ALTER TABLE gate_health ADD COLUMN lists TEXT;
UPDATE entries SET admitted = CASE WHEN decision = 'admit' THEN 1 ELSE 0 END;
CREATE INDEX IF NOT EXISTS entries_by_gate_decision ON entries (gate, decision, at);
