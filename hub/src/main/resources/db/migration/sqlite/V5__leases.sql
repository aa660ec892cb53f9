-- Leases for work that runs on one hub instance at a time. A SQLite hub is the only instance and holds every
-- lease without this table; it exists so the schema is one list of versions on both backends.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL);
