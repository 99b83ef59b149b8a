-- Courts, staff, cases and their events. Later tables (petitions, case reviews, service attempts,
-- enforcement measures) reference cases(case_no) and courts(code) the same way events do.
CREATE TABLE courts (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent_code TEXT
);

CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    court_code TEXT,
    division   TEXT,
    role       TEXT
);

CREATE TABLE cases (
    case_no              TEXT PRIMARY KEY,
    court_code           TEXT NOT NULL,
    court_name           TEXT,
    year                 INTEGER NOT NULL,
    type_code            TEXT,
    category             TEXT,
    stage                TEXT,
    legacy               INTEGER NOT NULL,
    procedure            TEXT,
    cause                TEXT,
    division             TEXT,
    judge                TEXT,
    filed_on             TEXT NOT NULL,
    closed_on            TEXT,
    closing_method       TEXT,
    claim_amount_fen     INTEGER,
    recovered_amount_fen INTEGER,
    extension_days       INTEGER NOT NULL,
    excluded_days        INTEGER NOT NULL,
    origin_case_no       TEXT
) WITHOUT ROWID;

-- One secondary index: case lists are asked for by court and filing date. Indicators read a
-- columnar snapshot, not these tables, so no index serves them (each index costs imports time).
CREATE INDEX cases_by_court_and_filing ON cases (court_code, filed_on);

CREATE TABLE events (
    case_no TEXT NOT NULL REFERENCES cases (case_no),
    date    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    detail  TEXT NOT NULL,
    PRIMARY KEY (case_no, date, kind, detail)
) WITHOUT ROWID;
