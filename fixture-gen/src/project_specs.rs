//! Project forms (项目支出绩效目标表) stated as what they say ([`PSpec`]), turned into the
//! expected [`Project`] record and the rows the layout writes ([`ProjForm`]).
//!
//! Indicator tables use a compact notation, one row a line:
//!   `level1|level2|level3|target|basis|remark` (basis and remark may be left out)
//! An empty level1 (or level2) repeats the one above. `target` may be `value#unit` where
//! the form has a 计量单位 column (`95#%`: 指标值 "95", 计量单位 "%"). A line starting with
//! `~` is an unfilled template row (`~||指标3：`, `~||……`): written on the form, not an
//! indicator. A level3 written `指标1：名称` is the indicator `名称`.

use crate::project_layout::ProjPres;
use crate::values::{val, val_with_unit};
use perfsheet::project::{
    AmountItem, Amounts, Goals, Period, Project, ProjectFunds, ProjectIndicator, ProjectIndicators,
};
use perfsheet::record::{FormType, Num, Source, Warning, WarningCode};

/// The template name of every project form (RECORD.md: the tool's own stable name).
pub const PROJECT_TEMPLATE: &str = "project";

/// One written indicator row.
#[derive(Debug, Clone)]
pub struct Row {
    pub l1: String,
    pub l2: String,
    /// As written ("指标1：新建校舍面积").
    pub l3: String,
    pub target: String,
    /// The 计量单位 cell.
    pub unit_col: String,
    pub basis: String,
    pub remark: String,
    /// An unfilled template row: not an indicator.
    pub blank: bool,
}

/// Parses the indicator notation (module docs).
pub fn parse_rows(src: &str) -> Vec<Row> {
    let mut prev = (String::new(), String::new());
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (blank, body) = match line.strip_prefix('~') {
                Some(b) => (true, b),
                None => (false, line),
            };
            let f: Vec<&str> = body.split('|').map(str::trim).collect();
            assert!(f.len() >= 3 && f.len() <= 6, "{line}");
            let get = |i: usize| f.get(i).copied().unwrap_or("").to_string();
            if !f[0].is_empty() {
                assert!(
                    !f[1].is_empty(),
                    "{line}: level2 missing under a new level1"
                );
                prev.0 = f[0].to_string();
            }
            if !f[1].is_empty() {
                prev.1 = f[1].to_string();
            }
            let (target, unit_col) = match get(3).split_once('#') {
                Some((v, u)) => (v.to_string(), u.to_string()),
                None => (get(3), String::new()),
            };
            if blank {
                assert!(
                    target.is_empty() && get(4).is_empty() && get(5).is_empty(),
                    "{line}: an unfilled row holds no value"
                );
                let l3 = f[2];
                assert!(
                    l3 == "……" || l3 == "…" || strip_numbering(l3).is_empty(),
                    "{line}: not a template row"
                );
            } else {
                assert!(!target.is_empty(), "{line}: no target");
            }
            Row {
                l1: prev.0.clone(),
                l2: prev.1.clone(),
                l3: f[2].to_string(),
                target,
                unit_col,
                basis: get(4),
                remark: get(5),
                blank,
            }
        })
        .collect()
}

/// "指标1：名称" → "名称" (RECORD.md: a leading 指标1： / 任务1： numbering is removed).
pub fn strip_numbering(s: &str) -> String {
    for word in ["指标", "任务"] {
        if let Some(rest) = s.strip_prefix(word) {
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 {
                let rest = &rest[digits..];
                if let Some(r) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                    return r.trim().to_string();
                }
            }
        }
    }
    s.to_string()
}

fn opt(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// The expected indicator of a written row.
pub fn indicator(r: &Row) -> ProjectIndicator {
    ProjectIndicator {
        level1: Some(r.l1.clone()),
        level2: Some(r.l2.clone()),
        level3: Some(strip_numbering(&r.l3)),
        target: if r.unit_col.is_empty() {
            val(&r.target)
        } else {
            val_with_unit(&r.target, &r.unit_col)
        },
        basis: opt(&r.basis),
        remark: opt(&r.remark),
    }
}

/// A funds block: amounts in hundredths of the unit (exact sums); `lines` are the source
/// lines as the record names them (财政拨款, 其他资金, 自有资金, 上年结转 …), in form order.
#[derive(Debug, Clone)]
pub struct PFunds {
    pub total: Option<i64>,
    pub lines: Vec<(&'static str, Option<i64>)>,
}

/// Fiscal and other labels (RECORD.md).
const FISCAL: &[&str] = &["财政拨款", "财政资金", "市财政资金", "当年财政拨款"];
const OTHER: &[&str] = &["其他资金", "其他"];

fn cents(c: Option<i64>) -> Option<Num> {
    c.map(|c| Num(c as f64 / 100.0))
}

/// The record's amounts for a block.
pub fn amounts(b: &PFunds) -> Amounts {
    let find = |set: &[&str]| {
        b.lines
            .iter()
            .find(|(l, _)| set.contains(l))
            .and_then(|(_, a)| cents(*a))
    };
    Amounts {
        total: cents(b.total),
        fiscal: find(FISCAL),
        other: find(OTHER),
        items: b
            .lines
            .iter()
            .map(|(l, a)| AmountItem {
                item: l.to_string(),
                amount: cents(*a),
            })
            .collect(),
    }
}

/// Whether a block's lines add up to its total (the one sum rule of project funds: every
/// source line but the total, against the total).
pub fn adds_up(b: &PFunds) -> bool {
    match b.total {
        None => true,
        Some(t) => b.lines.iter().filter_map(|l| l.1).sum::<i64>() == t,
    }
}

/// What a project form says.
#[derive(Debug, Clone)]
pub struct PSpec {
    pub project: &'static str,
    pub department: Option<&'static str>,
    pub department_code: Option<&'static str>,
    pub implementer: Option<&'static str>,
    /// (as written, the option it means).
    pub attribute: Option<(&'static str, &'static str)>,
    pub category: Option<&'static str>,
    pub leader: Option<&'static str>,
    pub phone: Option<&'static str>,
    /// (text, start, end).
    pub period: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    pub unit: &'static str,
    pub mid: Option<PFunds>,
    pub annual: Option<PFunds>,
    pub goals_lt: Vec<&'static str>,
    pub goals_an: Vec<&'static str>,
    pub lt: &'static str,
    pub an: &'static str,
}

/// A project form to render: the truth plus what the layout writes.
#[derive(Debug, Clone)]
pub struct ProjForm {
    pub record: Project,
    pub rows_lt: Vec<Row>,
    pub rows_an: Vec<Row>,
    /// (mid-term, annual) blocks as stated.
    pub funds: (Option<PFunds>, Option<PFunds>),
    /// 项目属性 as written.
    pub attr_text: Option<String>,
    pub p: ProjPres,
}

/// The expected record and the rows of a spec, under a title that gives `form` and
/// `budget_year` (the title, a （2024年度） line or the file name).
pub fn proj_form(s: &PSpec, p: ProjPres, form: &str, budget_year: Option<i32>) -> ProjForm {
    let rows_lt = parse_rows(s.lt);
    let rows_an = parse_rows(s.an);
    let inds = |rows: &[Row]| rows.iter().filter(|r| !r.blank).map(indicator).collect();
    let mut warnings = Vec::new();
    for b in s.mid.iter().chain(&s.annual) {
        if !adds_up(b) {
            warnings.push(Warning {
                code: WarningCode::SumMismatch,
                message: String::new(),
                location: String::new(),
            });
        }
    }
    let record = Project {
        schema_version: "1".into(),
        source: Source {
            path: String::new(),
            format: String::new(),
            part: String::new(),
            bytes: None,
            sha256: None,
        },
        form_type: FormType::Project,
        template: Some(PROJECT_TEMPLATE.into()),
        form: form.into(),
        budget_year,
        project: s.project.into(),
        department: s.department.map(Into::into),
        department_code: s.department_code.map(Into::into),
        implementer: s.implementer.map(Into::into),
        attribute: s.attribute.map(|a| a.1.into()),
        category: s.category.map(Into::into),
        leader: s.leader.map(Into::into),
        phone: s.phone.map(Into::into),
        period: s.period.map(|(text, start, end)| Period {
            text: text.into(),
            start: start.map(Into::into),
            end: end.map(Into::into),
        }),
        unit: Some(s.unit.into()),
        funds: ProjectFunds {
            mid_term: s.mid.as_ref().map(amounts),
            annual: s.annual.as_ref().map(amounts),
        },
        goals: Goals {
            long_term: s.goals_lt.iter().map(|g| g.to_string()).collect(),
            annual: s.goals_an.iter().map(|g| g.to_string()).collect(),
        },
        indicators: ProjectIndicators {
            long_term: inds(&rows_lt),
            annual: inds(&rows_an),
        },
        warnings,
    };
    ProjForm {
        record,
        rows_lt,
        rows_an,
        funds: (s.mid.clone(), s.annual.clone()),
        attr_text: s.attribute.map(|a| a.0.to_string()),
        p,
    }
}

/// Funds in 万元 written as yuan-and-fen integers: `w(1860)` is 1860.00.
pub const fn w(x: i64) -> i64 {
    x * 100
}

/// A block of 财政拨款 and 其他资金 (amounts in hundredths).
pub fn fo(total: i64, fiscal: i64, other: Option<i64>) -> PFunds {
    PFunds {
        total: Some(total),
        lines: vec![("财政拨款", Some(fiscal)), ("其他资金", other)],
    }
}
