-- Leases for work that runs on one hub instance at a time (docs/deployment.md, Several instances): a row per
-- kind of work, naming the instance that holds it until expires_at, taken and renewed with the database's clock.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL);
