-- 督办: cases put under supervision, and every step each took (opened, replied, closed, returned,
-- escalated) with who took it and when. The item row holds where it stands now; the steps are its
-- history, never rewritten. Dates are the court's calendar days; `at` is the moment of a step as
-- the audit log writes it.
CREATE TABLE supervision_items (
    id              BIGSERIAL PRIMARY KEY,
    case_no         TEXT NOT NULL,
    court_code      TEXT NOT NULL,
    division        TEXT,
    reason          TEXT NOT NULL,
    instructions    TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    opened_on       DATE NOT NULL,
    answerer        TEXT NOT NULL,
    due_on          DATE NOT NULL,
    state           TEXT NOT NULL,
    level           BIGINT NOT NULL,
    replied_on      DATE,
    replied_in_time BOOLEAN,
    closed_on       DATE
);
CREATE INDEX supervision_items_by_court ON supervision_items (court_code, state);
CREATE INDEX supervision_items_by_answerer ON supervision_items (answerer, state);
CREATE INDEX supervision_items_by_case ON supervision_items (case_no);

CREATE TABLE supervision_steps (
    item_id BIGINT NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
    seq     BIGINT NOT NULL,
    at      TEXT NOT NULL,
    by_user TEXT NOT NULL,
    step    TEXT NOT NULL,
    note    TEXT NOT NULL,
    due_on  DATE,
    PRIMARY KEY (item_id, seq)
);
