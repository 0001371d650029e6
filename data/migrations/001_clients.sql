-- Client files, their correspondence timeline, settings and full-text search.
CREATE TABLE clients (
	id              INTEGER PRIMARY KEY,
	name            TEXT NOT NULL CHECK (trim(name) <> ''),
	company         TEXT NOT NULL DEFAULT '',
	email           TEXT NOT NULL DEFAULT '',
	phone           TEXT NOT NULL DEFAULT '',
	address_lines   TEXT NOT NULL DEFAULT '',
	postcode        TEXT NOT NULL DEFAULT '',
	city            TEXT NOT NULL DEFAULT '',
	country         TEXT NOT NULL DEFAULT '',
	salutation      TEXT NOT NULL DEFAULT '',
	client_since    TEXT NOT NULL DEFAULT '',          -- YYYY-MM-DD or empty
	yearly_income   INTEGER NOT NULL DEFAULT 0,        -- minor units (cents)
	referrals       INTEGER NOT NULL DEFAULT 0 CHECK (referrals >= 0),
	referral_income INTEGER NOT NULL DEFAULT 0,        -- minor units
	status          TEXT NOT NULL DEFAULT 'active'
	                CHECK (status IN ('active','at_risk','lost','won_back','let_go')),
	status_changed  TEXT NOT NULL,
	notes           TEXT NOT NULL DEFAULT '',
	archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
	last_contact    TEXT NOT NULL DEFAULT '',          -- newest timeline entry, kept by triggers
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL
);
CREATE INDEX clients_by_name ON clients (archived, name COLLATE NOCASE, id);
CREATE INDEX clients_by_status ON clients (archived, status, name COLLATE NOCASE, id);
CREATE INDEX clients_by_contact ON clients (archived, last_contact DESC, id);

CREATE TABLE timeline (
	id        INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	at        TEXT NOT NULL,
	kind      TEXT NOT NULL CHECK (kind IN ('call','email','meeting','in_person','letter','note',
	                                       'alert','interview','followup','feedback','status')),
	summary   TEXT NOT NULL CHECK (trim(summary) <> ''),
	body      TEXT NOT NULL DEFAULT '',
	ref       TEXT NOT NULL DEFAULT '',               -- e.g. 'complaint:12' for entries Amends writes
	created   TEXT NOT NULL
);
CREATE INDEX timeline_by_client ON timeline (client_id, at DESC, id DESC);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- One search row per client: its own fields plus all its timeline text.
CREATE VIRTUAL TABLE client_search USING fts5 (
	name, company, email, notes, timeline,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);

CREATE TRIGGER clients_ai AFTER INSERT ON clients BEGIN
	INSERT INTO client_search (rowid, name, company, email, notes, timeline)
	VALUES (new.id, new.name, new.company, new.email, new.notes, '');
END;
CREATE TRIGGER clients_au AFTER UPDATE OF name, company, email, notes ON clients BEGIN
	UPDATE client_search SET name = new.name, company = new.company, email = new.email, notes = new.notes
	WHERE rowid = new.id;
END;
CREATE TRIGGER clients_ad AFTER DELETE ON clients BEGIN
	DELETE FROM client_search WHERE rowid = old.id;
END;

CREATE TRIGGER timeline_ai AFTER INSERT ON timeline BEGIN
	UPDATE client_search SET timeline =
		(SELECT group_concat(summary || ' ' || body, ' ') FROM timeline WHERE client_id = new.client_id)
	WHERE rowid = new.client_id;
	UPDATE clients SET last_contact = new.at WHERE id = new.client_id AND last_contact < new.at;
END;
CREATE TRIGGER timeline_au AFTER UPDATE ON timeline BEGIN
	UPDATE client_search SET timeline =
		(SELECT group_concat(summary || ' ' || body, ' ') FROM timeline WHERE client_id = new.client_id)
	WHERE rowid = new.client_id;
	UPDATE clients SET last_contact =
		coalesce((SELECT max(at) FROM timeline WHERE client_id = new.client_id), '')
	WHERE id = new.client_id;
END;
CREATE TRIGGER timeline_ad AFTER DELETE ON timeline BEGIN
	UPDATE client_search SET timeline =
		coalesce((SELECT group_concat(summary || ' ' || body, ' ') FROM timeline WHERE client_id = old.client_id), '')
	WHERE rowid = old.client_id;
	UPDATE clients SET last_contact =
		coalesce((SELECT max(at) FROM timeline WHERE client_id = old.client_id), '')
	WHERE id = old.client_id;
END;

-- Client counts per status, kept by triggers: count(*) over 100k clients is too slow
-- for a list that recounts on every filter change.
CREATE TABLE client_counts (
	archived INTEGER NOT NULL,
	status   TEXT NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (archived, status)
) WITHOUT ROWID;

CREATE TRIGGER clients_count_ai AFTER INSERT ON clients BEGIN
	INSERT INTO client_counts (archived, status, n) VALUES (new.archived, new.status, 1)
	ON CONFLICT (archived, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER clients_count_ad AFTER DELETE ON clients BEGIN
	UPDATE client_counts SET n = n - 1 WHERE archived = old.archived AND status = old.status;
END;
CREATE TRIGGER clients_count_au AFTER UPDATE OF archived, status ON clients
WHEN old.archived <> new.archived OR old.status <> new.status BEGIN
	UPDATE client_counts SET n = n - 1 WHERE archived = old.archived AND status = old.status;
	INSERT INTO client_counts (archived, status, n) VALUES (new.archived, new.status, 1)
	ON CONFLICT (archived, status) DO UPDATE SET n = n + 1;
END;
