-- The parties of each case, and the money moving through enforcement cases (执行款). An identity
-- number is never stored: only its keyed hash (to match the same person across cases) and a
-- masked form (for display).
CREATE TABLE parties (
    case_no      TEXT NOT NULL REFERENCES cases (case_no),
    seq          INTEGER NOT NULL,
    role         TEXT NOT NULL,
    kind         TEXT,
    name         TEXT NOT NULL,
    identity_key TEXT,
    id_masked    TEXT,
    agent        TEXT,
    address      TEXT,
    PRIMARY KEY (case_no, seq)
) WITHOUT ROWID;

-- Repeat litigants and petitioners are found by identity.
CREATE INDEX parties_by_identity ON parties (identity_key);

CREATE TABLE payments (
    case_no    TEXT NOT NULL REFERENCES cases (case_no),
    paid_on    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    note       TEXT NOT NULL,
    PRIMARY KEY (case_no, paid_on, kind, amount_fen, note)
) WITHOUT ROWID;
