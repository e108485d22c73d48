-- Logins are counted per (email, address) pair first: one index range per pair. Old attempts
-- are pruned by time.
CREATE INDEX login_attempts_email_ip ON login_attempts (email, ip, attempted_at);
CREATE INDEX login_attempts_time ON login_attempts (attempted_at);

-- Web addresses people give are http(s) only; one stored earlier with another scheme
-- (javascript:, data: …) is dropped rather than kept as a link.
UPDATE hubs SET website = NULL
WHERE website IS NOT NULL AND website NOT LIKE 'http://%' AND website NOT LIKE 'https://%';
UPDATE exchange_outcomes SET link = NULL
WHERE link IS NOT NULL AND link NOT LIKE 'http://%' AND link NOT LIKE 'https://%';
