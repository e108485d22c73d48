-- Each listing keeps its photos on its own row, so a search page and a listing page read them with
-- the listing instead of a second statement over listing_photos (40 rows for a page of 20 with no
-- photo, and a round trip). NULL when the listing has no photo, else a JSON array of
-- [id, content_type, bytes] per photo in the order they are shown (position, then id). Set by the
-- triggers below on every change of listing_photos, whichever statement makes it; listing_photos
-- stays the record (object keys, positions). A rebuild of listing_photos (as 0044 did) drops
-- these triggers: create them again after it.
ALTER TABLE listings ADD COLUMN photos TEXT;

UPDATE listings SET photos = (
  SELECT nullif(json_group_array(json_array(p.id, p.content_type, p.bytes)), '[]')
  FROM (SELECT id, content_type, bytes FROM listing_photos
        WHERE listing_id = listings.id ORDER BY position, id) p)
WHERE id IN (SELECT listing_id FROM listing_photos);

-- No trigger of listings fires on an update of photos (the FTS ones are OF title, description,
-- category, hub_id).
CREATE TRIGGER listing_photos_kept_insert AFTER INSERT ON listing_photos BEGIN
  UPDATE listings SET photos = (
    SELECT nullif(json_group_array(json_array(p.id, p.content_type, p.bytes)), '[]')
    FROM (SELECT id, content_type, bytes FROM listing_photos
          WHERE listing_id = NEW.listing_id ORDER BY position, id) p)
  WHERE id = NEW.listing_id;
END;

CREATE TRIGGER listing_photos_kept_delete AFTER DELETE ON listing_photos BEGIN
  UPDATE listings SET photos = (
    SELECT nullif(json_group_array(json_array(p.id, p.content_type, p.bytes)), '[]')
    FROM (SELECT id, content_type, bytes FROM listing_photos
          WHERE listing_id = OLD.listing_id ORDER BY position, id) p)
  WHERE id = OLD.listing_id;
END;

-- Every column the array is built from; a photo moved to another listing changes both.
CREATE TRIGGER listing_photos_kept_update AFTER UPDATE OF listing_id, position, id, content_type, bytes
ON listing_photos BEGIN
  UPDATE listings SET photos = (
    SELECT nullif(json_group_array(json_array(p.id, p.content_type, p.bytes)), '[]')
    FROM (SELECT id, content_type, bytes FROM listing_photos
          WHERE listing_id = listings.id ORDER BY position, id) p)
  WHERE id IN (OLD.listing_id, NEW.listing_id);
END;
