-- The hr-analytics.icp rubric as hand-written SQL, with the same output columns as
-- `icpc score`. SQL's NULL logic is Kleene logic, so unknowns behave the same way:
-- `IS TRUE` counts a rule for the minimum score, `IS NOT FALSE` for the maximum.
-- {input} and {output} are replaced by run.sh.
COPY (
  WITH src AS (
    SELECT * FROM read_csv('{input}', header = true)
  ), n AS (
    SELECT
      "Account Name" AS name,
      trim("Billing Country") AS country,
      "Employees" AS employees,
      "Annual Revenue" AS revenue,
      "Year Founded" AS founded,
      replace(replace(lower(trim("Industry")), ' ', '_'), '-', '_') AS industry,
      replace(replace(lower(trim("HRIS")), ' ', '_'), '-', '_') AS hris,
      replace(replace(lower(trim("Payroll")), ' ', '_'), '-', '_') AS payroll,
      list_transform(string_split("BI Tools", ';'), lambda x: replace(replace(lower(trim(x)), ' ', '_'), '-', '_')) AS bi,
      "VP People Engaged" AS vp_deal,
      "Pain Confirmed" AS pain,
      "Confirmed Budget" AS budget,
      "Decision Timeline" AS decision
    FROM src
  ), r AS (
    SELECT
      name,
      industry IN ('saas', 'services') AS industry_fit,
      employees BETWEEN 200 AND 2000 AS size_fit,
      hris IN ('workday', 'bamboohr') AND payroll IN ('adp', 'gusto') AS tech_fit,
      vp_deal AS authority,
      pain AS pain_r,
      budget >= 50000 AS budget_r,
      decision <= 180 AS timeline,
      employees < 50 AS dq_small,
      hris = 'in_house' AS dq_in_house,
      country IN ('US') AND employees BETWEEN 200 AND 2000 AND industry IN ('saas', 'services')
        AND revenue >= 20000000 AND founded <= 2021
        AND hris IN ('workday', 'bamboohr') AND payroll IN ('adp', 'gusto')
        AND list_has_any(bi, ['looker', 'tableau', 'mode'])
        AND employees BETWEEN 500 AND 1500 AND list_has_any(bi, ['looker']) AS ideal
    FROM n
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
  SELECT
    name AS "Account Name",
    score,
    score_max,
    CASE
      WHEN dq_small IS TRUE OR dq_in_house IS TRUE THEN 'disqualified'
      WHEN score >= 5 THEN 'strong'
      WHEN score >= 3 THEN 'possible'
      ELSE 'disqualified'
    END AS tier,
    concat_ws(';',
      CASE WHEN industry_fit THEN 'industry_fit' END, CASE WHEN size_fit THEN 'size_fit' END,
      CASE WHEN tech_fit THEN 'tech_fit' END, CASE WHEN authority THEN 'authority' END,
      CASE WHEN pain_r THEN 'pain' END, CASE WHEN budget_r THEN 'budget' END,
      CASE WHEN timeline THEN 'timeline' END) AS rules,
    concat_ws(';',
      CASE WHEN industry_fit IS NULL THEN 'industry_fit' END, CASE WHEN size_fit IS NULL THEN 'size_fit' END,
      CASE WHEN tech_fit IS NULL THEN 'tech_fit' END, CASE WHEN authority IS NULL THEN 'authority' END,
      CASE WHEN pain_r IS NULL THEN 'pain' END, CASE WHEN budget_r IS NULL THEN 'budget' END,
      CASE WHEN timeline IS NULL THEN 'timeline' END,
      CASE WHEN dq_small IS NULL THEN 'disqualify: employees < 50' END,
      CASE WHEN dq_in_house IS NULL THEN 'disqualify: hris == in_house' END) AS unknown,
    concat_ws(';', CASE WHEN dq_small THEN 'employees < 50' END,
      CASE WHEN dq_in_house THEN 'hris == in_house' END) AS disqualified_by,
    CASE WHEN ideal THEN 'ideal_of_ideal' WHEN ideal IS NULL THEN 'ideal_of_ideal?' ELSE '' END AS segments,
    '' AS error
  FROM s
) TO '{output}' (HEADER, DELIMITER ',');
