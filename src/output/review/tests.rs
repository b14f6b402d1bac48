use super::csv::{csv_number, csv_text};
use super::xlsx::{XLSX_MAX_TEXT, clip_utf16};
use super::*;
use crate::model::project::{Amounts, Project, ProjectFunds};
use crate::model::record::{FormType, FundsLine, Source, Warning, WarningCode};

#[test]
fn csv_quotes_commas_quotes_and_line_breaks() {
    assert_eq!(csv_text("履职\n效能"), "\"履职\n效能\"");
    assert_eq!(csv_text("a,b"), "\"a,b\"");
    assert_eq!(csv_text("说“好”\"x\""), "\"说“好”\"\"x\"\"\"");
    assert_eq!(csv_text("≥95%"), "≥95%");
    assert_eq!(csv_text("=1+1"), "'=1+1");
    assert_eq!(csv_text("-5"), "-5");
    assert_eq!(csv_text("-"), "'-");
    assert_eq!(csv_text("-8%"), "-8%");
    assert_eq!(csv_text("+1.5%"), "+1.5%");
    assert_eq!(csv_text("-%"), "'-%");
    assert_eq!(csv_text("-1+1"), "'-1+1");
    assert_eq!(csv_text("-inf"), "'-inf");
    assert_eq!(csv_text("-0.5个百分点"), "-0.5个百分点");
    assert_eq!(csv_text("-2天"), "-2天");
    assert_eq!(csv_text("-2+cmd|' /C calc'!A0"), "'-2+cmd|' /C calc'!A0");
    assert_eq!(csv_text("+A1"), "'+A1");
    assert_eq!(csv_number(100.0), "100");
    assert_eq!(csv_number(32.02), "32.02");
}

#[test]
fn long_text_is_clipped_on_a_character_boundary() {
    let s = "预算".repeat(20_000);
    let c = clip_utf16(&s, XLSX_MAX_TEXT);
    assert_eq!(c.chars().count(), XLSX_MAX_TEXT);
    assert_eq!(clip_utf16("𠀀𠀀", 3), "𠀀");
    assert_eq!(clip_utf16("abc", 10), "abc");
}

#[test]
fn locations_read_as_people_say_them() {
    assert_eq!(display_location("table 1 row 8 col 5"), "表1 第8行第5列");
    assert_eq!(display_location("table 12"), "表12");
    assert_eq!(display_location("sheet 绩效目标表"), "工作表 绩效目标表");
    assert_eq!(display_location("绩效目标表!E10"), "绩效目标表!E10");
    assert_eq!(
        display_location("table x row 1 col 2"),
        "table x row 1 col 2"
    );
    assert_eq!(display_location(""), "");
}

#[test]
fn links_are_relative_to_the_workbook_where_they_can_be() {
    let base = Path::new("/srv/报送/输出");
    assert_eq!(
        file_link(Path::new("/srv/报送/2024/华容区/财政局.docx"), base).as_deref(),
        Some("file:///../2024/华容区/财政局.docx")
    );
    assert_eq!(
        file_link(Path::new("/srv/报送/输出/./a.xlsx"), base).as_deref(),
        Some("file:///a.xlsx")
    );
    assert_eq!(file_link(Path::new("/srv/报送/#1.docx"), base), None);
}

#[test]
fn modified_times_are_beijing_time() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_714_550_400);
    // 2024-05-01 08:00 UTC.
    assert_eq!(beijing_time(t).as_deref(), Some("2024-05-01 16:00"));
}

fn source(path: &str, sha: &str) -> Source {
    Source {
        path: path.into(),
        format: "xlsx".into(),
        part: "sheet 绩效目标表".into(),
        bytes: Some(10),
        sha256: Some(sha.into()),
    }
}

fn record(path: &str, unit: Option<&str>, income: f64) -> Record {
    let mut r: Record = serde_json::from_value(serde_json::json!({
        "schema_version": "1",
        "source": {"path": path, "format": "xlsx", "part": "sheet 绩效目标表", "bytes": 10, "sha256": path},
        "form_type": "department", "template": null, "form": "部门整体绩效目标",
        "department": "华容区财政局", "preparer": "张三", "phone": "0711-1234567",
        "unit": unit, "budget_year": 2024,
        "funds": {"years": [2022, 2023], "income": {"items": [], "total": null},
                  "expenditure": {"items": [], "total": null}},
        "functions": [], "annual_tasks": [],
        "long_term": {"deadline_year": null, "goals": [], "indicators": []},
        "annual": {"goal": null, "indicators": []},
        "main_tasks": [], "main_tasks_total": null, "warnings": []
    }))
    .expect("a record");
    r.funds.income.total = Some(FundsLine {
        item: "合计".into(),
        amount: Some(Num(income)),
        share_percent: None,
        history: BTreeMap::from([("2023".to_string(), Some(Num(income)))]),
    });
    r
}

fn project(path: &str, unit: Option<&str>, total: f64) -> Project {
    Project {
        schema_version: "1".into(),
        source: source(path, "p"),
        form_type: FormType::Project,
        template: None,
        form: "项目支出绩效目标".into(),
        budget_year: Some(2024),
        project: "食品安全抽检".into(),
        department: Some("华容区 财政局".into()),
        department_code: None,
        implementer: Some("华容区市场监督管理局".into()),
        attribute: Some("延续".into()),
        category: None,
        leader: Some("李四".into()),
        phone: None,
        period: None,
        unit: unit.map(str::to_string),
        funds: ProjectFunds {
            mid_term: None,
            annual: Some(Amounts {
                total: Some(Num(total)),
                fiscal: Some(Num(total)),
                other: None,
                items: Vec::new(),
            }),
        },
        goals: Default::default(),
        indicators: Default::default(),
        warnings: vec![Warning {
            code: WarningCode::SumMismatch,
            message: "年度资金：财政拨款之和为 1，与资金总额 2 不符".into(),
            location: "table 1 row 8 col 5".into(),
        }],
    }
}

fn cell<'a>(t: &'a Table, row: usize, header: &str) -> &'a Cell {
    let c = t
        .columns
        .iter()
        .position(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header} in {}", t.name));
    &t.rows[row][c]
}

#[test]
fn amounts_are_shown_in_wanyuan_beside_the_unit_as_written() {
    let mut rv = Review::new();
    rv.add_record(&record("2024/华容区/a.xlsx", Some("元"), 79_883_000.0));
    rv.add_record(&record("2024/华容区/b.xlsx", Some("万元"), 4008.71));
    rv.add_record(&record("2024/鄂城区/c.xlsx", None, 12.5));
    rv.add_project(&project("2024/华容区/p.docx", Some("元"), 850_000.0));
    let t = rv.finish(&[]);
    let s = &t.summary;
    assert_eq!(cell(s, 0, "收入合计（万元）"), &Cell::Number(7988.3));
    assert_eq!(cell(s, 0, "单位"), &Cell::text("元"));
    assert_eq!(
        cell(s, 0, "收入合计（原表单位）"),
        &Cell::Number(79_883_000.0)
    );
    assert_eq!(cell(s, 1, "收入合计（万元）"), &Cell::Number(4008.71));
    assert_eq!(cell(s, 2, "单位"), &Cell::text(NO_UNIT));
    assert_eq!(cell(s, 2, "收入合计（万元）"), &Cell::Number(12.5));
    // The project's 主管部门 is written with a space: the same department.
    assert_eq!(cell(s, 0, "项目数"), &Cell::Number(1.0));
    assert_eq!(cell(s, 0, "项目年度资金（万元）"), &Cell::Number(85.0));

    let f = &t.funds;
    assert_eq!(cell(f, 0, "当年金额（万元）"), &Cell::Number(7988.3));
    assert_eq!(cell(f, 0, "2023年金额（万元）"), &Cell::Number(7988.3));
    assert_eq!(
        cell(f, 0, "当年金额（原表单位）"),
        &Cell::Number(79_883_000.0)
    );

    let p = &t.projects;
    assert_eq!(p.rows.len(), 1);
    assert_eq!(cell(p, 0, "年度资金总额（万元）"), &Cell::Number(85.0));
    assert_eq!(cell(p, 0, "其中财政拨款（万元）"), &Cell::Number(85.0));
    assert_eq!(cell(p, 0, "单位"), &Cell::text("元"));
    assert_eq!(cell(p, 0, "表/工作表"), &Cell::text("工作表 绩效目标表"));

    let a = &t.analysis;
    let hr = a
        .folders
        .rows
        .iter()
        .find(|r| r[0] == Cell::text("2024/华容区"))
        .expect("the folder 2024/华容区");
    assert_eq!(hr[3], Cell::Number(7988.3 + 4008.71));
    assert_eq!(hr[5], Cell::Number(85.0));
}

#[test]
fn departments_with_projects_but_no_department_form_are_listed() {
    let mut rv = Review::new();
    rv.add_project(&project("2024/x/p.docx", Some("万元"), 10.0));
    let t = rv.finish(&[]);
    assert_eq!(t.summary.rows.len(), 1);
    assert_eq!(cell(&t.summary, 0, "部门"), &Cell::text("华容区 财政局"));
    assert_eq!(cell(&t.summary, 0, "项目数"), &Cell::Number(1.0));
    assert!(cell(&t.summary, 0, "文件").shown().contains("未见部门整体"));
}

#[test]
fn duplicates_and_flagged_files_are_listed_per_file() {
    let mut rv = Review::new();
    rv.add_flagged(&Flagged {
        path: "b.doc".into(),
        format: "doc".into(),
        code: "encrypted".into(),
        message: "文件已加密".into(),
        detail: None,
    });
    let mut a = record("a.docx", Some("万元"), 1.0);
    a.source.sha256 = Some("same".into());
    let mut c = record("c.xlsx", Some("万元"), 1.0);
    c.source.sha256 = Some("other".into());
    rv.add_record(&a);
    rv.add_record(&c);
    let t = rv.finish(&[Duplicate {
        department: "财政局".into(),
        budget_year: Some(2024),
        paths: vec!["a.docx".into(), "c.xlsx".into()],
    }]);
    let files: Vec<String> = t.issues.rows.iter().map(|r| r[0].shown()).collect();
    assert_eq!(files, ["a.docx", "b.doc", "c.xlsx"]);
    assert_eq!(cell(&t.issues, 0, "类型"), &Cell::text(KIND_DUPLICATE));
    assert_eq!(cell(&t.issues, 0, "部门"), &Cell::text("华容区财政局"));
    assert_eq!(cell(&t.issues, 0, "填报人"), &Cell::text("张三"));
    assert_eq!(cell(&t.issues, 0, "联系电话"), &Cell::text("0711-1234567"));
    assert_eq!(cell(&t.issues, 1, "类型"), &Cell::text(KIND_FLAGGED));
    let msg = cell(&t.issues, 0, "说明").shown();
    assert!(
        msg.contains("2024") && msg.contains("c.xlsx") && msg.contains("内容不同"),
        "{msg}"
    );
    // 退回清单: the encrypted file and both different versions.
    let back: Vec<String> = t.returns.rows.iter().map(|r| r[0].shown()).collect();
    assert_eq!(back, ["a.docx", "b.doc", "c.xlsx"]);
    assert!(
        cell(&t.returns, 1, "请报送单位修改")
            .shown()
            .contains("密码")
    );
    assert!(to_xlsx(&t).is_ok(), "the review makes a workbook");
    assert!(
        to_xlsx(&Review::new().finish(&[])).is_ok(),
        "so does an empty one"
    );
}

#[test]
fn identical_copies_are_told_apart_from_versions() {
    let mut rv = Review::new();
    for p in ["a.docx", "b.docx"] {
        let mut r = record(p, Some("万元"), 1.0);
        r.source.sha256 = Some("same".into());
        rv.add_record(&r);
    }
    let t = rv.finish(&[Duplicate {
        department: "财政局".into(),
        budget_year: Some(2024),
        paths: vec!["a.docx".into(), "b.docx".into()],
    }]);
    let msg = cell(&t.issues, 0, "说明").shown();
    assert!(msg.contains("完全相同") && msg.contains("sha256"), "{msg}");
    // Byte-for-byte copies are nothing to send back.
    assert!(t.returns.rows.is_empty(), "{:?}", t.returns.rows);
}

#[test]
fn project_indicators_and_warnings_join_the_sheets() {
    let mut p = project("p.docx", Some("万元"), 2.0);
    p.indicators
        .annual
        .push(crate::model::project::ProjectIndicator {
            level1: Some("产出指标".into()),
            level2: Some("数量指标".into()),
            level3: Some("抽检批次".into()),
            target: crate::model::value::parse_value("≥3000批次"),
            basis: None,
            remark: Some("按计划".into()),
        });
    let mut rv = Review::new();
    rv.add_project(&p);
    let t = rv.finish(&[]);
    let i = &t.indicators;
    assert_eq!(cell(i, 0, "表种"), &Cell::text("项目"));
    assert_eq!(cell(i, 0, "项目名称"), &Cell::text("食品安全抽检"));
    assert_eq!(cell(i, 0, "指标值类型"), &Cell::text("数值"));
    assert_eq!(cell(i, 0, "比较"), &Cell::text("≥"));
    assert_eq!(cell(i, 0, "数值"), &Cell::Number(3000.0));
    assert_eq!(cell(i, 0, "单位"), &Cell::text("批次"));
    assert_eq!(cell(i, 0, "备注"), &Cell::text("按计划"));
    assert_eq!(cell(&t.issues, 0, "位置"), &Cell::text("表1 第8行第5列"));
    assert_eq!(cell(&t.issues, 0, "填报人"), &Cell::text("李四"));
    let fix = cell(&t.returns, 0, "请报送单位修改").shown();
    assert!(
        fix.starts_with("1. 表中各项金额之和与合计不一致") && fix.contains("表1 第8行第5列"),
        "{fix}"
    );
    assert_eq!(t.analysis.codes.rows[0][0], Cell::text("sum_mismatch"));
}
