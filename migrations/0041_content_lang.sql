-- The language a listing or request was written in: set at creation to the author's language
-- unless they choose another, editable later. NULL (a row written by a path that does not set it)
-- reads as the author's language.
ALTER TABLE listings ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('nl', 'fr', 'en'));
ALTER TABLE requests ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('nl', 'fr', 'en'));
UPDATE listings SET lang = (SELECT u.locale FROM users u WHERE u.id = listings.author_id);
UPDATE requests SET lang = (SELECT u.locale FROM users u WHERE u.id = requests.author_id);
