-- 审限变更申请: applications to extend a case's time limit (延长审限) or to exclude a period from it
-- (扣除审限), and their decisions. An approval also writes the change into the case's own
-- `extensions` or `exclusions` (in the same transaction), so that every deadline computed from the
-- case includes it. Dates are the court's calendar days (YYYY-MM-DD).
CREATE TABLE limit_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no       TEXT NOT NULL,
    court_code    TEXT NOT NULL,
    division      TEXT,
    kind          TEXT NOT NULL,
    length        TEXT,
    ground        TEXT,
    from_on       TEXT,
    to_on         TEXT,
    reason        TEXT NOT NULL,
    asked_by      TEXT NOT NULL,
    asked_on      TEXT NOT NULL,
    deadline_then TEXT NOT NULL,
    late          INTEGER NOT NULL,
    approver      TEXT NOT NULL,
    state         TEXT NOT NULL,
    decided_by    TEXT,
    decided_on    TEXT,
    decided_late  INTEGER,
    note          TEXT
);
CREATE INDEX limit_requests_by_court ON limit_requests (court_code, state);
CREATE INDEX limit_requests_by_case ON limit_requests (case_no);
-- At most one application of a case awaits a decision.
CREATE UNIQUE INDEX limit_requests_one_pending ON limit_requests (case_no) WHERE state = 'pending';
