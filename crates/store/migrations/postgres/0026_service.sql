-- 送达: a task is one document to one recipient in a case, known by the case, the document, the
-- recipient and the day it was created (a second import of the same task changes nothing); its
-- attempts are numbered within it, each with its method, days, result, failure reason, proof, the
-- postal tracking number or the court entrusted, and who made it. A party's address confirmation
-- (送达地址确认书) with its consent to electronic service is kept per case and carried to the later
-- stages of the dispute (docs/service.md).
CREATE TABLE service_tasks (
    id              BIGSERIAL PRIMARY KEY,
    case_no         TEXT NOT NULL,
    court_code      TEXT NOT NULL,
    division        TEXT,
    document        TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    recipient_kind  TEXT NOT NULL,
    identity_key    TEXT,
    address         TEXT,
    foreign_related BOOLEAN NOT NULL,
    created_on      DATE NOT NULL,
    created_by      TEXT NOT NULL,
    assigned_to     TEXT,
    assigned_on     DATE,
    UNIQUE (case_no, document, recipient, created_on)
);

CREATE INDEX service_tasks_by_court ON service_tasks (court_code, created_on);

CREATE TABLE service_attempts (
    task_id         BIGINT NOT NULL REFERENCES service_tasks(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    method          TEXT NOT NULL,
    attempted_on    DATE NOT NULL,
    outcome         TEXT NOT NULL,
    served_on       DATE,
    failure         TEXT,
    proof           TEXT,
    tracking_no     TEXT,
    entrusted_court TEXT,
    by_user         TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (task_id, seq)
);

CREATE INDEX service_attempts_by_tracking ON service_attempts (tracking_no);

CREATE TABLE service_confirmations (
    case_no      TEXT NOT NULL,
    party        TEXT NOT NULL,
    identity_key TEXT,
    signed_on    DATE NOT NULL,
    address      TEXT,
    electronic   TEXT,
    channel      TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (case_no, party, signed_on)
);
