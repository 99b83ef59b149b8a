-- Each recorded figure keeps the version of its indicator's definition (docs/indicators.md,
-- "Versions of the definitions"), so that a report can be made again as it was printed. Before
-- this, every indicator was computed by one definition: 法定审限内结案率 by its second version
-- (extensions counted), every other indicator by its first.
ALTER TABLE report_figures ADD COLUMN definition_version INTEGER NOT NULL DEFAULT 1;
UPDATE report_figures SET definition_version = 2 WHERE indicator = 'within_limit_rate';
