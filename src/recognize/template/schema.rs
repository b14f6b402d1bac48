//! The TOML a template definition is written in, as serde reads it, and the checks that
//! turn a definition into a `Template` or say, with its line, what is wrong with it.

use serde::Deserialize;
use toml::Spanned;

use super::{Kind, Role, Slot, Template, TemplateError, TemplateErrorCode};
use crate::model::record::FormType;
use crate::model::text::normalize_label;

/// A definition file: a new template, or additions to one (`extends`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub name: Option<Spanned<String>>,
    pub extends: Option<Spanned<String>>,
    pub form_type: Option<Spanned<String>>,
    pub description: Option<String>,
    pub form: Option<String>,
    #[serde(default)]
    pub title: Vec<Spanned<String>>,
    #[serde(default)]
    pub refuse: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    pub min_sections: Option<Spanned<i64>>,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub sections: Vec<SectionDef>,
    #[serde(default)]
    pub columns: Columns,
    #[serde(default)]
    pub money: Money,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldDef {
    pub field: Spanned<String>,
    #[serde(default)]
    pub labels: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionDef {
    pub field: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub labels: Vec<Spanned<String>>,
}

/// Column header words by role, in the order roles are tried.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Columns {
    #[serde(default)]
    pub level1: Vec<Spanned<String>>,
    #[serde(default)]
    pub level2: Vec<Spanned<String>>,
    #[serde(default)]
    pub level3: Vec<Spanned<String>>,
    #[serde(default)]
    pub basis: Vec<Spanned<String>>,
    #[serde(default)]
    pub category: Vec<Spanned<String>>,
    #[serde(default)]
    pub history: Vec<Spanned<String>>,
    #[serde(default)]
    pub target: Vec<Spanned<String>>,
    #[serde(default)]
    pub value: Vec<Spanned<String>>,
    #[serde(default)]
    pub amount: Vec<Spanned<String>>,
    #[serde(default)]
    pub share: Vec<Spanned<String>>,
    #[serde(default)]
    pub unit: Vec<Spanned<String>>,
    #[serde(default)]
    pub remark: Vec<Spanned<String>>,
    #[serde(default)]
    pub task_name: Vec<Spanned<String>>,
    #[serde(default)]
    pub task_content: Vec<Spanned<String>>,
    #[serde(default)]
    pub total: Vec<Spanned<String>>,
    #[serde(default)]
    pub fiscal: Vec<Spanned<String>>,
    #[serde(default)]
    pub other: Vec<Spanned<String>>,
    #[serde(default)]
    pub mid_term: Vec<Spanned<String>>,
    #[serde(default)]
    pub annual: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
}

impl Columns {
    /// Every role with its labels, in the order roles are tried.
    fn roles(&mut self) -> [(Role, &mut Vec<Spanned<String>>); 20] {
        [
            (Role::Level1, &mut self.level1),
            (Role::Level2, &mut self.level2),
            (Role::Level3, &mut self.level3),
            (Role::Basis, &mut self.basis),
            (Role::Category, &mut self.category),
            (Role::HistoryGroup, &mut self.history),
            (Role::Target, &mut self.target),
            (Role::ValueGroup, &mut self.value),
            (Role::Amount, &mut self.amount),
            (Role::Share, &mut self.share),
            (Role::Unit, &mut self.unit),
            (Role::Remark, &mut self.remark),
            (Role::TaskName, &mut self.task_name),
            (Role::TaskContent, &mut self.task_content),
            (Role::Total, &mut self.total),
            (Role::Fiscal, &mut self.fiscal),
            (Role::Other, &mut self.other),
            (Role::MidTerm, &mut self.mid_term),
            (Role::Annual, &mut self.annual),
            (Role::Ignore, &mut self.ignore),
        ]
    }
}

/// The money table's block labels and its total lines.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Money {
    #[serde(default)]
    pub income: Vec<Spanned<String>>,
    #[serde(default)]
    pub expenditure: Vec<Spanned<String>>,
    #[serde(default)]
    pub total: Vec<Spanned<String>>,
}

/// Where a definition came from, for its errors: the file's name and its text.
pub(super) struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// The 1-based line of a byte offset.
    fn line(&self, at: usize) -> usize {
        self.text
            .as_bytes()
            .iter()
            .take(at)
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub(super) fn error_at(
        &self,
        at: Option<usize>,
        code: TemplateErrorCode,
        message: impl Into<String>,
    ) -> TemplateError {
        TemplateError {
            path: self.path.to_string(),
            line: at.map(|a| self.line(a)),
            code,
            message: message.into(),
        }
    }

    fn error<T>(
        &self,
        spanned: &Spanned<T>,
        code: TemplateErrorCode,
        message: impl Into<String>,
    ) -> TemplateError {
        self.error_at(Some(spanned.span().start), code, message)
    }
}

/// Parses a definition file.
pub(super) fn parse(src: &Source<'_>) -> Result<File, TemplateError> {
    toml::from_str(src.text).map_err(|e| {
        let at = e.span().map(|s| s.start);
        src.error_at(
            at,
            TemplateErrorCode::Syntax,
            format!("无法读取模板定义：{}", e.message()),
        )
    })
}

/// Checks a label and gives it in its normalised form.
fn label(
    src: &Source<'_>,
    l: &Spanned<String>,
    allow_contains: bool,
) -> Result<String, TemplateError> {
    let raw = l.get_ref();
    let (sigil, body) = match raw.chars().next() {
        Some(c @ ('=' | '*')) => (Some(c), &raw[c.len_utf8()..]),
        _ => (None, raw.as_str()),
    };
    let norm = normalize_label(body);
    if norm.is_empty() {
        return Err(src.error(l, TemplateErrorCode::BadLabel, "标签不能为空"));
    }
    if sigil == Some('*') && !allow_contains {
        return Err(src.error(
            l,
            TemplateErrorCode::BadLabel,
            format!("“{raw}”：栏目和字段的标签只能用开头匹配或“=”完全匹配，“*”只用于列标题"),
        ));
    }
    Ok(match sigil {
        Some(c) => format!("{c}{norm}"),
        None => norm,
    })
}

fn labels(
    src: &Source<'_>,
    ls: &[Spanned<String>],
    allow_contains: bool,
) -> Result<Vec<String>, TemplateError> {
    ls.iter().map(|l| label(src, l, allow_contains)).collect()
}

/// The form type named in a definition.
fn form_type(src: &Source<'_>, s: &Spanned<String>) -> Result<FormType, TemplateError> {
    match s.get_ref().as_str() {
        "department" => Ok(FormType::Department),
        "project" => Ok(FormType::Project),
        other => Err(src.error(
            s,
            TemplateErrorCode::UnknownValue,
            format!("form_type 只能是 department（部门整体）或 project（项目），不能是“{other}”"),
        )),
    }
}

/// Builds a new template from a definition file.
pub(super) fn new_template(src: &Source<'_>, mut file: File) -> Result<Template, TemplateError> {
    let Some(name) = file.name.clone() else {
        return Err(src.error_at(
            None,
            TemplateErrorCode::MissingKey,
            "缺少 name（模板名称）或 extends（要扩充的模板）",
        ));
    };
    if !name
        .get_ref()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        || name.get_ref().is_empty()
    {
        return Err(src.error(
            &name,
            TemplateErrorCode::BadName,
            "模板名称只能由英文字母、数字、下划线和连字符组成（它写在每条记录的 template 字段中）",
        ));
    }
    let Some(ft) = file.form_type.clone() else {
        return Err(src.error(
            &name,
            TemplateErrorCode::MissingKey,
            "缺少 form_type（department 或 project）",
        ));
    };
    let form_type = form_type(src, &ft)?;
    let mut template = Template {
        name: name.get_ref().clone(),
        source: src.path.to_string(),
        form_type,
        description: file.description.clone().unwrap_or_default(),
        form: file.form.clone().unwrap_or_default(),
        title: Vec::new(),
        refuse: Vec::new(),
        ignore: Vec::new(),
        min_sections: 2,
        fields: Vec::new(),
        sections: Vec::new(),
        columns: Vec::new(),
        income: Vec::new(),
        expenditure: Vec::new(),
        totals: Vec::new(),
    };
    if template.form.is_empty() {
        return Err(src.error(
            &name,
            TemplateErrorCode::MissingKey,
            "缺少 form（没有标题时记录的 form 字段，如“部门整体绩效目标”）",
        ));
    }
    extend(src, &mut template, &mut file)?;
    if template.sections.is_empty() {
        return Err(src.error(
            &name,
            TemplateErrorCode::MissingKey,
            "模板至少要有一个 [[sections]]（正文栏目）",
        ));
    }
    Ok(template)
}

/// Adds what a definition file says to `template` (a new one, or the one it extends).
pub(super) fn extend(
    src: &Source<'_>,
    template: &mut Template,
    file: &mut File,
) -> Result<(), TemplateError> {
    if let Some(ft) = &file.form_type
        && form_type(src, ft)? != template.form_type
    {
        return Err(src.error(
            ft,
            TemplateErrorCode::UnknownValue,
            "扩充模板时不能改变 form_type",
        ));
    }
    if let Some(n) = &file.min_sections {
        let v = *n.get_ref();
        if !(1..=20).contains(&v) {
            return Err(src.error(
                n,
                TemplateErrorCode::UnknownValue,
                "min_sections 应在 1 到 20 之间",
            ));
        }
        template.min_sections = v as usize;
    }
    template.title.extend(labels(src, &file.title, true)?);
    template.refuse.extend(labels(src, &file.refuse, true)?);
    template.ignore.extend(labels(src, &file.ignore, true)?);
    for f in &file.fields {
        let slot = slot_of(src, template.form_type, &f.field, true)?;
        let ls = labels(src, &f.labels, false)?;
        match template.fields.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, existing)) => existing.extend(ls),
            None => template.fields.push((slot, ls)),
        }
    }
    for s in &file.sections {
        let slot = slot_of(src, template.form_type, &s.field, false)?;
        let existing = template.sections.iter().position(|d| d.slot == slot);
        let kind = match (&s.kind, existing) {
            (Some(k), _) => {
                let kind = kind_of(src, k)?;
                if !slot.kinds().contains(&kind) {
                    return Err(src.error(
                        k,
                        TemplateErrorCode::WrongKind,
                        format!(
                            "字段 {} 不能用 kind = \"{}\"，可用：{}",
                            s.field.get_ref(),
                            k.get_ref(),
                            slot.kinds()
                                .iter()
                                .map(|k| k.name())
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    ));
                }
                kind
            }
            (None, Some(i)) => template.sections[i].kind,
            (None, None) => slot.kinds()[0],
        };
        let ls = labels(src, &s.labels, false)?;
        match existing {
            Some(i) => {
                template.sections[i].kind = kind;
                template.sections[i].labels.extend(ls);
            }
            None => template.sections.push(super::Section {
                slot,
                kind,
                labels: ls,
            }),
        }
    }
    for (role, ls) in file.columns.roles() {
        let ls = labels(src, ls, true)?;
        if ls.is_empty() {
            continue;
        }
        match template.columns.iter_mut().find(|(r, _)| *r == role) {
            Some((_, existing)) => existing.extend(ls),
            None => template.columns.push((role, ls)),
        }
    }
    template
        .income
        .extend(labels(src, &file.money.income, true)?);
    template
        .expenditure
        .extend(labels(src, &file.money.expenditure, true)?);
    template
        .totals
        .extend(labels(src, &file.money.total, true)?);
    Ok(())
}

fn kind_of(src: &Source<'_>, k: &Spanned<String>) -> Result<Kind, TemplateError> {
    Kind::ALL
        .iter()
        .copied()
        .find(|x| x.name() == k.get_ref())
        .ok_or_else(|| {
            src.error(
                k,
                TemplateErrorCode::UnknownValue,
                format!(
                    "未知的栏目类型 kind = \"{}\"，可用：{}",
                    k.get_ref(),
                    Kind::ALL
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            )
        })
}

/// The slot a `field = "…"` names, for a header field or a body section.
fn slot_of(
    src: &Source<'_>,
    form_type: FormType,
    field: &Spanned<String>,
    header: bool,
) -> Result<Slot, TemplateError> {
    let name = field.get_ref().as_str();
    let found = Slot::ALL
        .iter()
        .copied()
        .find(|s| s.field_name() == name && s.form_type().is_none_or(|t| t == form_type));
    match found {
        Some(s) if s.is_header() == header => Ok(s),
        Some(_) if header => Err(src.error(
            field,
            TemplateErrorCode::UnknownField,
            format!("“{name}”是正文栏目，应写在 [[sections]] 中"),
        )),
        Some(_) => Err(src.error(
            field,
            TemplateErrorCode::UnknownField,
            format!("“{name}”是表头字段，应写在 [[fields]] 中"),
        )),
        None => {
            let known: Vec<&str> = Slot::ALL
                .iter()
                .filter(|s| {
                    (s.form_type() == Some(form_type) || s.form_type().is_none())
                        && s.is_header() == header
                })
                .map(|s| s.field_name())
                .collect();
            Err(src.error(
                field,
                TemplateErrorCode::UnknownField,
                format!("记录中没有字段“{name}”，可用：{}", known.join("、")),
            ))
        }
    }
}
