-- The cases that continue a case (its appeal, its enforcement, an enforcement restored after
-- 终本), found by the case they continue: a case page lists them, the 终本 re-query list skips the
-- restored ones.
CREATE INDEX cases_by_origin ON cases (origin_case_no);
