-- 案件评查: what follows a submitted review, in order — the judge's objection (object), the
-- decision on it (decide: the grade that stands), and the accountability outcomes recorded
-- (outcome: 通报, 约谈, …) — with who recorded each and when. Never rewritten.
CREATE TABLE review_answers (
    plan_id  INTEGER NOT NULL,
    case_no  TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    at       TEXT NOT NULL,
    by_user  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    day      TEXT NOT NULL,
    grade    TEXT,
    text     TEXT NOT NULL,
    PRIMARY KEY (plan_id, case_no, seq),
    FOREIGN KEY (plan_id, case_no) REFERENCES review_results(plan_id, case_no) ON DELETE CASCADE
);
