WITH icp_l0 AS (
  SELECT "Account Name" AS k0,
    "Employees" AS c0,
    "Billing Country" AS c1,
    NULLIF(TRIM(CAST("Billing Country" AS VARCHAR), ' 	

'), '') AS t1,
    "Industry" AS c2,
    NULLIF(TRIM(CAST("Industry" AS VARCHAR), ' 	

'), '') AS t2,
    "Firmographics Grade" AS c3,
    "Tech Stack Grade" AS c4,
    "Persona Grade" AS c5,
    "JTBD Grade" AS c6,
    "Alternatives Grade" AS c7,
    "Trigger Grade" AS c8,
    "Budget Grade" AS c9,
    "Reach Grade" AS c10,
    "Last Funding Date" AS c11,
    NULLIF(TRIM(CAST("Last Funding Date" AS VARCHAR), ' 	

'), '') AS t11
  FROM "crm"."accounts"
),
icp_l1 AS (
  SELECT *,
    (CAST(c0 AS VARCHAR) IS NOT NULL AND (CAST(c0 AS VARCHAR) = '' OR length(CAST(c0 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c0 AS VARCHAR), '[^0-9]') > 0))) AS n0_slow,
    t1 AS v1,
    CAST(NULL AS VARCHAR) AS e1,
    translate(t2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ -', 'abcdefghijklmnopqrstuvwxyz__') AS v2,
    CAST(NULL AS VARCHAR) AS e2,
    (CAST(c3 AS VARCHAR) IS NOT NULL AND (CAST(c3 AS VARCHAR) = '' OR length(CAST(c3 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c3 AS VARCHAR), '[^0-9]') > 0))) AS n3_slow,
    (CAST(c4 AS VARCHAR) IS NOT NULL AND (CAST(c4 AS VARCHAR) = '' OR length(CAST(c4 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c4 AS VARCHAR), '[^0-9]') > 0))) AS n4_slow,
    (CAST(c5 AS VARCHAR) IS NOT NULL AND (CAST(c5 AS VARCHAR) = '' OR length(CAST(c5 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c5 AS VARCHAR), '[^0-9]') > 0))) AS n5_slow,
    (CAST(c6 AS VARCHAR) IS NOT NULL AND (CAST(c6 AS VARCHAR) = '' OR length(CAST(c6 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c6 AS VARCHAR), '[^0-9]') > 0))) AS n6_slow,
    (CAST(c7 AS VARCHAR) IS NOT NULL AND (CAST(c7 AS VARCHAR) = '' OR length(CAST(c7 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c7 AS VARCHAR), '[^0-9]') > 0))) AS n7_slow,
    (CAST(c8 AS VARCHAR) IS NOT NULL AND (CAST(c8 AS VARCHAR) = '' OR length(CAST(c8 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c8 AS VARCHAR), '[^0-9]') > 0))) AS n8_slow,
    (CAST(c9 AS VARCHAR) IS NOT NULL AND (CAST(c9 AS VARCHAR) = '' OR length(CAST(c9 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c9 AS VARCHAR), '[^0-9]') > 0))) AS n9_slow,
    (CAST(c10 AS VARCHAR) IS NOT NULL AND (CAST(c10 AS VARCHAR) = '' OR length(CAST(c10 AS VARCHAR)) > 18 OR (REGEXP_INSTR(CAST(c10 AS VARCHAR), '[^0-9]') > 0))) AS n10_slow,
    (length(t11) >= 10 AND (length(t11) = 10 OR substr(t11, 11, 1) IN ('T', 't', ' ')) AND (REGEXP_INSTR(substr(t11, 1, 10), '^[0-9]{4}-[0-9]{2}-[0-9]{2}') > 0)) AS n11_ok,
    CASE WHEN length(t11) > 10 THEN substr(t11, 5, 1) = '-' AND substr(t11, 8, 1) = '-' AND substr(t11, 11, 1) IN ('T', 't', ' ') AND NOT (REGEXP_INSTR(substr(t11, 1, 11), '[-􏿿]') > 0) AND NOT ((REGEXP_INSTR(substr(t11, 12), '^([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.][0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$') > 0) AND NOT (REGEXP_INSTR(substr(t11, 12), '[^0-9:.+Zz-]') > 0)) END AS n11_tbad
  FROM icp_l0
),
icp_l2 AS (
  SELECT *,
    CASE WHEN n0_slow THEN NULLIF(TRIM(CAST(c0 AS VARCHAR), ' 	

'), '') END AS t0,
    CASE WHEN n3_slow THEN NULLIF(TRIM(CAST(c3 AS VARCHAR), ' 	

'), '') END AS t3,
    CASE WHEN n4_slow THEN NULLIF(TRIM(CAST(c4 AS VARCHAR), ' 	

'), '') END AS t4,
    CASE WHEN n5_slow THEN NULLIF(TRIM(CAST(c5 AS VARCHAR), ' 	

'), '') END AS t5,
    CASE WHEN n6_slow THEN NULLIF(TRIM(CAST(c6 AS VARCHAR), ' 	

'), '') END AS t6,
    CASE WHEN n7_slow THEN NULLIF(TRIM(CAST(c7 AS VARCHAR), ' 	

'), '') END AS t7,
    CASE WHEN n8_slow THEN NULLIF(TRIM(CAST(c8 AS VARCHAR), ' 	

'), '') END AS t8,
    CASE WHEN n9_slow THEN NULLIF(TRIM(CAST(c9 AS VARCHAR), ' 	

'), '') END AS t9,
    CASE WHEN n10_slow THEN NULLIF(TRIM(CAST(c10 AS VARCHAR), ' 	

'), '') END AS t10,
    CASE WHEN n11_ok THEN CAST(substr(t11, 1, 4) AS NUMBER(38,0)) END AS n11_y,
    CASE WHEN n11_ok THEN CAST(substr(t11, 6, 2) AS NUMBER(38,0)) END AS n11_m,
    CASE WHEN n11_ok THEN CAST(substr(t11, 9, 2) AS NUMBER(38,0)) END AS n11_d
  FROM icp_l1
),
icp_l3 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(t0, '^[+-]'), '') END AS n0_s1,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(t3, '^[+-]'), '') END AS n3_s1,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(t4, '^[+-]'), '') END AS n4_s1,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(t5, '^[+-]'), '') END AS n5_s1,
    CASE WHEN n6_slow THEN COALESCE(REGEXP_SUBSTR(t6, '^[+-]'), '') END AS n6_s1,
    CASE WHEN n7_slow THEN COALESCE(REGEXP_SUBSTR(t7, '^[+-]'), '') END AS n7_s1,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(t8, '^[+-]'), '') END AS n8_s1,
    CASE WHEN n9_slow THEN COALESCE(REGEXP_SUBSTR(t9, '^[+-]'), '') END AS n9_s1,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(t10, '^[+-]'), '') END AS n10_s1,
    CASE WHEN t11 IS NULL THEN NULL WHEN n11_tbad THEN 'Last Funding Date: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' has a date followed by something that is not a time of day (expected an ISO date such as 2026-10-05)' WHEN NOT n11_ok THEN 'Last Funding Date: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' is not a calendar date (expected an ISO date such as 2026-10-05)' WHEN n11_m < 1 OR n11_m > 12 THEN 'Last Funding Date: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' has no such month (expected an ISO date such as 2026-10-05)' WHEN n11_d < 1 OR n11_d > CASE WHEN n11_m IN (4, 6, 9, 11) THEN 30 WHEN n11_m = 2 THEN CASE WHEN ((MOD(n11_y, 4) = 0 AND MOD(n11_y, 100) <> 0) OR MOD(n11_y, 400) = 0) THEN 29 ELSE 28 END ELSE 31 END THEN 'Last Funding Date: ' || '"' || replace(translate(CASE WHEN length(t11) > 60 THEN substr(t11, 1, 60) || '…' ELSE t11 END, '

	', '   '), '"', '\\"') || '"' || ' has no such day (expected an ISO date such as 2026-10-05)' END AS e11
  FROM icp_l2
),
icp_l4 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(t0, length(n0_s1) + 1) END AS n0_r1,
    CASE WHEN n3_slow THEN substr(t3, length(n3_s1) + 1) END AS n3_r1,
    CASE WHEN n4_slow THEN substr(t4, length(n4_s1) + 1) END AS n4_r1,
    CASE WHEN n5_slow THEN substr(t5, length(n5_s1) + 1) END AS n5_r1,
    CASE WHEN n6_slow THEN substr(t6, length(n6_s1) + 1) END AS n6_r1,
    CASE WHEN n7_slow THEN substr(t7, length(n7_s1) + 1) END AS n7_r1,
    CASE WHEN n8_slow THEN substr(t8, length(n8_s1) + 1) END AS n8_r1,
    CASE WHEN n9_slow THEN substr(t9, length(n9_s1) + 1) END AS n9_r1,
    CASE WHEN n10_slow THEN substr(t10, length(n10_s1) + 1) END AS n10_r1,
    CASE WHEN e11 IS NULL AND n11_ok THEN n11_y * 10000 + n11_m * 100 + n11_d END AS v11
  FROM icp_l3
),
icp_l5 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r1, '^[0-9][0-9,]*'), '') END AS n0_run,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r1, '^[0-9][0-9,]*'), '') END AS n3_run,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r1, '^[0-9][0-9,]*'), '') END AS n4_run,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r1, '^[0-9][0-9,]*'), '') END AS n5_run,
    CASE WHEN n6_slow THEN COALESCE(REGEXP_SUBSTR(n6_r1, '^[0-9][0-9,]*'), '') END AS n6_run,
    CASE WHEN n7_slow THEN COALESCE(REGEXP_SUBSTR(n7_r1, '^[0-9][0-9,]*'), '') END AS n7_run,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(n8_r1, '^[0-9][0-9,]*'), '') END AS n8_run,
    CASE WHEN n9_slow THEN COALESCE(REGEXP_SUBSTR(n9_r1, '^[0-9][0-9,]*'), '') END AS n9_run,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r1, '^[0-9][0-9,]*'), '') END AS n10_run
  FROM icp_l4
),
icp_l6 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r1, length(n0_run) + 1) END AS n0_r4,
    CASE WHEN n3_slow THEN substr(n3_r1, length(n3_run) + 1) END AS n3_r4,
    CASE WHEN n4_slow THEN substr(n4_r1, length(n4_run) + 1) END AS n4_r4,
    CASE WHEN n5_slow THEN substr(n5_r1, length(n5_run) + 1) END AS n5_r4,
    CASE WHEN n6_slow THEN substr(n6_r1, length(n6_run) + 1) END AS n6_r4,
    CASE WHEN n7_slow THEN substr(n7_r1, length(n7_run) + 1) END AS n7_r4,
    CASE WHEN n8_slow THEN substr(n8_r1, length(n8_run) + 1) END AS n8_r4,
    CASE WHEN n9_slow THEN substr(n9_r1, length(n9_run) + 1) END AS n9_r4,
    CASE WHEN n10_slow THEN substr(n10_r1, length(n10_run) + 1) END AS n10_r4
  FROM icp_l5
),
icp_l7 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r4, '^[.][0-9]*'), '') END AS n0_frac,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r4, '^[.][0-9]*'), '') END AS n3_frac,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r4, '^[.][0-9]*'), '') END AS n4_frac,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r4, '^[.][0-9]*'), '') END AS n5_frac,
    CASE WHEN n6_slow THEN COALESCE(REGEXP_SUBSTR(n6_r4, '^[.][0-9]*'), '') END AS n6_frac,
    CASE WHEN n7_slow THEN COALESCE(REGEXP_SUBSTR(n7_r4, '^[.][0-9]*'), '') END AS n7_frac,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(n8_r4, '^[.][0-9]*'), '') END AS n8_frac,
    CASE WHEN n9_slow THEN COALESCE(REGEXP_SUBSTR(n9_r4, '^[.][0-9]*'), '') END AS n9_frac,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r4, '^[.][0-9]*'), '') END AS n10_frac
  FROM icp_l6
),
icp_l8 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_r4, length(n0_frac) + 1) END AS n0_r5,
    CASE WHEN n3_slow THEN substr(n3_r4, length(n3_frac) + 1) END AS n3_r5,
    CASE WHEN n4_slow THEN substr(n4_r4, length(n4_frac) + 1) END AS n4_r5,
    CASE WHEN n5_slow THEN substr(n5_r4, length(n5_frac) + 1) END AS n5_r5,
    CASE WHEN n6_slow THEN substr(n6_r4, length(n6_frac) + 1) END AS n6_r5,
    CASE WHEN n7_slow THEN substr(n7_r4, length(n7_frac) + 1) END AS n7_r5,
    CASE WHEN n8_slow THEN substr(n8_r4, length(n8_frac) + 1) END AS n8_r5,
    CASE WHEN n9_slow THEN substr(n9_r4, length(n9_frac) + 1) END AS n9_r5,
    CASE WHEN n10_slow THEN substr(n10_r4, length(n10_frac) + 1) END AS n10_r5
  FROM icp_l7
),
icp_l9 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n0_ex,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n3_ex,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n4_ex,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n5_ex,
    CASE WHEN n6_slow THEN COALESCE(REGEXP_SUBSTR(n6_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n6_ex,
    CASE WHEN n7_slow THEN COALESCE(REGEXP_SUBSTR(n7_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n7_ex,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(n8_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n8_ex,
    CASE WHEN n9_slow THEN COALESCE(REGEXP_SUBSTR(n9_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n9_ex,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r5, '^[eE][+-]?[0-9]{1,4}'), '') END AS n10_ex
  FROM icp_l8
),
icp_l10 AS (
  SELECT *,
    CASE WHEN n0_slow THEN LTRIM(substr(n0_r5, length(n0_ex) + 1), ' 	

') END AS n0_r6,
    CASE WHEN n3_slow THEN LTRIM(substr(n3_r5, length(n3_ex) + 1), ' 	

') END AS n3_r6,
    CASE WHEN n4_slow THEN LTRIM(substr(n4_r5, length(n4_ex) + 1), ' 	

') END AS n4_r6,
    CASE WHEN n5_slow THEN LTRIM(substr(n5_r5, length(n5_ex) + 1), ' 	

') END AS n5_r6,
    CASE WHEN n6_slow THEN LTRIM(substr(n6_r5, length(n6_ex) + 1), ' 	

') END AS n6_r6,
    CASE WHEN n7_slow THEN LTRIM(substr(n7_r5, length(n7_ex) + 1), ' 	

') END AS n7_r6,
    CASE WHEN n8_slow THEN LTRIM(substr(n8_r5, length(n8_ex) + 1), ' 	

') END AS n8_r6,
    CASE WHEN n9_slow THEN LTRIM(substr(n9_r5, length(n9_ex) + 1), ' 	

') END AS n9_r6,
    CASE WHEN n10_slow THEN LTRIM(substr(n10_r5, length(n10_ex) + 1), ' 	

') END AS n10_r6
  FROM icp_l9
),
icp_l11 AS (
  SELECT *,
    CASE WHEN n0_slow THEN COALESCE(REGEXP_SUBSTR(n0_r6, '^[A-Za-z]+'), '') END AS n0_w,
    CASE WHEN n3_slow THEN COALESCE(REGEXP_SUBSTR(n3_r6, '^[A-Za-z]+'), '') END AS n3_w,
    CASE WHEN n4_slow THEN COALESCE(REGEXP_SUBSTR(n4_r6, '^[A-Za-z]+'), '') END AS n4_w,
    CASE WHEN n5_slow THEN COALESCE(REGEXP_SUBSTR(n5_r6, '^[A-Za-z]+'), '') END AS n5_w,
    CASE WHEN n6_slow THEN COALESCE(REGEXP_SUBSTR(n6_r6, '^[A-Za-z]+'), '') END AS n6_w,
    CASE WHEN n7_slow THEN COALESCE(REGEXP_SUBSTR(n7_r6, '^[A-Za-z]+'), '') END AS n7_w,
    CASE WHEN n8_slow THEN COALESCE(REGEXP_SUBSTR(n8_r6, '^[A-Za-z]+'), '') END AS n8_w,
    CASE WHEN n9_slow THEN COALESCE(REGEXP_SUBSTR(n9_r6, '^[A-Za-z]+'), '') END AS n9_w,
    CASE WHEN n10_slow THEN COALESCE(REGEXP_SUBSTR(n10_r6, '^[A-Za-z]+'), '') END AS n10_w
  FROM icp_l10
),
icp_l12 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN (n0_w IN ('K', 'k')) THEN 3 WHEN (n0_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n0_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n0_mag,
    CASE WHEN n3_slow THEN CASE WHEN (n3_w IN ('K', 'k')) THEN 3 WHEN (n3_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n3_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n3_mag,
    CASE WHEN n4_slow THEN CASE WHEN (n4_w IN ('K', 'k')) THEN 3 WHEN (n4_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n4_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n4_mag,
    CASE WHEN n5_slow THEN CASE WHEN (n5_w IN ('K', 'k')) THEN 3 WHEN (n5_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n5_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n5_mag,
    CASE WHEN n6_slow THEN CASE WHEN (n6_w IN ('K', 'k')) THEN 3 WHEN (n6_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n6_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n6_mag,
    CASE WHEN n7_slow THEN CASE WHEN (n7_w IN ('K', 'k')) THEN 3 WHEN (n7_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n7_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n7_mag,
    CASE WHEN n8_slow THEN CASE WHEN (n8_w IN ('K', 'k')) THEN 3 WHEN (n8_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n8_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n8_mag,
    CASE WHEN n9_slow THEN CASE WHEN (n9_w IN ('K', 'k')) THEN 3 WHEN (n9_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n9_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n9_mag,
    CASE WHEN n10_slow THEN CASE WHEN (n10_w IN ('K', 'k')) THEN 3 WHEN (n10_w IN ('M', 'm', 'MM', 'mm', 'mn', 'Mn')) THEN 6 WHEN (n10_w IN ('B', 'b', 'bn', 'Bn', 'BN')) THEN 9 ELSE 0 END END AS n10_mag
  FROM icp_l11
),
icp_l13 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_mag > 0 THEN LTRIM(substr(n0_r6, length(n0_w) + 1), ' 	

') ELSE n0_r6 END END AS n0_r7,
    CASE WHEN n3_slow THEN CASE WHEN n3_mag > 0 THEN LTRIM(substr(n3_r6, length(n3_w) + 1), ' 	

') ELSE n3_r6 END END AS n3_r7,
    CASE WHEN n4_slow THEN CASE WHEN n4_mag > 0 THEN LTRIM(substr(n4_r6, length(n4_w) + 1), ' 	

') ELSE n4_r6 END END AS n4_r7,
    CASE WHEN n5_slow THEN CASE WHEN n5_mag > 0 THEN LTRIM(substr(n5_r6, length(n5_w) + 1), ' 	

') ELSE n5_r6 END END AS n5_r7,
    CASE WHEN n6_slow THEN CASE WHEN n6_mag > 0 THEN LTRIM(substr(n6_r6, length(n6_w) + 1), ' 	

') ELSE n6_r6 END END AS n6_r7,
    CASE WHEN n7_slow THEN CASE WHEN n7_mag > 0 THEN LTRIM(substr(n7_r6, length(n7_w) + 1), ' 	

') ELSE n7_r6 END END AS n7_r7,
    CASE WHEN n8_slow THEN CASE WHEN n8_mag > 0 THEN LTRIM(substr(n8_r6, length(n8_w) + 1), ' 	

') ELSE n8_r6 END END AS n8_r7,
    CASE WHEN n9_slow THEN CASE WHEN n9_mag > 0 THEN LTRIM(substr(n9_r6, length(n9_w) + 1), ' 	

') ELSE n9_r6 END END AS n9_r7,
    CASE WHEN n10_slow THEN CASE WHEN n10_mag > 0 THEN LTRIM(substr(n10_r6, length(n10_w) + 1), ' 	

') ELSE n10_r6 END END AS n10_r7
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
    CASE WHEN n3_slow THEN replace(n3_run, ',', '') || substr(n3_frac, 2) END AS n3_dig,
    CASE WHEN n3_slow THEN length(replace(n3_run, ',', '')) END AS n3_ilen,
    CASE WHEN n3_slow THEN COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) END AS n3_en,
    CASE WHEN n3_slow THEN COALESCE(CAST(NULLIF(substr(n3_ex, 2), '') AS NUMBER(38,0)), 0) + n3_mag - 2 * 0 - greatest(length(n3_frac) - 1, 0) + 10 END AS n3_shift,
    CASE WHEN n3_slow THEN ((POSITION(',', n3_run) > 0) AND NOT (REGEXP_INSTR(n3_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n3_misp,
    CASE WHEN n3_slow THEN n3_r7 END AS n3_rest,
    CASE WHEN n4_slow THEN replace(n4_run, ',', '') || substr(n4_frac, 2) END AS n4_dig,
    CASE WHEN n4_slow THEN length(replace(n4_run, ',', '')) END AS n4_ilen,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) END AS n4_en,
    CASE WHEN n4_slow THEN COALESCE(CAST(NULLIF(substr(n4_ex, 2), '') AS NUMBER(38,0)), 0) + n4_mag - 2 * 0 - greatest(length(n4_frac) - 1, 0) + 10 END AS n4_shift,
    CASE WHEN n4_slow THEN ((POSITION(',', n4_run) > 0) AND NOT (REGEXP_INSTR(n4_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n4_misp,
    CASE WHEN n4_slow THEN n4_r7 END AS n4_rest,
    CASE WHEN n5_slow THEN replace(n5_run, ',', '') || substr(n5_frac, 2) END AS n5_dig,
    CASE WHEN n5_slow THEN length(replace(n5_run, ',', '')) END AS n5_ilen,
    CASE WHEN n5_slow THEN COALESCE(CAST(NULLIF(substr(n5_ex, 2), '') AS NUMBER(38,0)), 0) END AS n5_en,
    CASE WHEN n5_slow THEN COALESCE(CAST(NULLIF(substr(n5_ex, 2), '') AS NUMBER(38,0)), 0) + n5_mag - 2 * 0 - greatest(length(n5_frac) - 1, 0) + 10 END AS n5_shift,
    CASE WHEN n5_slow THEN ((POSITION(',', n5_run) > 0) AND NOT (REGEXP_INSTR(n5_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n5_misp,
    CASE WHEN n5_slow THEN n5_r7 END AS n5_rest,
    CASE WHEN n6_slow THEN replace(n6_run, ',', '') || substr(n6_frac, 2) END AS n6_dig,
    CASE WHEN n6_slow THEN length(replace(n6_run, ',', '')) END AS n6_ilen,
    CASE WHEN n6_slow THEN COALESCE(CAST(NULLIF(substr(n6_ex, 2), '') AS NUMBER(38,0)), 0) END AS n6_en,
    CASE WHEN n6_slow THEN COALESCE(CAST(NULLIF(substr(n6_ex, 2), '') AS NUMBER(38,0)), 0) + n6_mag - 2 * 0 - greatest(length(n6_frac) - 1, 0) + 10 END AS n6_shift,
    CASE WHEN n6_slow THEN ((POSITION(',', n6_run) > 0) AND NOT (REGEXP_INSTR(n6_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n6_misp,
    CASE WHEN n6_slow THEN n6_r7 END AS n6_rest,
    CASE WHEN n7_slow THEN replace(n7_run, ',', '') || substr(n7_frac, 2) END AS n7_dig,
    CASE WHEN n7_slow THEN length(replace(n7_run, ',', '')) END AS n7_ilen,
    CASE WHEN n7_slow THEN COALESCE(CAST(NULLIF(substr(n7_ex, 2), '') AS NUMBER(38,0)), 0) END AS n7_en,
    CASE WHEN n7_slow THEN COALESCE(CAST(NULLIF(substr(n7_ex, 2), '') AS NUMBER(38,0)), 0) + n7_mag - 2 * 0 - greatest(length(n7_frac) - 1, 0) + 10 END AS n7_shift,
    CASE WHEN n7_slow THEN ((POSITION(',', n7_run) > 0) AND NOT (REGEXP_INSTR(n7_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n7_misp,
    CASE WHEN n7_slow THEN n7_r7 END AS n7_rest,
    CASE WHEN n8_slow THEN replace(n8_run, ',', '') || substr(n8_frac, 2) END AS n8_dig,
    CASE WHEN n8_slow THEN length(replace(n8_run, ',', '')) END AS n8_ilen,
    CASE WHEN n8_slow THEN COALESCE(CAST(NULLIF(substr(n8_ex, 2), '') AS NUMBER(38,0)), 0) END AS n8_en,
    CASE WHEN n8_slow THEN COALESCE(CAST(NULLIF(substr(n8_ex, 2), '') AS NUMBER(38,0)), 0) + n8_mag - 2 * 0 - greatest(length(n8_frac) - 1, 0) + 10 END AS n8_shift,
    CASE WHEN n8_slow THEN ((POSITION(',', n8_run) > 0) AND NOT (REGEXP_INSTR(n8_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n8_misp,
    CASE WHEN n8_slow THEN n8_r7 END AS n8_rest,
    CASE WHEN n9_slow THEN replace(n9_run, ',', '') || substr(n9_frac, 2) END AS n9_dig,
    CASE WHEN n9_slow THEN length(replace(n9_run, ',', '')) END AS n9_ilen,
    CASE WHEN n9_slow THEN COALESCE(CAST(NULLIF(substr(n9_ex, 2), '') AS NUMBER(38,0)), 0) END AS n9_en,
    CASE WHEN n9_slow THEN COALESCE(CAST(NULLIF(substr(n9_ex, 2), '') AS NUMBER(38,0)), 0) + n9_mag - 2 * 0 - greatest(length(n9_frac) - 1, 0) + 10 END AS n9_shift,
    CASE WHEN n9_slow THEN ((POSITION(',', n9_run) > 0) AND NOT (REGEXP_INSTR(n9_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n9_misp,
    CASE WHEN n9_slow THEN n9_r7 END AS n9_rest,
    CASE WHEN n10_slow THEN replace(n10_run, ',', '') || substr(n10_frac, 2) END AS n10_dig,
    CASE WHEN n10_slow THEN length(replace(n10_run, ',', '')) END AS n10_ilen,
    CASE WHEN n10_slow THEN COALESCE(CAST(NULLIF(substr(n10_ex, 2), '') AS NUMBER(38,0)), 0) END AS n10_en,
    CASE WHEN n10_slow THEN COALESCE(CAST(NULLIF(substr(n10_ex, 2), '') AS NUMBER(38,0)), 0) + n10_mag - 2 * 0 - greatest(length(n10_frac) - 1, 0) + 10 END AS n10_shift,
    CASE WHEN n10_slow THEN ((POSITION(',', n10_run) > 0) AND NOT (REGEXP_INSTR(n10_run, '^[0-9]{1,3}(,[0-9]{3})*$') > 0)) END AS n10_misp,
    CASE WHEN n10_slow THEN n10_r7 END AS n10_rest
  FROM icp_l13
),
icp_l15 AS (
  SELECT *,
    CASE WHEN n0_slow THEN substr(n0_dig, length(COALESCE(REGEXP_SUBSTR(n0_dig, '^0*'), '')) + 1) END AS n0_dz,
    CASE WHEN n3_slow THEN substr(n3_dig, length(COALESCE(REGEXP_SUBSTR(n3_dig, '^0*'), '')) + 1) END AS n3_dz,
    CASE WHEN n4_slow THEN substr(n4_dig, length(COALESCE(REGEXP_SUBSTR(n4_dig, '^0*'), '')) + 1) END AS n4_dz,
    CASE WHEN n5_slow THEN substr(n5_dig, length(COALESCE(REGEXP_SUBSTR(n5_dig, '^0*'), '')) + 1) END AS n5_dz,
    CASE WHEN n6_slow THEN substr(n6_dig, length(COALESCE(REGEXP_SUBSTR(n6_dig, '^0*'), '')) + 1) END AS n6_dz,
    CASE WHEN n7_slow THEN substr(n7_dig, length(COALESCE(REGEXP_SUBSTR(n7_dig, '^0*'), '')) + 1) END AS n7_dz,
    CASE WHEN n8_slow THEN substr(n8_dig, length(COALESCE(REGEXP_SUBSTR(n8_dig, '^0*'), '')) + 1) END AS n8_dz,
    CASE WHEN n9_slow THEN substr(n9_dig, length(COALESCE(REGEXP_SUBSTR(n9_dig, '^0*'), '')) + 1) END AS n9_dz,
    CASE WHEN n10_slow THEN substr(n10_dig, length(COALESCE(REGEXP_SUBSTR(n10_dig, '^0*'), '')) + 1) END AS n10_dz
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
    CASE WHEN n3_slow THEN CASE WHEN t3 IS NULL THEN NULL WHEN n3_ilen > 36 THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n3_misp THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n3_dig) > 36 THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n3_dig) = 0 THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n3_ex <> '' AND ((n3_en >= 0 AND (n3_en > 38 OR (n3_dz <> '' AND length(n3_dz) + n3_en > 38))) OR (n3_en < 0 AND greatest(length(n3_frac) - 1, 0) - n3_en > 38))) OR (n3_mag > 0 AND n3_dz <> '' AND length(n3_dz) + greatest(n3_en, 0) + n3_mag > 38)) THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n3_rest <> '' THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n3_dz <> '' AND length(n3_dz) + n3_shift > 37 THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n3_dz <> '' AND n3_shift < 0 AND (REGEXP_INSTR(substr(n3_dz, greatest(length(n3_dz) + n3_shift, 0) + 1), '[1-9]') > 0) THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n3_e0,
    CASE WHEN n4_slow THEN CASE WHEN t4 IS NULL THEN NULL WHEN n4_ilen > 36 THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_misp THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n4_dig) > 36 THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n4_dig) = 0 THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n4_ex <> '' AND ((n4_en >= 0 AND (n4_en > 38 OR (n4_dz <> '' AND length(n4_dz) + n4_en > 38))) OR (n4_en < 0 AND greatest(length(n4_frac) - 1, 0) - n4_en > 38))) OR (n4_mag > 0 AND n4_dz <> '' AND length(n4_dz) + greatest(n4_en, 0) + n4_mag > 38)) THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_rest <> '' THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_dz <> '' AND length(n4_dz) + n4_shift > 37 THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n4_dz <> '' AND n4_shift < 0 AND (REGEXP_INSTR(substr(n4_dz, greatest(length(n4_dz) + n4_shift, 0) + 1), '[1-9]') > 0) THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n4_e0,
    CASE WHEN n5_slow THEN CASE WHEN t5 IS NULL THEN NULL WHEN n5_ilen > 36 THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n5_misp THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n5_dig) > 36 THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n5_dig) = 0 THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n5_ex <> '' AND ((n5_en >= 0 AND (n5_en > 38 OR (n5_dz <> '' AND length(n5_dz) + n5_en > 38))) OR (n5_en < 0 AND greatest(length(n5_frac) - 1, 0) - n5_en > 38))) OR (n5_mag > 0 AND n5_dz <> '' AND length(n5_dz) + greatest(n5_en, 0) + n5_mag > 38)) THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n5_rest <> '' THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n5_dz <> '' AND length(n5_dz) + n5_shift > 37 THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n5_dz <> '' AND n5_shift < 0 AND (REGEXP_INSTR(substr(n5_dz, greatest(length(n5_dz) + n5_shift, 0) + 1), '[1-9]') > 0) THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n5_e0,
    CASE WHEN n6_slow THEN CASE WHEN t6 IS NULL THEN NULL WHEN n6_ilen > 36 THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n6_misp THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n6_dig) > 36 THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n6_dig) = 0 THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n6_ex <> '' AND ((n6_en >= 0 AND (n6_en > 38 OR (n6_dz <> '' AND length(n6_dz) + n6_en > 38))) OR (n6_en < 0 AND greatest(length(n6_frac) - 1, 0) - n6_en > 38))) OR (n6_mag > 0 AND n6_dz <> '' AND length(n6_dz) + greatest(n6_en, 0) + n6_mag > 38)) THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n6_rest <> '' THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n6_dz <> '' AND length(n6_dz) + n6_shift > 37 THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n6_dz <> '' AND n6_shift < 0 AND (REGEXP_INSTR(substr(n6_dz, greatest(length(n6_dz) + n6_shift, 0) + 1), '[1-9]') > 0) THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n6_e0,
    CASE WHEN n7_slow THEN CASE WHEN t7 IS NULL THEN NULL WHEN n7_ilen > 36 THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n7_misp THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n7_dig) > 36 THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n7_dig) = 0 THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n7_ex <> '' AND ((n7_en >= 0 AND (n7_en > 38 OR (n7_dz <> '' AND length(n7_dz) + n7_en > 38))) OR (n7_en < 0 AND greatest(length(n7_frac) - 1, 0) - n7_en > 38))) OR (n7_mag > 0 AND n7_dz <> '' AND length(n7_dz) + greatest(n7_en, 0) + n7_mag > 38)) THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n7_rest <> '' THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n7_dz <> '' AND length(n7_dz) + n7_shift > 37 THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n7_dz <> '' AND n7_shift < 0 AND (REGEXP_INSTR(substr(n7_dz, greatest(length(n7_dz) + n7_shift, 0) + 1), '[1-9]') > 0) THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n7_e0,
    CASE WHEN n8_slow THEN CASE WHEN t8 IS NULL THEN NULL WHEN n8_ilen > 36 THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n8_misp THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n8_dig) > 36 THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n8_dig) = 0 THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n8_ex <> '' AND ((n8_en >= 0 AND (n8_en > 38 OR (n8_dz <> '' AND length(n8_dz) + n8_en > 38))) OR (n8_en < 0 AND greatest(length(n8_frac) - 1, 0) - n8_en > 38))) OR (n8_mag > 0 AND n8_dz <> '' AND length(n8_dz) + greatest(n8_en, 0) + n8_mag > 38)) THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n8_rest <> '' THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n8_dz <> '' AND length(n8_dz) + n8_shift > 37 THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n8_dz <> '' AND n8_shift < 0 AND (REGEXP_INSTR(substr(n8_dz, greatest(length(n8_dz) + n8_shift, 0) + 1), '[1-9]') > 0) THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n8_e0,
    CASE WHEN n9_slow THEN CASE WHEN t9 IS NULL THEN NULL WHEN n9_ilen > 36 THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n9_misp THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n9_dig) > 36 THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n9_dig) = 0 THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n9_ex <> '' AND ((n9_en >= 0 AND (n9_en > 38 OR (n9_dz <> '' AND length(n9_dz) + n9_en > 38))) OR (n9_en < 0 AND greatest(length(n9_frac) - 1, 0) - n9_en > 38))) OR (n9_mag > 0 AND n9_dz <> '' AND length(n9_dz) + greatest(n9_en, 0) + n9_mag > 38)) THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n9_rest <> '' THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n9_dz <> '' AND length(n9_dz) + n9_shift > 37 THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n9_dz <> '' AND n9_shift < 0 AND (REGEXP_INSTR(substr(n9_dz, greatest(length(n9_dz) + n9_shift, 0) + 1), '[1-9]') > 0) THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n9_e0,
    CASE WHEN n10_slow THEN CASE WHEN t10 IS NULL THEN NULL WHEN n10_ilen > 36 THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n10_misp THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has misplaced thousands separators (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n10_dig) > 36 THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has too many digits (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN length(n10_dig) = 0 THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN ((n10_ex <> '' AND ((n10_en >= 0 AND (n10_en > 38 OR (n10_dz <> '' AND length(n10_dz) + n10_en > 38))) OR (n10_en < 0 AND greatest(length(n10_frac) - 1, 0) - n10_en > 38))) OR (n10_mag > 0 AND n10_dz <> '' AND length(n10_dz) + greatest(n10_en, 0) + n10_mag > 38)) THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n10_rest <> '' THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is not an int (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n10_dz <> '' AND length(n10_dz) + n10_shift > 37 THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is out of range (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN n10_dz <> '' AND n10_shift < 0 AND (REGEXP_INSTR(substr(n10_dz, greatest(length(n10_dz) + n10_shift, 0) + 1), '[1-9]') > 0) THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' has more than 10 decimal places, more than the SQL score keeps (expected a whole count such as 1200, 1,200 or 1.2K)' END END AS n10_e0
  FROM icp_l15
),
icp_l17 AS (
  SELECT *,
    CASE WHEN n0_slow THEN CASE WHEN n0_e0 IS NULL AND t0 IS NOT NULL THEN CASE WHEN n0_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n0_dz = '' THEN '0' WHEN n0_shift >= 0 THEN n0_dz || repeat('0', n0_shift) ELSE substr(n0_dz, 1, greatest(length(n0_dz) + n0_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c0 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n0_raw,
    CASE WHEN n3_slow THEN CASE WHEN n3_e0 IS NULL AND t3 IS NOT NULL THEN CASE WHEN n3_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n3_dz = '' THEN '0' WHEN n3_shift >= 0 THEN n3_dz || repeat('0', n3_shift) ELSE substr(n3_dz, 1, greatest(length(n3_dz) + n3_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c3 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n3_raw,
    CASE WHEN n4_slow THEN CASE WHEN n4_e0 IS NULL AND t4 IS NOT NULL THEN CASE WHEN n4_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n4_dz = '' THEN '0' WHEN n4_shift >= 0 THEN n4_dz || repeat('0', n4_shift) ELSE substr(n4_dz, 1, greatest(length(n4_dz) + n4_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c4 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n4_raw,
    CASE WHEN n5_slow THEN CASE WHEN n5_e0 IS NULL AND t5 IS NOT NULL THEN CASE WHEN n5_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n5_dz = '' THEN '0' WHEN n5_shift >= 0 THEN n5_dz || repeat('0', n5_shift) ELSE substr(n5_dz, 1, greatest(length(n5_dz) + n5_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c5 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n5_raw,
    CASE WHEN n6_slow THEN CASE WHEN n6_e0 IS NULL AND t6 IS NOT NULL THEN CASE WHEN n6_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n6_dz = '' THEN '0' WHEN n6_shift >= 0 THEN n6_dz || repeat('0', n6_shift) ELSE substr(n6_dz, 1, greatest(length(n6_dz) + n6_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c6 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n6_raw,
    CASE WHEN n7_slow THEN CASE WHEN n7_e0 IS NULL AND t7 IS NOT NULL THEN CASE WHEN n7_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n7_dz = '' THEN '0' WHEN n7_shift >= 0 THEN n7_dz || repeat('0', n7_shift) ELSE substr(n7_dz, 1, greatest(length(n7_dz) + n7_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c7 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n7_raw,
    CASE WHEN n8_slow THEN CASE WHEN n8_e0 IS NULL AND t8 IS NOT NULL THEN CASE WHEN n8_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n8_dz = '' THEN '0' WHEN n8_shift >= 0 THEN n8_dz || repeat('0', n8_shift) ELSE substr(n8_dz, 1, greatest(length(n8_dz) + n8_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c8 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n8_raw,
    CASE WHEN n9_slow THEN CASE WHEN n9_e0 IS NULL AND t9 IS NOT NULL THEN CASE WHEN n9_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n9_dz = '' THEN '0' WHEN n9_shift >= 0 THEN n9_dz || repeat('0', n9_shift) ELSE substr(n9_dz, 1, greatest(length(n9_dz) + n9_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c9 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n9_raw,
    CASE WHEN n10_slow THEN CASE WHEN n10_e0 IS NULL AND t10 IS NOT NULL THEN CASE WHEN n10_s1 = '-' THEN -1 ELSE 1 END * CAST(CASE WHEN n10_dz = '' THEN '0' WHEN n10_shift >= 0 THEN n10_dz || repeat('0', n10_shift) ELSE substr(n10_dz, 1, greatest(length(n10_dz) + n10_shift, 1)) END AS NUMBER(38,0)) END ELSE CAST(CAST(CAST(c10 AS VARCHAR) AS NUMBER(18,0)) AS NUMBER(38,0)) * CAST(10000000000 AS NUMBER(38,0)) END AS n10_raw
  FROM icp_l16
),
icp_l18 AS (
  SELECT *,
    CASE WHEN n0_e0 IS NOT NULL THEN n0_e0 WHEN n0_raw < 0 THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n0_slow THEN MOD(n0_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Employees: ' || '"' || replace(translate(CASE WHEN length(t0) > 60 THEN substr(t0, 1, 60) || '…' ELSE t0 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e0,
    CASE WHEN n3_e0 IS NOT NULL THEN n3_e0 WHEN n3_raw < 0 THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n3_slow THEN MOD(n3_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Firmographics Grade: ' || '"' || replace(translate(CASE WHEN length(t3) > 60 THEN substr(t3, 1, 60) || '…' ELSE t3 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e3,
    CASE WHEN n4_e0 IS NOT NULL THEN n4_e0 WHEN n4_raw < 0 THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n4_slow THEN MOD(n4_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Tech Stack Grade: ' || '"' || replace(translate(CASE WHEN length(t4) > 60 THEN substr(t4, 1, 60) || '…' ELSE t4 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e4,
    CASE WHEN n5_e0 IS NOT NULL THEN n5_e0 WHEN n5_raw < 0 THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n5_slow THEN MOD(n5_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Persona Grade: ' || '"' || replace(translate(CASE WHEN length(t5) > 60 THEN substr(t5, 1, 60) || '…' ELSE t5 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e5,
    CASE WHEN n6_e0 IS NOT NULL THEN n6_e0 WHEN n6_raw < 0 THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n6_slow THEN MOD(n6_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'JTBD Grade: ' || '"' || replace(translate(CASE WHEN length(t6) > 60 THEN substr(t6, 1, 60) || '…' ELSE t6 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e6,
    CASE WHEN n7_e0 IS NOT NULL THEN n7_e0 WHEN n7_raw < 0 THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n7_slow THEN MOD(n7_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Alternatives Grade: ' || '"' || replace(translate(CASE WHEN length(t7) > 60 THEN substr(t7, 1, 60) || '…' ELSE t7 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e7,
    CASE WHEN n8_e0 IS NOT NULL THEN n8_e0 WHEN n8_raw < 0 THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n8_slow THEN MOD(n8_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Trigger Grade: ' || '"' || replace(translate(CASE WHEN length(t8) > 60 THEN substr(t8, 1, 60) || '…' ELSE t8 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e8,
    CASE WHEN n9_e0 IS NOT NULL THEN n9_e0 WHEN n9_raw < 0 THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n9_slow THEN MOD(n9_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Budget Grade: ' || '"' || replace(translate(CASE WHEN length(t9) > 60 THEN substr(t9, 1, 60) || '…' ELSE t9 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e9,
    CASE WHEN n10_e0 IS NOT NULL THEN n10_e0 WHEN n10_raw < 0 THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is negative, and an int counts from 0 (expected a whole count such as 1200, 1,200 or 1.2K)' WHEN CASE WHEN n10_slow THEN MOD(n10_raw, CAST(10000000000 AS NUMBER(38,0))) <> 0 ELSE FALSE END THEN 'Reach Grade: ' || '"' || replace(translate(CASE WHEN length(t10) > 60 THEN substr(t10, 1, 60) || '…' ELSE t10 END, '

	', '   '), '"', '\\"') || '"' || ' is not a whole number (expected a whole count such as 1200, 1,200 or 1.2K)' END AS e10
  FROM icp_l17
),
icp_l19 AS (
  SELECT *,
    CASE WHEN e0 IS NULL THEN n0_raw END AS v0,
    CASE WHEN e3 IS NULL THEN n3_raw END AS v3,
    CASE WHEN e4 IS NULL THEN n4_raw END AS v4,
    CASE WHEN e5 IS NULL THEN n5_raw END AS v5,
    CASE WHEN e6 IS NULL THEN n6_raw END AS v6,
    CASE WHEN e7 IS NULL THEN n7_raw END AS v7,
    CASE WHEN e8 IS NULL THEN n8_raw END AS v8,
    CASE WHEN e9 IS NULL THEN n9_raw END AS v9,
    CASE WHEN e10 IS NULL THEN n10_raw END AS v10
  FROM icp_l18
),
icp_l20 AS (
  SELECT *,
    ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(e0, e3, e4, e5, e6, e7, e8, e9, e10, e11), '; ') AS icp_error,
    (v3 > CAST(0 AS NUMBER(38,0))) AS r0,
    (v4 > CAST(0 AS NUMBER(38,0))) AS r1,
    (v5 > CAST(0 AS NUMBER(38,0))) AS r2,
    (v6 > CAST(0 AS NUMBER(38,0))) AS r3,
    (v7 > CAST(0 AS NUMBER(38,0))) AS r4,
    (v8 > CAST(0 AS NUMBER(38,0))) AS r5,
    (v9 > CAST(0 AS NUMBER(38,0))) AS r6,
    (v10 > CAST(0 AS NUMBER(38,0))) AS r7,
    (v0 < CAST(500000000000 AS NUMBER(38,0))) AS d0,
    (v2 IN ('public_sector')) AS d1
  FROM icp_l19
),
icp_l21 AS (
  SELECT *,
    CAST(CASE WHEN v3 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v3 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v3 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v3 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v4 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v4 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v4 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v4 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v5 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v5 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v5 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000 AS NUMBER(38,0)) ELSE CAST(10 AS NUMBER(38,0)) * (v5 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v6 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v6 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v6 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v6 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v7 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v7 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v7 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v7 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v8 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v8 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v8 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v8 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v9 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v9 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v9 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000 AS NUMBER(38,0)) ELSE CAST(10 AS NUMBER(38,0)) * (v9 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v10 IS NULL THEN CAST(0 AS NUMBER(38,0)) WHEN v10 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v10 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(150000000000 AS NUMBER(38,0)) ELSE CAST(5 AS NUMBER(38,0)) * (v10 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) AS icp_min,
    CAST(CASE WHEN v3 IS NULL THEN CAST(450000000000 AS NUMBER(38,0)) WHEN v3 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v3 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v3 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v4 IS NULL THEN CAST(450000000000 AS NUMBER(38,0)) WHEN v4 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v4 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v4 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v5 IS NULL THEN CAST(300000000000 AS NUMBER(38,0)) WHEN v5 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v5 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000 AS NUMBER(38,0)) ELSE CAST(10 AS NUMBER(38,0)) * (v5 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v6 IS NULL THEN CAST(450000000000 AS NUMBER(38,0)) WHEN v6 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v6 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v6 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v7 IS NULL THEN CAST(450000000000 AS NUMBER(38,0)) WHEN v7 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v7 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v7 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v8 IS NULL THEN CAST(450000000000 AS NUMBER(38,0)) WHEN v8 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v8 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(450000000000 AS NUMBER(38,0)) ELSE CAST(15 AS NUMBER(38,0)) * (v8 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v9 IS NULL THEN CAST(300000000000 AS NUMBER(38,0)) WHEN v9 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v9 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(300000000000 AS NUMBER(38,0)) ELSE CAST(10 AS NUMBER(38,0)) * (v9 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) + CAST(CASE WHEN v10 IS NULL THEN CAST(150000000000 AS NUMBER(38,0)) WHEN v10 <= CAST(0 AS NUMBER(38,0)) THEN CAST(0 AS NUMBER(38,0)) WHEN v10 >= CAST(30000000000 AS NUMBER(38,0)) THEN CAST(150000000000 AS NUMBER(38,0)) ELSE CAST(5 AS NUMBER(38,0)) * (v10 - CAST(0 AS NUMBER(38,0))) END AS NUMBER(38,0)) AS icp_max
  FROM icp_l20
),
icp_l22 AS (
  SELECT *,
    CASE WHEN MOD(abs(icp_min), CAST(1024 AS NUMBER(38,0))) = 0 THEN CAST(1024 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(512 AS NUMBER(38,0))) = 0 THEN CAST(512 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(256 AS NUMBER(38,0))) = 0 THEN CAST(256 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(128 AS NUMBER(38,0))) = 0 THEN CAST(128 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(64 AS NUMBER(38,0))) = 0 THEN CAST(64 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(32 AS NUMBER(38,0))) = 0 THEN CAST(32 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(16 AS NUMBER(38,0))) = 0 THEN CAST(16 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(8 AS NUMBER(38,0))) = 0 THEN CAST(8 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(4 AS NUMBER(38,0))) = 0 THEN CAST(4 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(2 AS NUMBER(38,0))) = 0 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_min), CAST(3 AS NUMBER(38,0))) = 0 THEN CAST(3 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_min), CAST(9765625 AS NUMBER(38,0))) = 0 THEN CAST(9765625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(1953125 AS NUMBER(38,0))) = 0 THEN CAST(1953125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(390625 AS NUMBER(38,0))) = 0 THEN CAST(390625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(78125 AS NUMBER(38,0))) = 0 THEN CAST(78125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(15625 AS NUMBER(38,0))) = 0 THEN CAST(15625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(3125 AS NUMBER(38,0))) = 0 THEN CAST(3125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(625 AS NUMBER(38,0))) = 0 THEN CAST(625 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(125 AS NUMBER(38,0))) = 0 THEN CAST(125 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(25 AS NUMBER(38,0))) = 0 THEN CAST(25 AS NUMBER(38,0)) WHEN MOD(abs(icp_min), CAST(5 AS NUMBER(38,0))) = 0 THEN CAST(5 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS icp_gmin,
    CASE WHEN MOD(abs(icp_max), CAST(1024 AS NUMBER(38,0))) = 0 THEN CAST(1024 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(512 AS NUMBER(38,0))) = 0 THEN CAST(512 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(256 AS NUMBER(38,0))) = 0 THEN CAST(256 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(128 AS NUMBER(38,0))) = 0 THEN CAST(128 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(64 AS NUMBER(38,0))) = 0 THEN CAST(64 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(32 AS NUMBER(38,0))) = 0 THEN CAST(32 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(16 AS NUMBER(38,0))) = 0 THEN CAST(16 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(8 AS NUMBER(38,0))) = 0 THEN CAST(8 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(4 AS NUMBER(38,0))) = 0 THEN CAST(4 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(2 AS NUMBER(38,0))) = 0 THEN CAST(2 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_max), CAST(3 AS NUMBER(38,0))) = 0 THEN CAST(3 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END * CASE WHEN MOD(abs(icp_max), CAST(9765625 AS NUMBER(38,0))) = 0 THEN CAST(9765625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(1953125 AS NUMBER(38,0))) = 0 THEN CAST(1953125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(390625 AS NUMBER(38,0))) = 0 THEN CAST(390625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(78125 AS NUMBER(38,0))) = 0 THEN CAST(78125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(15625 AS NUMBER(38,0))) = 0 THEN CAST(15625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(3125 AS NUMBER(38,0))) = 0 THEN CAST(3125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(625 AS NUMBER(38,0))) = 0 THEN CAST(625 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(125 AS NUMBER(38,0))) = 0 THEN CAST(125 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(25 AS NUMBER(38,0))) = 0 THEN CAST(25 AS NUMBER(38,0)) WHEN MOD(abs(icp_max), CAST(5 AS NUMBER(38,0))) = 0 THEN CAST(5 AS NUMBER(38,0)) ELSE CAST(1 AS NUMBER(38,0)) END AS icp_gmax
  FROM icp_l21
),
icp_l23 AS (
  SELECT *,
    TRUNC((icp_min) / (icp_gmin)) AS icp_pmin,
    TRUNC((CAST(30000000000 AS NUMBER(38,0))) / (icp_gmin)) AS icp_qmin,
    TRUNC((icp_max) / (icp_gmax)) AS icp_pmax,
    TRUNC((CAST(30000000000 AS NUMBER(38,0))) / (icp_gmax)) AS icp_qmax
  FROM icp_l22
)
SELECT
  k0 AS "Account Name",
  CASE WHEN icp_qmin = 1 THEN CAST(icp_pmin AS VARCHAR) WHEN MOD(CAST(10000000000 AS NUMBER(38,0)), icp_qmin) = 0 THEN CASE WHEN icp_pmin < 0 THEN '-' ELSE '' END || CAST(TRUNC((abs(icp_pmin) * TRUNC((CAST(10000000000 AS NUMBER(38,0))) / (icp_qmin))) / (CAST(10000000000 AS NUMBER(38,0)))) AS VARCHAR) || '.' || RTRIM(lpad(CAST(MOD(abs(icp_pmin) * TRUNC((CAST(10000000000 AS NUMBER(38,0))) / (icp_qmin)), CAST(10000000000 AS NUMBER(38,0))) AS VARCHAR), 10, '0'), '0') ELSE CAST(icp_pmin AS VARCHAR) || '/' || CAST(icp_qmin AS VARCHAR) END AS score,
  CASE WHEN icp_qmax = 1 THEN CAST(icp_pmax AS VARCHAR) WHEN MOD(CAST(10000000000 AS NUMBER(38,0)), icp_qmax) = 0 THEN CASE WHEN icp_pmax < 0 THEN '-' ELSE '' END || CAST(TRUNC((abs(icp_pmax) * TRUNC((CAST(10000000000 AS NUMBER(38,0))) / (icp_qmax))) / (CAST(10000000000 AS NUMBER(38,0)))) AS VARCHAR) || '.' || RTRIM(lpad(CAST(MOD(abs(icp_pmax) * TRUNC((CAST(10000000000 AS NUMBER(38,0))) / (icp_qmax)), CAST(10000000000 AS NUMBER(38,0))) AS VARCHAR), 10, '0'), '0') ELSE CAST(icp_pmax AS VARCHAR) || '/' || CAST(icp_qmax AS VARCHAR) END AS score_max,
  CASE WHEN icp_error <> '' THEN 'error' WHEN COALESCE(d0 OR d1, FALSE) THEN 'disqualified' WHEN icp_min >= CAST(2400000000000 AS NUMBER(38,0)) THEN 'strong' WHEN icp_min >= CAST(1800000000000 AS NUMBER(38,0)) THEN 'workable' WHEN icp_min >= CAST(1200000000000 AS NUMBER(38,0)) THEN 'marginal' ELSE 'disqualify' END AS tier,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 THEN 'firmographics_fit' END, CASE WHEN r1 THEN 'tech_stack_fit' END, CASE WHEN r2 THEN 'persona_fit' END, CASE WHEN r3 THEN 'job_fit' END, CASE WHEN r4 THEN 'alternatives_fit' END, CASE WHEN r5 THEN 'trigger_fit' END, CASE WHEN r6 THEN 'budget_fit' END, CASE WHEN r7 THEN 'reach_fit' END), ';') AS rules,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN r0 IS NULL THEN 'firmographics_fit' END, CASE WHEN r1 IS NULL THEN 'tech_stack_fit' END, CASE WHEN r2 IS NULL THEN 'persona_fit' END, CASE WHEN r3 IS NULL THEN 'job_fit' END, CASE WHEN r4 IS NULL THEN 'alternatives_fit' END, CASE WHEN r5 IS NULL THEN 'trigger_fit' END, CASE WHEN r6 IS NULL THEN 'budget_fit' END, CASE WHEN r7 IS NULL THEN 'reach_fit' END, CASE WHEN d0 IS NULL THEN 'disqualify: employees < 50' END, CASE WHEN d1 IS NULL THEN 'disqualify: industry == public_sector' END), ';') AS unknown,
  ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(CASE WHEN d0 THEN 'employees < 50' END, CASE WHEN d1 THEN 'industry == public_sector' END), ';') AS disqualified_by,
  '' AS segments,
  icp_error AS error
FROM icp_l23;
