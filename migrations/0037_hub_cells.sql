-- A spatial key for hubs (listings and requests sit at their hub): the grid cell of 0.1° by 0.1°
-- that holds the hub, row (latitude) by column (longitude), as one integer row * 4000 + column.
-- Generated from lat and lon, so every statement that writes them keeps it, and existing hubs
-- have it at once. A search by place reads the hubs of a few ranges of cells (one range per row
-- of a square or a radius's box) through hubs_cell, never the hubs table whole.
-- (SQLite's R*Tree would fit too, but D1 refuses it: CREATE VIRTUAL TABLE … USING rtree answers
-- "not authorized: SQLITE_AUTH" on local D1.)
ALTER TABLE hubs ADD COLUMN cell INTEGER GENERATED ALWAYS AS (
  CAST((lat + 90) * 10 AS INTEGER) * 4000 + CAST((lon + 180) * 10 AS INTEGER)
) VIRTUAL;
CREATE INDEX hubs_cell ON hubs (cell, id);
