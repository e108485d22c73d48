-- A hub's counts, kept as its rows change: the hubs directory and a hub's page read one row a hub
-- here instead of counting the hub's listings, requests, members and exchanges on every view
-- (52,239 rows read for a page of 50 hubs of 500 listings each; a count of active listings read
-- every listing row of the hub, since "active" also asks hidden_at).
--
-- Kept by triggers, so every statement that writes those rows keeps them (the API, imports, the
-- scheduled jobs, a seed): each write adds or takes away what it changes, in the same statement.
-- The same quantities as before, exactly:
--   members              memberships of the hub;
--   active_listings      listings with status 'active' and not hidden;
--   open_requests        requests with status 'open' and not hidden;
--   completed_exchanges  exchanges in state 'completed' from the hub, plus those to it (an
--                        exchange within one hub counts on both sides, as the two counts did);
--   active_since         the earliest created_at of its listings, its requests and the exchanges
--                        to it (rows are never deleted, so the earliest only moves earlier).
-- test/integration/hubs.counts.test.ts compares them with counts of the rows after every kind of
-- write. A backup leaves this table out: the triggers rebuild it as the rows are restored.
CREATE TABLE hub_counts (
  hub_id INTEGER PRIMARY KEY REFERENCES hubs (id),
  members INTEGER NOT NULL DEFAULT 0,
  active_listings INTEGER NOT NULL DEFAULT 0,
  open_requests INTEGER NOT NULL DEFAULT 0,
  completed_exchanges INTEGER NOT NULL DEFAULT 0,
  active_since TEXT
);

INSERT INTO hub_counts (hub_id, members, active_listings, open_requests, completed_exchanges, active_since)
SELECT h.id,
  (SELECT count(*) FROM memberships m WHERE m.hub_id = h.id),
  (SELECT count(*) FROM listings l WHERE l.hub_id = h.id AND l.status = 'active' AND l.hidden_at IS NULL),
  (SELECT count(*) FROM requests r WHERE r.hub_id = h.id AND r.status = 'open' AND r.hidden_at IS NULL),
  (SELECT count(*) FROM exchanges e WHERE e.from_hub_id = h.id AND e.state = 'completed')
    + (SELECT count(*) FROM exchanges e WHERE e.to_hub_id = h.id AND e.state = 'completed'),
  (SELECT min(t) FROM (
    SELECT min(l.created_at) AS t FROM listings l WHERE l.hub_id = h.id
    UNION ALL SELECT min(r.created_at) FROM requests r WHERE r.hub_id = h.id
    UNION ALL SELECT min(e.created_at) FROM exchanges e WHERE e.to_hub_id = h.id))
FROM hubs h;

CREATE TRIGGER hub_counts_hub AFTER INSERT ON hubs BEGIN
  INSERT INTO hub_counts (hub_id) VALUES (new.id);
END;

CREATE TRIGGER hub_counts_member_in AFTER INSERT ON memberships BEGIN
  UPDATE hub_counts SET members = members + 1 WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_member_out AFTER DELETE ON memberships BEGIN
  UPDATE hub_counts SET members = members - 1 WHERE hub_id = old.hub_id;
END;

CREATE TRIGGER hub_counts_member_moved AFTER UPDATE OF hub_id ON memberships WHEN old.hub_id IS NOT new.hub_id BEGIN
  UPDATE hub_counts SET members = members - 1 WHERE hub_id = old.hub_id;
  UPDATE hub_counts SET members = members + 1 WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_listing_in AFTER INSERT ON listings BEGIN
  UPDATE hub_counts
    SET active_listings = active_listings + (new.status = 'active' AND new.hidden_at IS NULL),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_listing_changed AFTER UPDATE OF status, hidden_at, hub_id, created_at ON listings
  WHEN old.status IS NOT new.status OR old.hidden_at IS NOT new.hidden_at OR old.hub_id IS NOT new.hub_id
    OR old.created_at IS NOT new.created_at
BEGIN
  UPDATE hub_counts SET active_listings = active_listings - (old.status = 'active' AND old.hidden_at IS NULL)
    WHERE hub_id = old.hub_id;
  UPDATE hub_counts
    SET active_listings = active_listings + (new.status = 'active' AND new.hidden_at IS NULL),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_request_in AFTER INSERT ON requests BEGIN
  UPDATE hub_counts
    SET open_requests = open_requests + (new.status = 'open' AND new.hidden_at IS NULL),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_request_changed AFTER UPDATE OF status, hidden_at, hub_id, created_at ON requests
  WHEN old.status IS NOT new.status OR old.hidden_at IS NOT new.hidden_at OR old.hub_id IS NOT new.hub_id
    OR old.created_at IS NOT new.created_at
BEGIN
  UPDATE hub_counts SET open_requests = open_requests - (old.status = 'open' AND old.hidden_at IS NULL)
    WHERE hub_id = old.hub_id;
  UPDATE hub_counts
    SET open_requests = open_requests + (new.status = 'open' AND new.hidden_at IS NULL),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.hub_id;
END;

CREATE TRIGGER hub_counts_exchange_in AFTER INSERT ON exchanges BEGIN
  UPDATE hub_counts SET completed_exchanges = completed_exchanges + (new.state = 'completed')
    WHERE hub_id = new.from_hub_id;
  UPDATE hub_counts
    SET completed_exchanges = completed_exchanges + (new.state = 'completed'),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.to_hub_id;
END;

CREATE TRIGGER hub_counts_exchange_changed AFTER UPDATE OF state, from_hub_id, to_hub_id, created_at ON exchanges
  WHEN old.state IS NOT new.state OR old.from_hub_id IS NOT new.from_hub_id OR old.to_hub_id IS NOT new.to_hub_id
    OR old.created_at IS NOT new.created_at
BEGIN
  UPDATE hub_counts SET completed_exchanges = completed_exchanges - (old.state = 'completed')
    WHERE hub_id = old.from_hub_id;
  UPDATE hub_counts SET completed_exchanges = completed_exchanges - (old.state = 'completed')
    WHERE hub_id = old.to_hub_id;
  UPDATE hub_counts SET completed_exchanges = completed_exchanges + (new.state = 'completed')
    WHERE hub_id = new.from_hub_id;
  UPDATE hub_counts
    SET completed_exchanges = completed_exchanges + (new.state = 'completed'),
      active_since = min(coalesce(active_since, new.created_at), new.created_at)
    WHERE hub_id = new.to_hub_id;
END;
