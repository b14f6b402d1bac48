//! Templates are data: what a form holds (its header fields, its sections in form order,
//! each of a kind the engine knows how to read, and the record field it fills) and every
//! label variant of its sections, fields and columns. Bureau IT staff teach perfsheet a new
//! wording by editing or adding a TOML file (`templates/`, embedded at build time; more at
//! run time with `--templates`), not by waiting for a release.
//!
//! The definitions are compiled once into one [`Vocabulary`] for all templates, so that a
//! cell is matched against every label of every template in one pass of an automaton.

mod schema;
mod vocab;

use std::path::Path;
use std::sync::{Arc, LazyLock};

pub use vocab::{Hits, Meaning, Vocabulary};

use crate::model::record::FormType;

/// A template as the engine uses it (labels normalised, see `templates/department.toml`
/// for the label syntax).
#[derive(Debug, Clone)]
pub struct Template {
    /// Its stable name, written in every record it reads.
    pub name: String,
    /// The file it was defined in (`built-in:…` for the embedded ones).
    pub source: String,
    /// Which list its forms go into.
    pub form_type: FormType,
    /// What it is, for `perfsheet templates`.
    pub description: String,
    /// The record's `form` when no title names the form.
    pub form: String,
    /// Words a title of this form holds.
    pub title: Vec<String>,
    /// Labels that mark another form.
    pub refuse: Vec<String>,
    /// Texts inside the form that belong to no field and are not worth a warning.
    pub ignore: Vec<String>,
    /// The number of distinct sections a form of this template shows at least.
    pub min_sections: usize,
    /// Header fields and their labels.
    pub fields: Vec<(Slot, Vec<String>)>,
    /// Body sections in form order.
    pub sections: Vec<Section>,
    /// Column header words by role, in the order roles are tried.
    pub columns: Vec<(Role, Vec<String>)>,
    /// Money-table block labels: income.
    pub income: Vec<String>,
    /// Money-table block labels: expenditure.
    pub expenditure: Vec<String>,
    /// Money-table total lines.
    pub totals: Vec<String>,
}

/// One body section of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The record field it fills.
    pub slot: Slot,
    /// How the engine reads it.
    pub kind: Kind,
    /// Its label variants.
    pub labels: Vec<String>,
}

/// How the engine reads a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Item rows × amount, share and history columns (部门总体资金情况).
    MoneyTable,
    /// A text cell of numbered items, one string per item.
    List,
    /// A text cell kept as one string.
    Text,
    /// （一） headings grouping numbered items (年度工作任务).
    TaskGroups,
    /// Level columns × value columns (绩效指标).
    Indicators,
    /// Task rows × name, content and amount columns, with a 金额合计 row (年度主要任务).
    TaskTable,
    /// A funds block: 资金总额 / 财政拨款 / 其他资金 as rows, columns or inline text.
    Amounts,
    /// A section that belongs to no record (审核意见, 项目概况): read past, never warned about.
    Ignore,
}

impl Kind {
    /// Every kind, as written in definitions.
    pub const ALL: [Kind; 8] = [
        Kind::MoneyTable,
        Kind::List,
        Kind::Text,
        Kind::TaskGroups,
        Kind::Indicators,
        Kind::TaskTable,
        Kind::Amounts,
        Kind::Ignore,
    ];

    /// The name in a definition's `kind = "…"`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::MoneyTable => "money_table",
            Kind::List => "list",
            Kind::Text => "text",
            Kind::TaskGroups => "task_groups",
            Kind::Indicators => "indicators",
            Kind::TaskTable => "task_table",
            Kind::Amounts => "amounts",
            Kind::Ignore => "ignore",
        }
    }
}

/// A record field a template's label leads to: a header field or a body section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// 部门（单位）名称 (department forms).
    Department,
    /// 填报人.
    Preparer,
    /// 联系电话.
    Phone,
    /// 部门总体资金情况.
    Funds,
    /// 部门职能概述.
    Functions,
    /// 年度工作任务.
    AnnualTasks,
    /// 长期目标.
    LongGoals,
    /// 长期绩效指标.
    LongIndicators,
    /// 年度目标.
    AnnualGoal,
    /// 年度绩效指标.
    AnnualIndicators,
    /// 年度主要任务 (national template).
    MainTasks,
    /// 项目名称.
    Project,
    /// 主管部门 (project forms).
    Supervisor,
    /// 实施单位.
    Implementer,
    /// 项目属性.
    Attribute,
    /// 项目类别.
    Category,
    /// 项目负责人.
    Leader,
    /// 项目起止时间.
    Period,
    /// 项目资金.
    ProjectFunds,
    /// 中期目标 / 长期目标 of a project.
    MidTermGoals,
    /// 年度目标 of a project.
    YearGoals,
    /// A lone 绩效目标 of a project (annual).
    Goals,
    /// 长期 / 中期绩效指标 of a project.
    MidTermIndicators,
    /// 年度绩效指标 of a project.
    YearIndicators,
    /// A lone 绩效指标 block of a project (annual, or both halves side by side).
    Indicators,
    /// A section that belongs to no record.
    Ignore,
}

impl Slot {
    /// Every slot.
    pub const ALL: [Slot; 26] = [
        Slot::Department,
        Slot::Preparer,
        Slot::Phone,
        Slot::Funds,
        Slot::Functions,
        Slot::AnnualTasks,
        Slot::LongGoals,
        Slot::LongIndicators,
        Slot::AnnualGoal,
        Slot::AnnualIndicators,
        Slot::MainTasks,
        Slot::Project,
        Slot::Supervisor,
        Slot::Implementer,
        Slot::Attribute,
        Slot::Category,
        Slot::Leader,
        Slot::Period,
        Slot::ProjectFunds,
        Slot::MidTermGoals,
        Slot::YearGoals,
        Slot::Goals,
        Slot::MidTermIndicators,
        Slot::YearIndicators,
        Slot::Indicators,
        Slot::Ignore,
    ];

    /// The field as a definition names it (`field = "…"`), a path in the record.
    pub fn field_name(self) -> &'static str {
        match self {
            Slot::Department | Slot::Supervisor => "department",
            Slot::Preparer => "preparer",
            Slot::Phone => "phone",
            Slot::Funds | Slot::ProjectFunds => "funds",
            Slot::Functions => "functions",
            Slot::AnnualTasks => "annual_tasks",
            Slot::LongGoals => "long_term.goals",
            Slot::LongIndicators => "long_term.indicators",
            Slot::AnnualGoal => "annual.goal",
            Slot::AnnualIndicators => "annual.indicators",
            Slot::MainTasks => "main_tasks",
            Slot::Project => "project",
            Slot::Implementer => "implementer",
            Slot::Attribute => "attribute",
            Slot::Category => "category",
            Slot::Leader => "leader",
            Slot::Period => "period",
            Slot::MidTermGoals => "goals.long_term",
            Slot::YearGoals => "goals.annual",
            Slot::Goals => "goals",
            Slot::MidTermIndicators => "indicators.long_term",
            Slot::YearIndicators => "indicators.annual",
            Slot::Indicators => "indicators",
            Slot::Ignore => "ignore",
        }
    }

    /// The form type whose record holds the field; `None` for both.
    pub fn form_type(self) -> Option<FormType> {
        match self {
            Slot::Phone | Slot::Ignore => None,
            Slot::Department
            | Slot::Preparer
            | Slot::Funds
            | Slot::Functions
            | Slot::AnnualTasks
            | Slot::LongGoals
            | Slot::LongIndicators
            | Slot::AnnualGoal
            | Slot::AnnualIndicators
            | Slot::MainTasks => Some(FormType::Department),
            _ => Some(FormType::Project),
        }
    }

    /// A header field (a label and its value), not a body section.
    pub fn is_header(self) -> bool {
        matches!(
            self,
            Slot::Department
                | Slot::Preparer
                | Slot::Phone
                | Slot::Project
                | Slot::Supervisor
                | Slot::Implementer
                | Slot::Attribute
                | Slot::Category
                | Slot::Leader
                | Slot::Period
        )
    }

    /// The kinds a section filling this slot may be read as; the first is the default.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Slot::Funds => &[Kind::MoneyTable],
            Slot::Functions | Slot::LongGoals | Slot::MidTermGoals | Slot::YearGoals => {
                &[Kind::List, Kind::Text]
            }
            Slot::Goals => &[Kind::List, Kind::Text],
            Slot::AnnualTasks => &[Kind::TaskGroups, Kind::List],
            Slot::AnnualGoal => &[Kind::Text, Kind::List],
            Slot::LongIndicators
            | Slot::AnnualIndicators
            | Slot::MidTermIndicators
            | Slot::YearIndicators
            | Slot::Indicators => &[Kind::Indicators],
            Slot::MainTasks => &[Kind::TaskTable],
            Slot::ProjectFunds => &[Kind::Amounts],
            Slot::Ignore => &[Kind::Ignore],
            _ => &[],
        }
    }
}

/// The role of a column, read from the header cells of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标 / 指标内容.
    Level3,
    /// "指标值": the target unless more specific sub-columns stand below it.
    ValueGroup,
    /// "预期当年实现值" and other explicit current-year target columns.
    Target,
    /// "近两年指标值" / "近两年收支金额": the year columns stand below it.
    HistoryGroup,
    /// A year header ("2022年", "2022 年", 2022).
    Year(i32),
    /// 指标值确定依据.
    Basis,
    /// 指标分类.
    Category,
    /// 计量单位: a unit written in its own column beside a bare number.
    Unit,
    /// 当年金额.
    Amount,
    /// 占比.
    Share,
    /// 备注.
    Remark,
    /// 任务名称.
    TaskName,
    /// 主要内容.
    TaskContent,
    /// 总额 / 资金总额.
    Total,
    /// 财政拨款.
    Fiscal,
    /// 其他资金.
    Other,
    /// A 中期 / 长期 half of a side-by-side table.
    MidTerm,
    /// A 年度 half of a side-by-side table.
    Annual,
    /// A column the record does not hold (序号, 说明).
    Ignore,
}

/// Why a definition cannot be used, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The file.
    pub path: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// A stable code.
    pub code: TemplateErrorCode,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// The stable code of a template error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateErrorCode {
    /// The file is not valid TOML, or has a key the schema does not know.
    Syntax,
    /// A required key is missing.
    MissingKey,
    /// A value is not one of those allowed.
    UnknownValue,
    /// `field = "…"` names no field of the record.
    UnknownField,
    /// A section kind that cannot fill its field.
    WrongKind,
    /// A label that cannot be used.
    BadLabel,
    /// A template name that cannot be used.
    BadName,
    /// Two templates of one name.
    DuplicateName,
    /// `extends` names no template.
    UnknownTemplate,
    /// The file or folder cannot be read.
    Unreadable,
}

impl TemplateErrorCode {
    /// The code as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateErrorCode::Syntax => "template_syntax",
            TemplateErrorCode::MissingKey => "template_missing_key",
            TemplateErrorCode::UnknownValue => "template_unknown_value",
            TemplateErrorCode::UnknownField => "template_unknown_field",
            TemplateErrorCode::WrongKind => "template_wrong_kind",
            TemplateErrorCode::BadLabel => "template_bad_label",
            TemplateErrorCode::BadName => "template_bad_name",
            TemplateErrorCode::DuplicateName => "template_duplicate_name",
            TemplateErrorCode::UnknownTemplate => "template_unknown_template",
            TemplateErrorCode::Unreadable => "template_unreadable",
        }
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(
                f,
                "{}:{line}: {} [{}]",
                self.path,
                self.message,
                self.code.as_str()
            ),
            None => write!(
                f,
                "{}: {} [{}]",
                self.path,
                self.message,
                self.code.as_str()
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// The templates embedded in the binary, in the order they are tried.
const BUILT_IN: [(&str, &str); 3] = [
    (
        "department.toml",
        include_str!("../../../templates/department.toml"),
    ),
    (
        "national_department.toml",
        include_str!("../../../templates/national_department.toml"),
    ),
    (
        "project.toml",
        include_str!("../../../templates/project.toml"),
    ),
];

/// Every template of a run, compiled.
#[derive(Debug)]
pub struct TemplateSet {
    templates: Vec<Template>,
    vocabulary: Vocabulary,
}

static BUILT_IN_SET: LazyLock<Arc<TemplateSet>> = LazyLock::new(|| {
    let mut builder = TemplateSetBuilder::default();
    for (name, text) in BUILT_IN {
        // The embedded definitions are part of this source; a test loads each of them.
        if let Err(e) = builder.add_text(&format!("built-in:{name}"), text) {
            debug_assert!(false, "{e}");
        }
    }
    Arc::new(builder.build())
});

impl TemplateSet {
    /// The templates embedded in the binary.
    pub fn built_in() -> Arc<TemplateSet> {
        Arc::clone(&BUILT_IN_SET)
    }

    /// The templates, in the order they are tried.
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The compiled labels of all templates.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }
}

/// Gathers definitions: the built-in ones, then those a bureau adds.
#[derive(Debug, Default)]
pub struct TemplateSetBuilder {
    templates: Vec<Template>,
}

impl TemplateSetBuilder {
    /// Starts from the built-in templates.
    pub fn with_built_in() -> Self {
        TemplateSetBuilder {
            templates: TemplateSet::built_in().templates.clone(),
        }
    }

    /// Adds a definition given as text (`path` names it in errors).
    pub fn add_text(&mut self, path: &str, text: &str) -> Result<&mut Self, TemplateError> {
        let src = schema::Source { path, text };
        let mut file = schema::parse(&src)?;
        match (&file.extends, &file.name) {
            (Some(base), None) => {
                let Some(t) = self
                    .templates
                    .iter_mut()
                    .find(|t| &t.name == base.get_ref())
                else {
                    let known: Vec<&str> = self.templates.iter().map(|t| t.name.as_str()).collect();
                    return Err(src.error_at(
                        Some(base.span().start),
                        TemplateErrorCode::UnknownTemplate,
                        format!(
                            "没有名为“{}”的模板可以扩充，现有：{}",
                            base.get_ref(),
                            known.join("、")
                        ),
                    ));
                };
                schema::extend(&src, t, &mut file)?;
            }
            (Some(base), Some(_)) => {
                return Err(src.error_at(
                    Some(base.span().start),
                    TemplateErrorCode::UnknownValue,
                    "name 与 extends 只能写一个：新模板写 name，扩充已有模板写 extends",
                ));
            }
            (None, _) => {
                let t = schema::new_template(&src, file)?;
                if self.templates.iter().any(|x| x.name == t.name) {
                    return Err(src.error_at(
                        None,
                        TemplateErrorCode::DuplicateName,
                        format!(
                            "已有名为“{}”的模板；要补充它的标签请写 extends = \"{}\"",
                            t.name, t.name
                        ),
                    ));
                }
                self.templates.push(t);
            }
        }
        Ok(self)
    }

    /// Adds a definition file, or every `.toml` file of a folder (in name order).
    pub fn add_path(&mut self, path: &Path) -> Result<&mut Self, TemplateError> {
        let unreadable = |e: std::io::Error| TemplateError {
            path: path.display().to_string(),
            line: None,
            code: TemplateErrorCode::Unreadable,
            message: format!("无法读取模板定义（{e}）"),
        };
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(unreadable)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                })
                .collect();
            files.sort();
            for f in files {
                self.add_path(&f)?;
            }
            return Ok(self);
        }
        let text = std::fs::read_to_string(path).map_err(unreadable)?;
        self.add_text(&path.display().to_string(), &text)
    }

    /// Compiles the templates.
    pub fn build(self) -> TemplateSet {
        let vocabulary = Vocabulary::compile(&self.templates);
        TemplateSet {
            templates: self.templates,
            vocabulary,
        }
    }
}

/// `perfsheet templates`: every template with its title words, sections and labels.
pub fn describe(set: &TemplateSet) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let join = |ls: &[String]| ls.join("、");
    for (i, t) in set.templates().iter().enumerate() {
        let _ = writeln!(out, "{}. {}（{}）", i + 1, t.name, t.description);
        let kind = match t.form_type {
            FormType::Department => "部门整体 → records",
            FormType::Project => "项目 → projects",
        };
        let _ = writeln!(
            out,
            "   表种 / form type: {kind}；定义 / defined in: {}",
            t.source
        );
        let _ = writeln!(out, "   标题 / title: {}", join(&t.title));
        if !t.refuse.is_empty() {
            let _ = writeln!(out, "   排除 / refuses: {}", join(&t.refuse));
        }
        for (slot, labels) in &t.fields {
            let _ = writeln!(
                out,
                "   字段 / field {}: {}",
                slot.field_name(),
                join(labels)
            );
        }
        for s in &t.sections {
            let _ = writeln!(
                out,
                "   栏目 / section {} ({}): {}",
                s.slot.field_name(),
                s.kind.name(),
                join(&s.labels)
            );
        }
        for (role, labels) in &t.columns {
            let _ = writeln!(out, "   列 / column {role:?}: {}", join(labels));
        }
        if !t.income.is_empty() || !t.totals.is_empty() {
            let _ = writeln!(
                out,
                "   收支 / money: 收入 {}；支出 {}；合计 {}",
                join(&t.income),
                join(&t.expenditure),
                join(&t.totals)
            );
        }
        let _ = writeln!(out);
    }
    out
}

#[cfg(test)]
mod tests;
