WITH icp_l0 AS (
  SELECT "Account Name" AS k0,
    "Seats" AS c0,
    "Stage" AS c1,
    NULLIF(TRIM(CAST("Stage" AS VARCHAR), ' 	

'), '') AS t1,
    "Churn Rate" AS c2,
    NULLIF(TRIM(CAST("Churn Rate" AS VARCHAR), ' 	

'), '') AS t2,
    "Via Partner" AS c3,
    "NPS Score" AS c4,
    "Annual Spend" AS c5,
    "Renewal Date" AS c6,
    NULLIF(TRIM(CAST("Renewal Date" AS VARCHAR), ' 	

'), '') AS t6,
    "Account Name" AS c7,
    NULLIF(TRIM(CAST("Account Name" AS VARCHAR), ' 	

'), '') AS t7,
    "Notice Period" AS c8,
    "Add-ons" AS c9,
    NULLIF(TRIM(CAST("Add-ons" AS VARCHAR), ' 	

'), '') AS t9
  FROM "crm"."accounts"
),
icp_l1 AS (
  SELECT *,
    (CAST(c0 AS VARCHAR) IS NOT NULL AND (CAST(c0 AS VARCHAR) = '' OR length(CAST(c0 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c0 AS VARCHAR), '[^0-9]') > 0))) AS n0_slow,
    translate(t1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v1,
    CAST(NULL AS VARCHAR) AS e1,
    COALESCE(REGEXP_SUBSTR(t2, '^[+-]'), '') AS n2_s1,
    (CAST(c3 AS VARCHAR) IS NOT NULL AND CAST(c3 AS VARCHAR) NOT IN ('true', 'false', '1', '0')) AS n3_slow,
    (CAST(c4 AS VARCHAR) IS NOT NULL AND (CAST(c4 AS VARCHAR) = '' OR length(CAST(c4 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c4 AS VARCHAR), '[^0-9]') > 0))) AS n4_slow,
    (CAST(c5 AS VARCHAR) IS NOT NULL AND (CAST(c5 AS VARCHAR) = '' OR length(CAST(c5 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c5 AS VARCHAR), '[^0-9]') > 0))) AS n5_slow,
    (length(t6) >= 10 AND (length(t6) = 10 OR substr(t6, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t6, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n6_ok,
    CASE WHEN length(t6) > 10 THEN substr(t6, 5, 1) = '-' AND substr(t6, 8, 1) = '-' AND substr(t6, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t6, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t6, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t6, 12), '[^0-9:.+Zz-]') > 0)) END AS n6_tbad,
    t7 AS v7,
    CAST(NULL AS VARCHAR) AS e7,
    (CAST(c8 AS VARCHAR) IS NOT NULL AND (CAST(c8 AS VARCHAR) = '' OR length(CAST(c8 AS VARCHAR)) > 9 OR (REGEXP_INSTR(CAST(c8 AS VARCHAR), '[^0-9]') > 0))) AS n8_slow,
    CASE WHEN t9 IS NULL OR (REGEXP_INSTR(t9, '^[;, 	

]*$') > 0) THEN NULL ELSE ';' || translate(REGEXP_REPLACE(replace(t9, ',', ';'), '[ 	

]*;[ 	

]*', ';'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') || ';' END AS v9,
    CAST(NULL AS VARCHAR) AS e9
  FROM icp_l0
),
icp_l2 AS (
  SELECT *,
    CASE WHEN n0_slow THEN NULLIF(TRIM(CAST(c0 AS VARCHAR), ' 	

'), '') END AS t0,
    substr(t2, length(n2_s1) + 1) AS n2_r1,
    CASE WHEN n3_slow THEN NULLIF(TRIM(CAST(c3 AS VARCHAR), ' 	

'), '') END AS t3,
    CASE WHEN n4_slow THEN NULLIF(TRIM(CAST(c4 AS VARCHAR), ' 	

'), '') END AS t4,
    CASE WHEN n5_slow THEN NULLIF(TRIM(CAST(c5 AS VARCHAR), ' 	

'), '') END AS t5,
    CASE WHEN n6_ok THEN CAST(substr(t6, 1, 4) AS NUMBER(38,0)) END AS n6_y,
    CASE WHEN n6_ok THEN CAST(substr(t6, 6, 2) AS NUMBER(38,0)) END AS n6_m,
    CASE WHEN n6_ok THEN CAST(substr(t6, 9, 2) AS NUMBER(38,0)) END AS n6_d,
    CASE WHEN n8_slow THEN NULLIF(TRIM(CAST(c8 AS VARCHAR), ' 	

'), '') END AS t8
  FROM icp_l1
),
icp_l3 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(t0, '^[+-]'), '') END AS n0_s1,
    COALESCE(REGEXP_SUBSTR(n2_r1, '^[0-9][0-9,]*'), '') AS n2_run,
    CASE WHEN n3_slow THEN translate(t3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n3_lt,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(t4, '^[+-]'), '') END AS n4_s1,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(t5, '^[+-]'), '') END AS n5_s1,
    CASE WHEN t6 IS NULL THEN NULL WHEN n6_tbad THEN 'Renewal Date: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n6_ok THEN 'Renewal Date: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n6_m < 1 OR n6_m > 12 THEN 'Renewal Date: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n6_d < 1 OR n6_d > CASE WHEN n6_m IN (4, 6, 9, 11) THEN 30 WHEN n6_m = 2 THEN CASE WHEN ((MOD(n6_y, 4) = 0 AND MOD(n6_y, 100) <> 0) OR MOD(n6_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'Renewal Date: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e6,
    CASE WHEN n8_slow THEN translate(t8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END AS n8_lt,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(t8, '^[0-9]+'), '') END AS n8_dg
  FROM icp_l2
),
icp_l4 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(t0, length(n0_s1) + 1) END AS n0_r1,
    substr(n2_r1, length(n2_run) + 1) AS n2_r4,
    CASE WHEN NOT n3_slow THEN CAST(c3 AS VARCHAR) IN ('true', '1') WHEN n3_lt IN ('true', 'yes', 'y', '1') THEN TRUE WHEN n3_lt IN ('false', 'no', 'n', '0') THEN FALSE END AS v3,
    CASE WHEN NOT n3_slow OR t3 IS NULL OR n3_lt IN ('true', 'yes', 'y', '1') OR n3_lt IN ('false', 'no', 'n', '0') THEN NULL ELSE 'Via Partner: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not a yes/no value (expected true/false, yes/no, y/n or 1/0)' END AS e3,
    CASE WHEN n4_slow THEN substr(t4, length(n4_s1) + 1) END AS n4_r1,
    CASE WHEN n5_slow THEN substr(t5, length(n5_s1) + 1) END AS n5_r1,
    CASE WHEN e6 IS NULL AND n6_ok THEN n6_y * 10000 + n6_m * 100 + n6_d END AS v6,
    CASE WHEN n8_slow THEN TRIM(substr(n8_lt, length(n8_dg) + 1), ' 	

') END AS n8_unit
  FROM icp_l3
),
icp_l5 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r1, '^[0-9][0-9,]*'), '') END AS n0_run,
    COALESCE(REGEXP_SUBSTR(n2_r4, '^[.][0-9]*'), '') AS n2_frac,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r1, '^[0-9][0-9,]*'), '') END AS n4_run,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r1, '^[A-Z$-􏿿]+'), '') END AS n5_cu,
    CASE WHEN n8_slow THEN CASE WHEN (n8_unit IN ('', 'd', 'day', 'days')) THEN 1 WHEN (n8_unit IN ('w', 'wk', 'wks', 'week', 'weeks')) THEN 7 WHEN (n8_unit IN ('mo', 'mos', 'month', 'months')) THEN 30 WHEN (n8_unit IN ('y', 'yr', 'yrs', 'year', 'years')) THEN 365 END END AS n8_per
  FROM icp_l4
),
icp_l6 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r1, length(n0_run) + 1) END AS n0_r4,
    substr(n2_r4, length(n2_frac) + 1) AS n2_r5,
    CASE WHEN n4_slow THEN substr(n4_r1, length(n4_run) + 1) END AS n4_r4,
    CASE WHEN n5_slow THEN (n5_cu <> '' AND NOT (length(n5_cu) = 1 AND (length(n5_cu) - length(translate(n5_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n5_cu) - length(translate(n5_cu, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n5_cuok,
    CASE WHEN NOT n8_slow OR t8 IS NULL THEN NULL WHEN substr(t8, 1, 1) = '-' THEN 'Notice Period: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and a duration counts from 0 (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' WHEN length(n8_dg) > 9 THEN 'Notice Period: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is too long a duration (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' WHEN n8_dg = '' OR n8_per IS NULL THEN 'Notice Period: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not a duration (expected a duration such as 90d, 8w, 6mo, 2y or 90 (days))' END AS e8
  FROM icp_l5
),
icp_l7 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r4, '^[.][0-9]*'), '') END AS n0_frac,
    COALESCE(REGEXP_SUBSTR(n2_r5, '^[eE][+-]?[0-9]{1,4}'), '') AS n2_ex,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r4, '^[.][0-9]*'), '') END AS n4_frac,
    CASE WHEN n5_slow THEN CASE WHEN n5_cuok THEN LTRIM(substr(n5_r1, length(n5_cu) + 1), ' 	

') ELSE n5_r1 END END AS n5_r2,
    CASE WHEN NOT n8_slow THEN CAST(CAST(c8 AS VARCHAR) AS NUMBER(38,0)) WHEN e8 IS NULL AND t8 IS NOT NULL THEN CAST(n8_dg AS NUMBER(38,0)) * n8_per END AS v8
  FROM icp_l6
),
icp_l8 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r4, length(n0_frac) + 1) END AS n0_r5,
    LTRIM(substr(n2_r5, length(n2_ex) + 1), ' 	

') AS n2_r6,
    CASE WHEN n4_slow THEN substr(n4_r4, length(n4_frac) + 1) END AS n4_r5,
    CASE WHEN n5_slow THEN CASE WHEN n5_cuok AND n5_s1 = '' THEN COALESCE(REGEXP_SUBSTR(n5_r2, '^[+-]'), '') ELSE '' END END AS n5_s2
  FROM icp_l7
),
icp_l9 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n0_ex,
    COALESCE(REGEXP_SUBSTR(n2_r6, '^[A-Za-z]+'), '') AS n2_w,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n4_ex,
    CASE WHEN n5_slow THEN substr(n5_r2, length(n5_s2) + 1) END AS n5_r3
  FROM icp_l8
),
icp_l10 AS (
  SELECT *,
    CASE WHEN n0_slow THEN LTRIM(substr(n0_r5, length(n0_ex) + 1), ' 	

') END AS n0_r6,
    CASE WHEN (n2_w IN ('K', 'k')) THEN 3 WHEN (n2_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n2_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END AS n2_mag,
    CASE WHEN n4_slow THEN LTRIM(substr(n4_r5, length(n4_ex) + 1), ' 	

') END AS n4_r6,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r3, '^[0-9][0-9,]*'), '') END AS n5_run
  FROM icp_l9
),
icp_l11 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r6, '^[A-Za-z]+'), '') END AS n0_w,
    CASE WHEN n2_mag > 0 THEN LTRIM(substr(n2_r6, length(n2_w) + 1), ' 	

') ELSE n2_r6 END AS n2_r7,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r6, '^[A-Za-z]+'), '') END AS n4_w,
    CASE WHEN n5_slow THEN substr(n5_r3, length(n5_run) + 1) END AS n5_r4
  FROM icp_l10
),
icp_l12 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN (n0_w IN ('K', 'k')) THEN 3 WHEN (n0_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n0_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n0_mag,
    CASE WHEN substr(n2_r7, 1, 1) = '%' THEN 1 ELSE 0 END AS n2_pc,
    CASE WHEN n4_slow THEN CASE WHEN (n4_w IN ('K', 'k')) THEN 3 WHEN (n4_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n4_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n4_mag,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r4, '^[.][0-9]*'), '') END AS n5_frac
  FROM icp_l11
),
icp_l13 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_mag > 0 THEN LTRIM(substr(n0_r6, length(n0_w) + 1), ' 	

') ELSE n0_r6 END END AS n0_r7,
    CASE WHEN n2_pc = 1 THEN LTRIM(substr(n2_r7, 2), ' 	

') ELSE n2_r7 END AS n2_r8,
    CASE WHEN n4_slow THEN CASE WHEN n4_mag > 0 THEN LTRIM(substr(n4_r6, length(n4_w) + 1), ' 	

') ELSE n4_r6 END END AS n4_r7,
    CASE WHEN n5_slow THEN substr(n5_r4, length(n5_frac) + 1) END AS n5_r5
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
    replace(n2_run, ',', '') || substr(n2_frac, 2) AS n2_dig,
    length(replace(n2_run, ',', '')) AS n2_ilen,
    COALESCE(CAST(NULLIF(substr(n2_ex, 2), '') AS NUMBER(38,0)), 0) AS n2_en,
    COALESCE(CAST(NULLIF(substr(n2_ex, 2), '') AS NUMBER(38,0)), 0) + n2_mag - 2 * n2_pc - greatest(length(n2_frac) - 1, 0) + 10 AS n2_shift,
    ((POSITION(',', n2_run) > 0) AND NOT (REGEXP_INSTR(n2_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) AS n2_misp,
    n2_r8 AS n2_rest,
    CASE WHEN n4_slow THEN replace(n4_run, ',', '') || substr(n4_frac, 2) END AS n4_dig,
    CASE WHEN n4_slow THEN length(replace(n4_run, ',', '')) END AS n4_ilen,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) END AS n4_en,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) + n4_mag - 2 * 0 - greatest(length(n4_frac) - 1, 0) + 10 END AS n4_shift,
    CASE WHEN n4_slow THEN ((POSITION(',', n4_run) > 0) AND NOT (REGEXP_INSTR(n4_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n4_misp,
    CASE WHEN n4_slow THEN n4_r7 END AS n4_rest,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n5_ex
  FROM icp_l13
),
icp_l15 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_dig, length(COALESCE(REGEXP_SUBSTR(n0_dig, '^0*'), '')) + 1) END AS n0_dz,
    substr(n2_dig, length(COALESCE(REGEXP_SUBSTR(n2_dig, '^0*'), '')) + 1) AS n2_dz,
    CASE WHEN n4_slow THEN substr(n4_dig, length(COALESCE(REGEXP_SUBSTR(n4_dig, '^0*'), '')) + 1) END AS n4_dz,
    CASE WHEN n5_slow THEN LTRIM(substr(n5_r5, length(n5_ex) + 1), ' 	

') END AS n5_r6
  FROM icp_l14
),
icp_l16 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN t0 IS NULL THEN NULL WHEN n0_ilen > 36 THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_misp THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) > 36 THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n0_dig) = 0 THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n0_ex <> '' AND ((n0_en >= 0 AND (n0_en > 38 OR (n0_dz <> '' AND length(n0_dz) + n0_en > 38))) OR (n0_en < 0 AND greatest(length(n0_frac) - 1, 0) - n0_en > 38))) OR (n0_mag > 0 AND n0_dz <> '' AND length(n0_dz) + greatest(n0_en, 0) + n0_mag > 38)) THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_rest <> '' THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND length(n0_dz) + n0_shift > 37 THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n0_dz <> '' AND n0_shift < 0 AND (REGEXP_INSTR(substr(n0_dz, greatest(length(n0_dz) + n0_shift, 0) + 1), '[1-9]') > 0) THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n0_e0,
    CASE WHEN t2 IS NULL THEN NULL WHEN n2_ilen > 36 THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a percent such as 35% or 0.35)' WHEN n2_misp THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a percent such as 35% or 0.35)' WHEN length(n2_dig) > 36 THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a percent such as 35% or 0.35)' WHEN length(n2_dig) = 0 THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' is not a percent (expected a percent such as 35% or 0.35)' WHEN ((n2_ex <> '' AND ((n2_en >= 0 AND (n2_en > 38 OR (n2_dz <> '' AND length(n2_dz) + n2_en > 38))) OR (n2_en < 0 AND greatest(length(n2_frac) - 1, 0) - n2_en > 38))) OR (n2_mag > 0 AND n2_dz <> '' AND length(n2_dz) + greatest(n2_en, 0) + n2_mag > 38)) THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a percent such as 35% or 0.35)' WHEN n2_rest <> '' THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' is not a percent (expected a percent such as 35% or 0.35)' WHEN n2_dz <> '' AND length(n2_dz) + n2_shift > 37 THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a percent such as 35% or 0.35)' WHEN n2_dz <> '' AND n2_shift < 0 AND (REGEXP_INSTR(substr(n2_dz, greatest(length(n2_dz) + n2_shift, 0) + 1), '[1-9]') > 0) THEN 'Churn Rate: ' || '"' || replace(translate(CASE WHEN length(t2) > 60 THEN substr(t2, 1, 60) || '…' ELSE t2 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a percent such as 35% or 0.35)' END AS n2_e0,
    CASE WHEN n4_slow THEN CASE WHEN t4 IS NULL THEN NULL WHEN n4_ilen > 36 THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a number such as -3.5, 1,200 or 2.5M)' WHEN n4_misp THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a number such as -3.5, 1,200 or 2.5M)' WHEN length(n4_dig) > 36 THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a number such as -3.5, 1,200 or 2.5M)' WHEN length(n4_dig) = 0 THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not a number (expected a number such as -3.5, 1,200 or 2.5M)' WHEN ((n4_ex <> '' AND ((n4_en >= 0 AND (n4_en > 38 OR (n4_dz <> '' AND length(n4_dz) + n4_en > 38))) OR (n4_en < 0 AND greatest(length(n4_frac) - 1, 0) - n4_en > 38))) OR (n4_mag > 0 AND n4_dz <> '' AND length(n4_dz) + greatest(n4_en, 0) + n4_mag > 38)) THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a number such as -3.5, 1,200 or 2.5M)' WHEN n4_rest <> '' THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not a number (expected a number such as -3.5, 1,200 or 2.5M)' WHEN n4_dz <> '' AND length(n4_dz) + n4_shift > 37 THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a number such as -3.5, 1,200 or 2.5M)' WHEN n4_dz <> '' AND n4_shift < 0 AND (REGEXP_INSTR(substr(n4_dz, greatest(length(n4_dz) + n4_shift, 0) + 1), '[1-9]') > 0) THEN 'NPS Score: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a number such as -3.5, 1,200 or 2.5M)' END END AS n4_e0,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r6, '^[A-Za-z]+'), '') END AS n5_w
  FROM icp_l15
),
icp_l17 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_e0 IS NULL AND t0 IS NOT NULL THEN CASE WHEN n0_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n0_dz = '' THEN '0' WHEN n0_shift >= 0 THEN n0_dz || repeat('0', n0_shift) ELSE substr(n0_dz, 1, greatest(length(n0_dz) + n0_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c0 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n0_raw,
    CASE WHEN n2_e0 IS NULL AND t2 IS NOT NULL THEN CASE WHEN n2_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n2_dz = '' THEN '0' WHEN n2_shift >= 0 THEN n2_dz || repeat('0', n2_shift) ELSE substr(n2_dz, 1, greatest(length(n2_dz) + n2_shift, 1)) END AS NUMBER(38,0)) END AS n2_raw,
    CASE WHEN n4_slow THEN CASE WHEN n4_e0 IS NULL AND t4 IS NOT NULL THEN CASE WHEN n4_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n4_dz = '' THEN '0' WHEN n4_shift >= 0 THEN n4_dz || repeat('0', n4_shift) ELSE substr(n4_dz, 1, greatest(length(n4_dz) + n4_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c4 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n4_raw,
    CASE WHEN n5_slow THEN CASE WHEN (n5_w IN ('K', 'k')) THEN 3 WHEN (n5_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n5_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n5_mag
  FROM icp_l16
),
icp_l18 AS (
  SELECT *,
    CASE WHEN n0_e0 IS NOT NULL THEN n0_e0 WHEN n0_raw < 0 THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n0_slow THEN MOD(n0_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Seats: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e0,
    CASE WHEN n2_e0 IS NOT NULL THEN n2_e0 END AS e2,
    CASE WHEN n4_e0 IS NOT NULL THEN n4_e0 END AS e4,
    CASE WHEN n5_slow THEN CASE WHEN n5_mag > 0 THEN LTRIM(substr(n5_r6, length(n5_w) + 1), ' 	

') ELSE n5_r6 END END AS n5_r7
  FROM icp_l17
),
icp_l19 AS (
  SELECT *,
    CASE WHEN e0 IS NULL THEN n0_raw END AS v0,
    CASE WHEN e2 IS NULL THEN n2_raw END AS v2,
    CASE WHEN e4 IS NULL THEN n4_raw END AS v4,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r7, '^[A-Z$-􏿿]+'), '') END AS n5_cu2
  FROM icp_l18
),
icp_l20 AS (
  SELECT *,
    CASE WHEN n5_slow THEN (n5_cu2 <> '' AND NOT (length(n5_cu2) = 1 AND (length(n5_cu2) - length(translate(n5_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) = 1) AND (length(n5_cu2) - length(translate(n5_cu2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ''))) <= 3) END AS n5_cu2ok
  FROM icp_l19
),
icp_l21 AS (
  SELECT *,
    CASE WHEN n5_slow THEN CASE WHEN n5_cu2ok THEN LTRIM(substr(n5_r7, length(n5_cu2) + 1), ' 	

') ELSE n5_r7 END END AS n5_r8
  FROM icp_l20
),
icp_l22 AS (
  SELECT *,
    CASE WHEN n5_slow THEN replace(n5_run, ',', '') || substr(n5_frac, 2) END AS n5_dig,
    CASE WHEN n5_slow THEN length(replace(n5_run, ',', '')) END AS n5_ilen,
    CASE WHEN n5_slow THEN COALESCE(CAST(NULLIF(substr(n5_ex, 2), '') AS NUMBER(38,0)), 0) END AS n5_en,
    CASE WHEN n5_slow THEN COALESCE(CAST(NULLIF(substr(n5_ex, 2), '') AS NUMBER(38,0)), 0) + n5_mag - 2 * 0 - greatest(length(n5_frac) - 1, 0) + 10 END AS n5_shift,
    CASE WHEN n5_slow THEN ((POSITION(',', n5_run) > 0) AND NOT (REGEXP_INSTR(n5_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n5_misp,
    CASE WHEN n5_slow THEN n5_r8 END AS n5_rest
  FROM icp_l21
),
icp_l23 AS (
  SELECT *,
    CASE WHEN n5_slow THEN substr(n5_dig, length(COALESCE(REGEXP_SUBSTR(n5_dig, '^0*'), '')) + 1) END AS n5_dz
  FROM icp_l22
),
icp_l24 AS (
  SELECT *,
    CASE WHEN n5_slow THEN CASE WHEN t5 IS NULL THEN NULL WHEN n5_ilen > 36 THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n5_misp THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n5_dig) > 36 THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN length(n5_dig) = 0 THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN ((n5_ex <> '' AND ((n5_en >= 0 AND (n5_en > 38 OR (n5_dz <> '' AND length(n5_dz) + n5_en > 38))) OR (n5_en < 0 AND greatest(length(n5_frac) - 1, 0) - n5_en > 38))) OR (n5_mag > 0 AND n5_dz <> '' AND length(n5_dz) + greatest(n5_en, 0) + n5_mag > 38)) THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n5_rest <> '' THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not an amount (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n5_dz <> '' AND length(n5_dz) + n5_shift > 37 THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' WHEN n5_dz <> '' AND n5_shift < 0 AND (REGEXP_INSTR(substr(n5_dz, greatest(length(n5_dz) + n5_shift, 0) + 1), '[1-9]') > 0) THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END END AS n5_e0
  FROM icp_l23
),
icp_l25 AS (
  SELECT *,
    CASE WHEN n5_slow THEN CASE WHEN n5_e0 IS NULL AND t5 IS NOT NULL THEN CASE WHEN (n5_s1 || n5_s2) = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n5_dz = '' THEN '0' WHEN n5_shift >= 0 THEN n5_dz || repeat('0', n5_shift) ELSE substr(n5_dz, 1, greatest(length(n5_dz) + n5_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c5 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n5_raw
  FROM icp_l24
),
icp_l26 AS (
  SELECT *,
    CASE WHEN n5_e0 IS NOT NULL THEN n5_e0 WHEN n5_raw < 0 THEN 'Annual Spend: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and money counts from 0 (expected an amount such as 20000000, $20,000,000, €1.2M or 20M)' END AS e5
  FROM icp_l25
),
icp_l27 AS (
  SELECT *,
    CASE WHEN e5 IS NULL THEN n5_raw END AS v5
  FROM icp_l26
),
icp_l28 AS (
  SELECT *,
    ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(e0, e2, e3, e4, e5, e6, e8), '; ') AS icp_error,
    (v0 > CAST(0 AS NUMBER(38,0))) AS r0,
    (v4 > CAST(-125000000000 AS NUMBER(38,0))) AS r1,
    (v5 > CAST(10000000000000 AS NUMBER(38,0))) AS r2,
    (v0 IN (CAST(50000000000 AS NUMBER(38,0)), CAST(100000000000 AS NUMBER(38,0)), CAST(250000000000 AS NUMBER(38,0)))) AS r3,
    (v6 IN (20261201, 20270115)) AS r4,
    (v6 >= 20261024) AS r5,
    (v7 IN ('Acme', 'O\'Brien "Ltd"')) AS r6,
    (v8 BETWEEN 30 AND 90) AS r7,
    ((POSITION(';sso;', v9) > 0) AND (POSITION(';api;', v9) > 0)) AS r8,
    (NOT ((POSITION(';white_label;', v9) > 0))) AS r9,
    ((v1 IN ('paying')) AND v3) AS r10,
    (v2 <= CAST(550000000 AS NUMBER(38,0))) AS r11,
    ((v0 >= CAST(500000000000 AS NUMBER(38,0))) OR ((POSITION(';audit_log;', v9) > 0) OR (POSITION(';api;', v9) > 0))) AS r12,
    (v1 IN ('churned_out')) AS d0,
    ((v2 > CAST(4000000000 AS NUMBER(38,0))) AND (NOT v3)) AS d1,
    ((v0 >= CAST(100000000000 AS NUMBER(38,0))) AND (v0 >= CAST(1000000000000 AS NUMBER(38,0))) AND (v1 IN ('paying'))) AS g0,
    ((v0 >= CAST(100000000000 AS NUMBER(38,0))) AND (v1 IN ('trial')) AND ((POSITION(';sso;', v9) > 0))) AS g1
  FROM icp_l27
),
icp_l29 AS (
  SELECT *,
    CAST(CASE WHEN v0 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v0 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v0 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000000 AS NUMBER(38,0)) ELSE CAST(10000 AS NUMBER(38,0)) * (v0 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v4 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v4 <= CAST(-125000000000 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v4 >= CAST(375000000000 AS NUMBER(38,0)) THEN CAST(225000000000000 AS NUMBER(38,0)) ELSE CAST(450 AS NUMBER(38,0)) * (v4 - CAST(-125000000000 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v5 IS NULL THEN CAST(-60000000000000 AS NUMBER(38,0)) WHEN v5 <= CAST(10000000000000 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v5 >= CAST(15000000000000 AS NUMBER(38,0)) THEN CAST(-60000000000000 AS NUMBER(38,0)) ELSE CAST(-12 AS NUMBER(38,0)) * (v5 - CAST(10000000000000 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN r3 THEN CAST(30000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r4 THEN CAST(60000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r5 THEN CAST(90000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r6 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(-3750000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r7 THEN CAST(15000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r8 THEN CAST(120000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r9 THEN CAST(30000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r10 THEN CAST(60000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r11 THEN CAST(30000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r12 THEN CAST(30000000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_min,
    CAST(CASE WHEN v0 IS NULL THEN CAST(300000000000000 AS NUMBER(38,0)) WHEN v0 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v0 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000000 AS NUMBER(38,0)) ELSE CAST(10000 AS NUMBER(38,0)) * (v0 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v4 IS NULL THEN CAST(225000000000000 AS NUMBER(38,0)) WHEN v4 <= CAST(-125000000000 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v4 >= CAST(375000000000 AS NUMBER(38,0)) THEN CAST(225000000000000 AS NUMBER(38,0)) ELSE CAST(450 AS NUMBER(38,0)) * (v4 - CAST(-125000000000 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v5 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v5 <= CAST(10000000000000 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v5 >= CAST(15000000000000 AS NUMBER(38,0)) THEN CAST(-60000000000000 AS NUMBER(38,0)) ELSE CAST(-12 AS NUMBER(38,0)) * (v5 - CAST(10000000000000 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r3 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(30000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r4 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(60000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r5 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(90000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN r6 THEN CAST(-3750000000000 AS NUMBER(38,0)) ELSE CAST(0 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r7 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(15000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r8 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(120000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r9 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(30000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r10 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(60000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r11 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(30000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) + CAST(CASE WHEN NOT r12 THEN CAST(0 AS NUMBER(38,0)) ELSE CAST(30000000000000 AS NUMBER(38,0)) END AS NUMBER(38,0)) AS icp_max
  FROM icp_l28
),
icp_l30 AS (
  SELECT *,
    CASE WHEN MOD(abs(icp_min), CAST(8192 AS NUMBER(38,0))) = 0 THEN CAST(8192 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(4096 AS NUMBER(38,0))) = 0 THEN CAST(4096 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(2048 AS NUMBER(38,0))) = 0 THEN CAST(2048 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(1024 AS NUMBER(38,0))) = 0 THEN CAST(1024 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(512 AS NUMBER(38,0))) = 0 THEN CAST(512 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(256 AS NUMBER(38,0))) = 0 THEN CAST(256 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(128 AS NUMBER(38,0))) = 0 THEN CAST(128 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(64 AS NUMBER(38,0))) = 0 THEN CAST(64 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(32 AS NUMBER(38,0))) = 0 THEN CAST(32 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(16 AS NUMBER(38,0))) = 0 THEN CAST(16 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(8 AS NUMBER(38,0))) = 0 THEN CAST(8 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(4 AS NUMBER(38,0))) = 0 THEN CAST(4 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(2 AS NUMBER(38,0))) = 0 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_min), CAST(3 AS NUMBER(38,0))) = 0 THEN CAST(3 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_min), CAST(1220703125 AS NUMBER(38,0))) = 0 THEN CAST(1220703125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(244140625 AS NUMBER(38,0))) = 0 THEN CAST(244140625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(48828125 AS NUMBER(38,0))) = 0 THEN CAST(48828125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(9765625 AS NUMBER(38,0))) = 0 THEN CAST(9765625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(1953125 AS NUMBER(38,0))) = 0 THEN CAST(1953125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(390625 AS NUMBER(38,0))) = 0 THEN CAST(390625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(78125 AS NUMBER(38,0))) = 0 THEN CAST(78125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(15625 AS NUMBER(38,0))) = 0 THEN CAST(15625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(3125 AS NUMBER(38,0))) = 0 THEN CAST(3125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(625 AS NUMBER(38,0))) = 0 THEN CAST(625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(125 AS NUMBER(38,0))) = 0 THEN CAST(125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(25 AS NUMBER(38,0))) = 0 THEN CAST(25 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(5 AS NUMBER(38,0))) = 0 THEN CAST(5 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS icp_gmin,
    CASE WHEN MOD(abs(icp_max), CAST(8192 AS NUMBER(38,0))) = 0 THEN CAST(8192 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(4096 AS NUMBER(38,0))) = 0 THEN CAST(4096 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(2048 AS NUMBER(38,0))) = 0 THEN CAST(2048 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(1024 AS NUMBER(38,0))) = 0 THEN CAST(1024 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(512 AS NUMBER(38,0))) = 0 THEN CAST(512 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(256 AS NUMBER(38,0))) = 0 THEN CAST(256 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(128 AS NUMBER(38,0))) = 0 THEN CAST(128 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(64 AS NUMBER(38,0))) = 0 THEN CAST(64 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(32 AS NUMBER(38,0))) = 0 THEN CAST(32 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(16 AS NUMBER(38,0))) = 0 THEN CAST(16 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(8 AS NUMBER(38,0))) = 0 THEN CAST(8 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(4 AS NUMBER(38,0))) = 0 THEN CAST(4 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(2 AS NUMBER(38,0))) = 0 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_max), CAST(3 AS NUMBER(38,0))) = 0 THEN CAST(3 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_max), CAST(1220703125 AS NUMBER(38,0))) = 0 THEN CAST(1220703125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(244140625 AS NUMBER(38,0))) = 0 THEN CAST(244140625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(48828125 AS NUMBER(38,0))) = 0 THEN CAST(48828125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(9765625 AS NUMBER(38,0))) = 0 THEN CAST(9765625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(1953125 AS NUMBER(38,0))) = 0 THEN CAST(1953125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(390625 AS NUMBER(38,0))) = 0 THEN CAST(390625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(78125 AS NUMBER(38,0))) = 0 THEN CAST(78125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(15625 AS NUMBER(38,0))) = 0 THEN CAST(15625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(3125 AS NUMBER(38,0))) = 0 THEN CAST(3125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(625 AS NUMBER(38,0))) = 0 THEN CAST(625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(125 AS NUMBER(38,0))) = 0 THEN CAST(125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(25 AS NUMBER(38,0))) = 0 THEN CAST(25 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(5 AS NUMBER(38,0))) = 0 THEN CAST(5 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS icp_gmax
  FROM icp_l29
),
icp_l31 AS (
  SELECT *,
    TRUNC((icp_min) / (icp_gmin)) AS icp_pmin,
    TRUNC((CAST(30000000000000 AS NUMBER(38,0))) / (icp_gmin)) AS icp_qmin,
    TRUNC((icp_max) / (icp_gmax)) AS icp_pmax,
    TRUNC((CAST(30000000000000 AS NUMBER(38,0))) / (icp_gmax)) AS icp_qmax
  FROM icp_l30
)
SELECT
  k0 AS "Account Name",
  CASE WHEN icp_qmin = 1 THEN CAST(icp_pmin AS VARCHAR) WHEN MOD(CAST(10000000000000 AS NUMBER(38,0)), icp_qmin) = 0 THEN CASE WHEN icp_pmin < 0 THEN '-' ELSE '' END || CAST(TRUNC((abs(icp_pmin) * TRUNC((CAST(10000000000000 AS NUMBER(38,0))) / (icp_qmin))) / (CAST(10000000000000 AS NUMBER(38,0)))) AS VARCHAR) || '.' || RTRIM(lpad(CAST(MOD(abs(icp_pmin) * TRUNC((CAST(10000000000000 AS NUMBER(38,0))) / (icp_qmin)), CAST(10000000000000 AS NUMBER(38,0))) AS VARCHAR), 13, '0'), '0') ELSE CAST(icp_pmin AS VARCHAR) || '/' || CAST(icp_qmin AS VARCHAR) END AS score,
  CASE WHEN icp_qmax = 1 THEN CAST(icp_pmax AS VARCHAR) WHEN MOD(CAST(10000000000000 AS NUMBER(38,0)), icp_qmax) = 0 THEN CASE WHEN icp_pmax < 0 THEN '-' ELSE '' END || CAST(TRUNC((abs(icp_pmax) * TRUNC((CAST(10000000000000 AS NUMBER(38,0))) / (icp_qmax))) / (CAST(10000000000000 AS NUMBER(38,0)))) AS VARCHAR) || '.' || RTRIM(lpad(CAST(MOD(abs(icp_pmax) * TRUNC((CAST(10000000000000 AS NUMBER(38,0))) / (icp_qmax)), CAST(10000000000000 AS NUMBER(38,0))) AS VARCHAR), 13, '0'), '0') ELSE CAST(icp_pmax AS VARCHAR) || '/' || CAST(icp_qmax AS VARCHAR) END AS score_max,
  CASE WHEN icp_error <> '' THEN 'error' WHEN COALESCE(d0 OR d1, FALSE) THEN 'disqualified' WHEN icp_min >= CAST(607500000000000 AS NUMBER(38,0)) THEN 'top' WHEN icp_min > CAST(210000000000000 AS NUMBER(38,0)) THEN 'mid' WHEN icp_min >= CAST(-30000000000000 AS NUMBER(38,0)) THEN 'low' ELSE '' END AS tier,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 THEN 'seats_grade' END, CASE WHEN r1 THEN 'nps_grade' END, CASE WHEN r2 THEN 'spend_grade' END, CASE WHEN r3 THEN 'listed' END, CASE WHEN r4 THEN 'dated' END, CASE WHEN r5 THEN 'renew_soon' END, CASE WHEN r6 THEN 'named' END, CASE WHEN r7 THEN 'notice_ok' END, CASE WHEN r8 THEN 'addons' END, CASE WHEN r9 THEN 'bare' END, CASE WHEN r10 THEN 'paying' END, CASE WHEN r11 THEN 'churn_low' END, CASE WHEN r12 THEN 'api_or_big' END), ';') AS rules,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 IS NULL THEN 'seats_grade' END, CASE WHEN r1 IS NULL THEN 'nps_grade' END, CASE WHEN r2 IS NULL THEN 'spend_grade' END, CASE WHEN r3 IS NULL THEN 'listed' END, CASE WHEN r4 IS NULL THEN 'dated' END, CASE WHEN r5 IS NULL THEN 'renew_soon' END, CASE WHEN r6 IS NULL THEN 'named' END, CASE WHEN r7 IS NULL THEN 'notice_ok' END, CASE WHEN r8 IS NULL THEN 'addons' END, CASE WHEN r9 IS NULL THEN 'bare' END, CASE WHEN r10 IS NULL THEN 'paying' END, CASE WHEN r11 IS NULL THEN 'churn_low' END, CASE WHEN r12 IS NULL THEN 'api_or_big' END, CASE WHEN d0 IS NULL THEN 'disqualify: stage == churned_out' END, CASE WHEN d1 IS NULL THEN 'disqualify: churn > 40% and not partner' END), ';') AS unknown,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN d0 THEN 'stage == churned_out' END, CASE WHEN d1 THEN 'churn > 40% and not partner' END), ';') AS disqualified_by,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN g0 THEN 'enterprise' WHEN g0 IS NULL THEN 'enterprise?' END, CASE WHEN g1 THEN 'sso_trials' WHEN g1 IS NULL THEN 'sso_trials?' END), ';') AS segments,
  icp_error AS error
FROM icp_l31;
