-- Feedback from clients and why clients were lost. The follow-ups table itself is created
-- in 002 with the commitments that feed it; the statement below is kept for its indexes.
CREATE TABLE IF NOT EXISTS followups (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  complaint_id INTEGER REFERENCES complaints(id) ON DELETE CASCADE,  -- NULL for manual reminders
  source TEXT NOT NULL CHECK (source IN ('commitment','checkin','manual')),
  what TEXT NOT NULL, due TEXT NOT NULL, channel TEXT NOT NULL DEFAULT '',
  done_at TEXT NOT NULL DEFAULT '', done_note TEXT NOT NULL DEFAULT '',
  hours REAL NOT NULL DEFAULT 0, created TEXT NOT NULL);
-- Open follow-ups by due time (the Follow-ups screen, the overdue badge), and per client.
CREATE INDEX IF NOT EXISTS followups_open_due ON followups (done_at, due);
CREATE INDEX IF NOT EXISTS followups_client_due ON followups (client_id, due);

CREATE TABLE feedback (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	asked        TEXT NOT NULL,                      -- YYYY-MM-DD the request went out
	channel      TEXT NOT NULL DEFAULT '',
	answered     TEXT NOT NULL DEFAULT '',           -- YYYY-MM-DD, empty while unanswered
	satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
	recommend    INTEGER CHECK (recommend IS NULL OR recommend BETWEEN 0 AND 10),
	comment      TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL
);
CREATE INDEX feedback_by_client ON feedback (client_id, asked);
CREATE INDEX feedback_by_answer ON feedback (answered);

-- The editable list of reasons a client left.
CREATE TABLE loss_reasons (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
	position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO loss_reasons (name, position) VALUES
	('price', 1), ('quality', 2), ('missed deadline', 3), ('communication', 4),
	('changed needs', 5), ('moved to competitor', 6), ('out of our control', 7), ('unknown', 8);

-- One row each time a client was lost; won_back_on closes it.
CREATE TABLE losses (
	id             INTEGER PRIMARY KEY,
	client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	lost_on        TEXT NOT NULL,                    -- YYYY-MM-DD
	reason_id      INTEGER NOT NULL REFERENCES loss_reasons(id) ON DELETE RESTRICT,
	story          TEXT NOT NULL DEFAULT '',
	exit_interview INTEGER NOT NULL DEFAULT 0 CHECK (exit_interview IN (0,1)),
	exit_by        TEXT NOT NULL DEFAULT '',
	keep_mailing   INTEGER NOT NULL DEFAULT 0 CHECK (keep_mailing IN (0,1)),
	income_lost    INTEGER NOT NULL DEFAULT 0,       -- yearly income when lost, minor units
	tenure_days    INTEGER NOT NULL DEFAULT 0,
	won_back_on    TEXT NOT NULL DEFAULT '',         -- YYYY-MM-DD, empty while lost
	created        TEXT NOT NULL
);
CREATE INDEX losses_by_client ON losses (client_id, lost_on);
CREATE INDEX losses_by_date ON losses (lost_on);
