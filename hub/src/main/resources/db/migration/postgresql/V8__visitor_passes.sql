-- Visitor passes (docs/hub.md, Visitor passes). Times are the hub's fixed-width UTC text, as in V6.
--
-- pass_keys: the hub's Ed25519 signing keys, shared by every hub on this database. private_key is the PKCS#8
-- encoding (base64) of the private key: a secret, like the database itself (docs/security.md). The newest row
-- signs; every row's public key goes to the gates in the passes list.
CREATE TABLE pass_keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at TEXT NOT NULL);

-- passes: one row per issued pass. PERSONAL DATA of the visitor: visitor_name and visitor_phone (the phone as the
-- hub masked it, never the full number); household is the host household. The purge at the end of the emergency
-- deletes these rows.
CREATE TABLE passes (
  pass_id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  visitor_name TEXT NOT NULL,
  visitor_phone TEXT NOT NULL,
  household TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  uses TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT);
CREATE INDEX passes_by_issue ON passes (issued_at);

-- pass_uses: one row per admit-visitor entry of a pass the hub received (entry_id is the entry's id). Links the
-- pass to the entry: personal data through the pass.
CREATE TABLE pass_uses (
  entry_id TEXT PRIMARY KEY,
  pass_id TEXT NOT NULL,
  gate TEXT NOT NULL,
  used_at TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE INDEX pass_uses_by_pass ON pass_uses (pass_id, used_at);
