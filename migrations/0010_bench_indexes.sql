-- Ledger rows of one exchange (an exchange's page, impact computation) by index: the unique
-- index flows_exchange_once is partial (originals only), so a lookup by exchange_id alone
-- scanned the whole ledger.
CREATE INDEX flows_exchange ON flows (exchange_id, id);
