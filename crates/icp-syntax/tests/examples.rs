//! Every bundled example parses with no syntax error.

use std::path::Path;

#[test]
fn examples_parse_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("examples dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "icp") {
            let src = std::fs::read_to_string(&path).expect("read");
            let (file, errors) = icp_syntax::parse(&src);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            assert!(!file.items.is_empty());
            n += 1;
        }
    }
    assert!(n >= 3, "expected the bundled examples, found {n}");
}
