-- People as identities: a case names its judge by staff number (承办人工号) beside the name, the
-- staff list says when each person served, and a judge's account is tied to their staff number.
-- Stores made before keep their names; a case without a number is counted for its name within
-- its court.
ALTER TABLE cases ADD COLUMN judge_id TEXT;
ALTER TABLE staff ADD COLUMN active_from DATE;
ALTER TABLE staff ADD COLUMN active_to DATE;
ALTER TABLE users ADD COLUMN staff_id TEXT;
