-- The health check (issue #16, docs/health.md): an entry records only the colour, its source and when it was
-- checked, never the code's content. Null on entries without a check (every entry stored before).
ALTER TABLE entries ADD COLUMN health_colour TEXT;
ALTER TABLE entries ADD COLUMN health_source TEXT;
ALTER TABLE entries ADD COLUMN health_checked_at TEXT;
