-- Reviewers' findings on cases closed by 终结本次执行程序 (终本评查): 合格 or 不合格 with the
-- reason, who found it and when. One finding per case, the latest; each one is also in the audit
-- log. A finding overrides the 终本 checklist computed from the case's events.
CREATE TABLE zhongben_findings (
    case_no    TEXT PRIMARY KEY,
    court_code TEXT NOT NULL,
    compliant  INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    found_by   TEXT NOT NULL,
    found_at   TEXT NOT NULL
);
CREATE INDEX zhongben_findings_by_court ON zhongben_findings (court_code);
