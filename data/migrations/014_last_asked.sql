-- Ask for feedback reads its pages through an index: each client keeps the day they
-- were last asked, kept by the triggers below.
ALTER TABLE clients ADD COLUMN last_asked TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD, '' if never
UPDATE clients SET last_asked = coalesce((SELECT max(asked) FROM feedback f WHERE f.client_id = clients.id), '');
CREATE INDEX clients_to_ask ON clients (last_asked, name COLLATE NOCASE, id)
	WHERE archived = 0 AND status IN ('active', 'at_risk', 'won_back');

CREATE TRIGGER feedback_asked_ai AFTER INSERT ON feedback BEGIN
	UPDATE clients SET last_asked = coalesce((SELECT max(asked) FROM feedback WHERE client_id = new.client_id), '')
	WHERE id = new.client_id;
END;
CREATE TRIGGER feedback_asked_au AFTER UPDATE OF asked, client_id ON feedback BEGIN
	UPDATE clients SET last_asked = coalesce((SELECT max(asked) FROM feedback WHERE client_id = old.client_id), '')
	WHERE id = old.client_id;
	UPDATE clients SET last_asked = coalesce((SELECT max(asked) FROM feedback WHERE client_id = new.client_id), '')
	WHERE id = new.client_id;
END;
CREATE TRIGGER feedback_asked_ad AFTER DELETE ON feedback BEGIN
	UPDATE clients SET last_asked = coalesce((SELECT max(asked) FROM feedback WHERE client_id = old.client_id), '')
	WHERE id = old.client_id;
END;
