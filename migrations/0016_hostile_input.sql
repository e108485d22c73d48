-- Web addresses people give are http(s) only; one stored earlier with another scheme
-- (javascript:, data: …) is dropped rather than kept as a link.
UPDATE hubs SET website = NULL
WHERE website IS NOT NULL AND website NOT LIKE 'http://%' AND website NOT LIKE 'https://%';
UPDATE exchange_outcomes SET link = NULL
WHERE link IS NOT NULL AND link NOT LIKE 'http://%' AND link NOT LIKE 'https://%';
