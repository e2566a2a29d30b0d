-- A leaner DuckDB baseline: the hr-analytics rubric's score, score_max and tier only (no rule,
-- unknown or segment lists), for comparison with the full output in hr_analytics.sql.
COPY (
  WITH r AS (
    SELECT
      "Account Name" AS name,
      replace(replace(lower(trim("Industry")), ' ', '_'), '-', '_') IN ('saas', 'services') AS industry_fit,
      "Employees" BETWEEN 200 AND 2000 AS size_fit,
      replace(replace(lower(trim("HRIS")), ' ', '_'), '-', '_') IN ('workday', 'bamboohr')
        AND lower(trim("Payroll")) IN ('adp', 'gusto') AS tech_fit,
      "VP People Engaged" AS authority,
      "Pain Confirmed" AS pain_r,
      "Confirmed Budget" >= 50000 AS budget_r,
      "Decision Timeline" <= 180 AS timeline,
      "Employees" < 50 OR replace(replace(lower(trim("HRIS")), ' ', '_'), '-', '_') = 'in_house' AS dq
    FROM read_csv('{input}', header = true)
  ), s AS (
    SELECT *,
      (industry_fit IS TRUE)::INT + (size_fit IS TRUE)::INT + (tech_fit IS TRUE)::INT
        + (authority IS TRUE)::INT + (pain_r IS TRUE)::INT + (budget_r IS TRUE)::INT
        + (timeline IS TRUE)::INT AS score,
      (industry_fit IS NOT FALSE)::INT + (size_fit IS NOT FALSE)::INT + (tech_fit IS NOT FALSE)::INT
        + (authority IS NOT FALSE)::INT + (pain_r IS NOT FALSE)::INT + (budget_r IS NOT FALSE)::INT
        + (timeline IS NOT FALSE)::INT AS score_max
    FROM r
  )
  SELECT name AS "Account Name", score, score_max,
    CASE WHEN dq IS TRUE THEN 'disqualified' WHEN score >= 5 THEN 'strong'
         WHEN score >= 3 THEN 'possible' ELSE 'disqualified' END AS tier
  FROM s
) TO '{output}' (HEADER, DELIMITER ',');
