-- Search near a point with a radius reads only the hubs in the radius's bounding box (a range of
-- latitudes, then longitudes), not the whole hubs table on every request.
CREATE INDEX hubs_lat_lon ON hubs (lat, lon);
