-- The high court's petition notices (省法院通报): for a period, each city's petitions that reached
-- the province, Beijing and a circuit court, as the notice gives them. A second import of the same
-- period and city replaces the row.
CREATE TABLE petition_notices (
    period_from DATE NOT NULL,
    period_to   DATE NOT NULL,
    region      TEXT NOT NULL,
    court_code  TEXT,
    to_province INTEGER NOT NULL,
    to_beijing  INTEGER NOT NULL,
    to_circuit  INTEGER NOT NULL,
    PRIMARY KEY (period_from, period_to, region)
);
