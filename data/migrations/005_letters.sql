-- Letters as printed or saved: the edited text exactly as it went out, so it can be
-- reprinted identically, with the recipient and sender lines printed on it.
CREATE TABLE letters (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	complaint_id INTEGER REFERENCES complaints(id) ON DELETE SET NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('apology','thanks','winback','followup','closing')),
	paper        TEXT NOT NULL CHECK (paper IN ('A4','Letter')),
	lang         TEXT NOT NULL CHECK (lang IN ('en','de')),
	letter_date  TEXT NOT NULL,                    -- YYYY-MM-DD printed in the date line
	place        TEXT NOT NULL DEFAULT '',
	recipient    TEXT NOT NULL DEFAULT '[]',       -- JSON array of address lines
	sender       TEXT NOT NULL DEFAULT '{}',       -- JSON: the letterhead text printed
	subject      TEXT NOT NULL DEFAULT '',
	salutation   TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '[]',       -- JSON array of paragraphs
	closing      TEXT NOT NULL DEFAULT '',
	signer       TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL,
	printed      TEXT NOT NULL DEFAULT ''          -- last sent to the printer or viewer; '' if only saved
);
CREATE INDEX letters_by_client ON letters (client_id, created DESC, id DESC);
CREATE INDEX letters_by_complaint ON letters (complaint_id, kind, created DESC) WHERE complaint_id IS NOT NULL;
