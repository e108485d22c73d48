-- A map of every hub without reading every hub: the hubs counted per cell of coarser grids, kept
-- by triggers as hubs are created, moved or removed. Level k groups 2^k by 2^k cells of the 0.1°
-- grid of hubs.cell (migration 0037): row >> k, column >> k, as one integer row * 4000 + column.
-- Levels 1 (0.2°, a town) to 8 (25.6°, a part of a continent). A map reads the cells of its
-- view at the level that fills it with a few dozen cells: one row a cell, whatever the number of
-- hubs in it. Each row holds the number of hubs, the sums of their places in millionths of a
-- degree (the cell's centre of its hubs; whole numbers, so removing a hub subtracts exactly) and
-- the sum of their ids (the hub itself when the cell holds one).
CREATE TABLE hub_map_cells (
  level INTEGER NOT NULL,
  cell INTEGER NOT NULL,
  hubs INTEGER NOT NULL,
  lat_e6 INTEGER NOT NULL,
  lon_e6 INTEGER NOT NULL,
  id_sum INTEGER NOT NULL,
  PRIMARY KEY (level, cell)
) WITHOUT ROWID;

INSERT INTO hub_map_cells (level, cell, hubs, lat_e6, lon_e6, id_sum)
SELECT l.value,
  (CAST((h.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((h.lon + 180) * 10 AS INTEGER) >> l.value),
  count(*), sum(CAST(round(h.lat * 1000000) AS INTEGER)), sum(CAST(round(h.lon * 1000000) AS INTEGER)),
  sum(h.id)
FROM hubs h, json_each('[1,2,3,4,5,6,7,8]') l
GROUP BY 1, 2;

CREATE TRIGGER hub_map_cells_insert AFTER INSERT ON hubs BEGIN
  INSERT INTO hub_map_cells (level, cell, hubs, lat_e6, lon_e6, id_sum)
  SELECT l.value,
    (CAST((NEW.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((NEW.lon + 180) * 10 AS INTEGER) >> l.value),
    1, CAST(round(NEW.lat * 1000000) AS INTEGER), CAST(round(NEW.lon * 1000000) AS INTEGER), NEW.id
  FROM json_each('[1,2,3,4,5,6,7,8]') l WHERE true
  ON CONFLICT (level, cell) DO UPDATE SET
    hubs = hubs + 1,
    lat_e6 = lat_e6 + excluded.lat_e6,
    lon_e6 = lon_e6 + excluded.lon_e6,
    id_sum = id_sum + excluded.id_sum;
END;

CREATE TRIGGER hub_map_cells_delete AFTER DELETE ON hubs BEGIN
  UPDATE hub_map_cells SET
    hubs = hubs - 1,
    lat_e6 = lat_e6 - CAST(round(OLD.lat * 1000000) AS INTEGER),
    lon_e6 = lon_e6 - CAST(round(OLD.lon * 1000000) AS INTEGER),
    id_sum = id_sum - OLD.id
  WHERE (level, cell) IN (
    SELECT l.value,
      (CAST((OLD.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((OLD.lon + 180) * 10 AS INTEGER) >> l.value)
    FROM json_each('[1,2,3,4,5,6,7,8]') l);
  DELETE FROM hub_map_cells WHERE hubs = 0 AND (level, cell) IN (
    SELECT l.value,
      (CAST((OLD.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((OLD.lon + 180) * 10 AS INTEGER) >> l.value)
    FROM json_each('[1,2,3,4,5,6,7,8]') l);
END;

-- A hub moved: out of its old cells, into its new ones (the same steps as the two triggers above).
CREATE TRIGGER hub_map_cells_move AFTER UPDATE OF lat, lon ON hubs
WHEN OLD.lat IS NOT NEW.lat OR OLD.lon IS NOT NEW.lon BEGIN
  UPDATE hub_map_cells SET
    hubs = hubs - 1,
    lat_e6 = lat_e6 - CAST(round(OLD.lat * 1000000) AS INTEGER),
    lon_e6 = lon_e6 - CAST(round(OLD.lon * 1000000) AS INTEGER),
    id_sum = id_sum - OLD.id
  WHERE (level, cell) IN (
    SELECT l.value,
      (CAST((OLD.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((OLD.lon + 180) * 10 AS INTEGER) >> l.value)
    FROM json_each('[1,2,3,4,5,6,7,8]') l);
  DELETE FROM hub_map_cells WHERE hubs = 0 AND (level, cell) IN (
    SELECT l.value,
      (CAST((OLD.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((OLD.lon + 180) * 10 AS INTEGER) >> l.value)
    FROM json_each('[1,2,3,4,5,6,7,8]') l);
  INSERT INTO hub_map_cells (level, cell, hubs, lat_e6, lon_e6, id_sum)
  SELECT l.value,
    (CAST((NEW.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((NEW.lon + 180) * 10 AS INTEGER) >> l.value),
    1, CAST(round(NEW.lat * 1000000) AS INTEGER), CAST(round(NEW.lon * 1000000) AS INTEGER), NEW.id
  FROM json_each('[1,2,3,4,5,6,7,8]') l WHERE true
  ON CONFLICT (level, cell) DO UPDATE SET
    hubs = hubs + 1,
    lat_e6 = lat_e6 + excluded.lat_e6,
    lon_e6 = lon_e6 + excluded.lon_e6,
    id_sum = id_sum + excluded.id_sum;
END;

-- The extent of every hub's place, for a map's first view: the ends of hubs_lat_lon (migration
-- 0021) give the latitudes, this index the longitudes, one row each.
CREATE INDEX hubs_lon ON hubs (lon);
