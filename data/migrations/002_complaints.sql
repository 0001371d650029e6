-- Red alerts, complaints with their interview, restatement rounds, remedies,
-- commitments and the follow-ups the commitments create.
CREATE TABLE alerts (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('complaint','reduced_order','cancelled_order','late_payment',
	                                          'bad_review','gone_silent','other')),
	received    TEXT NOT NULL,                     -- when it reached us (UTC timestamp)
	channel     TEXT NOT NULL DEFAULT '',          -- how it reached us: phone, email, review site, ...
	severity    TEXT NOT NULL CHECK (severity IN ('minor','serious','critical')),
	note        TEXT NOT NULL DEFAULT '',
	resolved_at TEXT NOT NULL DEFAULT '',          -- empty while open
	resolution  TEXT NOT NULL DEFAULT '',          -- how it was resolved
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
);
CREATE INDEX alerts_by_client ON alerts (client_id, received DESC);
CREATE INDEX alerts_open ON alerts (received) WHERE resolved_at = '';

CREATE TABLE complaints (
	id               INTEGER PRIMARY KEY,
	client_id        INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	alert_id         INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
	outcome          TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open','retained','lost','let_go')),
	outcome_at       TEXT NOT NULL DEFAULT '',
	outcome_note     TEXT NOT NULL DEFAULT '',
	hours            REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
	-- set-up
	interview_on     TEXT NOT NULL DEFAULT '',     -- YYYY-MM-DD
	interview_how    TEXT NOT NULL DEFAULT '' CHECK (interview_how IN ('','in_person','phone','video')),
	conducted_by     TEXT NOT NULL DEFAULT '',
	independent_note TEXT NOT NULL DEFAULT '',     -- why no independent interviewer (lost/leaving clients)
	-- listen
	account          TEXT NOT NULL DEFAULT '',
	expected         TEXT NOT NULL DEFAULT '',
	happened         TEXT NOT NULL DEFAULT '',
	feeling          TEXT NOT NULL DEFAULT '',
	-- restate: the rounds are in restatements; this is where the step ended
	restate_state    TEXT NOT NULL DEFAULT 'open' CHECK (restate_state IN ('open','confirmed','not_confirmed')),
	restate_reason   TEXT NOT NULL DEFAULT '',     -- why it was ended as not confirmed
	restate_ended    TEXT NOT NULL DEFAULT '',
	-- acknowledge (the errors are in acknowledged_errors)
	responsibility   INTEGER NOT NULL DEFAULT 0 CHECK (responsibility IN (0,1)),
	regret           TEXT NOT NULL DEFAULT '',
	-- ask
	client_fix       TEXT NOT NULL DEFAULT '',
	-- prevent
	root_cause       TEXT NOT NULL DEFAULT '',     -- category from the editable list in settings
	root_cause_text  TEXT NOT NULL DEFAULT '',
	procedure_change TEXT NOT NULL DEFAULT '',     -- what changes in our procedures
	client_told      INTEGER NOT NULL DEFAULT 0 CHECK (client_told IN (0,1)),
	client_told_on   TEXT NOT NULL DEFAULT '',     -- YYYY-MM-DD: when they were (or will be) told
	created          TEXT NOT NULL,
	updated          TEXT NOT NULL,
	CHECK (restate_state <> 'not_confirmed' OR trim(restate_reason) <> '')
);
CREATE INDEX complaints_by_client ON complaints (client_id, created DESC);
CREATE INDEX complaints_by_outcome ON complaints (outcome, updated DESC);
CREATE INDEX complaints_by_updated ON complaints (updated DESC, id DESC);
CREATE INDEX complaints_by_alert ON complaints (alert_id) WHERE alert_id IS NOT NULL;

-- Once the restate step has ended (confirmed or not) it stays ended.
CREATE TRIGGER complaints_restate_final BEFORE UPDATE OF restate_state ON complaints
WHEN old.restate_state <> 'open' AND new.restate_state <> old.restate_state BEGIN
	SELECT RAISE(ABORT, 'the restate step has ended and cannot be reopened');
END;

CREATE TABLE restatements (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
	round        INTEGER NOT NULL CHECK (round >= 1),
	text         TEXT NOT NULL DEFAULT '',
	asked_at     TEXT NOT NULL,
	answer       TEXT NOT NULL DEFAULT '' CHECK (answer IN ('','confirmed','partly','not_right')),
	correction   TEXT NOT NULL DEFAULT '',          -- the client's correction, in their words
	answered_at  TEXT NOT NULL DEFAULT '',
	UNIQUE (complaint_id, round)
);

-- A round is the record of what was said: once answered it never changes.
CREATE TRIGGER restatements_frozen BEFORE UPDATE ON restatements
WHEN old.answer <> '' BEGIN
	SELECT RAISE(ABORT, 'this restatement round has been answered and cannot be changed');
END;
-- Answered rounds go only with their complaint (the cascade deletes the complaint first).
CREATE TRIGGER restatements_kept BEFORE DELETE ON restatements
WHEN old.answer <> '' AND EXISTS (SELECT 1 FROM complaints WHERE id = old.complaint_id) BEGIN
	SELECT RAISE(ABORT, 'an answered restatement round cannot be deleted');
END;
-- A new round follows only a "partly right" or "not right" answer, and only while the step is open.
CREATE TRIGGER restatements_next BEFORE INSERT ON restatements
WHEN EXISTS (SELECT 1 FROM restatements WHERE complaint_id = new.complaint_id AND answer IN ('','confirmed'))
  OR EXISTS (SELECT 1 FROM complaints WHERE id = new.complaint_id AND restate_state <> 'open') BEGIN
	SELECT RAISE(ABORT, 'a new restatement round can only follow a partly right or not right answer');
END;

CREATE TABLE acknowledged_errors (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	text         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX acknowledged_errors_by_complaint ON acknowledged_errors (complaint_id, position, id);

CREATE TABLE remedies (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('replacement','additional_service','discount_percent',
	                                           'discount_amount','refund','credit','other')),
	description  TEXT NOT NULL DEFAULT '',
	value        INTEGER NOT NULL DEFAULT 0,       -- minor units; whole percent for discount_percent
	due          TEXT NOT NULL DEFAULT '',         -- YYYY-MM-DD or empty
	accepted     INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0,1)),
	created      TEXT NOT NULL,
	CHECK (value >= 0),
	CHECK (kind <> 'discount_percent' OR value <= 100)
);
CREATE INDEX remedies_by_complaint ON remedies (complaint_id, id);

-- Shared with the follow-ups feature (its migration creates the same table IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS followups (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	complaint_id INTEGER REFERENCES complaints(id) ON DELETE CASCADE,  -- NULL for manual reminders
	source TEXT NOT NULL CHECK (source IN ('commitment','checkin','manual')),
	what TEXT NOT NULL, due TEXT NOT NULL, channel TEXT NOT NULL DEFAULT '',
	done_at TEXT NOT NULL DEFAULT '', done_note TEXT NOT NULL DEFAULT '',
	hours REAL NOT NULL DEFAULT 0, created TEXT NOT NULL);

CREATE TABLE commitments (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
	what         TEXT NOT NULL CHECK (trim(what) <> ''),
	due          TEXT NOT NULL,                    -- UTC timestamp: the day and time promised
	channel      TEXT NOT NULL DEFAULT '',
	followup_id  INTEGER REFERENCES followups(id) ON DELETE SET NULL,
	created      TEXT NOT NULL
);
CREATE INDEX commitments_by_complaint ON commitments (complaint_id, due, id);
