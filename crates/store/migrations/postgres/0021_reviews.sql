-- 案件评查: a reviewer's review of a case a plan took — its score and grade as graded when
-- submitted, and its findings (item, severity, text, deduction, who is responsible, and the
-- reason that excludes liability, if any). Submitted once; later steps (the judge's objection,
-- the decision) come in tables of their own.
CREATE TABLE review_results (
    plan_id      BIGINT NOT NULL,
    case_no      TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    score        INTEGER NOT NULL,
    grade        TEXT NOT NULL,
    problem      BOOLEAN NOT NULL,
    error        BOOLEAN NOT NULL,
    PRIMARY KEY (plan_id, case_no),
    FOREIGN KEY (plan_id, case_no) REFERENCES review_cases(plan_id, case_no) ON DELETE CASCADE
);

CREATE TABLE review_findings (
    plan_id     BIGINT NOT NULL,
    case_no     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    item        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    text        TEXT NOT NULL,
    deduction   INTEGER NOT NULL,
    responsible TEXT NOT NULL,
    excuse      TEXT,
    PRIMARY KEY (plan_id, case_no, seq),
    FOREIGN KEY (plan_id, case_no) REFERENCES review_results(plan_id, case_no) ON DELETE CASCADE
);
