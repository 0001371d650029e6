-- Correspondence where it happens: timeline entries can be edited (edited says when),
-- emails keep their headers, files are attached to clients and emails, and search
-- reaches attachment names, red alert notes and interview text.
ALTER TABLE timeline ADD COLUMN edited TEXT NOT NULL DEFAULT '';      -- last edited by the user; '' if never
ALTER TABLE timeline ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';   -- an email read from a file: its headers
ALTER TABLE timeline ADD COLUMN mail_to TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline ADD COLUMN mail_cc TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
-- The same email read twice for a client is one entry.
CREATE UNIQUE INDEX timeline_by_message ON timeline (client_id, message_id) WHERE message_id <> '';

-- Files kept inside the data file, so backups, exports and erasure include them. A file
-- belongs to a client; one that came with an email also to the email's entry.
CREATE TABLE attachments (
	id        INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	entry_id  INTEGER REFERENCES timeline(id) ON DELETE CASCADE,
	name      TEXT NOT NULL CHECK (trim(name) <> ''),
	type      TEXT NOT NULL DEFAULT '',                 -- MIME type, e.g. application/pdf
	size      INTEGER NOT NULL CHECK (size BETWEEN 0 AND 26214400),  -- 25 MB at most
	added     TEXT NOT NULL,
	content   BLOB NOT NULL,                            -- last: listing files never reads it
	CHECK (length(content) = size)
);
CREATE INDEX attachments_by_client ON attachments (client_id, added DESC, id DESC);
CREATE INDEX attachments_by_entry ON attachments (entry_id) WHERE entry_id IS NOT NULL;

-- The text search reads besides the timeline, one row per thing said, by client.
CREATE VIEW search_files (client_id, text) AS
	SELECT client_id, name FROM attachments;
CREATE VIEW search_alerts (client_id, text) AS
	SELECT client_id, note || ' ' || resolution FROM alerts;
CREATE VIEW search_interviews (client_id, complaint_id, text) AS
	SELECT client_id, id, account || ' ' || expected || ' ' || happened || ' ' || feeling || ' ' || regret || ' ' ||
	       client_fix || ' ' || root_cause_text || ' ' || procedure_change || ' ' || outcome_note || ' ' ||
	       restate_reason || ' ' || independent_note FROM complaints
	UNION ALL SELECT k.client_id, k.id, r.text || ' ' || r.correction FROM restatements r JOIN complaints k ON k.id = r.complaint_id
	UNION ALL SELECT k.client_id, k.id, e.text FROM acknowledged_errors e JOIN complaints k ON k.id = e.complaint_id
	UNION ALL SELECT k.client_id, k.id, m.description FROM remedies m JOIN complaints k ON k.id = m.complaint_id
	UNION ALL SELECT k.client_id, k.id, c.what FROM commitments c JOIN complaints k ON k.id = c.complaint_id;

-- The search index gains three columns; FTS5 tables cannot be altered, so it is made
-- again and filled from the tables. The triggers of 001 write its first five columns.
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5 (
	name, company, email, notes, timeline, files, alerts, interviews,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
-- Every client's search row, made from the tables: for this migration and for bulk loads.
CREATE VIEW search_rows (id, name, company, email, notes, timeline, files, alerts, interviews) AS
SELECT c.id, c.name, c.company, c.email, c.notes,
	coalesce((SELECT group_concat(t.summary || ' ' || t.body, ' ') FROM timeline t WHERE t.client_id = c.id), ''),
	coalesce((SELECT group_concat(text, ' ') FROM search_files WHERE client_id = c.id), ''),
	coalesce((SELECT group_concat(text, ' ') FROM search_alerts WHERE client_id = c.id), ''),
	coalesce((SELECT group_concat(text, ' ') FROM search_interviews WHERE client_id = c.id), '')
FROM clients c;
INSERT INTO client_search (rowid, name, company, email, notes, timeline, files, alerts, interviews)
SELECT * FROM search_rows;
INSERT INTO client_search (client_search) VALUES ('optimize');

-- Triggers named search_… only keep the index; bulk loads drop them and rebuild it.
CREATE TRIGGER search_files_ai AFTER INSERT ON attachments BEGIN
	UPDATE client_search SET files = coalesce((SELECT group_concat(text, ' ') FROM search_files WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_files_au AFTER UPDATE OF name ON attachments BEGIN
	UPDATE client_search SET files = coalesce((SELECT group_concat(text, ' ') FROM search_files WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_files_ad AFTER DELETE ON attachments BEGIN
	UPDATE client_search SET files = coalesce((SELECT group_concat(text, ' ') FROM search_files WHERE client_id = old.client_id), '')
	WHERE rowid = old.client_id;
END;

CREATE TRIGGER search_alerts_ai AFTER INSERT ON alerts BEGIN
	UPDATE client_search SET alerts = coalesce((SELECT group_concat(text, ' ') FROM search_alerts WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_alerts_au AFTER UPDATE OF note, resolution ON alerts BEGIN
	UPDATE client_search SET alerts = coalesce((SELECT group_concat(text, ' ') FROM search_alerts WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_alerts_ad AFTER DELETE ON alerts BEGIN
	UPDATE client_search SET alerts = coalesce((SELECT group_concat(text, ' ') FROM search_alerts WHERE client_id = old.client_id), '')
	WHERE rowid = old.client_id;
END;

-- Interview text is saved as it is typed: the index is written only when words changed.
CREATE TRIGGER search_complaints_ai AFTER INSERT ON complaints BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_complaints_au AFTER UPDATE ON complaints
WHEN old.account IS NOT new.account OR old.expected IS NOT new.expected OR old.happened IS NOT new.happened
  OR old.feeling IS NOT new.feeling OR old.regret IS NOT new.regret OR old.client_fix IS NOT new.client_fix
  OR old.root_cause_text IS NOT new.root_cause_text OR old.procedure_change IS NOT new.procedure_change
  OR old.outcome_note IS NOT new.outcome_note OR old.restate_reason IS NOT new.restate_reason
  OR old.independent_note IS NOT new.independent_note BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews WHERE client_id = new.client_id), '')
	WHERE rowid = new.client_id;
END;
CREATE TRIGGER search_complaints_ad AFTER DELETE ON complaints BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews WHERE client_id = old.client_id), '')
	WHERE rowid = old.client_id;
END;
CREATE TRIGGER search_restatements_ai AFTER INSERT ON restatements BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_restatements_au AFTER UPDATE OF text, correction ON restatements
WHEN old.text IS NOT new.text OR old.correction IS NOT new.correction BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_restatements_ad AFTER DELETE ON restatements BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = old.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = old.complaint_id);
END;
CREATE TRIGGER search_errors_ai AFTER INSERT ON acknowledged_errors BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_errors_au AFTER UPDATE OF text ON acknowledged_errors WHEN old.text IS NOT new.text BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_errors_ad AFTER DELETE ON acknowledged_errors BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = old.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = old.complaint_id);
END;
CREATE TRIGGER search_remedies_ai AFTER INSERT ON remedies BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_remedies_au AFTER UPDATE OF description ON remedies WHEN old.description IS NOT new.description BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_remedies_ad AFTER DELETE ON remedies BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = old.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = old.complaint_id);
END;
CREATE TRIGGER search_commitments_ai AFTER INSERT ON commitments BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_commitments_au AFTER UPDATE OF what ON commitments WHEN old.what IS NOT new.what BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = new.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = new.complaint_id);
END;
CREATE TRIGGER search_commitments_ad AFTER DELETE ON commitments BEGIN
	UPDATE client_search SET interviews = coalesce((SELECT group_concat(text, ' ') FROM search_interviews
		WHERE client_id = (SELECT client_id FROM complaints WHERE id = old.complaint_id)), '')
	WHERE rowid = (SELECT client_id FROM complaints WHERE id = old.complaint_id);
END;
