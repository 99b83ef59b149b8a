-- zhongben_compliance_rate — 无财产可供执行案件终本合格率 (终本 closures that meet the rules):
-- of the first-time enforcement cases (执) closed by 终结本次执行 in the period, those compliant ×
-- 100 over those whose standing is known. Formula: Percent(ZhongbenCompliant, ZhongbenReviewed).
-- A case's standing (shenguan_domain::zhongben, with the default settings): a reviewer's finding
-- in zhongben_findings when there is one; else not compliant when it closed on or before the day
-- three calendar months after its filing; else undetermined (left out) when none of the
-- checklist's steps is recorded between its filing and its closing; else compliant when the
-- notice (执行通知), the report order (报告财产令), the consumption restriction (限制消费), the
-- online inquiry (查控), the on-site investigation (现场调查) and the interview (约谈) are all
-- recorded in that span, and not compliant otherwise. 失信 is one of the steps but not required.
--
-- Reads cases, events, periods, days and zhongben_findings (README.md). One row per period and
-- court with a case counting in the period: (period_id, court_code, value).
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
-- The first-time enforcement cases closed by 终本, and the checklist's steps each has between
-- its filing and its closing.
zhongben AS (
    SELECT c.case_no, c.court_code, c.filed_day, c.closed_day
    FROM cases c
    WHERE c.stage = 'enforcement'
      AND c.type_code = '执'
      AND c.closed_day IS NOT NULL
      AND TRIM(c.closing_method) = '终结本次执行'
),
marks AS (
    SELECT z.case_no,
           MAX(CASE WHEN TRIM(e.kind) = '执行通知' THEN 1 ELSE 0 END) AS notice,
           MAX(CASE WHEN TRIM(e.kind) = '报告财产令' THEN 1 ELSE 0 END) AS report,
           MAX(CASE WHEN TRIM(e.kind) = '限制消费' THEN 1 ELSE 0 END) AS restriction,
           MAX(CASE WHEN TRIM(e.kind) = '查控' THEN 1 ELSE 0 END) AS inquiry,
           MAX(CASE WHEN TRIM(e.kind) = '现场调查' THEN 1 ELSE 0 END) AS site,
           MAX(CASE WHEN TRIM(e.kind) = '约谈' THEN 1 ELSE 0 END) AS interview,
           COUNT(e.case_no) AS steps
    FROM zhongben z
    LEFT JOIN events e
      ON e.case_no = z.case_no
     AND TRIM(e.kind) IN ('执行通知', '报告财产令', '限制消费', '失信', '查控', '现场调查', '约谈')
     AND e.day BETWEEN z.filed_day AND z.closed_day
    GROUP BY z.case_no
),
standing AS (
    SELECT z.court_code,
           z.closed_day,
           CASE
               WHEN f.compliant IS NOT NULL THEN CASE WHEN f.compliant = 1 THEN 1 ELSE 0 END
               WHEN d.plus3m_day IS NULL OR z.closed_day <= d.plus3m_day THEN 0
               WHEN m.steps = 0 THEN NULL
               WHEN m.notice = 1 AND m.report = 1 AND m.restriction = 1
                    AND m.inquiry = 1 AND m.site = 1 AND m.interview = 1 THEN 1
               ELSE 0
           END AS compliant
    FROM zhongben z
    JOIN marks m ON m.case_no = z.case_no
    LEFT JOIN days d ON d.day = z.filed_day
    LEFT JOIN zhongben_findings f ON f.case_no = z.case_no
),
tally AS (
    SELECT p.period_id, s.court_code,
           SUM(CASE WHEN s.compliant = 1 THEN 1 ELSE 0 END) AS num,
           SUM(CASE WHEN s.compliant IS NOT NULL THEN 1 ELSE 0 END) AS den
    FROM periods p
    JOIN standing s ON s.closed_day BETWEEN p.from_day AND p.to_day
    GROUP BY p.period_id, s.court_code
)
SELECT g.period_id,
       g.court_code,
       CASE WHEN COALESCE(t.den, 0) = 0 THEN NULL
            ELSE CAST(t.num AS DOUBLE) * 100 / t.den END AS value
FROM active g
LEFT JOIN tally t ON t.period_id = g.period_id AND t.court_code = g.court_code
ORDER BY g.period_id, g.court_code;
