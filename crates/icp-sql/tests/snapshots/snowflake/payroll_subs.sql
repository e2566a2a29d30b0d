WITH icp_l0 AS (
  SELECT "Account Name" AS k0,
    "Employees" AS c0,
    "Annual Revenue" AS c1,
    "Trade" AS c2,
    NULLIF(TRIM(CAST("Trade" AS VARCHAR), ' 	

'), '') AS t2,
    "Public Works Percent" AS c3,
    NULLIF(TRIM(CAST("Public Works Percent" AS VARCHAR), ' 	

'), '') AS t3,
    "Payroll System" AS c4,
    NULLIF(TRIM(CAST("Payroll System" AS VARCHAR), ' 	

'), '') AS t4,
    "Certified Payroll Required" AS c5,
    "Union Crews" AS c6,
    "Controller Engaged" AS c7,
    "Prevailing Wage Award Date" AS c8,
    NULLIF(TRIM(CAST("Prevailing Wage Award Date" AS VARCHAR), ' 	

'), '') AS t8
  FROM "crm"."accounts"
),
icp_l1 AS (
  SELECT *,
    (CAST(c0 AS VARCHAR) IS NOT NULL AND (CAST(c0 AS VARCHAR) = '' OR length(CAST(c0 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c0 AS VARCHAR), '[^0-9]') > 0))) AS n0_slow,
    (CAST(c1 AS VARCHAR) IS NOT NULL AND (CAST(c1 AS VARCHAR) = '' OR length(CAST(c1 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c1 AS VARCHAR), '[^0-9]') > 0))) AS n1_slow,
    translate(t2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v2,
    CAST(NULL AS VARCHAR) AS e2,
    COALESCE(REGEXP_SUBSTR(t3, '^[+-]'), '') AS n3_s1,
    translate(t4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v4,
    CAST(NULL AS VARCHAR) AS e4,
    (CAST(c5 AS VARCHAR) IS NOT NULL AND CAST(c5 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n5_slow,
    (CAST(c6 AS VARCHAR) IS NOT NULL AND CAST(c6 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n6_slow,
    (CAST(c7 AS VARCHAR) IS NOT NULL AND CAST(c7 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n7_slow,
    (length(t8) >= 10 AND (length(t8) = 10 OR substr(t8, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t8, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n8_ok,
    CASE WHEN length(t8) > 10 THEN substr(t8, 5, 1) = '-' AND substr(t8, 8, 1) = '-' AND substr(t8, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t8, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t8, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t8, 12), '[^0-9:.+Zz-]') > 0)) END AS n8_tbad
  FROM icp_l0
),
icp_l2 AS (
  SELECT *,
    CASE WHEN n0_slow THEN NULLIF(TRIM(CAST(c0 AS VARCHAR), ' 	

'), '') END AS t0,
    CASE WHEN n1_slow THEN NULLIF(TRIM(CAST(c1 AS VARCHAR), ' 	

'), '') END AS t1,
    substr(t3, length(n3_s1) + 1) AS n3_r1,
    CASE WHEN n5_slow THEN NULLIF(TRIM(CAST(c5 AS VARCHAR), ' 	

'), '') END AS t5,
    CASE WHEN n6_slow THEN NULLIF(TRIM(CAST(c6 AS VARCHAR), ' 	

'), '') END AS t6,
    CASE WHEN n7_slow THEN NULLIF(TRIM(CAST(c7 AS VARCHAR), ' 	

'), '') END AS t7,
    CASE WHEN n8_ok THEN CAST(substr(t8, 1, 4) AS NUMBER(38,0)) END AS n8_y,
    CASE WHEN n8_ok THEN CAST(substr(t8, 6, 2) AS NUMBER(38,0)) END AS n8_m,
    CASE WHEN n8_ok THEN CAST(substr(t8, 9, 2) AS NUMBER(38,0)) END AS n8_d
  FROM icp_l1
),
icp_l3 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(t0, '^[+-]'), '') END AS n0_s1,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(t1, '^[+-]'), '') END AS n1_s1,
    COALESCE(REGEXP_SUBSTR(n3_r1, '^[0-9][0-9,]*'), '') AS n3_run,
    CASE WHEN n5_slow THEN translate(t5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n5_lt,
    CASE WHEN n6_slow THEN translate(t6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n6_lt,
    CASE WHEN n7_slow THEN translate(t7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n7_lt,
    CASE WHEN t8 IS NULL THEN NULL WHEN n8_tbad THEN 'Prevailing Wage Award Date: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n8_ok THEN 'Prevailing Wage Award Date: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n8_m < 1 OR n8_m > 12 THEN 'Prevailing Wage Award Date: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n8_d < 1 OR n8_d > CASE WHEN n8_m IN (4, 6, 9, 11) THEN 30 WHEN n8_m = 2 THEN CASE WHEN ((MOD(n8_y, 4) = 0 AND MOD(n8_y, 100) <> 0) OR MOD(n8_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'Prevailing Wage Award Date: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e8
  FROM icp_l2
),
icp_l4 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(t0, length(n0_s1) + 1) END AS n0_r1,
    CASE WHEN n1_slow THEN substr(t1, length(n1_s1) + 1) END AS n1_r1,
    substr(n3_r1, length(n3_run) + 1) AS n3_r4,
    CASE WHEN NOT n5_slow THEN CAST(c5 AS VARCHAR) IN ('true', '1') WHEN n5_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n5_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v5,
    CASE WHEN NOT n5_slow OR t5 IS NULL OR n5_lt IN ('true', 'yes', 'y', '1') OR n5_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'Certified Payroll Required: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e5,
    CASE WHEN NOT n6_slow THEN CAST(c6 AS VARCHAR) IN ('true', '1') WHEN n6_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n6_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v6,
    CASE WHEN NOT n6_slow OR t6 IS NULL OR n6_lt IN ('true', 'yes', 'y', '1') OR n6_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'Union Crews: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e6,
    CASE WHEN NOT n7_slow THEN CAST(c7 AS VARCHAR) IN ('true', '1') WHEN n7_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n7_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v7,
    CASE WHEN NOT n7_slow OR t7 IS NULL OR n7_lt IN ('true', 'yes', 'y', '1') OR n7_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'Controller Engaged: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e7,
    CASE WHEN e8 IS NULL AND n8_ok THEN n8_y * 10000 + n8_m * 100 + n8_d END AS v8
  FROM icp_l3
),
icp_l5 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r1, '^[0-9][0-9,]*'), '') END AS n0_run,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r1, '^[A-Z$-􏿿]+'), '') END AS n1_cu,
    COALESCE(REGEXP_SUBSTR(n3_r4, '^[.][0-9]*'), '') AS n3_frac
  FROM icp_l4
),
icp_l6 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r1, length(n0_run) + 1) END AS n0_r4,
    CASE WHEN n1_slow THEN (n1_cu <> '' AND NOT (length(n1_cu) = 1 AND (length(n1_cu) - length(translate(n1_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n1_cu) - length(translate(n1_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n1_cuok,
    substr(n3_r4, length(n3_frac) + 1) AS n3_r5
  FROM icp_l5
),
icp_l7 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r4, '^[.][0-9]*'), '') END AS n0_frac,
    CASE WHEN n1_slow THEN CASE WHEN n1_cuok THEN LTRIM(substr(n1_r1, length(n1_cu) + 1), ' 	

') ELSE n1_r1 END END AS n1_r2,
    COALESCE(REGEXP_SUBSTR(n3_r5, '^[eE][+-]?[0-9]{1,4}'), '') AS n3_ex
  FROM icp_l6
),
icp_l8 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r4, length(n0_frac) + 1) END AS n0_r5,
    CASE WHEN n1_slow THEN CASE WHEN n1_cuok AND n1_s1 = '' THEN COALESCE(REGEXP_SUBSTR(n1_r2, '^[+-]'), '') ELSE '' END END AS n1_s2,
    LTRIM(substr(n3_r5, length(n3_ex) + 1), ' 	

') AS n3_r6
  FROM icp_l7
),
icp_l9 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n0_ex,
    CASE WHEN n1_slow THEN substr(n1_r2, length(n1_s2) + 1) END AS n1_r3,
    COALESCE(REGEXP_SUBSTR(n3_r6, '^[A-Za-z]+'), '') AS n3_w
  FROM icp_l8
),
icp_l10 AS (
  SELECT *,
    CASE WHEN n0_slow THEN LTRIM(substr(n0_r5, length(n0_ex) + 1), ' 	

') END AS n0_r6,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r3, '^[0-9][0-9,]*'), '') END AS n1_run,
    CASE WHEN (n3_w IN ('K', 'k')) THEN 3 WHEN (n3_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n3_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END AS n3_mag
  FROM icp_l9
),
icp_l11 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r6, '^[A-Za-z]+'), '') END AS n0_w,
    CASE WHEN n1_slow THEN substr(n1_r3, length(n1_run) + 1) END AS n1_r4,
    CASE WHEN n3_mag > 0 THEN LTRIM(substr(n3_r6, length(n3_w) + 1), ' 	

') ELSE n3_r6 END AS n3_r7
  FROM icp_l10
),
icp_l12 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN (n0_w IN ('K', 'k')) THEN 3 WHEN (n0_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n0_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n0_mag,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r4, '^[.][0-9]*'), '') END AS n1_frac,
    CASE WHEN substr(n3_r7, 1, 1) = '%' THEN 1 ELSE 0 END AS n3_pc
  FROM icp_l11
),
icp_l13 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_mag > 0 THEN LTRIM(substr(n0_r6, length(n0_w) + 1), ' 	

') ELSE n0_r6 END END AS n0_r7,
    CASE WHEN n1_slow THEN substr(n1_r4, length(n1_frac) + 1) END AS n1_r5,
    CASE WHEN n3_pc = 1 THEN LTRIM(substr(n3_r7, 2), ' 	

') ELSE n3_r7 END AS n3_r8
  FROM icp_l12
),
icp_l14 AS (
  SELECT *,
    CASE WHEN n0_slow THEN replace(n0_run, ',', '') || substr(n0_frac, 2) END AS n0_dig,
    CASE WHEN n0_slow THEN length(replace(n0_run, ',', '')) END AS n0_ilen,
    CASE WHEN n0_slow THEN COALESCE(CAST(NULLIF(substr(n0_ex, 2), '') AS NUMBER(38,0)), 0) END AS n0_en,
    CASE WHEN n0_slow THEN COALESCE(CAST(NULLIF(substr(n0_ex, 2), '') AS NUMBER(38,0)), 0) + n0_mag - 2 * 0 - greatest(length(n0_frac) - 1, 0) + 10 END AS n0_shift,
    CASE WHEN n0_slow THEN ((POSITION(',', n0_run) > 0) AND NOT (REGEXP_INSTR(n0_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n0_misp,
    CASE WHEN n0_slow THEN n0_r7 END AS n0_rest,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n1_ex,
    replace(n3_run, ',', '') || substr(n3_frac, 2) AS n3_dig,
    length(replace(n3_run, ',', '')) AS n3_ilen,
    COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) AS n3_en,
    COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) + n3_mag - 2 * n3_pc - greatest(length(n3_frac) - 1, 0) + 10 AS n3_shift,
    ((POSITION(',', n3_run) > 0) AND NOT (REGEXP_INSTR(n3_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) AS n3_misp,
    n3_r8 AS n3_rest
  FROM icp_l13
),
icp_l15 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_dig, length(COALESCE(REGEXP_SUBSTR(n0_dig, '^0*'), '')) + 1) END AS n0_dz,
    CASE WHEN n1_slow THEN LTRIM(substr(n1_r5, length(n1_ex) + 1), ' 	

') END AS n1_r6,
    substr(n3_dig, length(COALESCE(REGEXP_SUBSTR(n3_dig, '^0*'), '')) + 1) AS n3_dz
  FROM icp_l14
),
icp_l16 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN t0 IS NULL THEN NULL WHEN n0_ilen > 36 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_misp THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) > 36 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) = 0 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n0_ex <> '' AND ((n0_en >= 0 AND (n0_en > 38 OR (n0_dz <> '' AND length(n0_dz) + n0_en > 38))) OR (n0_en < 0 AND greatest(length(n0_frac) - 1, 0) - n0_en > 38))) OR (n0_mag > 0 AND n0_dz <> '' AND length(n0_dz) + greatest(n0_en, 0) + n0_mag > 38)) THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_rest <> '' THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND length(n0_dz) + n0_shift > 37 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND n0_shift < 0 AND (REGEXP_INSTR(substr(n0_dz, greatest(length(n0_dz) + n0_shift, 0) + 1), '[1-9]') > 0) THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n0_e0,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r6, '^[A-Za-z]+'), '') END AS n1_w,
    CASE WHEN t3 IS NULL THEN NULL WHEN n3_ilen > 36 THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a percent such as 35% or 0.35)' WHEN n3_misp THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a percent such as 35% or 0.35)' WHEN length(n3_dig) > 36 THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a percent such as 35% or 0.35)' WHEN length(n3_dig) = 0 THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not a percent (expected a percent such as 35% or 0.35)' WHEN ((n3_ex <> '' AND ((n3_en >= 0 AND (n3_en > 38 OR (n3_dz <> '' AND length(n3_dz) + n3_en > 38))) OR (n3_en < 0 AND greatest(length(n3_frac) - 1, 0) - n3_en > 38))) OR (n3_mag > 0 AND n3_dz <> '' AND length(n3_dz) + greatest(n3_en, 0) + n3_mag > 38)) THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a percent such as 35% or 0.35)' WHEN n3_rest <> '' THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not a percent (expected a percent such as 35% or 0.35)' WHEN n3_dz <> '' AND length(n3_dz) + n3_shift > 37 THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a percent such as 35% or 0.35)' WHEN n3_dz <> '' AND n3_shift < 0 AND (REGEXP_INSTR(substr(n3_dz, greatest(length(n3_dz) + n3_shift, 0) + 1), '[1-9]') > 0) THEN 'Public Works Percent: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a percent such as 35% or 0.35)' END AS n3_e0
  FROM icp_l15
),
icp_l17 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_e0 IS NULL AND t0 IS NOT NULL THEN CASE WHEN n0_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n0_dz = '' THEN '0' WHEN n0_shift >= 0 THEN n0_dz || repeat('0', n0_shift) ELSE substr(n0_dz, 1, greatest(length(n0_dz) + n0_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c0 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n0_raw,
    CASE WHEN n1_slow THEN CASE WHEN (n1_w IN ('K', 'k')) THEN 3 WHEN (n1_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n1_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n1_mag,
    CASE WHEN n3_e0 IS NULL AND t3 IS NOT NULL THEN CASE WHEN n3_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n3_dz = '' THEN '0' WHEN n3_shift >= 0 THEN n3_dz || repeat('0', n3_shift) ELSE substr(n3_dz, 1, greatest(length(n3_dz) + n3_shift, 1)) END AS NUMBER(38,0)) END AS n3_raw
  FROM icp_l16
),
icp_l18 AS (
  SELECT *,
    CASE WHEN n0_e0 IS NOT NULL THEN n0_e0 WHEN n0_raw < 0 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n0_slow THEN MOD(n0_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e0,
    CASE WHEN n1_slow THEN CASE WHEN n1_mag > 0 THEN LTRIM(substr(n1_r6, length(n1_w) + 1), ' 	

') ELSE n1_r6 END END AS n1_r7,
    CASE WHEN n3_e0 IS NOT NULL THEN n3_e0 END AS e3
  FROM icp_l17
),
icp_l19 AS (
  SELECT *,
    CASE WHEN e0 IS NULL THEN n0_raw END AS v0,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r7, '^[A-Z$-􏿿]+'), '') END AS n1_cu2,
    CASE WHEN e3 IS NULL THEN n3_raw END AS v3
  FROM icp_l18
),
icp_l20 AS (
  SELECT *,
    CASE WHEN n1_slow THEN (n1_cu2 <> '' AND NOT (length(n1_cu2) = 1 AND (length(n1_cu2) - length(translate(n1_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n1_cu2) - length(translate(n1_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n1_cu2ok
  FROM icp_l19
),
icp_l21 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN n1_cu2ok THEN LTRIM(substr(n1_r7, length(n1_cu2) + 1), ' 	

') ELSE n1_r7 END END AS n1_r8
  FROM icp_l20
),
icp_l22 AS (
  SELECT *,
    CASE WHEN n1_slow THEN replace(n1_run, ',', '') || substr(n1_frac, 2) END AS n1_dig,
    CASE WHEN n1_slow THEN length(replace(n1_run, ',', '')) END AS n1_ilen,
    CASE WHEN n1_slow THEN COALESCE(CAST(NULLIF(substr(n1_ex, 2), '') AS NUMBER(38,0)), 0) END AS n1_en,
    CASE WHEN n1_slow THEN COALESCE(CAST(NULLIF(substr(n1_ex, 2), '') AS NUMBER(38,0)), 0) + n1_mag - 2 * 0 - greatest(length(n1_frac) - 1, 0) + 10 END AS n1_shift,
    CASE WHEN n1_slow THEN ((POSITION(',', n1_run) > 0) AND NOT (REGEXP_INSTR(n1_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n1_misp,
    CASE WHEN n1_slow THEN n1_r8 END AS n1_rest
  FROM icp_l21
),
icp_l23 AS (
  SELECT *,
    CASE WHEN n1_slow THEN substr(n1_dig, length(COALESCE(REGEXP_SUBSTR(n1_dig, '^0*'), '')) + 1) END AS n1_dz
  FROM icp_l22
),
icp_l24 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN t1 IS NULL THEN NULL WHEN n1_ilen > 36 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n1_misp THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n1_dig) > 36 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n1_dig) = 0 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN ((n1_ex <> '' AND ((n1_en >= 0 AND (n1_en > 38 OR (n1_dz <> '' AND length(n1_dz) + n1_en > 38))) OR (n1_en < 0 AND greatest(length(n1_frac) - 1, 0) - n1_en > 38))) OR (n1_mag > 0 AND n1_dz <> '' AND length(n1_dz) + greatest(n1_en, 0) + n1_mag > 38)) THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n1_rest <> '' THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n1_dz <> '' AND length(n1_dz) + n1_shift > 37 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n1_dz <> '' AND n1_shift < 0 AND (REGEXP_INSTR(substr(n1_dz, greatest(length(n1_dz) + n1_shift, 0) + 1), '[1-9]') > 0) THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END END AS n1_e0
  FROM icp_l23
),
icp_l25 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN n1_e0 IS NULL AND t1 IS NOT NULL THEN CASE WHEN (n1_s1 || n1_s2) = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n1_dz = '' THEN '0' WHEN n1_shift >= 0 THEN n1_dz || repeat('0', n1_shift) ELSE substr(n1_dz, 1, greatest(length(n1_dz) + n1_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c1 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n1_raw
  FROM icp_l24
),
icp_l26 AS (
  SELECT *,
    CASE WHEN n1_e0 IS NOT NULL THEN n1_e0 WHEN n1_raw < 0 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and money counts from 0 (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END AS e1
  FROM icp_l25
),
icp_l27 AS (
  SELECT *,
    CASE WHEN e1 IS NULL THEN n1_raw END AS v1
  FROM icp_l26
),
icp_l28 AS (
  SELECT *,
    ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(e0, e1, e3, e5, e6, e7, e8), '; ') AS icp_error,
    v5 AS r0,
    v6 AS r1,
    v7 AS r2,
    (v2 IN ('general_contractor')) AS d0,
    (v4 IN ('foundation')) AS d1,
    ((v0 BETWEEN CAST(250000000000 AS NUMBER(38,0)) AND CAST(2500000000000 AS NUMBER(38,0))) AND (v1 BETWEEN CAST(50000000000000000 AS NUMBER(38,0)) AND CAST(500000000000000000 AS NUMBER(38,0))) AND (v2 IN ('electrical', 'plumbing', 'hvac', 'concrete')) AND (v3 >= CAST(2500000000 AS NUMBER(38,0))) AND (v4 IN ('spreadsheet', 'quickbooks'))) AS icp_fit
  FROM icp_l27
),
icp_l29 AS (
  SELECT *,
    CAST(CASE WHEN r0 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r1 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r2 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_min,
    CAST(CASE WHEN NOT r0 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r1 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r2 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_max
  FROM icp_l28
),
icp_l30 AS (
  SELECT *,
    CAST(1 AS NUMBER(38,0)) AS icp_gmin,
    CAST(1 AS NUMBER(38,0)) AS icp_gmax
  FROM icp_l29
),
icp_l31 AS (
  SELECT *,
    TRUNC((icp_min) / (icp_gmin)) AS icp_pmin,
    TRUNC((CAST(1 AS NUMBER(38,0))) / (icp_gmin)) AS icp_qmin,
    TRUNC((icp_max) / (icp_gmax)) AS icp_pmax,
    TRUNC((CAST(1 AS NUMBER(38,0))) / (icp_gmax)) AS icp_qmax
  FROM icp_l30
)
SELECT
  k0 AS "Account Name",
  CAST(icp_pmin AS VARCHAR) AS score,
  CAST(icp_pmax AS VARCHAR) AS score_max,
  CASE WHEN icp_error <> '' THEN 'error' WHEN COALESCE(d0 OR d1, FALSE) THEN 'disqualified' WHEN icp_min >= CAST(3 AS NUMBER(38,0)) AND COALESCE(icp_fit, FALSE) THEN 'hot' WHEN icp_min >= CAST(2 AS NUMBER(38,0)) AND COALESCE(icp_fit, FALSE) THEN 'warm' ELSE 'nurture' END AS tier,
  CASE WHEN icp_error <> '' THEN '' WHEN icp_fit THEN 'yes' WHEN NOT icp_fit THEN 'no' ELSE 'unknown' END AS fit,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 THEN 'certified' END, CASE WHEN r1 THEN 'union' END, CASE WHEN r2 THEN 'controller' END), ';') AS rules,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 IS NULL THEN 'certified' END, CASE WHEN r1 IS NULL THEN 'union' END, CASE WHEN r2 IS NULL THEN 'controller' END, CASE WHEN d0 IS NULL THEN 'disqualify: trade == general_contractor' END, CASE WHEN d1 IS NULL THEN 'disqualify: payroll == foundation' END), ';') AS unknown,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN d0 THEN 'trade == general_contractor' END, CASE WHEN d1 THEN 'payroll == foundation' END), ';') AS disqualified_by,
  '' AS segments,
  icp_error AS error
FROM icp_l31;
