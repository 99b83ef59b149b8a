-- within_limit_rate — 法定审限内结案率 (closed within the statutory limit): of the cases closed in the
-- period that have a deadline (deadline_day NOT NULL), those closed on or before it × 100.
-- Formula: Percent(WithinLimit, ClosedWithDeadline). The deadline already includes extensions and
-- excluded days.
-- Definition version: 2 (the 2024 system: extensions counted; docs/indicators.md, "Versions of
-- the definitions"). A file without this line implements version 1.
--
-- Reads cases, events and periods (README.md). One row per period and court with a case
-- counting in the period: (period_id, court_code, value); each period is computed on its own.
WITH
-- The appeal that decides a case it continues: of the second-instance cases whose origin is the
-- case, the earliest closed (pending ones last; a tie goes to the smallest case number).
appeal AS (
    SELECT origin_no, closed_day, method
    FROM (
        SELECT TRIM(a.origin_case_no) AS origin_no,
               a.closed_day,
               TRIM(a.closing_method) AS method,
               ROW_NUMBER() OVER (
                   PARTITION BY TRIM(a.origin_case_no)
                   ORDER BY CASE WHEN a.closed_day IS NULL THEN 1 ELSE 0 END,
                            a.closed_day,
                            a.case_no
               ) AS rank_no
        FROM cases a
        WHERE a.stage = 'second_instance' AND a.origin_case_no IS NOT NULL
    ) ranked
    WHERE rank_no = 1
),
-- Each case's first appeal (上诉) and first file sent up (移送上诉卷宗), from its events.
sent AS (
    SELECT case_no,
           MIN(CASE WHEN TRIM(kind) = '上诉' THEN day END) AS appealed_day,
           MIN(CASE WHEN TRIM(kind) = '移送上诉卷宗' THEN day END) AS sent_day
    FROM events
    WHERE TRIM(kind) IN ('上诉', '移送上诉卷宗')
    GROUP BY case_no
),
-- The (period, court) pairs that get a row: a case of the court is filed, closed or pending in
-- the period, is in the three-year enforcement cohort at its end, or is a first instance whose
-- appeal was decided 改判 or 发回重审 in it or whose file was sent up in it.
active AS (
    SELECT p.period_id, c.court_code
    FROM periods p
    JOIN cases c
      ON c.filed_day BETWEEN p.from_day AND p.to_day
      OR c.closed_day BETWEEN p.from_day AND p.to_day
      OR (c.filed_day < p.from_day AND (c.closed_day IS NULL OR c.closed_day >= p.from_day))
      OR (c.type_code = '执' AND c.filed_day > p.cut36_day AND c.filed_day <= p.to_day)
    UNION
    SELECT p.period_id, c.court_code
    FROM appeal a
    JOIN cases c ON c.case_no = a.origin_no AND c.stage = 'first_instance'
    JOIN periods p ON a.closed_day BETWEEN p.from_day AND p.to_day
    WHERE a.method IN ('改判', '发回重审')
    UNION
    SELECT p.period_id, c.court_code
    FROM sent s
    JOIN cases c ON c.case_no = s.case_no AND c.stage = 'first_instance'
    JOIN periods p ON s.sent_day BETWEEN p.from_day AND p.to_day
    WHERE s.sent_day >= s.appealed_day
),
tally AS (
    SELECT p.period_id, c.court_code,
           SUM(CASE WHEN c.closed_day <= c.deadline_day THEN 1 ELSE 0 END) AS num,
           COUNT(*) AS den
    FROM periods p
    JOIN cases c ON c.closed_day BETWEEN p.from_day AND p.to_day AND c.deadline_day IS NOT NULL
    GROUP BY p.period_id, c.court_code
)
SELECT g.period_id,
       g.court_code,
       CASE WHEN COALESCE(t.den, 0) = 0 THEN NULL
            ELSE CAST(t.num AS DOUBLE) * 100 / t.den END AS value
FROM active g
LEFT JOIN tally t ON t.period_id = g.period_id AND t.court_code = g.court_code
ORDER BY g.period_id, g.court_code;
