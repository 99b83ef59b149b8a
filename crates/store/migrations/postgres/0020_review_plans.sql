-- 案件评查: a review plan (评查计划) with the rules it selected by, the seed of its sample (so the
-- draw replays), its reviewers, and the cases it took, each with why and the reviewer it went to.
-- A plan is written once, as created; the reviews themselves come in tables of their own.
CREATE TABLE review_plans (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    court_code  TEXT,
    period_from DATE NOT NULL,
    period_to   DATE NOT NULL,
    per_mille   INTEGER NOT NULL,
    seed        BIGINT NOT NULL,
    separation  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE review_plan_reviewers (
    plan_id     BIGINT NOT NULL REFERENCES review_plans(id) ON DELETE CASCADE,
    staff_id    TEXT NOT NULL,
    PRIMARY KEY (plan_id, staff_id)
);

CREATE TABLE review_cases (
    plan_id     BIGINT NOT NULL REFERENCES review_plans(id) ON DELETE CASCADE,
    case_no     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    decided_by  TEXT,
    reviewer    TEXT,
    PRIMARY KEY (plan_id, case_no)
);
-- A reviewer's worklist.
CREATE INDEX review_cases_by_reviewer ON review_cases (reviewer);
