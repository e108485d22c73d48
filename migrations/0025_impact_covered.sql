-- The newest ledger row a scope's impact rows cover, in one index step: a dashboard view
-- computes only exchanges whose ledger rows are newer than that.
CREATE INDEX exchange_impacts_covered ON exchange_impacts (network_id, last_flow_id);
