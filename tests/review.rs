//! The review workbook (`--review`) and the CSV files (`--csv`) as finance staff open them:
//! the sheets, headers and row counts match the dataset, numbers are numeric cells, the
//! header row is frozen with an autofilter, CSV carries a BOM and the same rows, duplicate
//! filings are listed, and JSON Lines mode gives the same workbook.

use crate::common::root;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn perfsheet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_perfsheet"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("perfsheet-review-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn ingest(dir: &Path, args: &[&str]) -> Output {
    perfsheet()
        .arg("ingest")
        .arg(root().join("fixtures"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("perfsheet runs")
}

fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("the review workbook opens");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet reads");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows.first()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

fn col(rows: &[Vec<Data>], name: &str) -> usize {
    header(rows)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// A text cell holding the JSON string `want`.
fn is(cell: &Data, want: &Value) -> bool {
    matches!((cell, want.as_str()), (Data::String(a), Some(b)) if a == b)
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(file).expect("xlsx is a zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// A CSV reader for what `write_csv` writes (RFC 4180 quoting, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn the_review_workbook_matches_the_dataset() {
    let dir = tmp("xlsx");
    let out = ingest(
        &dir,
        &[
            "-o",
            "d.json",
            "--review",
            "核对.xlsx",
            "--csv",
            "csv",
            "-q",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value =
        serde_json::from_slice(&std::fs::read(dir.join("d.json")).expect("dataset")).expect("json");
    let records = d["records"].as_array().expect("records");
    assert!(!records.is_empty(), "the fixtures give at least one record");
    let flagged = d["flagged"].as_array().expect("flagged");

    let book = dir.join("核对.xlsx");
    let sheets = sheets(&book);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["汇总", "收支", "绩效指标", "待核查"]);
    let rows = |name: &str| &sheets.iter().find(|(n, _)| n == name).expect("sheet").1;

    // 汇总: one row per record, in dataset order, numbers numeric.
    let summary = rows("汇总");
    assert_eq!(
        header(summary),
        [
            "部门",
            "预算年度",
            "收入合计",
            "支出合计",
            "长期指标数",
            "年度指标数",
            "警告数",
            "文件",
            "表/工作表"
        ]
    );
    assert_eq!(summary.len(), records.len() + 1);
    for (row, rec) in summary[1..].iter().zip(records) {
        assert_eq!(row[0].to_string(), rec["department"].as_str().unwrap_or(""));
        assert_eq!(
            row[7].to_string(),
            rec["source"]["path"].as_str().unwrap_or("")
        );
        assert_eq!(
            row[8].to_string(),
            rec["source"]["part"].as_str().unwrap_or("")
        );
        if let Some(y) = rec["budget_year"].as_f64() {
            assert_eq!(row[1], Data::Float(y), "budget year is a number cell");
        }
        if let Some(t) = rec["funds"]["income"]["total"]["amount"].as_f64() {
            assert_eq!(row[2], Data::Float(t), "income total is a number cell");
        }
        let n = rec["annual"]["indicators"].as_array().map_or(0, Vec::len);
        assert_eq!(row[5], Data::Float(n as f64));
    }

    // 收支: every funds line, items and totals.
    let funds = rows("收支");
    let lines: usize = records
        .iter()
        .map(|r| {
            ["income", "expenditure"]
                .iter()
                .map(|side| {
                    r["funds"][side]["items"].as_array().map_or(0, Vec::len)
                        + usize::from(r["funds"][side]["total"].is_object())
                })
                .sum::<usize>()
        })
        .sum();
    assert_eq!(funds.len(), lines + 1);
    let h = header(funds);
    assert_eq!(
        h[..6],
        ["部门", "年度", "收入/支出", "项目", "当年金额", "占比(%)"]
    );
    assert_eq!(h[h.len() - 2..], ["是否合计", "文件"]);
    let first = &records[0]["funds"]["income"]["items"][0];
    if let Some(a) = first["amount"].as_f64() {
        let row = funds
            .iter()
            .find(|r| {
                is(&r[col(funds, "文件")], &records[0]["source"]["path"])
                    && is(&r[col(funds, "项目")], &first["item"])
            })
            .expect("the first funds line is there");
        assert_eq!(row[col(funds, "当年金额")], Data::Float(a));
        for (year, v) in first["history"].as_object().expect("history") {
            let c = col(funds, &format!("{year}年金额"));
            match v.as_f64() {
                Some(x) => assert_eq!(row[c], Data::Float(x), "history {year}"),
                None => assert_eq!(row[c], Data::Empty),
            }
        }
    }

    // 绩效指标: every indicator, long-term and annual.
    let ind = rows("绩效指标");
    let n: usize = records
        .iter()
        .map(|r| {
            r["long_term"]["indicators"].as_array().map_or(0, Vec::len)
                + r["annual"]["indicators"].as_array().map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(ind.len(), n + 1);
    let h = header(ind);
    assert_eq!(
        h[..11],
        [
            "部门",
            "年度",
            "长期/年度",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "kind",
            "op",
            "number",
            "unit"
        ]
    );
    assert_eq!(h[h.len() - 3..], ["依据", "分类", "文件"]);
    let number = col(ind, "number");
    let kind = col(ind, "kind");
    let mut numeric = 0;
    for r in &ind[1..] {
        if matches!(r[kind].to_string().as_str(), "percent" | "number") {
            assert!(
                matches!(r[number], Data::Float(_)),
                "a number is a number cell: {:?}",
                r[number]
            );
            numeric += 1;
        }
        assert!(matches!(r[2].to_string().as_str(), "长期" | "年度"));
    }
    assert!(n == 0 || numeric > 0, "some indicator values are numbers");

    // 待核查: every flagged file, every warning, every file of a duplicate filing.
    let issues = rows("待核查");
    assert_eq!(header(issues), ["文件", "类型", "代码", "说明", "位置"]);
    let warnings: usize = records
        .iter()
        .map(|r| r["warnings"].as_array().map_or(0, Vec::len))
        .sum();
    let dup_files: usize = d["summary"]["duplicates"]
        .as_array()
        .expect("summary.duplicates")
        .iter()
        .map(|g| g["paths"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(issues.len(), 1 + flagged.len() + warnings + dup_files);
    for f in flagged {
        let path = f["path"].as_str().unwrap_or("");
        assert!(
            issues[1..].iter().any(|r| is(&r[0], &f["path"])
                && is(&r[1], &"未读取".into())
                && is(&r[2], &f["code"])
                && is(&r[3], &f["message"])),
            "flagged {path} is listed with its Chinese reason"
        );
    }

    // What calamine cannot see: frozen header, autofilter, column widths.
    for i in 1..=4 {
        let xml = zip_entry(&book, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "sheet {i}: header row frozen"
        );
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {i}: autofilter"
        );
        assert!(xml.contains("customWidth=\"1\""), "sheet {i}: widths set");
    }

    // CSV: BOM, the sheet's header and rows, numbers written plainly.
    for (file, sheet) in [("funds.csv", "收支"), ("indicators.csv", "绩效指标")] {
        let bytes = std::fs::read(dir.join("csv").join(file)).expect("csv");
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{file}: BOM");
        let text = String::from_utf8(bytes).expect("utf-8");
        let csv = parse_csv(text.trim_start_matches('\u{feff}'));
        let xl = rows(sheet);
        assert_eq!(csv.len(), xl.len(), "{file}: rows");
        for (c, x) in csv.iter().zip(xl) {
            let x: Vec<String> = x
                .iter()
                .map(|d| match d {
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect();
            // A CSV row is as long as the header even where the sheet's last cells are empty.
            assert_eq!(c[..x.len()], x[..], "{file}");
            assert!(c[x.len()..].iter().all(String::is_empty));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn duplicate_filings_are_reported_everywhere() {
    // Two copies of one form: the second is what a department sends as a correction.
    let Some(form) = std::fs::read_dir(root().join("fixtures/forms"))
        .expect("fixtures/forms")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
    else {
        eprintln!("SKIP: no .docx fixture under fixtures/forms");
        return;
    };
    let dir = tmp("dups");
    let inbox = dir.join("收件箱");
    std::fs::create_dir_all(&inbox).expect("inbox");
    std::fs::copy(&form, inbox.join("财政局.docx")).expect("copy");
    std::fs::copy(&form, inbox.join("财政局（更正）.docx")).expect("copy");
    let out = perfsheet()
        .args([
            "ingest",
            "收件箱",
            "-o",
            "d.json",
            "--review",
            "r.xlsx",
            "-q",
        ])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("duplicates=1") && stderr.contains("1 组重复报送"),
        "{stderr}"
    );
    let d: Value =
        serde_json::from_slice(&std::fs::read(dir.join("d.json")).expect("dataset")).expect("json");
    let dups = d["summary"]["duplicates"].as_array().expect("duplicates");
    assert_eq!(dups.len(), 1);
    assert_eq!(
        dups[0]["paths"],
        serde_json::json!(["财政局.docx", "财政局（更正）.docx"])
    );
    assert_eq!(d["records"].as_array().map(Vec::len), Some(2), "both kept");
    let sheets = sheets(&dir.join("r.xlsx"));
    let issues = &sheets
        .iter()
        .find(|(n, _)| n == "待核查")
        .expect("待核查")
        .1;
    let dup_rows: Vec<&Vec<Data>> = issues
        .iter()
        .filter(|r| is(&r[1], &"重复".into()))
        .collect();
    assert_eq!(
        dup_rows.len(),
        2,
        "one row per file of the duplicate filing"
    );
    assert!(dup_rows[0][3].to_string().contains("财政局（更正）.docx"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn json_lines_mode_writes_the_same_workbook() {
    let dir = tmp("jsonl");
    assert!(
        ingest(&dir, &["-o", "d.json", "--review", "a.xlsx", "-q"])
            .status
            .success()
    );
    let out = ingest(
        &dir,
        &["--jsonl", "jl", "--review", "b.xlsx", "--csv", "c", "-q"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sheets(&dir.join("a.xlsx")), sheets(&dir.join("b.xlsx")));
    assert!(dir.join("c/funds.csv").is_file());
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("jl/summary.json")).expect("summary"))
            .expect("json");
    let d: Value =
        serde_json::from_slice(&std::fs::read(dir.join("d.json")).expect("dataset")).expect("json");
    assert_eq!(summary, d["summary"], "same summary, duplicates included");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn review_needs_an_xlsx_name_and_a_writable_place() {
    let dir = tmp("bad");
    let out = ingest(&dir, &["-o", "d.json", "--review", "核对.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--review") && err.contains(".xlsx"), "{err}");

    // A place where it cannot be written is found before any file is read (status 2),
    // and nothing is written: not even the dataset.
    let out = ingest(&dir, &["-o", "d.json", "--review", "no/such/dir/r.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
    assert!(!dir.join("d.json").exists());
    let _ = std::fs::remove_dir_all(dir);
}
