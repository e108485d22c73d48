-- What a received material became may carry one photo, stored in R2 like listing photos.
ALTER TABLE exchange_outcomes ADD COLUMN photo_key TEXT;
ALTER TABLE exchange_outcomes ADD COLUMN photo_type TEXT;
ALTER TABLE exchange_outcomes ADD COLUMN photo_bytes INTEGER;
