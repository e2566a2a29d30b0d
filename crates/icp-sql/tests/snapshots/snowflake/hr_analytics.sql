WITH icp_l0 AS (
  SELECT "Account Name" AS k0,
    "Billing Country" AS c0,
    NULLIF(TRIM(CAST("Billing Country" AS VARCHAR), ' 	

'), '') AS t0,
    "Employees" AS c1,
    "Industry" AS c2,
    NULLIF(TRIM(CAST("Industry" AS VARCHAR), ' 	

'), '') AS t2,
    "Annual Revenue" AS c3,
    "Year Founded" AS c4,
    "HRIS" AS c5,
    NULLIF(TRIM(CAST("HRIS" AS VARCHAR), ' 	

'), '') AS t5,
    "Payroll" AS c6,
    NULLIF(TRIM(CAST("Payroll" AS VARCHAR), ' 	

'), '') AS t6,
    "BI Tools" AS c7,
    NULLIF(TRIM(CAST("BI Tools" AS VARCHAR), ' 	

'), '') AS t7,
    "VP People Engaged" AS c8,
    "Pain Confirmed" AS c9,
    "Confirmed Budget" AS c10,
    "Decision Timeline" AS c11,
    "VP People Start Date" AS c12,
    NULLIF(TRIM(CAST("VP People Start Date" AS VARCHAR), ' 	

'), '') AS t12
  FROM "crm"."accounts"
),
icp_l1 AS (
  SELECT *,
    t0 AS v0,
    CAST(NULL AS VARCHAR) AS e0,
    (CAST(c1 AS VARCHAR) IS NOT NULL AND (CAST(c1 AS VARCHAR) = '' OR length(CAST(c1 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c1 AS VARCHAR), '[^0-9]') > 0))) AS n1_slow,
    translate(t2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v2,
    CAST(NULL AS VARCHAR) AS e2,
    (CAST(c3 AS VARCHAR) IS NOT NULL AND (CAST(c3 AS VARCHAR) = '' OR length(CAST(c3 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c3 AS VARCHAR), '[^0-9]') > 0))) AS n3_slow,
    (CAST(c4 AS VARCHAR) IS NOT NULL AND (CAST(c4 AS VARCHAR) = '' OR length(CAST(c4 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c4 AS VARCHAR), '[^0-9]') > 0))) AS n4_slow,
    translate(t5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v5,
    CAST(NULL AS VARCHAR) AS e5,
    translate(t6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v6,
    CAST(NULL AS VARCHAR) AS e6,
    CASE WHEN t7 IS NULL OR (REGEXP_INSTR(t7, '^[;, 	

]*$') > 0) THEN NULL ELSE ';' || translate(REGEXP_REPLACE(replace(t7, ',', ';'), '[ 	

]*;[ 	

]*', ';'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') || ';' END AS v7,
    CAST(NULL AS VARCHAR) AS e7,
    (CAST(c8 AS VARCHAR) IS NOT NULL AND CAST(c8 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n8_slow,
    (CAST(c9 AS VARCHAR) IS NOT NULL AND CAST(c9 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n9_slow,
    (CAST(c10 AS VARCHAR) IS NOT NULL AND (CAST(c10 AS VARCHAR) = '' OR length(CAST(c10 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c10 AS VARCHAR), '[^0-9]') > 0))) AS n10_slow,
    (CAST(c11 AS VARCHAR) IS NOT NULL AND (CAST(c11 AS VARCHAR) = '' OR length(CAST(c11 AS VARCHAR)) > 9 OR (REGEXP_INSTR(CAST(c11 AS VARCHAR), '[^0-9]') > 0))) AS n11_slow,
    (length(t12) >= 10 AND (length(t12) = 10 OR substr(t12, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t12, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n12_ok,
    CASE WHEN length(t12) > 10 THEN substr(t12, 5, 1) = '-' AND substr(t12, 8, 1) = '-' AND substr(t12, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t12, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t12, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t12, 12), '[^0-9:.+Zz-]') > 0)) END AS n12_tbad
  FROM icp_l0
),
icp_l2 AS (
  SELECT *,
    CASE WHEN n1_slow THEN NULLIF(TRIM(CAST(c1 AS VARCHAR), ' 	

'), '') END AS t1,
    CASE WHEN n3_slow THEN NULLIF(TRIM(CAST(c3 AS VARCHAR), ' 	

'), '') END AS t3,
    CASE WHEN n4_slow THEN NULLIF(TRIM(CAST(c4 AS VARCHAR), ' 	

'), '') END AS t4,
    CASE WHEN n8_slow THEN NULLIF(TRIM(CAST(c8 AS VARCHAR), ' 	

'), '') END AS t8,
    CASE WHEN n9_slow THEN NULLIF(TRIM(CAST(c9 AS VARCHAR), ' 	

'), '') END AS t9,
    CASE WHEN n10_slow THEN NULLIF(TRIM(CAST(c10 AS VARCHAR), ' 	

'), '') END AS t10,
    CASE WHEN n11_slow THEN NULLIF(TRIM(CAST(c11 AS VARCHAR), ' 	

'), '') END AS t11,
    CASE WHEN n12_ok THEN CAST(substr(t12, 1, 4) AS NUMBER(38,0)) END AS n12_y,
    CASE WHEN n12_ok THEN CAST(substr(t12, 6, 2) AS NUMBER(38,0)) END AS n12_m,
    CASE WHEN n12_ok THEN CAST(substr(t12, 9, 2) AS NUMBER(38,0)) END AS n12_d
  FROM icp_l1
),
icp_l3 AS (
  SELECT *,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(t1, '^[+-]'), '') END AS n1_s1,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(t3, '^[+-]'), '') END AS n3_s1,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(t4, '^[+-]'), '') END AS n4_s1,
    CASE WHEN n8_slow THEN translate(t8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n8_lt,
    CASE WHEN n9_slow THEN translate(t9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n9_lt,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(t10, '^[+-]'), '') END AS n10_s1,
    CASE WHEN n11_slow THEN translate(t11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n11_lt,
    CASE WHEN n11_slow THEN COALESCE(REGEXP_SUBSTR(t11, '^[0-9]+'), '') END AS n11_dg,
    CASE WHEN t12 IS NULL THEN NULL WHEN n12_tbad THEN 'VP People Start Date: ' || '"' || replace(translate(CASE WHEN length(t12) > 60 THEN substr(t12, 1, 60) || '…' ELSE t12 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n12_ok THEN 'VP People Start Date: ' || '"' || replace(translate(CASE WHEN length(t12) > 60 THEN substr(t12, 1, 60) || '…' ELSE t12 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n12_m < 1 OR n12_m > 12 THEN 'VP People Start Date: ' || '"' || replace(translate(CASE WHEN length(t12) > 60 THEN substr(t12, 1, 60) || '…' ELSE t12 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n12_d < 1 OR n12_d > CASE WHEN n12_m IN (4, 6, 9, 11) THEN 30 WHEN n12_m = 2 THEN CASE WHEN ((MOD(n12_y, 4) = 0 AND MOD(n12_y, 100) <> 0) OR MOD(n12_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'VP People Start Date: ' || '"' || replace(translate(CASE WHEN length(t12) > 60 THEN substr(t12, 1, 60) || '…' ELSE t12 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e12
  FROM icp_l2
),
icp_l4 AS (
  SELECT *,
    CASE WHEN n1_slow THEN substr(t1, length(n1_s1) + 1) END AS n1_r1,
    CASE WHEN n3_slow THEN substr(t3, length(n3_s1) + 1) END AS n3_r1,
    CASE WHEN n4_slow THEN substr(t4, length(n4_s1) + 1) END AS n4_r1,
    CASE WHEN NOT n8_slow THEN CAST(c8 AS VARCHAR) IN ('true', '1') WHEN n8_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n8_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v8,
    CASE WHEN NOT n8_slow OR t8 IS NULL OR n8_lt IN ('true', 'yes', 'y', '1') OR n8_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'VP People Engaged: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e8,
    CASE WHEN NOT n9_slow THEN CAST(c9 AS VARCHAR) IN ('true', '1') WHEN n9_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n9_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v9,
    CASE WHEN NOT n9_slow OR t9 IS NULL OR n9_lt IN ('true', 'yes', 'y', '1') OR n9_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'Pain Confirmed: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e9,
    CASE WHEN n10_slow THEN substr(t10, length(n10_s1) + 1) END AS n10_r1,
    CASE WHEN n11_slow THEN TRIM(substr(n11_lt, length(n11_dg) + 1), ' 	

') END AS n11_unit,
    CASE WHEN e12 IS NULL AND n12_ok THEN n12_y * 10000 + n12_m * 100 + n12_d END AS v12
  FROM icp_l3
),
icp_l5 AS (
  SELECT *,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r1, '^[0-9][0-9,]*'), '') END AS n1_run,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r1, '^[A-Z$-􏿿]+'), '') END AS n3_cu,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r1, '^[0-9][0-9,]*'), '') END AS n4_run,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r1, '^[A-Z$-􏿿]+'), '') END AS n10_cu,
    CASE WHEN n11_slow THEN CASE WHEN (n11_unit IN ('', 'd', 'day', 'days')) THEN 1 WHEN (n11_unit IN ('w', 'wk', 'wks', 'week', 'weeks')) THEN 7 WHEN (n11_unit IN ('mo', 'mos', 'month', 'months')) THEN 30 WHEN (n11_unit IN ('y', 'yr', 'yrs', 'year', 'years')) THEN 365 END END AS n11_per
  FROM icp_l4
),
icp_l6 AS (
  SELECT *,
    CASE WHEN n1_slow THEN substr(n1_r1, length(n1_run) + 1) END AS n1_r4,
    CASE WHEN n3_slow THEN (n3_cu <> '' AND NOT (length(n3_cu) = 1 AND (length(n3_cu) - length(translate(n3_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n3_cu) - length(translate(n3_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n3_cuok,
    CASE WHEN n4_slow THEN substr(n4_r1, length(n4_run) + 1) END AS n4_r4,
    CASE WHEN n10_slow THEN (n10_cu <> '' AND NOT (length(n10_cu) = 1 AND (length(n10_cu) - length(translate(n10_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n10_cu) - length(translate(n10_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n10_cuok,
    CASE WHEN NOT n11_slow OR t11 IS NULL THEN NULL WHEN substr(t11, 1, 1) = '-' THEN 'Decision Timeline: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and a duration counts from 0 (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' WHEN length(n11_dg) > 9 THEN 'Decision Timeline: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' is too long a duration (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' WHEN n11_dg = '' OR n11_per IS NULL THEN 'Decision Timeline: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' is not a duration (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' END AS e11
  FROM icp_l5
),
icp_l7 AS (
  SELECT *,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r4, '^[.][0-9]*'), '') END AS n1_frac,
    CASE WHEN n3_slow THEN CASE WHEN n3_cuok THEN LTRIM(substr(n3_r1, length(n3_cu) + 1), ' 	

') ELSE n3_r1 END END AS n3_r2,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r4, '^[.][0-9]*'), '') END AS n4_frac,
    CASE WHEN n10_slow THEN CASE WHEN n10_cuok THEN LTRIM(substr(n10_r1, length(n10_cu) + 1), ' 	

') ELSE n10_r1 END END AS n10_r2,
    CASE WHEN NOT n11_slow THEN CAST(CAST(c11 AS VARCHAR) AS NUMBER(38,0)) WHEN e11 IS NULL AND t11 IS NOT NULL THEN CAST(n11_dg AS NUMBER(38,0)) * n11_per END AS v11
  FROM icp_l6
),
icp_l8 AS (
  SELECT *,
    CASE WHEN n1_slow THEN substr(n1_r4, length(n1_frac) + 1) END AS n1_r5,
    CASE WHEN n3_slow THEN CASE WHEN n3_cuok AND n3_s1 = '' THEN COALESCE(REGEXP_SUBSTR(n3_r2, '^[+-]'), '') ELSE '' END END AS n3_s2,
    CASE WHEN n4_slow THEN substr(n4_r4, length(n4_frac) + 1) END AS n4_r5,
    CASE WHEN n10_slow THEN CASE WHEN n10_cuok AND n10_s1 = '' THEN COALESCE(REGEXP_SUBSTR(n10_r2, '^[+-]'), '') ELSE '' END END AS n10_s2
  FROM icp_l7
),
icp_l9 AS (
  SELECT *,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n1_ex,
    CASE WHEN n3_slow THEN substr(n3_r2, length(n3_s2) + 1) END AS n3_r3,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n4_ex,
    CASE WHEN n10_slow THEN substr(n10_r2, length(n10_s2) + 1) END AS n10_r3
  FROM icp_l8
),
icp_l10 AS (
  SELECT *,
    CASE WHEN n1_slow THEN LTRIM(substr(n1_r5, length(n1_ex) + 1), ' 	

') END AS n1_r6,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r3, '^[0-9][0-9,]*'), '') END AS n3_run,
    CASE WHEN n4_slow THEN LTRIM(substr(n4_r5, length(n4_ex) + 1), ' 	

') END AS n4_r6,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r3, '^[0-9][0-9,]*'), '') END AS n10_run
  FROM icp_l9
),
icp_l11 AS (
  SELECT *,
    CASE WHEN n1_slow THEN COALESCE(REGEXP_SUBSTR(n1_r6, '^[A-Za-z]+'), '') END AS n1_w,
    CASE WHEN n3_slow THEN substr(n3_r3, length(n3_run) + 1) END AS n3_r4,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r6, '^[A-Za-z]+'), '') END AS n4_w,
    CASE WHEN n10_slow THEN substr(n10_r3, length(n10_run) + 1) END AS n10_r4
  FROM icp_l10
),
icp_l12 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN (n1_w IN ('K', 'k')) THEN 3 WHEN (n1_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n1_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n1_mag,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r4, '^[.][0-9]*'), '') END AS n3_frac,
    CASE WHEN n4_slow THEN CASE WHEN (n4_w IN ('K', 'k')) THEN 3 WHEN (n4_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n4_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n4_mag,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r4, '^[.][0-9]*'), '') END AS n10_frac
  FROM icp_l11
),
icp_l13 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN n1_mag > 0 THEN LTRIM(substr(n1_r6, length(n1_w) + 1), ' 	

') ELSE n1_r6 END END AS n1_r7,
    CASE WHEN n3_slow THEN substr(n3_r4, length(n3_frac) + 1) END AS n3_r5,
    CASE WHEN n4_slow THEN CASE WHEN n4_mag > 0 THEN LTRIM(substr(n4_r6, length(n4_w) + 1), ' 	

') ELSE n4_r6 END END AS n4_r7,
    CASE WHEN n10_slow THEN substr(n10_r4, length(n10_frac) + 1) END AS n10_r5
  FROM icp_l12
),
icp_l14 AS (
  SELECT *,
    CASE WHEN n1_slow THEN replace(n1_run, ',', '') || substr(n1_frac, 2) END AS n1_dig,
    CASE WHEN n1_slow THEN length(replace(n1_run, ',', '')) END AS n1_ilen,
    CASE WHEN n1_slow THEN COALESCE(CAST(NULLIF(substr(n1_ex, 2), '') AS NUMBER(38,0)), 0) END AS n1_en,
    CASE WHEN n1_slow THEN COALESCE(CAST(NULLIF(substr(n1_ex, 2), '') AS NUMBER(38,0)), 0) + n1_mag - 2 * 0 - greatest(length(n1_frac) - 1, 0) + 10 END AS n1_shift,
    CASE WHEN n1_slow THEN ((POSITION(',', n1_run) > 0) AND NOT (REGEXP_INSTR(n1_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n1_misp,
    CASE WHEN n1_slow THEN n1_r7 END AS n1_rest,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n3_ex,
    CASE WHEN n4_slow THEN replace(n4_run, ',', '') || substr(n4_frac, 2) END AS n4_dig,
    CASE WHEN n4_slow THEN length(replace(n4_run, ',', '')) END AS n4_ilen,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) END AS n4_en,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) + n4_mag - 2 * 0 - greatest(length(n4_frac) - 1, 0) + 10 END AS n4_shift,
    CASE WHEN n4_slow THEN ((POSITION(',', n4_run) > 0) AND NOT (REGEXP_INSTR(n4_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n4_misp,
    CASE WHEN n4_slow THEN n4_r7 END AS n4_rest,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n10_ex
  FROM icp_l13
),
icp_l15 AS (
  SELECT *,
    CASE WHEN n1_slow THEN substr(n1_dig, length(COALESCE(REGEXP_SUBSTR(n1_dig, '^0*'), '')) + 1) END AS n1_dz,
    CASE WHEN n3_slow THEN LTRIM(substr(n3_r5, length(n3_ex) + 1), ' 	

') END AS n3_r6,
    CASE WHEN n4_slow THEN substr(n4_dig, length(COALESCE(REGEXP_SUBSTR(n4_dig, '^0*'), '')) + 1) END AS n4_dz,
    CASE WHEN n10_slow THEN LTRIM(substr(n10_r5, length(n10_ex) + 1), ' 	

') END AS n10_r6
  FROM icp_l14
),
icp_l16 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN t1 IS NULL THEN NULL WHEN n1_ilen > 36 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n1_misp THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n1_dig) > 36 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n1_dig) = 0 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n1_ex <> '' AND ((n1_en >= 0 AND (n1_en > 38 OR (n1_dz <> '' AND length(n1_dz) + n1_en > 38))) OR (n1_en < 0 AND greatest(length(n1_frac) - 1, 0) - n1_en > 38))) OR (n1_mag > 0 AND n1_dz <> '' AND length(n1_dz) + greatest(n1_en, 0) + n1_mag > 38)) THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n1_rest <> '' THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n1_dz <> '' AND length(n1_dz) + n1_shift > 37 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n1_dz <> '' AND n1_shift < 0 AND (REGEXP_INSTR(substr(n1_dz, greatest(length(n1_dz) + n1_shift, 0) + 1), '[1-9]') > 0) THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n1_e0,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r6, '^[A-Za-z]+'), '') END AS n3_w,
    CASE WHEN n4_slow THEN CASE WHEN t4 IS NULL THEN NULL WHEN n4_ilen > 36 THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_misp THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n4_dig) > 36 THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n4_dig) = 0 THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n4_ex <> '' AND ((n4_en >= 0 AND (n4_en > 38 OR (n4_dz <> '' AND length(n4_dz) + n4_en > 38))) OR (n4_en < 0 AND greatest(length(n4_frac) - 1, 0) - n4_en > 38))) OR (n4_mag > 0 AND n4_dz <> '' AND length(n4_dz) + greatest(n4_en, 0) + n4_mag > 38)) THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_rest <> '' THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_dz <> '' AND length(n4_dz) + n4_shift > 37 THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_dz <> '' AND n4_shift < 0 AND (REGEXP_INSTR(substr(n4_dz, greatest(length(n4_dz) + n4_shift, 0) + 1), '[1-9]') > 0) THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n4_e0,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r6, '^[A-Za-z]+'), '') END AS n10_w
  FROM icp_l15
),
icp_l17 AS (
  SELECT *,
    CASE WHEN n1_slow THEN CASE WHEN n1_e0 IS NULL AND t1 IS NOT NULL THEN CASE WHEN n1_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n1_dz = '' THEN '0' WHEN n1_shift >= 0 THEN n1_dz || repeat('0', n1_shift) ELSE substr(n1_dz, 1, greatest(length(n1_dz) + n1_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c1 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n1_raw,
    CASE WHEN n3_slow THEN CASE WHEN (n3_w IN ('K', 'k')) THEN 3 WHEN (n3_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n3_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n3_mag,
    CASE WHEN n4_slow THEN CASE WHEN n4_e0 IS NULL AND t4 IS NOT NULL THEN CASE WHEN n4_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n4_dz = '' THEN '0' WHEN n4_shift >= 0 THEN n4_dz || repeat('0', n4_shift) ELSE substr(n4_dz, 1, greatest(length(n4_dz) + n4_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c4 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n4_raw,
    CASE WHEN n10_slow THEN CASE WHEN (n10_w IN ('K', 'k')) THEN 3 WHEN (n10_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n10_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n10_mag
  FROM icp_l16
),
icp_l18 AS (
  SELECT *,
    CASE WHEN n1_e0 IS NOT NULL THEN n1_e0 WHEN n1_raw < 0 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n1_slow THEN MOD(n1_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t1) > 60 THEN substr(t1, 1, 60) || '…' ELSE t1 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e1,
    CASE WHEN n3_slow THEN CASE WHEN n3_mag > 0 THEN LTRIM(substr(n3_r6, length(n3_w) + 1), ' 	

') ELSE n3_r6 END END AS n3_r7,
    CASE WHEN n4_e0 IS NOT NULL THEN n4_e0 WHEN n4_raw < 0 THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n4_slow THEN MOD(n4_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Year Founded: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e4,
    CASE WHEN n10_slow THEN CASE WHEN n10_mag > 0 THEN LTRIM(substr(n10_r6, length(n10_w) + 1), ' 	

') ELSE n10_r6 END END AS n10_r7
  FROM icp_l17
),
icp_l19 AS (
  SELECT *,
    CASE WHEN e1 IS NULL THEN n1_raw END AS v1,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r7, '^[A-Z$-􏿿]+'), '') END AS n3_cu2,
    CASE WHEN e4 IS NULL THEN n4_raw END AS v4,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r7, '^[A-Z$-􏿿]+'), '') END AS n10_cu2
  FROM icp_l18
),
icp_l20 AS (
  SELECT *,
    CASE WHEN n3_slow THEN (n3_cu2 <> '' AND NOT (length(n3_cu2) = 1 AND (length(n3_cu2) - length(translate(n3_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n3_cu2) - length(translate(n3_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n3_cu2ok,
    CASE WHEN n10_slow THEN (n10_cu2 <> '' AND NOT (length(n10_cu2) = 1 AND (length(n10_cu2) - length(translate(n10_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n10_cu2) - length(translate(n10_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n10_cu2ok
  FROM icp_l19
),
icp_l21 AS (
  SELECT *,
    CASE WHEN n3_slow THEN CASE WHEN n3_cu2ok THEN LTRIM(substr(n3_r7, length(n3_cu2) + 1), ' 	

') ELSE n3_r7 END END AS n3_r8,
    CASE WHEN n10_slow THEN CASE WHEN n10_cu2ok THEN LTRIM(substr(n10_r7, length(n10_cu2) + 1), ' 	

') ELSE n10_r7 END END AS n10_r8
  FROM icp_l20
),
icp_l22 AS (
  SELECT *,
    CASE WHEN n3_slow THEN replace(n3_run, ',', '') || substr(n3_frac, 2) END AS n3_dig,
    CASE WHEN n3_slow THEN length(replace(n3_run, ',', '')) END AS n3_ilen,
    CASE WHEN n3_slow THEN COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) END AS n3_en,
    CASE WHEN n3_slow THEN COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) + n3_mag - 2 * 0 - greatest(length(n3_frac) - 1, 0) + 10 END AS n3_shift,
    CASE WHEN n3_slow THEN ((POSITION(',', n3_run) > 0) AND NOT (REGEXP_INSTR(n3_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n3_misp,
    CASE WHEN n3_slow THEN n3_r8 END AS n3_rest,
    CASE WHEN n10_slow THEN replace(n10_run, ',', '') || substr(n10_frac, 2) END AS n10_dig,
    CASE WHEN n10_slow THEN length(replace(n10_run, ',', '')) END AS n10_ilen,
    CASE WHEN n10_slow THEN COALESCE(CAST(NULLIF(substr(n10_ex, 2), '') AS NUMBER(38,0)), 0) END AS n10_en,
    CASE WHEN n10_slow THEN COALESCE(CAST(NULLIF(substr(n10_ex, 2), '') AS NUMBER(38,0)), 0) + n10_mag - 2 * 0 - greatest(length(n10_frac) - 1, 0) + 10 END AS n10_shift,
    CASE WHEN n10_slow THEN ((POSITION(',', n10_run) > 0) AND NOT (REGEXP_INSTR(n10_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n10_misp,
    CASE WHEN n10_slow THEN n10_r8 END AS n10_rest
  FROM icp_l21
),
icp_l23 AS (
  SELECT *,
    CASE WHEN n3_slow THEN substr(n3_dig, length(COALESCE(REGEXP_SUBSTR(n3_dig, '^0*'), '')) + 1) END AS n3_dz,
    CASE WHEN n10_slow THEN substr(n10_dig, length(COALESCE(REGEXP_SUBSTR(n10_dig, '^0*'), '')) + 1) END AS n10_dz
  FROM icp_l22
),
icp_l24 AS (
  SELECT *,
    CASE WHEN n3_slow THEN CASE WHEN t3 IS NULL THEN NULL WHEN n3_ilen > 36 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n3_misp THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n3_dig) > 36 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n3_dig) = 0 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN ((n3_ex <> '' AND ((n3_en >= 0 AND (n3_en > 38 OR (n3_dz <> '' AND length(n3_dz) + n3_en > 38))) OR (n3_en < 0 AND greatest(length(n3_frac) - 1, 0) - n3_en > 38))) OR (n3_mag > 0 AND n3_dz <> '' AND length(n3_dz) + greatest(n3_en, 0) + n3_mag > 38)) THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n3_rest <> '' THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n3_dz <> '' AND length(n3_dz) + n3_shift > 37 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n3_dz <> '' AND n3_shift < 0 AND (REGEXP_INSTR(substr(n3_dz, greatest(length(n3_dz) + n3_shift, 0) + 1), '[1-9]') > 0) THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END END AS n3_e0,
    CASE WHEN n10_slow THEN CASE WHEN t10 IS NULL THEN NULL WHEN n10_ilen > 36 THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n10_misp THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n10_dig) > 36 THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n10_dig) = 0 THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN ((n10_ex <> '' AND ((n10_en >= 0 AND (n10_en > 38 OR (n10_dz <> '' AND length(n10_dz) + n10_en > 38))) OR (n10_en < 0 AND greatest(length(n10_frac) - 1, 0) - n10_en > 38))) OR (n10_mag > 0 AND n10_dz <> '' AND length(n10_dz) + greatest(n10_en, 0) + n10_mag > 38)) THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n10_rest <> '' THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n10_dz <> '' AND length(n10_dz) + n10_shift > 37 THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n10_dz <> '' AND n10_shift < 0 AND (REGEXP_INSTR(substr(n10_dz, greatest(length(n10_dz) + n10_shift, 0) + 1), '[1-9]') > 0) THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END END AS n10_e0
  FROM icp_l23
),
icp_l25 AS (
  SELECT *,
    CASE WHEN n3_slow THEN CASE WHEN n3_e0 IS NULL AND t3 IS NOT NULL THEN CASE WHEN (n3_s1 || n3_s2) = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n3_dz = '' THEN '0' WHEN n3_shift >= 0 THEN n3_dz || repeat('0', n3_shift) ELSE substr(n3_dz, 1, greatest(length(n3_dz) + n3_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c3 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n3_raw,
    CASE WHEN n10_slow THEN CASE WHEN n10_e0 IS NULL AND t10 IS NOT NULL THEN CASE WHEN (n10_s1 || n10_s2) = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n10_dz = '' THEN '0' WHEN n10_shift >= 0 THEN n10_dz || repeat('0', n10_shift) ELSE substr(n10_dz, 1, greatest(length(n10_dz) + n10_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c10 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n10_raw
  FROM icp_l24
),
icp_l26 AS (
  SELECT *,
    CASE WHEN n3_e0 IS NOT NULL THEN n3_e0 WHEN n3_raw < 0 THEN 'Annual Revenue: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and money counts from 0 (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END AS e3,
    CASE WHEN n10_e0 IS NOT NULL THEN n10_e0 WHEN n10_raw < 0 THEN 'Confirmed Budget: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and money counts from 0 (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END AS e10
  FROM icp_l25
),
icp_l27 AS (
  SELECT *,
    CASE WHEN e3 IS NULL THEN n3_raw END AS v3,
    CASE WHEN e10 IS NULL THEN n10_raw END AS v10
  FROM icp_l26
),
icp_l28 AS (
  SELECT *,
    ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(e1, e3, e4, e8, e9, e10, e11, e12), '; ') AS icp_error,
    (v2 IN ('saas', 'services')) AS r0,
    (v1 BETWEEN CAST(2000000000000 AS NUMBER(38,0)) AND CAST(20000000000000 AS NUMBER(38,0))) AS r1,
    ((v5 IN ('workday', 'bamboohr')) AND (v6 IN ('adp', 'gusto'))) AS r2,
    v8 AS r3,
    v9 AS r4,
    (v10 >= CAST(500000000000000 AS NUMBER(38,0))) AS r5,
    (v11 <= 180) AS r6,
    (v1 < CAST(500000000000 AS NUMBER(38,0))) AS d0,
    (v5 IN ('in_house')) AS d1,
    ((v0 IN ('US')) AND (v1 BETWEEN CAST(2000000000000 AS NUMBER(38,0)) AND CAST(20000000000000 AS NUMBER(38,0))) AND (v2 IN ('saas', 'services')) AND (v3 >= CAST(200000000000000000 AS NUMBER(38,0))) AND (v4 <= CAST(20210000000000 AS NUMBER(38,0))) AND (v5 IN ('workday', 'bamboohr')) AND (v6 IN ('adp', 'gusto')) AND ((POSITION(';looker;', v7) > 0) OR (POSITION(';tableau;', v7) > 0) OR (POSITION(';mode;', v7) > 0)) AND (v1 BETWEEN CAST(5000000000000 AS NUMBER(38,0)) AND CAST(15000000000000 AS NUMBER(38,0))) AND ((POSITION(';looker;', v7) > 0))) AS g0
  FROM icp_l27
),
icp_l29 AS (
  SELECT *,
    CAST(CASE WHEN r0 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r1 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r2 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r3 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r4 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r5 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r6 THEN CAST(1 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_min,
    CAST(CASE WHEN NOT r0 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r1 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r2 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r3 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r4 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r5 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r6 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_max
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
  CASE WHEN icp_error <> '' THEN 'error' WHEN COALESCE(d0 OR d1, FALSE) THEN 'disqualified' WHEN icp_min >= CAST(5 AS NUMBER(38,0)) THEN 'strong' WHEN icp_min >= CAST(3 AS NUMBER(38,0)) THEN 'possible' ELSE 'poor_fit' END AS tier,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 THEN 'industry_fit' END, CASE WHEN r1 THEN 'size_fit' END, CASE WHEN r2 THEN 'tech_fit' END, CASE WHEN r3 THEN 'authority' END, CASE WHEN r4 THEN 'pain' END, CASE WHEN r5 THEN 'budget' END, CASE WHEN r6 THEN 'timeline' END), ';') AS rules,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 IS NULL THEN 'industry_fit' END, CASE WHEN r1 IS NULL THEN 'size_fit' END, CASE WHEN r2 IS NULL THEN 'tech_fit' END, CASE WHEN r3 IS NULL THEN 'authority' END, CASE WHEN r4 IS NULL THEN 'pain' END, CASE WHEN r5 IS NULL THEN 'budget' END, CASE WHEN r6 IS NULL THEN 'timeline' END, CASE WHEN d0 IS NULL THEN 'disqualify: employees < 50' END, CASE WHEN d1 IS NULL THEN 'disqualify: hris == in_house' END), ';') AS unknown,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN d0 THEN 'employees < 50' END, CASE WHEN d1 THEN 'hris == in_house' END), ';') AS disqualified_by,
  CASE WHEN g0 THEN 'ideal_of_ideal' WHEN g0 IS NULL THEN 'ideal_of_ideal?' ELSE '' END AS segments,
  icp_error AS error
FROM icp_l31;
