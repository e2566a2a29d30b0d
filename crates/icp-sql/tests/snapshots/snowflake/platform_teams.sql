WITH icp_l0 AS (
  SELECT "Account Name" AS k0,
    "engineering_headcount" AS c0,
    "funding_stage" AS c1,
    NULLIF(TRIM(CAST("funding_stage" AS VARCHAR), ' 	

'), '') AS t1,
    "region" AS c2,
    NULLIF(TRIM(CAST("region" AS VARCHAR), ' 	

'), '') AS t2,
    "technologies" AS c3,
    NULLIF(TRIM(CAST("technologies" AS VARCHAR), ' 	

'), '') AS t3,
    "is_education" AS c4,
    "last_funding_date" AS c5,
    NULLIF(TRIM(CAST("last_funding_date" AS VARCHAR), ' 	

'), '') AS t5,
    "vp_engineering_start" AS c6,
    NULLIF(TRIM(CAST("vp_engineering_start" AS VARCHAR), ' 	

'), '') AS t6,
    "previous_customer_churned" AS c7
  FROM "crm"."accounts"
),
icp_l1 AS (
  SELECT *,
    (CAST(c0 AS VARCHAR) IS NOT NULL AND (CAST(c0 AS VARCHAR) = '' OR length(CAST(c0 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c0 AS VARCHAR), '[^0-9]') > 0))) AS n0_slow,
    translate(t1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v1,
    CAST(NULL AS VARCHAR) AS e1,
    translate(t2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v2,
    CAST(NULL AS VARCHAR) AS e2,
    CASE WHEN t3 IS NULL OR (REGEXP_INSTR(t3, '^[;, 	

]*$') > 0) THEN NULL ELSE ';' || translate(REGEXP_REPLACE(replace(t3, ',', ';'), '[ 	

]*;[ 	

]*', ';'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') || ';' END AS v3,
    CAST(NULL AS VARCHAR) AS e3,
    (CAST(c4 AS VARCHAR) IS NOT NULL AND CAST(c4 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n4_slow,
    (length(t5) >= 10 AND (length(t5) = 10 OR substr(t5, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t5, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n5_ok,
    CASE WHEN length(t5) > 10 THEN substr(t5, 5, 1) = '-' AND substr(t5, 8, 1) = '-' AND substr(t5, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t5, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t5, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t5, 12), '[^0-9:.+Zz-]') > 0)) END AS n5_tbad,
    (length(t6) >= 10 AND (length(t6) = 10 OR substr(t6, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t6, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n6_ok,
    CASE WHEN length(t6) > 10 THEN substr(t6, 5, 1) = '-' AND substr(t6, 8, 1) = '-' AND substr(t6, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t6, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t6, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t6, 12), '[^0-9:.+Zz-]') > 0)) END AS n6_tbad,
    (CAST(c7 AS VARCHAR) IS NOT NULL AND CAST(c7 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n7_slow
  FROM icp_l0
),
icp_l2 AS (
  SELECT *,
    CASE WHEN n0_slow THEN NULLIF(TRIM(CAST(c0 AS VARCHAR), ' 	

'), '') END AS t0,
    CASE WHEN n4_slow THEN NULLIF(TRIM(CAST(c4 AS VARCHAR), ' 	

'), '') END AS t4,
    CASE WHEN n5_ok THEN CAST(substr(t5, 1, 4) AS NUMBER(38,0)) END AS n5_y,
    CASE WHEN n5_ok THEN CAST(substr(t5, 6, 2) AS NUMBER(38,0)) END AS n5_m,
    CASE WHEN n5_ok THEN CAST(substr(t5, 9, 2) AS NUMBER(38,0)) END AS n5_d,
    CASE WHEN n6_ok THEN CAST(substr(t6, 1, 4) AS NUMBER(38,0)) END AS n6_y,
    CASE WHEN n6_ok THEN CAST(substr(t6, 6, 2) AS NUMBER(38,0)) END AS n6_m,
    CASE WHEN n6_ok THEN CAST(substr(t6, 9, 2) AS NUMBER(38,0)) END AS n6_d,
    CASE WHEN n7_slow THEN NULLIF(TRIM(CAST(c7 AS VARCHAR), ' 	

'), '') END AS t7
  FROM icp_l1
),
icp_l3 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(t0, '^[+-]'), '') END AS n0_s1,
    CASE WHEN n4_slow THEN translate(t4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n4_lt,
    CASE WHEN t5 IS NULL THEN NULL WHEN n5_tbad THEN 'last_funding_date: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n5_ok THEN 'last_funding_date: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n5_m < 1 OR n5_m > 12 THEN 'last_funding_date: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n5_d < 1 OR n5_d > CASE WHEN n5_m IN (4, 6, 9, 11) THEN 30 WHEN n5_m = 2 THEN CASE WHEN ((MOD(n5_y, 4) = 0 AND MOD(n5_y, 100) <> 0) OR MOD(n5_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'last_funding_date: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e5,
    CASE WHEN t6 IS NULL THEN NULL WHEN n6_tbad THEN 'vp_engineering_start: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n6_ok THEN 'vp_engineering_start: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n6_m < 1 OR n6_m > 12 THEN 'vp_engineering_start: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n6_d < 1 OR n6_d > CASE WHEN n6_m IN (4, 6, 9, 11) THEN 30 WHEN n6_m = 2 THEN CASE WHEN ((MOD(n6_y, 4) = 0 AND MOD(n6_y, 100) <> 0) OR MOD(n6_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'vp_engineering_start: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e6,
    CASE WHEN n7_slow THEN translate(t7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n7_lt
  FROM icp_l2
),
icp_l4 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(t0, length(n0_s1) + 1) END AS n0_r1,
    CASE WHEN NOT n4_slow THEN CAST(c4 AS VARCHAR) IN ('true', '1') WHEN n4_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n4_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v4,
    CASE WHEN NOT n4_slow OR t4 IS NULL OR n4_lt IN ('true', 'yes', 'y', '1') OR n4_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'is_education: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e4,
    CASE WHEN e5 IS NULL AND n5_ok THEN n5_y * 10000 + n5_m * 100 + n5_d END AS v5,
    CASE WHEN e6 IS NULL AND n6_ok THEN n6_y * 10000 + n6_m * 100 + n6_d END AS v6,
    CASE WHEN NOT n7_slow THEN CAST(c7 AS VARCHAR) IN ('true', '1') WHEN n7_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n7_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v7,
    CASE WHEN NOT n7_slow OR t7 IS NULL OR n7_lt IN ('true', 'yes', 'y', '1') OR n7_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'previous_customer_churned: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e7
  FROM icp_l3
),
icp_l5 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r1, '^[0-9][0-9,]*'), '') END AS n0_run
  FROM icp_l4
),
icp_l6 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r1, length(n0_run) + 1) END AS n0_r4
  FROM icp_l5
),
icp_l7 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r4, '^[.][0-9]*'), '') END AS n0_frac
  FROM icp_l6
),
icp_l8 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r4, length(n0_frac) + 1) END AS n0_r5
  FROM icp_l7
),
icp_l9 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n0_ex
  FROM icp_l8
),
icp_l10 AS (
  SELECT *,
    CASE WHEN n0_slow THEN LTRIM(substr(n0_r5, length(n0_ex) + 1), ' 	

') END AS n0_r6
  FROM icp_l9
),
icp_l11 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r6, '^[A-Za-z]+'), '') END AS n0_w
  FROM icp_l10
),
icp_l12 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN (n0_w IN ('K', 'k')) THEN 3 WHEN (n0_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n0_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n0_mag
  FROM icp_l11
),
icp_l13 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_mag > 0 THEN LTRIM(substr(n0_r6, length(n0_w) + 1), ' 	

') ELSE n0_r6 END END AS n0_r7
  FROM icp_l12
),
icp_l14 AS (
  SELECT *,
    CASE WHEN n0_slow THEN replace(n0_run, ',', '') || substr(n0_frac, 2) END AS n0_dig,
    CASE WHEN n0_slow THEN length(replace(n0_run, ',', '')) END AS n0_ilen,
    CASE WHEN n0_slow THEN COALESCE(CAST(NULLIF(substr(n0_ex, 2), '') AS NUMBER(38,0)), 0) END AS n0_en,
    CASE WHEN n0_slow THEN COALESCE(CAST(NULLIF(substr(n0_ex, 2), '') AS NUMBER(38,0)), 0) + n0_mag - 2 * 0 - greatest(length(n0_frac) - 1, 0) + 10 END AS n0_shift,
    CASE WHEN n0_slow THEN ((POSITION(',', n0_run) > 0) AND NOT (REGEXP_INSTR(n0_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n0_misp,
    CASE WHEN n0_slow THEN n0_r7 END AS n0_rest
  FROM icp_l13
),
icp_l15 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_dig, length(COALESCE(REGEXP_SUBSTR(n0_dig, '^0*'), '')) + 1) END AS n0_dz
  FROM icp_l14
),
icp_l16 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN t0 IS NULL THEN NULL WHEN n0_ilen > 36 THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_misp THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) > 36 THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) = 0 THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n0_ex <> '' AND ((n0_en >= 0 AND (n0_en > 38 OR (n0_dz <> '' AND length(n0_dz) + n0_en > 38))) OR (n0_en < 0 AND greatest(length(n0_frac) - 1, 0) - n0_en > 38))) OR (n0_mag > 0 AND n0_dz <> '' AND length(n0_dz) + greatest(n0_en, 0) + n0_mag > 38)) THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_rest <> '' THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND length(n0_dz) + n0_shift > 37 THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND n0_shift < 0 AND (REGEXP_INSTR(substr(n0_dz, greatest(length(n0_dz) + n0_shift, 0) + 1), '[1-9]') > 0) THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n0_e0
  FROM icp_l15
),
icp_l17 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_e0 IS NULL AND t0 IS NOT NULL THEN CASE WHEN n0_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n0_dz = '' THEN '0' WHEN n0_shift >= 0 THEN n0_dz || repeat('0', n0_shift) ELSE substr(n0_dz, 1, greatest(length(n0_dz) + n0_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c0 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n0_raw
  FROM icp_l16
),
icp_l18 AS (
  SELECT *,
    CASE WHEN n0_e0 IS NOT NULL THEN n0_e0 WHEN n0_raw < 0 THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n0_slow THEN MOD(n0_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'engineering_headcount: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e0
  FROM icp_l17
),
icp_l19 AS (
  SELECT *,
    CASE WHEN e0 IS NULL THEN n0_raw END AS v0
  FROM icp_l18
),
icp_l20 AS (
  SELECT *,
    ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(e0, e4, e5, e6, e7), '; ') AS icp_error,
    (v0 BETWEEN CAST(500000000000 AS NUMBER(38,0)) AND CAST(4000000000000 AS NUMBER(38,0))) AS r0,
    (v1 IN ('series_b', 'series_c')) AS r1,
    ((POSITION(';kubernetes;', v3) > 0) AND (POSITION(';terraform;', v3) > 0)) AS r2,
    (v5 >= 20260726) AS r3,
    (v6 >= 20260924) AS r4,
    v7 AS r5,
    v4 AS d0,
    (v0 < CAST(200000000000 AS NUMBER(38,0))) AS d1,
    ((v2 IN ('apac')) AND (v0 BETWEEN CAST(1000000000000 AS NUMBER(38,0)) AND CAST(4000000000000 AS NUMBER(38,0)))) AS g0
  FROM icp_l19
),
icp_l21 AS (
  SELECT *,
    CAST(CASE WHEN r0 THEN CAST(3 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r1 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r2 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r3 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r4 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r5 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(-4 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_min,
    CAST(CASE WHEN NOT r0 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(3 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r1 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(2 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r2 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(2 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r3 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r4 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r5 THEN CAST(-4 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_max
  FROM icp_l20
),
icp_l22 AS (
  SELECT *,
    CAST(1 AS NUMBER(38,0)) AS icp_gmin,
    CAST(1 AS NUMBER(38,0)) AS icp_gmax
  FROM icp_l21
),
icp_l23 AS (
  SELECT *,
    TRUNC((icp_min) / (icp_gmin)) AS icp_pmin,
    TRUNC((CAST(1 AS NUMBER(38,0))) / (icp_gmin)) AS icp_qmin,
    TRUNC((icp_max) / (icp_gmax)) AS icp_pmax,
    TRUNC((CAST(1 AS NUMBER(38,0))) / (icp_gmax)) AS icp_qmax
  FROM icp_l22
)
SELECT
  k0 AS "Account Name",
  CAST(icp_pmin AS VARCHAR) AS score,
  CAST(icp_pmax AS VARCHAR) AS score_max,
  CASE WHEN icp_error <> '' THEN 'error' WHEN COALESCE(d0 OR d1, FALSE) THEN 'disqualified' WHEN icp_min >= CAST(7 AS NUMBER(38,0)) THEN 'a' WHEN icp_min >= CAST(4 AS NUMBER(38,0)) THEN 'b' ELSE 'c' END AS tier,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 THEN 'team_size' END, CASE WHEN r1 THEN 'stage' END, CASE WHEN r2 THEN 'stack' END, CASE WHEN r3 THEN 'funded' END, CASE WHEN r4 THEN 'new_leader' END, CASE WHEN r5 THEN 'churn_risk' END), ';') AS rules,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 IS NULL THEN 'team_size' END, CASE WHEN r1 IS NULL THEN 'stage' END, CASE WHEN r2 IS NULL THEN 'stack' END, CASE WHEN r3 IS NULL THEN 'funded' END, CASE WHEN r4 IS NULL THEN 'new_leader' END, CASE WHEN r5 IS NULL THEN 'churn_risk' END, CASE WHEN d0 IS NULL THEN 'disqualify: students' END, CASE WHEN d1 IS NULL THEN 'disqualify: engineers < 20' END), ';') AS unknown,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN d0 THEN 'students' END, CASE WHEN d1 THEN 'engineers < 20' END), ';') AS disqualified_by,
  CASE WHEN g0 THEN 'apac_bet' WHEN g0 IS NULL THEN 'apac_bet?' ELSE '' END AS segments,
  icp_error AS error
FROM icp_l23;
