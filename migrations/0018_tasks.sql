-- What waits for people (GET /me/tasks) is read by index ranges holding only waiting rows.
-- An exchange remembers when its first outcome was recorded: "outcomes to record" are the
-- completed exchanges without one.
ALTER TABLE exchanges ADD COLUMN outcome_at TEXT;
UPDATE exchanges SET outcome_at = (SELECT min(o.created_at) FROM exchange_outcomes o WHERE o.exchange_id = exchanges.id)
  WHERE state = 'completed';
CREATE INDEX exchanges_outcome_due ON exchanges (to_hub_id, id) WHERE state = 'completed' AND outcome_at IS NULL;
CREATE INDEX exchanges_claims_due ON exchanges (from_hub_id, id) WHERE state = 'claimed';
CREATE INDEX exchanges_handovers_due_from ON exchanges (from_hub_id, id) WHERE state = 'handed_over';
CREATE INDEX exchanges_handovers_due_to ON exchanges (to_hub_id, id) WHERE state = 'handed_over';
