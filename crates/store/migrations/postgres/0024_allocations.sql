-- 随机分案 with 繁简分流: each new case's track, pool and judge as decided (its latest), the
-- exclusions judges declared (a recusal from a case, a relationship with a party or lawyer), and
-- the log of every decision, each entry chained by hash to the one before (docs/allocation.md).
CREATE TABLE allocations (
    case_no     TEXT PRIMARY KEY,
    court_code  TEXT NOT NULL,
    track       TEXT NOT NULL,
    pool        TEXT NOT NULL,
    rule        TEXT NOT NULL,
    version     TEXT NOT NULL,
    judge       TEXT,
    how         TEXT NOT NULL,
    seed        BIGINT,
    reason      TEXT,
    approver    TEXT,
    weight      BIGINT NOT NULL,
    facts       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX allocations_judge ON allocations (judge);

CREATE TABLE allocation_exclusions (
    staff_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    party       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (staff_id, kind, party)
);

CREATE TABLE allocation_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    case_no     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev        TEXT NOT NULL,
    hash        TEXT NOT NULL
);
