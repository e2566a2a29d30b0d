//! The regions against whole-file analyses of the same text.

use super::*;

fn examples() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "icp"))
                // Test files hold `test` items, which the region path declines.
                .filter(|e| !e.file_name().to_string_lossy().ends_with("_test.icp"))
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn config() -> Config {
    Config {
        today: Some(20_000),
        ..Config::default()
    }
}

/// Whether the regions were used; when they were, their diagnostics are the whole file's.
fn check(src: &str, cache: &mut Cache) -> bool {
    let config = config();
    let full = icp_check::analyze(src, &config).diagnostics;
    match diagnostics(src, &config, 0, cache) {
        Some((inc, _)) => {
            assert_eq!(
                inc, full,
                "incremental and whole-file diagnostics differ for:\n{src}"
            );
            true
        }
        None => false,
    }
}

#[test]
fn a_file_with_tests_is_analysed_whole() {
    let profile = "schema s { a: int }\nicp x \"X\" { uses s }\n";
    let mut cache = Cache::default();
    assert!(
        check(profile, &mut cache),
        "a file without tests goes by regions"
    );
    let with_test = format!(
        "{profile}\ntest t {{\n  icp x\n  account {{ a 1 }}\n  expect not disqualified\n}}\n"
    );
    assert!(!check(&with_test, &mut cache));
}

#[test]
fn chunks_take_the_comments_above_an_item() {
    let src = "# head\nschema s { a: int }\n\n# about x\n# icp: allow(vague-term) -- ok\nicp x \"X\" { uses s }\n";
    let c = plan::chunks(src);
    assert_eq!(c.len(), 2);
    assert!(src[c[1].clone()].starts_with("\n# about x"));
}

#[test]
fn generated_files_split_and_match() {
    let src = icp_syntax::generator::generate(60_000, 3);
    let mut cache = Cache::default();
    assert!(
        check(&src, &mut cache),
        "a generated file splits into regions"
    );
    let n = plan::plan(&src, &mut plan::ChunkCache::default(), 1)
        .map(|r| r.0.len())
        .unwrap_or(0);
    assert!(n > 10, "{n} regions");
}

#[test]
fn examples_match_alone_and_together() {
    let mut cache = Cache::default();
    let all = examples();
    assert!(all.len() >= 4, "{} examples", all.len());
    for e in &all {
        assert!(
            check(e, &mut cache),
            "an example takes the region path:\n{e}"
        );
    }
    // Two examples define `crm`: duplicates join their regions, so the region around the
    // second definition is the one around the first.
    let joined = all.join("\n");
    let defs: Vec<usize> = joined.match_indices("schema crm ").map(|m| m.0).collect();
    assert_eq!(defs.len(), 2, "two examples define `crm`");
    let before = cache.analysed;
    assert!(
        check(&joined, &mut cache),
        "the joined examples take the region path"
    );
    let (_, regions) = diagnostics(&joined, &config(), 0, &mut cache).expect("regions");
    let around = |at: usize| {
        regions
            .iter()
            .position(|r| r.contains(at, joined.len()))
            .expect("a region covers every offset")
    };
    assert_eq!(
        around(defs[0]),
        around(defs[1]),
        "duplicates share a region"
    );
    assert!(
        regions.len() >= 2,
        "the examples without `crm` keep regions of their own: {} regions",
        regions.len()
    );
    // Answered from regions, each analysed once.
    assert_eq!(cache.analysed - before, regions.len() as u64);
}

/// Two icps of the same name, each with a schema of its own: only the duplicate ties them,
/// and its finding needs both in one region.
#[test]
fn duplicates_join_their_regions() {
    let item = |schema: &str, field: &str, icp: &str| {
        format!(
            "schema {schema} {{\n  {field}: int\n}}\n\nicp {icp} \"Companies with 200-2000 employees\" {{\n  uses {schema}\n  firmographics {{\n    {field} in 200..2000\n  }}\n}}\n\n"
        )
    };
    let alone = format!("{}{}", item("a", "x", "p"), item("b", "y", "q"));
    let src = format!("{alone}{}", item("c", "z", "p"));
    let mut cache = Cache::default();
    assert!(check(&alone, &mut cache));
    let (_, regions) = diagnostics(&alone, &config(), 0, &mut cache).expect("regions");
    assert_eq!(regions.len(), 2, "unrelated items are regions of their own");
    assert!(check(&src, &mut cache), "the file takes the region path");
    let (diags, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
    assert!(
        diags.iter().any(|d| d.code == "duplicate-name"),
        "{diags:?}"
    );
    let second = src.rfind("icp p ").expect("the second p");
    let first = src.find("icp p ").expect("the first p");
    assert!(
        regions
            .iter()
            .any(|r| r.contains(first, src.len()) && r.contains(second, src.len())),
        "one region holds both `p`: {regions:?}"
    );
}

/// An edit inside one item analyses that item's region again and no other; the same text
/// again analyses nothing.
#[test]
fn an_edit_analyses_only_the_region_it_touches() {
    let mut src = icp_syntax::generator::generate(40_000, 7);
    let mut cache = Cache::default();
    assert!(
        check(&src, &mut cache),
        "a generated file takes the region path"
    );
    let (_, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
    let n = regions.len() as u64;
    assert!(n > 5, "{n} regions");
    assert_eq!(cache.analysed, n, "every region analysed once, then cached");
    assert!(check(&src, &mut cache));
    assert_eq!(
        cache.analysed, n,
        "an unchanged file is answered from the cache"
    );
    // A comment inside the middle region.
    let mid = &regions[regions.len() / 2].pieces().last().expect("a piece");
    let at = mid.start + src[mid.clone()].find("\n  ").expect("an indented line") + 1;
    src.insert_str(at, "  # an edit\n");
    assert!(
        check(&src, &mut cache),
        "the edited file takes the region path"
    );
    assert_eq!(
        cache.analysed,
        n + 1,
        "only the edited region is analysed again"
    );
}

/// Random edits of a multi-item file (and of the examples): whenever the regions are used,
/// they give exactly the whole-file diagnostics.
#[test]
fn random_edits_match_the_whole_file_analysis() {
    let pieces = [
        "}",
        "{",
        "[",
        "]",
        "(",
        ")",
        "\n",
        "icp z \"Z\" {\n",
        "schema q {\n a: int }\n",
        "uses crm\n",
        "employees > 5\n",
        "# icp: allow(vague-term) -- ok\n",
        "\"innovative\"",
        "rule r : x\n",
        "x",
        " ",
        "uses accounts_1\n",
        "😀",
        "tier t when score >= 1\n",
    ];
    let mut seed = 0x5EED_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Files with tests are analysed whole (see `a_file_with_tests_is_analysed_whole`).
    let regional: Vec<String> = examples()
        .into_iter()
        .filter(|e| !has_test_item(e))
        .collect();
    let base = format!(
        "{}\n{}",
        icp_syntax::generator::generate(8_000, 9),
        regional.join("\n")
    );
    let mut src = base.clone();
    let mut cache = Cache::default();
    let mut used = 0;
    for i in 0..400 {
        // One to three edits of the base file each time.
        if i % 3 == 0 {
            src = base.clone();
        }
        let mut at = (next() % (src.len() as u64 + 1)) as usize;
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        if next() % 3 == 0 {
            let mut end = (at + (next() % 30) as usize).min(src.len());
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            src.replace_range(at..end, "");
        } else {
            src.insert_str(at, pieces[(next() % pieces.len() as u64) as usize]);
        }
        if check(&src, &mut cache) {
            used += 1;
        }
    }
    assert!(used > 150, "the regions were used {used} times of 400");
}

/// A schema and icps that each test some of its fields: `x` only by `c`, `y` by no icp.
fn shared(icps: &str) -> String {
    format!("schema crm {{\n  employees: int\n  x: int\n  y: int\n}}\n\n{icps}")
}

fn icp(name: &str, criterion: &str) -> String {
    format!(
        "icp {name} \"Companies with 200-2000 employees\" {{\n  uses crm\n  firmographics {{\n    {criterion}\n  }}\n}}\n\n"
    )
}

/// Icps that share a schema are regions of their own: an edit of one icp analyses that icp
/// again and no other, an edit of the schema analyses every icp, and `unused-field` (a field
/// no icp tests) follows the edits of any icp.
#[test]
fn icps_sharing_a_schema_are_regions_of_their_own() {
    let icps = |c: &str| {
        format!(
            "{}{}{}{}",
            icp("a", "employees in 200..2000"),
            icp("b", "employees > 10"),
            icp("c", c),
            icp("d", "employees < 9000")
        )
    };
    let mut cache = Cache::default();
    let src = shared(&icps("x > 3"));
    assert!(check(&src, &mut cache), "the file takes the region path");
    let (diags, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
    assert_eq!(regions.len(), 4, "one region per icp");
    assert!(regions.iter().all(Region::is_partial_view));
    let unused: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "unused-field")
        .map(|d| &src[d.span.range()])
        .collect();
    assert_eq!(unused, ["y"], "{diags:?}");
    assert_eq!(cache.analysed, 4);

    // `c` stops testing `x`: one region analysed, and `x` is unused now.
    let src = shared(&icps("employees > 3"));
    assert!(check(&src, &mut cache));
    assert_eq!(cache.analysed, 5, "only the edited icp is analysed again");
    let (diags, _) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
    let unused: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "unused-field")
        .map(|d| &src[d.span.range()])
        .collect();
    assert_eq!(unused, ["x", "y"]);

    // An edit of the schema analyses every icp again.
    let src = src.replacen("  y: int\n", "  y: int\n  z: int\n", 1);
    assert!(check(&src, &mut cache));
    assert_eq!(cache.analysed, 9);
}

/// Editor features work on a region made of the schema and one icp: its offsets map to the
/// document's piece by piece.
#[test]
fn a_region_maps_offsets_piece_by_piece() {
    let src = shared(&format!(
        "{}{}",
        icp("a", "employees in 200..2000"),
        icp("b", "x > 10")
    ));
    let (_, regions) = diagnostics(&src, &config(), 0, &mut Cache::default()).expect("regions");
    let at = src.find("x > 10").expect("the criterion of b");
    let region = regions
        .iter()
        .find(|r| r.contains(at, src.len()) && !r.is_shared_at(at))
        .expect("b's region");
    let local = region.local(at);
    assert_eq!(&region.text(&src)[local..local + 6], "x > 10");
    let def = crate::navigation::goto_definition(region.analysis(), region.text(&src), local)
        .expect("x is declared");
    assert_eq!(
        region.global(def),
        Span::new(
            src.find("x: int").expect("x"),
            src.find("x: int").expect("x") + 1
        )
    );
    let schema_at = src.find("y: int").expect("y");
    assert!(region.is_shared_at(schema_at));
    assert_eq!(
        region.global(Span::new(
            region.local(schema_at),
            region.local(schema_at) + 1
        )),
        Span::new(schema_at, schema_at + 1)
    );
}

/// Random edits of a long file with one schema and of the examples, each checked against a
/// whole-file analysis of the same text.
#[test]
fn random_edits_of_a_shared_schema_match_the_whole_file_analysis() {
    let pieces = [
        "}",
        "{",
        "[",
        "]",
        "\n",
        "icp z \"Z\" {\n",
        "uses crm_0\n",
        "  margin: percent\n",
        "employees > 5\n",
        "# icp: allow(unused-field) -- ok\n",
        "\"innovative\"",
        "rule r : x\n",
        "x",
        " ",
        "tier t when score >= 1\n",
        "schema crm_0 {\n a: int }\n",
        "  extra: int\n",
        "budget >= 5K\n",
    ];
    let mut seed = 0xC0FFEE_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = format!(
        "{}\n{}",
        icp_syntax::generator::shared_schema(600, 5),
        examples()
            .into_iter()
            .filter(|e| !has_test_item(e))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let mut cache = Cache::default();
    let (_, regions) = diagnostics(&base, &config(), 0, &mut cache).expect("regions");
    assert!(
        regions.iter().filter(|r| r.is_partial_view()).count() >= 6,
        "the icps of the shared schema are regions of their own"
    );
    let mut src = base.clone();
    let (mut used, mut shared) = (0, 0);
    for i in 0..300 {
        if i % 3 == 0 {
            src = base.clone();
        }
        let mut at = (next() % (src.len() as u64 + 1)) as usize;
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        if next() % 3 == 0 {
            let mut end = (at + (next() % 30) as usize).min(src.len());
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            src.replace_range(at..end, "");
        } else {
            src.insert_str(at, pieces[(next() % pieces.len() as u64) as usize]);
        }
        if check(&src, &mut cache) {
            used += 1;
            let (_, regions) = diagnostics(&src, &config(), 0, &mut cache).expect("regions");
            if regions.iter().any(Region::is_partial_view) {
                shared += 1;
            }
        }
    }
    assert!(used > 120, "the regions were used {used} times of 300");
    assert!(
        shared > 100,
        "icps of a shared schema were regions {shared} times"
    );
}
