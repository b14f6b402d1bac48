//! Checks the golden fixtures themselves (not perfsheet's output): every expected JSON parses
//! as records (and projects), points at a file that exists and is what it claims to be,
//! every input file has an expectation, and the expected records are internally consistent.
//! Regenerate with `cargo run -p perfsheet-fixtures`.

use perfsheet::project::{Amounts, Project};
use perfsheet::record::{FormType, Record};
use perfsheet::{Format, detect};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            assert!(e.path().is_file(), "{} is not a file", e.path().display());
            e.file_name().to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn fixtures_dir_holds_only_inputs() {
    let top = fs::read_dir(root().join("fixtures"))
        .unwrap_or_else(|e| panic!("fixtures: {e}"))
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<BTreeSet<_>, _>>()
        .unwrap_or_else(|e| panic!("fixtures: {e}"));
    let want: BTreeSet<String> = [
        "archives",
        "flagged",
        "forms",
        "html",
        "layouts",
        "libreoffice",
        "mhtml",
        "national",
        "odf",
        "projects",
        "renamed",
        "rtf",
        "scripted",
        "xlsb",
        "xml2003",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        top, want,
        "fixtures/ holds forms/, projects/, national/, layouts/ (generated), libreoffice/ (converted), scripted/ (python-docx, openpyxl), renamed/ (misleading extensions), rtf/, html/, mhtml/, odf/, xlsb/ and xml2003/ (other formats of the forms), archives/ (zips of forms, tests/archives.rs) and flagged/"
    );
}

#[test]
fn expected_forms_parse_and_match_files() {
    let exp_dir = root().join("tests/expected/forms");
    let expected = files_in(&exp_dir);
    let inputs = files_in(&root().join("fixtures/forms"));
    let mut covered = BTreeSet::new();
    let mut n_records = 0;
    for name in &expected {
        let input = name
            .strip_suffix(".json")
            .unwrap_or_else(|| panic!("{name}: not a .json"));
        covered.insert(input.to_string());
        let text = fs::read_to_string(exp_dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let records: Vec<Record> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!records.is_empty(), "{name}: no records");
        let bytes = fs::read(root().join("fixtures/forms").join(input))
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        let mut parts = BTreeSet::new();
        for r in &records {
            assert_eq!(r.schema_version, "1", "{name}");
            assert_eq!(r.source.path, format!("forms/{input}"), "{name}");
            assert_eq!(r.source.format, detect(&bytes).name(), "{name}");
            assert!(
                r.source.bytes.is_none() && r.source.sha256.is_none(),
                "{name}"
            );
            assert!(parts.insert(r.source.part.clone()), "{name}: part twice");
            match r.source.format.as_str() {
                "docx" => assert!(r.source.part.starts_with("table "), "{name}"),
                "xlsx" => assert!(r.source.part.starts_with("sheet "), "{name}"),
                f => panic!("{name}: format {f}"),
            }
            check_consistent(name, r);
            n_records += 1;
        }
    }
    assert_eq!(
        covered, inputs,
        "every form file needs exactly one expected JSON"
    );
    assert!(inputs.len() >= 14, "at least 14 positive fixtures");
    assert!(
        n_records > inputs.len(),
        "a workbook with two forms is expected"
    );
}

/// The web pages (generated and LibreOffice's): each has its records, which point back at
/// it, name the format its bytes are, and obey the contract's arithmetic.
#[test]
fn expected_web_pages_parse_and_match_files() {
    for (dir, format) in [("html", "html"), ("mhtml", "mhtml")] {
        let exp_dir = root().join("tests/expected").join(dir);
        let inputs = files_in(&root().join("fixtures").join(dir));
        let mut covered = BTreeSet::new();
        for name in files_in(&exp_dir) {
            if name == "README.md" {
                continue;
            }
            let input = name
                .strip_suffix(".json")
                .unwrap_or_else(|| panic!("{name}: not a .json"));
            covered.insert(input.to_string());
            let text = fs::read_to_string(exp_dir.join(&name)).unwrap_or_else(|e| panic!("{e}"));
            let records: Vec<Record> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!records.is_empty(), "{name}: no records");
            let bytes = fs::read(root().join("fixtures").join(dir).join(input))
                .unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(detect(&bytes).name(), format, "{dir}/{input}");
            for r in &records {
                assert_eq!(r.source.path, format!("{dir}/{input}"), "{name}");
                assert_eq!(r.source.format, format, "{name}");
                assert!(
                    r.source.part.starts_with("table ") || r.source.part.starts_with("sheet "),
                    "{name}"
                );
                check_consistent(&name, r);
            }
        }
        assert_eq!(
            covered, inputs,
            "every {dir} fixture needs one expected JSON"
        );
        assert!(inputs.len() >= 2, "{dir}: fixtures");
    }
}

/// The truth must obey the contract's own arithmetic unless a warning says otherwise.
fn check_consistent(name: &str, r: &Record) {
    let codes: BTreeSet<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
    let years = &r.funds.years;
    assert_eq!(years.len(), 2, "{name}: two 近两年 years");
    if !codes.contains("year_conflict") {
        assert_eq!(r.budget_year, Some(years[1] + 1), "{name}: budget_year");
    }
    let keys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    for block in [&r.funds.income, &r.funds.expenditure] {
        let total = block
            .total
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: 合计"));
        assert_eq!(total.item, "合计");
        let sum: f64 = block
            .items
            .iter()
            .filter_map(|l| l.amount)
            .map(|n| n.0)
            .sum();
        if let Some(t) = total.amount {
            assert!(
                (t.0 - sum).abs() < 0.005,
                "{name}: items {sum} != 合计 {}",
                t.0
            );
        }
        let shares: f64 = block
            .items
            .iter()
            .filter_map(|l| l.share_percent)
            .map(|n| n.0)
            .sum();
        if total.share_percent.is_some() {
            assert!((shares - 100.0).abs() < 0.005, "{name}: shares {shares}");
        }
        for l in block.items.iter().chain([total]) {
            let k: Vec<&String> = l.history.keys().collect();
            assert_eq!(k, keys.iter().collect::<Vec<_>>(), "{name}: history years");
        }
    }
    for i in &r.annual.indicators {
        let k: Vec<&String> = i.history.keys().collect();
        assert_eq!(
            k,
            keys.iter().collect::<Vec<_>>(),
            "{name}: indicator years"
        );
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    for i in &r.long_term.indicators {
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    assert!(
        !r.functions.is_empty() && !r.annual.indicators.is_empty(),
        "{name}"
    );
}

#[derive(serde::Deserialize)]
struct FlaggedEntry {
    path: String,
    code: String,
}

#[test]
fn flagged_list_matches_files() {
    let text = fs::read_to_string(root().join("tests/expected/flagged.json"))
        .unwrap_or_else(|e| panic!("flagged.json: {e}"));
    let list: Vec<FlaggedEntry> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("flagged.json: {e}"));
    let files = files_in(&root().join("fixtures/flagged"));
    let listed: BTreeSet<String> = list
        .iter()
        .map(|f| {
            f.path
                .strip_prefix("flagged/")
                .unwrap_or_else(|| panic!("{}: not under flagged/", f.path))
                .to_string()
        })
        .collect();
    assert_eq!(
        listed, files,
        "flagged.json must list every negative fixture once"
    );
    let codes: BTreeSet<&str> = list.iter().map(|f| f.code.as_str()).collect();
    for code in [
        "empty_file",
        "corrupt",
        "unsupported_format",
        "not_a_form",
        "encrypted",
        "too_large",
        "lock_file",
        "unknown_form",
        "blank_form",
    ] {
        assert!(codes.contains(code), "no negative fixture for {code}");
    }
    for f in &list {
        let bytes = fs::read(root().join("fixtures").join(&f.path))
            .unwrap_or_else(|e| panic!("{}: {e}", f.path));
        let fmt = detect(&bytes);
        // What each negative file must look like from its bytes, so it fails for the
        // reason its code names and not an earlier one.
        let ok = match f.code.as_str() {
            "empty_file" => fmt == Format::Empty,
            "encrypted" => fmt == Format::EncryptedOffice,
            "unsupported_format" => matches!(fmt, Format::Pdf),
            // RTF and web pages saved as .doc are read: a title or a letter is no form.
            "not_a_form" => matches!(
                fmt,
                Format::Docx | Format::Xlsx | Format::Rtf | Format::Html | Format::Odt
            ),
            "too_large" | "unknown_form" | "blank_form" => {
                matches!(fmt, Format::Docx | Format::Xlsx)
            }
            "corrupt" => matches!(fmt, Format::Zip | Format::Docx),
            "lock_file" => bytes.len() == 162 && f.path.contains("~$"),
            _ => false,
        };
        assert!(ok, "{}: code {} but detected {:?}", f.path, f.code, fmt);
    }
}

/// The directories of the other templates and layouts: (dir, at least this many files).
const OTHER_DIRS: [(&str, usize); 5] = [
    ("projects", 14),
    ("national", 5),
    ("layouts", 6),
    ("odf", 12),
    ("xml2003", 10),
];

/// Directories holding forms of every template in another format: `N…` files are national
/// forms, `P…` project forms.
const EVERY_TEMPLATE_DIRS: [&str; 2] = ["odf", "xml2003"];

/// One expected entry, told apart by its form_type.
enum Entry {
    Record(Box<Record>),
    Project(Box<Project>),
}

fn entries(name: &str, text: &str) -> Vec<Entry> {
    let values: Vec<serde_json::Value> =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    values
        .into_iter()
        .map(|v| match v["form_type"].as_str() {
            Some("project") => Entry::Project(Box::new(
                serde_json::from_value(v).unwrap_or_else(|e| panic!("{name}: project: {e}")),
            )),
            Some("department") => Entry::Record(Box::new(
                serde_json::from_value(v).unwrap_or_else(|e| panic!("{name}: record: {e}")),
            )),
            other => panic!("{name}: form_type {other:?}"),
        })
        .collect()
}

#[test]
fn expected_other_templates_parse_and_match_files() {
    for (dir, min) in OTHER_DIRS {
        let exp_dir = root().join("tests/expected").join(dir);
        let fix_dir = root().join("fixtures").join(dir);
        let expected: BTreeSet<String> = files_in(&exp_dir)
            .into_iter()
            .filter(|n| n != "README.md")
            .collect();
        let inputs = files_in(&fix_dir);
        let mut covered = BTreeSet::new();
        for name in &expected {
            let input = name
                .strip_suffix(".json")
                .unwrap_or_else(|| panic!("{dir}/{name}: not a .json"));
            covered.insert(input.to_string());
            let text = fs::read_to_string(exp_dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
            let list = entries(name, &text);
            assert!(!list.is_empty(), "{name}: no forms");
            let bytes =
                fs::read(fix_dir.join(input)).unwrap_or_else(|e| panic!("{dir}/{input}: {e}"));
            let format = detect(&bytes).name();
            let mut parts = BTreeSet::new();
            let mut seen_project = false;
            for e in &list {
                let (src, form_type, warnings) = match e {
                    Entry::Record(r) => (&r.source, r.form_type, &r.warnings),
                    Entry::Project(p) => (&p.source, p.form_type, &p.warnings),
                };
                let what = format!("{dir}/{name} ({})", src.part);
                assert_eq!(src.path, format!("{dir}/{input}"), "{what}");
                assert_eq!(src.format, format, "{what}");
                assert!(src.bytes.is_none() && src.sha256.is_none(), "{what}");
                assert!(parts.insert(src.part.clone()), "{what}: part twice");
                match format {
                    "docx" | "doc" | "odt" | "fodt" | "wordml" => {
                        assert!(src.part.starts_with("table "), "{what}")
                    }
                    "xlsx" | "xls" | "ods" | "fods" | "spreadsheetml" => {
                        assert!(src.part.starts_with("sheet "), "{what}")
                    }
                    f => panic!("{what}: format {f}"),
                }
                for w in warnings {
                    assert!(
                        w.message.is_empty() && w.location.is_empty(),
                        "{what}: codes only"
                    );
                }
                match e {
                    Entry::Record(r) => {
                        assert!(!seen_project, "{what}: department records come first");
                        assert_eq!(form_type, FormType::Department, "{what}");
                        assert_eq!(r.schema_version, "1", "{what}");
                        match r.template.as_deref() {
                            Some("department") => check_consistent(&what, r),
                            Some("national_department") => check_national(&what, r),
                            t => panic!("{what}: template {t:?}"),
                        }
                        // odf/ and xml2003/ hold forms of every template: N… are national ones.
                        let want = if dir == "national"
                            || (EVERY_TEMPLATE_DIRS.contains(&dir) && name.starts_with('N'))
                        {
                            "national_department"
                        } else {
                            "department"
                        };
                        assert_eq!(r.template.as_deref(), Some(want), "{what}");
                    }
                    Entry::Project(p) => {
                        seen_project = true;
                        assert!(
                            dir == "projects" || EVERY_TEMPLATE_DIRS.contains(&dir),
                            "{what}: projects live in projects/ (and odf/, xml2003/)"
                        );
                        assert_eq!(form_type, FormType::Project, "{what}");
                        check_project(&what, p);
                    }
                }
            }
        }
        assert_eq!(
            covered, inputs,
            "{dir}: every file needs exactly one expected JSON"
        );
        assert!(inputs.len() >= min, "{dir}: at least {min} fixtures");
    }
}

fn has(warnings: &[perfsheet::record::Warning], code: &str) -> bool {
    warnings.iter().any(|w| w.code.as_str() == code)
}

fn check_national(name: &str, r: &Record) {
    assert!(r.funds.years.is_empty(), "{name}: no funds table");
    assert!(r.funds.income.items.is_empty() && r.funds.income.total.is_none());
    assert!(r.funds.expenditure.items.is_empty() && r.funds.expenditure.total.is_none());
    assert!(
        !has(&r.warnings, "missing_section"),
        "{name}: no missing_section for funds"
    );
    assert!(
        r.annual_tasks.is_empty(),
        "{name}: 年度主要任务 are main_tasks"
    );
    assert!(
        r.budget_year.is_some() && !r.department.is_empty(),
        "{name}"
    );
    assert_eq!(r.unit.as_deref(), Some("万元"), "{name}");
    if let Some(g) = &r.annual.goal {
        for line in g.split('\n') {
            assert!(
                !line.is_empty() && line.trim() == line,
                "{name}: goal line {line:?}"
            );
        }
    }
    assert!(!r.annual.indicators.is_empty(), "{name}");
    for i in &r.annual.indicators {
        assert!(i.history.is_empty() && i.category.is_none(), "{name}");
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    for i in &r.long_term.indicators {
        assert!(i.category.is_none(), "{name}");
        assert!(i.level1.is_some() && i.level2.is_some() && i.level3.is_some());
    }
    let total = r
        .main_tasks_total
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: 金额合计"));
    assert!(!r.main_tasks.is_empty(), "{name}: 年度主要任务");
    let sum = |f: fn(&perfsheet::record::TaskAmount) -> Option<f64>| -> f64 {
        r.main_tasks.iter().filter_map(|t| f(&t.amount)).sum()
    };
    let adds_up = [
        (sum(|a| a.total.map(|n| n.0)), total.total),
        (sum(|a| a.fiscal.map(|n| n.0)), total.fiscal),
        (sum(|a| a.other.map(|n| n.0)), total.other),
    ]
    .iter()
    .all(|(s, t)| (s - t.map_or(0.0, |n| n.0)).abs() < 0.005);
    assert_eq!(
        !adds_up,
        has(&r.warnings, "sum_mismatch"),
        "{name}: tasks against 金额合计 and the sum_mismatch warning disagree"
    );
    for t in &r.main_tasks {
        assert!(
            !t.name.is_empty() && !t.name.starts_with("任务"),
            "{name}: {}",
            t.name
        );
    }
}

fn block_adds_up(a: &Amounts) -> bool {
    match a.total {
        None => true,
        Some(t) => {
            let s: f64 = a.items.iter().filter_map(|i| i.amount).map(|n| n.0).sum();
            (s - t.0).abs() < 0.005
        }
    }
}

fn check_project(name: &str, p: &Project) {
    assert_eq!(p.schema_version, "1", "{name}");
    assert_eq!(p.template.as_deref(), Some("project"), "{name}");
    assert!(!p.project.is_empty() && !p.form.is_empty(), "{name}");
    assert!(!p.form.ends_with('表'), "{name}: form without 表");
    assert!(
        !p.form.chars().any(|c| c.is_ascii_digit()),
        "{name}: form without a year"
    );
    if let Some(y) = p.budget_year {
        assert!((2023..=2026).contains(&y), "{name}: budget_year {y}");
    }
    if let Some(per) = &p.period {
        for end in [&per.start, &per.end].into_iter().flatten() {
            let ok = match end.len() {
                4 => end.chars().all(|c| c.is_ascii_digit()),
                7 => end[..4].chars().all(|c| c.is_ascii_digit()) && &end[4..5] == "-",
                _ => false,
            };
            assert!(ok, "{name}: period end {end:?}");
        }
    }
    if let Some(a) = &p.attribute {
        assert!(a == "新增" || a == "延续", "{name}: attribute {a}");
    }
    let mismatch = [&p.funds.mid_term, &p.funds.annual]
        .into_iter()
        .flatten()
        .any(|a| !block_adds_up(a));
    assert_eq!(
        mismatch,
        has(&p.warnings, "sum_mismatch"),
        "{name}: funds and the sum_mismatch warning disagree"
    );
    for a in [&p.funds.mid_term, &p.funds.annual].into_iter().flatten() {
        let find = |label: &str| {
            a.items
                .iter()
                .find(|i| i.item == label)
                .and_then(|i| i.amount)
        };
        assert_eq!(a.fiscal, find("财政拨款"), "{name}: fiscal");
        assert_eq!(a.other, find("其他资金"), "{name}: other");
        for i in &a.items {
            assert!(
                !i.item.contains('：') && !i.item.starts_with("其中"),
                "{name}: {}",
                i.item
            );
        }
    }
    assert!(
        p.funds.mid_term.is_none() || p.funds.annual.is_some(),
        "{name}: a lone block is annual"
    );
    assert!(
        p.goals.long_term.is_empty() || !p.goals.annual.is_empty(),
        "{name}"
    );
    assert!(!p.indicators.annual.is_empty(), "{name}: annual indicators");
    let n = p.indicators.annual.len() + p.indicators.long_term.len();
    assert!((3..=30).contains(&n), "{name}: {n} indicators");
    for i in p.indicators.annual.iter().chain(&p.indicators.long_term) {
        assert!(i.level1.is_some() && i.level2.is_some(), "{name}");
        let l3 = i.level3.as_deref().unwrap_or("");
        assert!(
            !l3.is_empty() && !l3.starts_with("指标"),
            "{name}: level3 {l3:?}"
        );
        assert!(!matches!(l3, "……" | "…"), "{name}: a template row");
    }
}

/// The .xlsb workbooks (the generator's BIFF12 renderings of workbooks of forms/,
/// projects/, national/ and layouts/): each has its entries, which point back at it, are
/// read from sheets of an .xlsb, and obey the contract's arithmetic.
#[test]
fn expected_xlsb_workbooks_parse_and_match_files() {
    let exp_dir = root().join("tests/expected/xlsb");
    let fix_dir = root().join("fixtures/xlsb");
    let inputs = files_in(&fix_dir);
    let mut covered = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for name in files_in(&exp_dir) {
        if name == "README.md" {
            continue;
        }
        let input = name
            .strip_suffix(".json")
            .unwrap_or_else(|| panic!("xlsb/{name}: not a .json"));
        covered.insert(input.to_string());
        let bytes = fs::read(fix_dir.join(input)).unwrap_or_else(|e| panic!("xlsb/{input}: {e}"));
        assert_eq!(detect(&bytes).name(), "xlsb", "xlsb/{input}");
        let text = fs::read_to_string(exp_dir.join(&name)).unwrap_or_else(|e| panic!("{e}"));
        let list = entries(&name, &text);
        assert!(!list.is_empty(), "{name}: no forms");
        for e in &list {
            let src = match e {
                Entry::Record(r) => &r.source,
                Entry::Project(p) => &p.source,
            };
            let what = format!("xlsb/{name} ({})", src.part);
            assert_eq!(src.path, format!("xlsb/{input}"), "{what}");
            assert_eq!(src.format, "xlsb", "{what}");
            assert!(src.part.starts_with("sheet "), "{what}");
            match e {
                Entry::Record(r) => match r.template.as_deref() {
                    Some("department") => check_consistent(&what, r),
                    Some("national_department") => check_national(&what, r),
                    t => panic!("{what}: template {t:?}"),
                },
                Entry::Project(p) => check_project(&what, p),
            }
            kinds.insert(match e {
                Entry::Record(r) => r.template.clone().unwrap_or_default(),
                Entry::Project(_) => "project".to_string(),
            });
        }
    }
    assert_eq!(
        covered, inputs,
        "xlsb: every file needs exactly one expected JSON"
    );
    assert!(inputs.len() >= 6, "xlsb: at least 6 fixtures");
    assert_eq!(
        kinds.len(),
        3,
        "xlsb: department, national and project forms: {kinds:?}"
    );
}

/// The Office 2003 XML fixtures hold what tests/expected/xml2003/README.md says: both
/// vocabularies under the names budget systems give them (.xml, .xls, .doc), a workbook of
/// two forms on two worksheets, and a file of each vocabulary in GBK under a declared
/// `encoding="gb2312"`.
#[test]
fn xml2003_fixtures_hold_both_vocabularies() {
    let dir = root().join("fixtures/xml2003");
    let mut seen = BTreeSet::new();
    let mut gb2312 = BTreeSet::new();
    let mut two_sheets = false;
    for name in files_in(&dir) {
        let bytes = fs::read(dir.join(&name)).unwrap_or_else(|e| panic!("xml2003/{name}: {e}"));
        let format = detect(&bytes);
        assert!(
            matches!(format, Format::SpreadsheetMl | Format::WordMl),
            "xml2003/{name}: {format:?}"
        );
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_string();
        seen.insert((format.name(), ext));
        if bytes.starts_with(br#"<?xml version="1.0" encoding="gb2312"?>"#) {
            assert!(
                std::str::from_utf8(&bytes).is_err(),
                "xml2003/{name}: declared gb2312 but its bytes are UTF-8"
            );
            gb2312.insert(format.name());
        }
        let text = fs::read_to_string(
            root()
                .join("tests/expected/xml2003")
                .join(format!("{name}.json")),
        )
        .unwrap_or_else(|e| panic!("xml2003/{name}: {e}"));
        let sheets: BTreeSet<String> = entries(&name, &text)
            .iter()
            .filter_map(|e| match e {
                Entry::Record(r) if r.template.as_deref() == Some("department") => {
                    Some(r.source.part.clone())
                }
                _ => None,
            })
            .filter(|p| p.starts_with("sheet "))
            .collect();
        two_sheets |= sheets.len() >= 2;
    }
    for format in ["spreadsheetml", "wordml"] {
        let exts: BTreeSet<&str> = seen
            .iter()
            .filter(|(f, _)| *f == format)
            .map(|(_, e)| e.as_str())
            .collect();
        assert!(
            exts.contains("xml") && (exts.contains("xls") || exts.contains("doc")),
            "xml2003: {format} as .xml and under an Office name: {exts:?}"
        );
        assert!(
            gb2312.contains(format),
            "xml2003: a {format} file in GB2312"
        );
    }
    assert!(two_sheets, "xml2003: a workbook of two department forms");
}
