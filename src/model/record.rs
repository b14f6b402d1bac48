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
pub struct Num(pub f64);

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
    #[schemars(extend("const" = "1"))]
    pub schema_version: String,
    pub source: Source,
    /// Title without trailing 表 and without a year: "部门整体绩效目标".
    pub form: String,
    pub department: String,
    pub preparer: Option<String>,
    pub phone: Option<String>,
    /// "万元" from 单位：万元.
    pub unit: Option<String>,
    /// The year the form plans for.
    pub budget_year: Option<i32>,
    pub funds: Funds,
    pub functions: Vec<String>,
    pub annual_tasks: Vec<TaskGroup>,
    pub long_term: LongTerm,
    pub annual: Annual,
    pub warnings: Vec<Warning>,
}

/// 部门总体资金情况.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct Funds {
    /// The two 近两年 years, oldest first.
    pub years: Vec<i32>,
    pub income: FundsBlock,
    pub expenditure: FundsBlock,
}

/// 收入构成 or 支出构成.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct FundsBlock {
    pub items: Vec<FundsLine>,
    pub total: Option<FundsLine>,
}

/// One line of the funds table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundsLine {
    pub item: String,
    pub amount: Option<Num>,
    pub share_percent: Option<Num>,
    /// Year (as a string key) → amount.
    pub history: BTreeMap<String, Option<Num>>,
}

/// A （一） heading and its numbered items in 年度工作任务.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskGroup {
    pub title: Option<String>,
    pub items: Vec<String>,
}

/// 长期目标 and 长期绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct LongTerm {
    pub deadline_year: Option<i32>,
    pub goals: Vec<String>,
    pub indicators: Vec<LongTermIndicator>,
}

/// One row of 长期绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LongTermIndicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    pub target: Value,
    pub basis: Option<String>,
    pub category: Option<String>,
}

/// 年度目标 and 年度绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, JsonSchema)]
pub struct Annual {
    pub goal: Option<String>,
    pub indicators: Vec<AnnualIndicator>,
}

/// One row of 年度绩效指标.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnualIndicator {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    /// Year (as a string key) → the 近两年指标值 of that year.
    pub history: BTreeMap<String, Value>,
    pub target: Value,
    pub basis: Option<String>,
    pub category: Option<String>,
}

/// The kind of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    Percent,
    Number,
    Text,
    Empty,
}

/// An indicator value: the text as written and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Value {
    /// The cell as written, trimmed.
    pub text: String,
    pub kind: ValueKind,
    /// ">=", "<=", ">", "<" or null.
    pub op: Option<String>,
    pub number: Option<Num>,
    pub unit: Option<String>,
}

/// A recoverable oddity found in a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable English code: sum_mismatch, share_mismatch, year_conflict, missing_section,
    /// bad_number …
    pub code: String,
    /// Chinese explanation for finance staff.
    pub message: String,
    /// "sheet1!D8" or "table 1 row 8 col 4".
    pub location: String,
}
