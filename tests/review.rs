//! The review workbook (`--review`) and the CSV files (`--csv`) as finance staff open them:
//! the sheets, headers and row counts match the dataset, numbers are numeric cells, the
//! header row is frozen with an autofilter, sheets print landscape one page wide, amounts
//! stand in 万元 beside the unit as written, projects and main tasks have sheets of their
//! own, file cells link to the files, 退回清单 says what to fix, 分析 has its charts, CSV
//! carries a BOM and the same rows, duplicate filings are listed (identical copies told
//! apart), and JSON Lines mode gives the same workbook.

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
    crate::common::fresh_dir("review", name)
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

    let projects = d["projects"].as_array().expect("projects");
    assert!(!projects.is_empty(), "the fixtures give project forms");

    let book = dir.join("核对.xlsx");
    let sheets = sheets(&book);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "汇总",
            "项目",
            "收支",
            "主要任务",
            "绩效指标",
            "待核查",
            "退回清单",
            "分析"
        ]
    );
    let rows = |name: &str| &sheets.iter().find(|(n, _)| n == name).expect("sheet").1;

    // 汇总: one row per record, in dataset order, numbers numeric, amounts in 万元 beside
    // the unit and the amounts as written; departments with projects but no department
    // form have a row of their own.
    let summary = rows("汇总");
    assert_eq!(
        header(summary),
        [
            "部门",
            "预算年度",
            "收入合计（万元）",
            "支出合计（万元）",
            "单位",
            "收入合计（原表单位）",
            "支出合计（原表单位）",
            "项目数",
            "项目年度资金（万元）",
            "长期指标数",
            "年度指标数",
            "警告数",
            "文件",
            "表/工作表"
        ]
    );
    let file_col = col(summary, "文件");
    let of_records: Vec<&Vec<Data>> = summary[1..]
        .iter()
        .filter(|r| !r[file_col].to_string().contains("未见部门整体"))
        .collect();
    assert_eq!(of_records.len(), records.len());
    let mut in_yuan = 0;
    for (row, rec) in of_records.iter().zip(records) {
        assert_eq!(row[0].to_string(), rec["department"].as_str().unwrap_or(""));
        assert_eq!(
            row[file_col].to_string(),
            rec["source"]["path"].as_str().unwrap_or("")
        );
        if let Some(y) = rec["budget_year"].as_f64() {
            assert_eq!(row[1], Data::Float(y), "budget year is a number cell");
        }
        let unit = rec["unit"].as_str();
        assert_eq!(
            row[col(summary, "单位")].to_string(),
            unit.unwrap_or("（未写，按万元）")
        );
        if let Some(t) = rec["funds"]["income"]["total"]["amount"].as_f64() {
            assert_eq!(
                row[col(summary, "收入合计（原表单位）")],
                Data::Float(t),
                "income total as written is a number cell"
            );
            let factor = match unit {
                Some("元") => 1e-4,
                Some("万元") | None => 1.0,
                Some(other) => panic!("a fixture in {other}"),
            };
            in_yuan += usize::from(factor < 1.0);
            let Data::Float(wan) = row[col(summary, "收入合计（万元）")] else {
                panic!("income in 万元 is a number cell");
            };
            assert!(
                (wan - t * factor).abs() < 1e-6,
                "{wan} 万元 for {t} {unit:?}"
            );
        }
        let n = rec["annual"]["indicators"].as_array().map_or(0, Vec::len);
        assert_eq!(row[col(summary, "年度指标数")], Data::Float(n as f64));
    }
    assert!(in_yuan > 0, "some fixture is in 元");

    // 项目: one row per project form, amounts in 万元.
    let proj = rows("项目");
    assert_eq!(proj.len(), projects.len() + 1);
    assert_eq!(
        header(proj)[..9],
        [
            "项目名称",
            "主管部门",
            "实施单位",
            "年度",
            "属性",
            "年度资金总额（万元）",
            "其中财政拨款（万元）",
            "其他资金（万元）",
            "中期资金总额（万元）"
        ]
    );
    for (row, p) in proj[1..].iter().zip(projects) {
        assert_eq!(row[0].to_string(), p["project"].as_str().unwrap_or(""));
        assert_eq!(
            row[col(proj, "文件")].to_string(),
            p["source"]["path"].as_str().unwrap_or("")
        );
        if let Some(t) = p["funds"]["annual"]["total"].as_f64() {
            let factor = if p["unit"] == "元" { 1e-4 } else { 1.0 };
            let Data::Float(wan) = row[col(proj, "年度资金总额（万元）")] else {
                panic!("annual total in 万元 is a number cell");
            };
            assert!((wan - t * factor).abs() < 1e-6);
            assert_eq!(row[col(proj, "年度资金总额（原表单位）")], Data::Float(t));
        }
        let n = p["indicators"]["annual"].as_array().map_or(0, Vec::len);
        assert_eq!(row[col(proj, "年度指标数")], Data::Float(n as f64));
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
        [
            "部门",
            "年度",
            "收入/支出",
            "项目",
            "当年金额（万元）",
            "占比(%)"
        ]
    );
    assert_eq!(
        h[h.len() - 4..],
        ["单位", "当年金额（原表单位）", "是否合计", "文件"]
    );
    let first = &records[0]["funds"]["income"]["items"][0];
    if let Some(a) = first["amount"].as_f64() {
        let row = funds
            .iter()
            .find(|r| {
                is(&r[col(funds, "文件")], &records[0]["source"]["path"])
                    && is(&r[col(funds, "项目")], &first["item"])
            })
            .expect("the first funds line is there");
        assert_eq!(row[col(funds, "当年金额（原表单位）")], Data::Float(a));
        assert_eq!(records[0]["unit"], "万元", "the first fixture is in 万元");
        assert_eq!(row[col(funds, "当年金额（万元）")], Data::Float(a));
        for (year, v) in first["history"].as_object().expect("history") {
            let c = col(funds, &format!("{year}年金额（万元）"));
            match v.as_f64() {
                Some(x) => assert_eq!(row[c], Data::Float(x), "history {year}"),
                None => assert_eq!(row[c], Data::Empty),
            }
        }
    }

    // 主要任务: every main task and 金额合计 row.
    let tasks = rows("主要任务");
    let n: usize = records
        .iter()
        .map(|r| {
            r["main_tasks"].as_array().map_or(0, Vec::len)
                + usize::from(r["main_tasks_total"].is_object())
        })
        .sum();
    assert!(n > 0, "the national fixtures have main tasks");
    assert_eq!(tasks.len(), n + 1);
    assert_eq!(
        header(tasks)[..7],
        [
            "部门",
            "年度",
            "任务名称",
            "主要内容",
            "总额（万元）",
            "财政拨款（万元）",
            "其他资金（万元）"
        ]
    );

    // 绩效指标: every indicator of records and projects, long-term and annual.
    let ind = rows("绩效指标");
    let of = |v: &Value, a: &str, b: &str| v[a][b].as_array().map_or(0, Vec::len);
    let n_records: usize = records
        .iter()
        .map(|r| of(r, "long_term", "indicators") + of(r, "annual", "indicators"))
        .sum();
    let n_projects: usize = projects
        .iter()
        .map(|p| of(p, "indicators", "long_term") + of(p, "indicators", "annual"))
        .sum();
    assert_eq!(ind.len(), n_records + n_projects + 1);
    let h = header(ind);
    assert_eq!(
        h[..13],
        [
            "表种",
            "部门",
            "项目名称",
            "年度",
            "长期/年度",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标值类型",
            "比较",
            "数值",
            "单位"
        ]
    );
    assert_eq!(h[h.len() - 4..], ["依据", "分类", "备注", "文件"]);
    let number = col(ind, "数值");
    let kind = col(ind, "指标值类型");
    let mut numeric = 0;
    let mut of_projects = 0;
    for r in &ind[1..] {
        let k = r[kind].to_string();
        assert!(
            matches!(k.as_str(), "百分比" | "数值" | "文字" | "空"),
            "{k}"
        );
        if matches!(k.as_str(), "百分比" | "数值") {
            assert!(
                matches!(r[number], Data::Float(_)),
                "a number is a number cell: {:?}",
                r[number]
            );
            numeric += 1;
        }
        assert!(matches!(r[4].to_string().as_str(), "长期" | "年度"));
        if r[0] == "项目" {
            of_projects += 1;
            assert!(
                !r[2].to_string().is_empty(),
                "a project indicator names its project"
            );
        } else {
            assert_eq!(r[0].to_string(), "部门整体");
        }
    }
    assert_eq!(of_projects, n_projects);
    assert!(numeric > 0, "some indicator values are numbers");

    // 待核查: every flagged file, every warning, every file of a duplicate filing, the
    // file first and who to call beside it.
    let issues = rows("待核查");
    assert_eq!(
        header(issues),
        [
            "文件",
            "部门",
            "填报人",
            "联系电话",
            "类型",
            "代码",
            "说明",
            "位置",
            "大小（字节）",
            "修改时间（北京时间）"
        ]
    );
    let warnings: usize = records
        .iter()
        .chain(projects)
        .map(|r| r["warnings"].as_array().map_or(0, Vec::len))
        .sum();
    let dup_files: usize = ["duplicates", "duplicate_projects"]
        .iter()
        .flat_map(|k| d["summary"][k].as_array().expect("summary duplicates"))
        .map(|g| g["paths"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(issues.len(), 1 + flagged.len() + warnings + dup_files);
    let (kind, code, says) = (
        col(issues, "类型"),
        col(issues, "代码"),
        col(issues, "说明"),
    );
    for f in flagged {
        let path = f["path"].as_str().unwrap_or("");
        assert!(
            issues[1..].iter().any(|r| is(&r[0], &f["path"])
                && is(&r[kind], &"未读取".into())
                && is(&r[code], &f["code"])
                && is(&r[says], &f["message"])
                // A member of an archive has no size of its own on disk.
                && (path.contains(".zip/")
                    || matches!(r[col(issues, "大小（字节）")], Data::Float(_)))),
            "flagged {path} is listed with its Chinese reason and its size"
        );
    }
    let rec = records
        .iter()
        .find(|r| !r["warnings"].as_array().is_none_or(Vec::is_empty) && r["preparer"].is_string())
        .expect("a record with warnings and a preparer");
    let row = issues[1..]
        .iter()
        .find(|r| is(&r[0], &rec["source"]["path"]) && is(&r[kind], &"警告".into()))
        .expect("its warning");
    assert!(is(&row[col(issues, "部门")], &rec["department"]));
    assert!(is(&row[col(issues, "填报人")], &rec["preparer"]));
    let located: Vec<String> = issues[1..]
        .iter()
        .map(|r| r[col(issues, "位置")].to_string())
        .collect();
    assert!(
        located
            .iter()
            .any(|l| l.starts_with("表") && l.contains("行第")),
        "Word locations read 表1 第8行第5列"
    );
    assert!(located.iter().all(|l| !l.starts_with("table ")));

    // 退回清单: every file a department must mend, once, with what to fix.
    let back = rows("退回清单");
    assert_eq!(
        header(back),
        [
            "文件",
            "部门",
            "填报人",
            "联系电话",
            "问题数",
            "请报送单位修改"
        ]
    );
    let back_files: Vec<String> = back[1..].iter().map(|r| r[0].to_string()).collect();
    let mut sorted = back_files.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, back_files, "one row per file, in file order");
    for f in flagged {
        let code = f["code"].as_str().unwrap_or("");
        if matches!(code, "corrupt" | "encrypted" | "empty_file" | "blank_form") {
            let row = back[1..]
                .iter()
                .find(|r| is(&r[0], &f["path"]))
                .unwrap_or_else(|| panic!("{code} file {} is to send back", f["path"]));
            let fix = row[5].to_string();
            assert!(fix.starts_with("1. ") && !fix.contains(code), "{fix}");
        }
        if matches!(
            code,
            "system_file" | "lock_file" | "internal_error" | "too_large"
        ) {
            assert!(
                !back[1..].iter().any(|r| is(&r[0], &f["path"])),
                "{code}: nothing to ask"
            );
        }
    }
    for r in records.iter().chain(projects) {
        let sums = r["warnings"]
            .as_array()
            .is_some_and(|ws| ws.iter().any(|w| w["code"] == "sum_mismatch"));
        if sums {
            assert!(
                back[1..].iter().any(|b| is(&b[0], &r["source"]["path"])
                    && b[5].to_string().contains("金额之和与合计不一致")),
                "a sum_mismatch is sent back: {}",
                r["source"]["path"]
            );
        }
    }

    // 分析: totals in 万元 by folder, year and department; counts by code; charts.
    let analysis = rows("分析");
    let titles: Vec<String> = analysis
        .iter()
        .filter_map(|r| r.first().map(ToString::to_string))
        .collect();
    for t in ["按文件夹", "按年度", "按问题代码", "按部门和年度"] {
        assert!(titles.iter().any(|x| x == t), "分析 has {t}");
    }
    let folder_row = analysis
        .iter()
        .find(|r| r[0] == "forms")
        .expect("the folder forms");
    assert!(
        matches!(folder_row[3], Data::Float(x) if x > 0.0),
        "{folder_row:?}"
    );
    for n in 1..=3 {
        let chart = zip_entry(&book, &format!("xl/charts/chart{n}.xml"));
        assert!(
            chart.contains("<c:barChart>"),
            "chart {n} is a column chart"
        );
    }

    // What calamine cannot see: frozen header, autofilter, column widths, print setup.
    for i in 1..=7 {
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
        assert!(
            xml.contains(r#"orientation="landscape""#) && xml.contains(r#"fitToHeight="0""#),
            "sheet {i}: landscape, one page wide"
        );
    }
    let wb = zip_entry(&book, "xl/workbook.xml");
    assert_eq!(
        wb.matches("_xlnm.Print_Titles").count(),
        7,
        "header rows repeat"
    );

    // The file cells of 待核查 link to the files, relative to the workbook's folder.
    let rels = zip_entry(&book, "xl/worksheets/_rels/sheet6.xml.rels");
    let targets: Vec<&str> = rels
        .split("Target=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect();
    assert!(!targets.is_empty(), "待核查 has links");
    for t in &targets {
        assert!(!t.starts_with("file:"), "{t}: relative");
        assert!(dir.join(t).is_file(), "{t} leads to the file");
    }

    // CSV: BOM, the sheet's header and rows, numbers written plainly.
    for (file, sheet) in [
        ("funds.csv", "收支"),
        ("indicators.csv", "绩效指标"),
        ("projects.csv", "项目"),
        ("main_tasks.csv", "主要任务"),
    ] {
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
    let (kind, says) = (col(issues, "类型"), col(issues, "说明"));
    let dup_rows: Vec<&Vec<Data>> = issues
        .iter()
        .filter(|r| is(&r[kind], &"重复".into()))
        .collect();
    assert_eq!(
        dup_rows.len(),
        2,
        "one row per file of the duplicate filing"
    );
    let says = dup_rows[0][says].to_string();
    assert!(says.contains("财政局（更正）.docx"), "{says}");
    // Two copies of one file: the same sha256, told as such, nothing to send back.
    assert!(says.contains("完全相同"), "{says}");
    for r in &dup_rows {
        assert_eq!(
            r[col(issues, "大小（字节）")],
            Data::Float(std::fs::metadata(&form).expect("size").len() as f64)
        );
        assert!(
            r[col(issues, "修改时间（北京时间）")]
                .to_string()
                .starts_with("20")
        );
    }
    let back = &sheets
        .iter()
        .find(|(n, _)| n == "退回清单")
        .expect("退回清单")
        .1;
    assert!(
        !back.iter().any(|r| r[0].to_string().contains("财政局")),
        "copies are not sent back"
    );
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
