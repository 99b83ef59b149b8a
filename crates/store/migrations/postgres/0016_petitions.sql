-- 信访: the petition register. One row per petition (信访件), unique by its court and the office's
-- own register number (登记号), which a re-import matches on; its petitioners and the cases it
-- concerns in tables of their own. Names of channels, subjects, levels and results are stored by
-- their English keys. An identity number is never stored: only its keyed hash (the same key a
-- party of a case carries, so that a petitioner's cases are found) and a masked form.
CREATE TABLE petitions (
    id                 BIGSERIAL PRIMARY KEY,
    court_code         TEXT NOT NULL,
    register_no        TEXT NOT NULL,
    received_on        DATE NOT NULL,
    channel            TEXT NOT NULL,
    referrer           TEXT,
    head_count         INTEGER NOT NULL,
    subject            TEXT NOT NULL,
    level              TEXT NOT NULL,
    circuit            INTEGER,
    skipped_levels     BOOLEAN NOT NULL,
    division           TEXT,
    handler            TEXT,
    screening          TEXT,
    route              TEXT,
    routed_case_no     TEXT,
    not_routed_reason  TEXT,
    accepted_on        DATE,
    extended           BOOLEAN NOT NULL,
    replied_on         DATE,
    outcome            TEXT,
    satisfaction       TEXT,
    review_asked_on    DATE,
    review_replied_on  DATE,
    recheck_asked_on   DATE,
    recheck_replied_on DATE,
    resolved_on        DATE,
    resolution         TEXT,
    ended_on           DATE,
    ended_by           TEXT,
    stopped_on         DATE,
    UNIQUE (court_code, register_no)
);
CREATE INDEX petitions_by_received ON petitions (court_code, received_on);

CREATE TABLE petitioners (
    petition_id  BIGINT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    identity_key TEXT,
    id_masked    TEXT,
    PRIMARY KEY (petition_id, seq)
);
-- A petitioner's history across petitions.
CREATE INDEX petitioners_by_identity ON petitioners (identity_key);

CREATE TABLE petition_cases (
    petition_id BIGINT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    case_no     TEXT NOT NULL,
    PRIMARY KEY (petition_id, seq)
);
-- The petitions about a case.
CREATE INDEX petition_cases_by_case ON petition_cases (case_no);
