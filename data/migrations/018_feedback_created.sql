-- Ask for feedback finds the requests recorded since the list was shown (few) through
-- this index, instead of reading every request ever made.
CREATE INDEX feedback_by_created ON feedback (created);
