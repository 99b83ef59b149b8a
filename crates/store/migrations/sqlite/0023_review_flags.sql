-- 案件评查, continued: a plan that keeps the judge's name from its reviewers until they submit
-- (blind review) and the class of cases a 专项 plan takes; cases flagged for key review — 存疑 by
-- a leader, the office or a division head, or referred from outside (a higher court, the people's
-- congress …) — which the next 重点 plan takes; and the recusals reviewers declared, each moving
-- the case on to another reviewer.
ALTER TABLE review_plans ADD COLUMN blind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_plans ADD COLUMN class TEXT;

CREATE TABLE review_flags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_no     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    flagged_on  TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX review_flags_day ON review_flags (flagged_on);

CREATE TABLE review_recusals (
    plan_id     INTEGER NOT NULL REFERENCES review_plans(id) ON DELETE CASCADE,
    case_no     TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (plan_id, case_no, staff_id)
);
