-- Each hub keeps the id of the newest ledger row (flow) it gave or received, so the version of a
-- network's impact report (the newest flow of its active hubs, among other things) is read from
-- the network's hub rows it reads anyway, instead of two index seeks of flows per hub. Flows are
-- append-only (a correction adds a reversing row), so the newest id only grows: set by a trigger
-- on every insert into flows, whichever statement writes it.
ALTER TABLE hubs ADD COLUMN newest_flow_id INTEGER NOT NULL DEFAULT 0;

UPDATE hubs SET newest_flow_id = max(
  coalesce((SELECT max(f.id) FROM flows f WHERE f.from_hub_id = hubs.id), 0),
  coalesce((SELECT max(f.id) FROM flows f WHERE f.to_hub_id = hubs.id), 0));

CREATE TRIGGER flows_newest_of_hubs AFTER INSERT ON flows BEGIN
  UPDATE hubs SET newest_flow_id = NEW.id
  WHERE id IN (NEW.from_hub_id, NEW.to_hub_id) AND newest_flow_id < NEW.id;
END;
