-- The hubs directory reads a page at a time by name, whatever its case, then id (GET /hubs):
-- this index holds that order, so a page reads its hubs only, not the whole table sorted.
CREATE INDEX hubs_name ON hubs (name COLLATE NOCASE, id);
