-- 司法救助: one row per application (a 司救 case), unique by its case number, which a re-import
-- matches on. The applicant's identity number is never stored: only its keyed hash (the same key
-- as a petitioner's, so that their petitions after the help are found) and a masked form. The
-- decision is stored by its key (granted, refused), the amount in fen, the cases the hardship
-- arises from as canonical case numbers joined by 、.
CREATE TABLE assistance (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no         TEXT NOT NULL UNIQUE,
    court_code      TEXT NOT NULL,
    applicant       TEXT NOT NULL,
    identity_key    TEXT,
    id_masked       TEXT,
    applied_on      TEXT NOT NULL,
    origin_cases    TEXT NOT NULL,
    decided_on      TEXT,
    decision        TEXT,
    amount_fen      BIGINT,
    over_cap_reason TEXT,
    paid_on         TEXT
);
CREATE INDEX assistance_by_court ON assistance (court_code, applied_on);
