-- The pending-retests list (docs/mqtt.md, Pending retests) reads the recent retest entries every few seconds:
-- an index on (decision, received_at) makes that a short range read instead of a scan of two hours of entries.
CREATE INDEX entries_by_decision_received ON entries (decision, received_at);
