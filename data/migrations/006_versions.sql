-- Row versions: a save from a form compares the version it loaded, so a change made
-- meanwhile on another screen is never overwritten silently.
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
