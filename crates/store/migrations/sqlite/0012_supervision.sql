-- 督办: cases put under supervision, and every step each took (opened, replied, closed, returned,
-- escalated) with who took it and when. The item row holds where it stands now; the steps are its
-- history, never rewritten. Dates are the court's calendar days (YYYY-MM-DD); `at` is the moment
-- of a step as the audit log writes it.
CREATE TABLE supervision_items (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no         TEXT NOT NULL,
    court_code      TEXT NOT NULL,
    division        TEXT,
    reason          TEXT NOT NULL,
    instructions    TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    opened_on       TEXT NOT NULL,
    answerer        TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    state           TEXT NOT NULL,
    level           INTEGER NOT NULL,
    replied_on      TEXT,
    replied_in_time INTEGER,
    closed_on       TEXT
);
CREATE INDEX supervision_items_by_court ON supervision_items (court_code, state);
CREATE INDEX supervision_items_by_answerer ON supervision_items (answerer, state);
CREATE INDEX supervision_items_by_case ON supervision_items (case_no);

CREATE TABLE supervision_steps (
    item_id INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    at      TEXT NOT NULL,
    by_user TEXT NOT NULL,
    step    TEXT NOT NULL,
    note    TEXT NOT NULL,
    due_on  TEXT,
    PRIMARY KEY (item_id, seq)
);
