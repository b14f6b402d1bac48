//! The record contract of `../shared/spec/RECORD.md` (schema_version "1") as Rust types.
//! Field order here is the field order in the JSON the bureau loads; names never change.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The schema version written in every record and dataset.
pub const SCHEMA_VERSION: &str = "1";

/// A number as the contract writes it: whole values without a fraction (`100`, not
/// `100.0`), so that JSON readers that distinguish integers see what the form showed.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Deserialize)]
#[serde(transparent)]
pub struct Num(
    /// The value.
    pub f64,
);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

/// Whole or not, a `Num` is a JSON number; the schema does not promise an integer.
impl JsonSchema for Num {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Num".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number" })
    }
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Relative to the input root, "/" separators.
    pub path: String,
    /// What the bytes are: docx, xlsx, xls, doc …
    pub format: String,
    /// Which table or sheet held the form: "table 1", "sheet 部门整体绩效目标表".
    pub part: String,
    /// File size.
    pub bytes: Option<u64>,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: Option<String>,
}

/// One 部门整体绩效目标表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// The contract version, "1".
    #[schemars(extend("const" = "1"))]
    pub schema_version: String,
    /// Where the form came from.
    pub source: Source,
    /// "department": every record in `records` is a department overall form.
    pub form_type: FormType,
    /// The name of the template definition that read the form (stable across runs).
    pub template: Option<String>,
    /// Title without trailing 表 and without a year: "部门整体绩效目标".
    pub form: String,
    /// 部门（单位）名称.
    pub department: String,
    /// 填报人.
    pub preparer: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// "万元" from 单位：万元.
    pub unit: Option<String>,
    /// The year the form plans for.
    pub budget_year: Option<i32>,
    /// 部门总体资金情况 (empty where the form has no funds table).
    pub funds: Funds,
    /// 部门职能概述, one string per numbered duty, numbering removed.
    pub functions: Vec<String>,
    /// 年度工作任务, grouped under their （一） headings.
    pub annual_tasks: Vec<TaskGroup>,
    /// 长期目标 and 长期绩效指标.
    pub long_term: LongTerm,
    /// 年度目标 and 年度绩效指标.
    pub annual: Annual,
    /// 年度主要任务 rows (national template); empty where the form has none.
    pub main_tasks: Vec<MainTask>,
    /// The 金额合计 row of 年度主要任务.
    pub main_tasks_total: Option<TaskAmount>,
    /// Recoverable oddities found in the form.
    pub warnings: Vec<Warning>,
}

/// Which list a form belongs in: `records` (department overall forms) or `projects`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormType {
    /// A 部门整体绩效目标表 (either department template).
    #[default]
    Department,
    /// A 项目支出绩效目标表.
    Project,
}

/// One row of 年度主要任务.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MainTask {
    /// 任务名称, without a leading "任务1：".
    pub name: String,
    /// 主要内容.
    pub content: Option<String>,
    /// 预算金额 over 总额 / 财政拨款 / 其他资金.
    pub amount: TaskAmount,
}

/// The amounts of a main task (or of their 金额合计 row), in the form's unit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TaskAmount {
    /// 总额.
    pub total: Option<Num>,
    /// 财政拨款.
    pub fiscal: Option<Num>,
    /// 其他资金.
    pub other: Option<Num>,
}

/// 部门总体资金情况.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct Funds {
    /// The two 近两年 years, oldest first.
    pub years: Vec<i32>,
    /// 收入构成.
    pub income: FundsBlock,
    /// 支出构成.
    pub expenditure: FundsBlock,
}

/// 收入构成 or 支出构成.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct FundsBlock {
    /// The lines above the 合计, in form order.
    pub items: Vec<FundsLine>,
    /// The 合计 line.
    pub total: Option<FundsLine>,
}

/// One line of the funds table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundsLine {
    /// The line's label as written (财政拨款, 人员类项目支出 …).
    pub item: String,
    /// 当年金额, in the form's unit.
    pub amount: Option<Num>,
    /// 占比 in percent (32.02 for "32.02%").
    pub share_percent: Option<Num>,
    /// Year (as a string key) → amount.
    pub history: BTreeMap<String, Option<Num>>,
}

/// A （一） heading and its numbered items in 年度工作任务.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskGroup {
    /// The （一） heading, if any.
    pub title: Option<String>,
    /// The numbered items under it, numbering removed.
    pub items: Vec<String>,
}

/// 长期目标 and 长期绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct LongTerm {
    /// The year of 长期目标（截止YYYY年）.
    pub deadline_year: Option<i32>,
    /// One string per numbered goal.
    pub goals: Vec<String>,
    /// The rows of 长期绩效指标.
    pub indicators: Vec<LongTermIndicator>,
}

/// One row of 长期绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LongTermIndicator {
    /// 一级指标.
    pub level1: Option<String>,
    /// 二级指标.
    pub level2: Option<String>,
    /// 三级指标.
    pub level3: Option<String>,
    /// 指标值.
    pub target: Value,
    /// 指标值确定依据.
    pub basis: Option<String>,
    /// 指标分类.
    pub category: Option<String>,
}

/// 年度目标 and 年度绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct Annual {
    /// 年度目标.
    pub goal: Option<String>,
    /// The rows of 年度绩效指标.
    pub indicators: Vec<AnnualIndicator>,
}

/// One row of 年度绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnualIndicator {
    /// 一级指标.
    pub level1: Option<String>,
    /// 二级指标.
    pub level2: Option<String>,
    /// 三级指标.
    pub level3: Option<String>,
    /// Year (as a string key) → the 近两年指标值 of that year.
    pub history: BTreeMap<String, Value>,
    /// 预期当年实现值.
    pub target: Value,
    /// 指标值确定依据.
    pub basis: Option<String>,
    /// 指标分类.
    pub category: Option<String>,
}

/// The kind of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// "95%", "≥95%".
    Percent,
    /// "3000人次", "0".
    Number,
    /// Anything else: "完全相符", ranges, dates.
    Text,
    /// An empty cell.
    Empty,
}

/// An indicator value: the text as written and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Value {
    /// The cell as written, trimmed.
    pub text: String,
    /// What the text means: percent, number, text or empty.
    pub kind: ValueKind,
    /// ">=", "<=", ">", "<" or null.
    pub op: Option<String>,
    /// The number, for percent and number values.
    pub number: Option<Num>,
    /// What follows the number ("%", "人次", "微克/立方米").
    pub unit: Option<String>,
}

/// A recoverable oddity found in a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable English code.
    pub code: WarningCode,
    /// Chinese explanation for finance staff.
    pub message: String,
    /// "sheet1!D8" or "table 1 row 8 col 4".
    pub location: String,
}

/// The stable code of a warning (RECORD.md), written in snake case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Items do not add up to their 合计 (or fiscal + other to the total).
    SumMismatch,
    /// Shares do not add up to 100%, or do not match the amounts.
    ShareMismatch,
    /// The title, the file name and the 近两年 years name different budget years.
    YearConflict,
    /// A section the template expects was not found.
    MissingSection,
    /// A cell that should hold an amount holds something else.
    BadNumber,
    /// Text inside a recognised section that landed in no field.
    UnplacedText,
    /// No amount unit on the form: 万元 assumed.
    UnitMissing,
    /// An amount implausible for the unit it is in.
    ImplausibleAmount,
    /// The file's name on disk was not UTF-8 and was decoded as GBK.
    FileNameNotUtf8,
}

impl WarningCode {
    /// The code as written in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::SumMismatch => "sum_mismatch",
            WarningCode::ShareMismatch => "share_mismatch",
            WarningCode::YearConflict => "year_conflict",
            WarningCode::MissingSection => "missing_section",
            WarningCode::BadNumber => "bad_number",
            WarningCode::UnplacedText => "unplaced_text",
            WarningCode::UnitMissing => "unit_missing",
            WarningCode::ImplausibleAmount => "implausible_amount",
            WarningCode::FileNameNotUtf8 => "file_name_not_utf8",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
