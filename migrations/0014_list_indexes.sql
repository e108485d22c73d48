-- A person's exchanges, newest first, hub by hub: each hub's exchanges in id order on either side
-- (the (hub, state, id) indexes order them only within one state).
CREATE INDEX exchanges_from_hub_id ON exchanges (from_hub_id, id);
CREATE INDEX exchanges_to_hub_id ON exchanges (to_hub_id, id);
