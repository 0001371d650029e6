-- What keeps a client after a complaint: the parts of a restatement, the client's mood,
-- the thanks, promises that are not commitments (a call back, telling the client what
-- changed), and the exit interview of a client who leaves.

-- The restatement composer's slots: what happened, its impact, how the client feels.
-- Frozen with their round once it is answered (restatements_frozen, 002).
ALTER TABLE restatements ADD COLUMN what TEXT NOT NULL DEFAULT '';
ALTER TABLE restatements ADD COLUMN impact TEXT NOT NULL DEFAULT '';
ALTER TABLE restatements ADD COLUMN feeling TEXT NOT NULL DEFAULT '';

-- The client's mood at the start and at the end of the interview: 1 calm … 5 furious,
-- 0 not noted; and whether the consultant thanked them for raising it.
ALTER TABLE complaints ADD COLUMN mood_start INTEGER NOT NULL DEFAULT 0 CHECK (mood_start BETWEEN 0 AND 5);
ALTER TABLE complaints ADD COLUMN mood_end INTEGER NOT NULL DEFAULT 0 CHECK (mood_end BETWEEN 0 AND 5);
ALTER TABLE complaints ADD COLUMN thanked INTEGER NOT NULL DEFAULT 0 CHECK (thanked IN (0,1));

-- A follow-up may be a promise made when an alert was logged ("call back by …"), and may
-- say what it is for: '' (a commitment of the Agree step, a check-in, a reminder),
-- 'callback' (call the client back: logged with an alert, or the interview paused),
-- 'told' (tell the client what changed, on the day the Prevent step names), 'exit'
-- (after an exit interview).
ALTER TABLE followups ADD COLUMN alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL;
ALTER TABLE followups ADD COLUMN purpose TEXT NOT NULL DEFAULT '' CHECK (purpose IN ('','callback','told','exit'));
CREATE INDEX followups_by_alert ON followups (alert_id) WHERE alert_id IS NOT NULL;
CREATE INDEX followups_by_complaint ON followups (complaint_id, purpose) WHERE complaint_id IS NOT NULL;

-- An exit interview with a client who is leaving: held by someone, ideally with no direct
-- contact with them; the questions asked with the answers (JSON [{"q": …, "a": …}]),
-- notes, and the follow-up it set.
CREATE TABLE exit_interviews (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	complaint_id INTEGER REFERENCES complaints(id) ON DELETE SET NULL,
	held_on      TEXT NOT NULL DEFAULT '',          -- YYYY-MM-DD
	held_by      TEXT NOT NULL DEFAULT '',
	independent  INTEGER NOT NULL DEFAULT 0 CHECK (independent IN (0,1)), -- had no direct contact
	answers      TEXT NOT NULL DEFAULT '[]',
	notes        TEXT NOT NULL DEFAULT '',
	followup_id  INTEGER REFERENCES followups(id) ON DELETE SET NULL,
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL
);
CREATE INDEX exit_interviews_by_client ON exit_interviews (client_id, created DESC);
