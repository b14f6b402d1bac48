//! The project record: one 项目支出绩效目标表 (RECORD.md, "Project forms"). A department
//! files one per budget project, so by count most of an inbox is project forms; they go to
//! the dataset's `projects` list, beside the department `records`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::record::{FormType, Num, Source, Value, Warning};

/// One 项目支出绩效目标表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Project {
    /// The contract version, "1".
    #[schemars(extend("const" = "1"))]
    pub schema_version: String,
    /// Where the form came from.
    pub source: Source,
    /// "project".
    pub form_type: FormType,
    /// The name of the template definition that read the form.
    pub template: Option<String>,
    /// Title without trailing 表 and without a year: "项目支出绩效目标申报".
    pub form: String,
    /// The year in the title, a （2024年度） line or the file name.
    pub budget_year: Option<i32>,
    /// 项目名称.
    pub project: String,
    /// 主管部门 (the name; a code written with it goes to `department_code`).
    pub department: Option<String>,
    /// The code of 主管部门及代码.
    pub department_code: Option<String>,
    /// 实施单位 / 项目单位 / 用款单位.
    pub implementer: Option<String>,
    /// 项目属性: the option chosen, without a trailing 项目 ("新增", "延续").
    pub attribute: Option<String>,
    /// 项目类别 / 项目类型, as written.
    pub category: Option<String>,
    /// 项目负责人.
    pub leader: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 项目起止时间 / 实施期限.
    pub period: Option<Period>,
    /// The amount unit ("万元").
    pub unit: Option<String>,
    /// 项目资金: the mid-term (中期 / 总) block and the annual block.
    pub funds: ProjectFunds,
    /// 中期 / 长期 goals and 年度 goals.
    pub goals: Goals,
    /// 中期 / 长期 indicators and 年度 indicators.
    pub indicators: ProjectIndicators,
    /// Recoverable oddities (sum_mismatch, missing_section, …).
    pub warnings: Vec<Warning>,
}

/// 项目起止时间 as written and its ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// The cell as written.
    pub text: String,
    /// "YYYY-MM" where a month is given, "YYYY" where only a year is.
    pub start: Option<String>,
    /// As `start`.
    pub end: Option<String>,
}

/// The two funds blocks of a project form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProjectFunds {
    /// 中期资金 / 总资金, beside an annual block.
    pub mid_term: Option<Amounts>,
    /// 年度资金 (a lone block is annual).
    pub annual: Option<Amounts>,
}

/// One funds block: its total, the fiscal and other parts, and every source line.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Amounts {
    /// 资金总额 / 年度资金总额 / 中期资金总额.
    pub total: Option<Num>,
    /// 财政拨款 / 财政资金.
    pub fiscal: Option<Num>,
    /// 其他资金.
    pub other: Option<Num>,
    /// Every source line but the total, in form order, labels normalised.
    pub items: Vec<AmountItem>,
}

/// One source line of a funds block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AmountItem {
    /// 财政拨款, 自有资金, 上年结转, 其他资金 … (no 其中：, no colon).
    pub item: String,
    /// In the form's unit.
    pub amount: Option<Num>,
}

/// The goals of a project form, one string per numbered goal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Goals {
    /// 中期目标 / 长期目标 / 总目标.
    pub long_term: Vec<String>,
    /// 年度目标.
    pub annual: Vec<String>,
}

/// The indicators of a project form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProjectIndicators {
    /// 中期 / 长期 blocks (the left half of the central side-by-side layout).
    pub long_term: Vec<ProjectIndicator>,
    /// 年度 blocks; a single unlabelled 绩效指标 block is annual.
    pub annual: Vec<ProjectIndicator>,
}

/// One indicator row of a project form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectIndicator {
    /// 一级指标.
    pub level1: Option<String>,
    /// 二级指标.
    pub level2: Option<String>,
    /// 三级指标 / 指标内容 / 指标名称.
    pub level3: Option<String>,
    /// 指标值 / 目标值, read by RECORD.md's value rules (a 计量单位 column gives a plain
    /// number its unit).
    pub target: Value,
    /// 指标值确定依据.
    pub basis: Option<String>,
    /// 备注.
    pub remark: Option<String>,
}
