-- The client list filtered by status and sorted by last contact reads its pages
-- through an index, by key, as fast deep down the list as at its top.
CREATE INDEX clients_by_status_contact ON clients (archived, status, last_contact DESC, id);
