-- Hub ids stay below 2^20 (1,048,576): the category index's region by hub (migration 0060) keys
-- its rows by hub_id × 2^33 within a range of 2^53, so a hub above would write its listings'
-- words into the next category range's rowids and be found under another category. A hub row
-- with a larger id is refused, whoever writes it, rather than indexed wrong.
CREATE TRIGGER hubs_id_limit AFTER INSERT ON hubs WHEN NEW.id >= 1048576 BEGIN
  SELECT RAISE(ABORT, 'hub ids stop below 1048576 (the search index by category and hub)');
END;

CREATE TRIGGER hubs_id_limit_update AFTER UPDATE OF id ON hubs WHEN NEW.id >= 1048576 BEGIN
  SELECT RAISE(ABORT, 'hub ids stop below 1048576 (the search index by category and hub)');
END;
