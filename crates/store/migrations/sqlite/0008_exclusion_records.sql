-- Periods that do not count towards a time limit kept as records, each with its ground and days
-- (and start, where known): "公告 2026-02-01~2026-04-01;鉴定 45日". A total stored before becomes one
-- period of unstated ground, which is what it said. excluded_days stays, the records' total.
ALTER TABLE cases ADD COLUMN exclusions TEXT;
UPDATE cases SET exclusions = excluded_days || '日' WHERE excluded_days > 0;
