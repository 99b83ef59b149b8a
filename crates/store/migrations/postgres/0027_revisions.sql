-- The history of the figures (docs/reconciliation.md). Each import that changed cases is kept
-- with what it changed of each case, old value → new, and with the cases it added to months
-- already reported; each bulletin or summary made from the store is kept with the figures it
-- printed. A month once reported can so be compared with the same month computed now, and every
-- difference traced to its cases. Imports and reports are ordered by the store's data version.
CREATE TABLE imports (
    id          BIGSERIAL PRIMARY KEY,
    version     BIGINT NOT NULL,
    made_at     TEXT NOT NULL,
    source      TEXT NOT NULL,
    made_by     TEXT,
    added       BIGINT NOT NULL,
    updated     BIGINT NOT NULL
);

CREATE TABLE case_revisions (
    import_id   BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    case_no     TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    PRIMARY KEY (import_id, case_no, field)
);

CREATE INDEX case_revisions_by_case ON case_revisions (case_no);

CREATE TABLE reports (
    id          BIGSERIAL PRIMARY KEY,
    version     BIGINT NOT NULL,
    made_at     TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    court_code  TEXT,
    with_lower  BOOLEAN NOT NULL,
    period_from DATE NOT NULL,
    period_to   DATE NOT NULL,
    made_by     TEXT
);

CREATE TABLE report_stock_flow (
    report_id   BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    court_code  TEXT NOT NULL,
    month       TEXT NOT NULL,
    carried     BIGINT NOT NULL,
    filed       BIGINT NOT NULL,
    closed      BIGINT NOT NULL,
    pending     BIGINT NOT NULL,
    PRIMARY KEY (report_id, court_code, month)
);

CREATE TABLE report_figures (
    report_id   BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    indicator   TEXT NOT NULL,
    value       TEXT,
    PRIMARY KEY (report_id, indicator)
);
