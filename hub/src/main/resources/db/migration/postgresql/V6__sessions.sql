-- The dashboard's sessions and the login throttle, in the database so that every hub on it shares them (a browser
-- behind a proxy may reach any hub, and a hub restart keeps everyone signed in). Times are the hub's fixed-width
-- UTC text (uuuu-MM-ddTHH:mm:ss.SSSZ), so comparing them as text compares the instants.
--
-- A session row holds only the SHA-256 (lowercase hex) of the cookie's token, never the token itself. The CSRF
-- token is kept as sent to the page: it is of no use without the session cookie.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  expires_at TEXT NOT NULL);
CREATE INDEX sessions_by_name ON sessions (name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- One row per password check admitted and still in the throttle's window: a slot of its address and one of the
-- typed name (kind 'address' or 'name', subject the address or name), both under the attempt's random id.
CREATE TABLE login_slots (
  attempt TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (attempt, kind));
CREATE INDEX login_slots_by_key ON login_slots (kind, subject, at);
CREATE INDEX login_slots_by_time ON login_slots (at);

-- The one row every throttle transaction updates first: it serialises them across hubs (on PostgreSQL the row
-- lock; on SQLite the write lock the update takes), so two hubs cannot both take a key's last slot.
CREATE TABLE login_throttle_lock (
  id INT PRIMARY KEY,
  turns BIGINT NOT NULL);
INSERT INTO login_throttle_lock (id, turns) VALUES (1, 0);
