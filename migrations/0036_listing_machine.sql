-- A machine_time listing names the machine it offers: one of its own hub's machines, or none.
ALTER TABLE listings ADD COLUMN machine_id INTEGER REFERENCES machines (id);
CREATE INDEX listings_machine ON listings (machine_id) WHERE machine_id IS NOT NULL;

-- The database keeps the rule too: a listing names only a machine of its own hub, and only for
-- machine time.
CREATE TRIGGER listings_machine_insert BEFORE INSERT ON listings
WHEN NEW.machine_id IS NOT NULL AND (NEW.kind <> 'machine_time'
  OR NOT EXISTS (SELECT 1 FROM machines m WHERE m.id = NEW.machine_id AND m.hub_id = NEW.hub_id))
BEGIN
  SELECT RAISE(ABORT, 'listing machine must be a machine of its hub');
END;

CREATE TRIGGER listings_machine_update BEFORE UPDATE OF machine_id, kind, hub_id ON listings
WHEN NEW.machine_id IS NOT NULL AND (NEW.kind <> 'machine_time'
  OR NOT EXISTS (SELECT 1 FROM machines m WHERE m.id = NEW.machine_id AND m.hub_id = NEW.hub_id))
BEGIN
  SELECT RAISE(ABORT, 'listing machine must be a machine of its hub');
END;
