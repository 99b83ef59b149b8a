-- Extensions of the time limit kept as granted, with their units ("6个月;30日"), instead of a total
-- of days: calendar months are not 30 days. A total stored before becomes one extension in days,
-- which is what it said.
ALTER TABLE cases ADD COLUMN extensions TEXT;
UPDATE cases SET extensions = extension_days || '日' WHERE extension_days > 0;
ALTER TABLE cases DROP COLUMN extension_days;
