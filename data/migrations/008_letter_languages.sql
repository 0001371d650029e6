-- Letters in six languages, their date line as printed, and letters emailed as drafts;
-- the letter language chosen for each client; letter drafts kept as typed.
--
-- SQLite cannot change a CHECK constraint in place: the letters table is rebuilt with
-- the same rows (nothing references it by foreign key).
CREATE TABLE letters_new (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	complaint_id INTEGER REFERENCES complaints(id) ON DELETE SET NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('apology','thanks','winback','followup','closing')),
	paper        TEXT NOT NULL CHECK (paper IN ('A4','Letter')),
	lang         TEXT NOT NULL CHECK (lang IN ('en','de','fr','es','it','nl')),
	letter_date  TEXT NOT NULL,
	place        TEXT NOT NULL DEFAULT '',
	recipient    TEXT NOT NULL DEFAULT '[]',
	sender       TEXT NOT NULL DEFAULT '{}',
	subject      TEXT NOT NULL DEFAULT '',
	salutation   TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '[]',
	closing      TEXT NOT NULL DEFAULT '',
	signer       TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL,
	printed      TEXT NOT NULL DEFAULT '',
	date_line    TEXT NOT NULL DEFAULT '',          -- as printed; '' for letters from before 008
	date_right   INTEGER NOT NULL DEFAULT 0,        -- the date line is set flush right
	emailed      TEXT NOT NULL DEFAULT ''           -- when it was last made into an email draft
);
INSERT INTO letters_new (id, client_id, complaint_id, kind, paper, lang, letter_date, place, recipient, sender,
	subject, salutation, body, closing, signer, created, printed)
	SELECT id, client_id, complaint_id, kind, paper, lang, letter_date, place, recipient, sender,
		subject, salutation, body, closing, signer, created, printed FROM letters;
DROP TABLE letters;
ALTER TABLE letters_new RENAME TO letters;
CREATE INDEX letters_by_client ON letters (client_id, created DESC, id DESC);
CREATE INDEX letters_by_complaint ON letters (complaint_id, kind, created DESC) WHERE complaint_id IS NOT NULL;

-- The language the user chose for a client's letters in the editor.
CREATE TABLE client_letter_lang (
	client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
	lang      TEXT NOT NULL CHECK (lang IN ('en','de','fr','es','it','nl'))
);

-- What is typed in the letter editor, saved as it is typed, one draft per client,
-- complaint (0 for none) and kind, until the letter goes out or is drafted anew.
CREATE TABLE letter_drafts (
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	complaint_id INTEGER NOT NULL DEFAULT 0,
	kind         TEXT NOT NULL CHECK (kind IN ('apology','thanks','winback','followup','closing')),
	lang         TEXT NOT NULL,
	paper        TEXT NOT NULL,
	subject      TEXT NOT NULL DEFAULT '',
	salutation   TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '',
	closing      TEXT NOT NULL DEFAULT '',
	signer       TEXT NOT NULL DEFAULT '',
	updated      TEXT NOT NULL,
	PRIMARY KEY (client_id, complaint_id, kind)
);
