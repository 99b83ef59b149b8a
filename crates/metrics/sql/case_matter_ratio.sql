-- case_matter_ratio — 案-件比 (cases per dispute): for the disputes started in the period (cases filed
-- in it whose origin_case_no is NULL or names no case in the data), all the cases of those disputes
-- (the case itself and every case continuing it, directly or through others, whenever filed) ÷ the
-- disputes.
-- Formula: Ratio(DisputeCases, Disputes). The engine walks from every case up to its root at most
-- 65 links (a guard against loops in the data); so does the CTE walk.
--
-- Reads cases, events and periods (README.md). One row per period and court with a case
-- counting in the period: (period_id, court_code, value); each period is computed on its own.
WITH RECURSIVE
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
-- Each case walking up its origins: the cases it reaches, at most 65 links up.
walk (start_no, at_no, at_origin, steps) AS (
    SELECT case_no, case_no, TRIM(origin_case_no), 0
    FROM cases
    UNION ALL
    SELECT w.start_no, u.case_no, TRIM(u.origin_case_no), w.steps + 1
    FROM walk w
    JOIN cases u ON u.case_no = w.at_origin
    WHERE w.steps < 65
),
-- The cases that start a dispute: no origin, or an origin that is not in the data.
roots AS (
    SELECT r.case_no, r.court_code, r.filed_day
    FROM cases r
    WHERE r.origin_case_no IS NULL
       OR NOT EXISTS (SELECT 1 FROM cases o WHERE o.case_no = TRIM(r.origin_case_no))
),
-- Each dispute's size (件): the cases whose walk reaches its root, the root included.
dispute AS (
    SELECT w.at_no AS root_no, COUNT(*) AS size
    FROM walk w
    GROUP BY w.at_no
),
tally AS (
    SELECT p.period_id, c.court_code,
           SUM(d.size) AS num,
           COUNT(*) AS den
    FROM periods p
    JOIN roots c ON c.filed_day BETWEEN p.from_day AND p.to_day
    JOIN dispute d ON d.root_no = c.case_no
    GROUP BY p.period_id, c.court_code
)
SELECT g.period_id,
       g.court_code,
       CASE WHEN COALESCE(t.den, 0) = 0 THEN NULL
            ELSE CAST(t.num AS DOUBLE) / t.den END AS value
FROM active g
LEFT JOIN tally t ON t.period_id = g.period_id AND t.court_code = g.court_code
ORDER BY g.period_id, g.court_code;
