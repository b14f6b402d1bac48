//! The label vocabulary of the form: which normalised texts start which section, and which
//! header words name which column. Every variant departments type is listed here, once.

use super::pattern;
use regex::Regex;
use std::sync::LazyLock;

/// A section of the form, found by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Department,
    Preparer,
    Phone,
    Funds,
    Functions,
    Tasks,
    LongGoals,
    LongIndicators,
    AnnualGoal,
    AnnualIndicators,
}

/// Label prefixes (normalised: no white space, half-width) for each section, most specific
/// first. A cell is a section label when its text, without a trailing colon, starts with one
/// of these and is short; longer texts may carry the value inline ("年度目标：巩固…").
const SECTION_LABELS: &[(&str, Section)] = &[
    ("部门(单位)名称", Section::Department),
    ("部门(单位)", Section::Department),
    ("部门名称", Section::Department),
    ("单位名称", Section::Department),
    ("填报单位", Section::Department),
    ("预算单位名称", Section::Department),
    ("预算部门名称", Section::Department),
    ("预算单位", Section::Department),
    ("预算部门", Section::Department),
    ("填报人", Section::Preparer),
    ("填表人", Section::Preparer),
    ("经办人", Section::Preparer),
    ("联系人", Section::Preparer),
    ("联系电话", Section::Phone),
    ("联系方式", Section::Phone),
    ("电话", Section::Phone),
    ("部门总体资金情况", Section::Funds),
    ("部门整体资金情况", Section::Funds),
    ("单位总体资金情况", Section::Funds),
    ("总体资金情况", Section::Funds),
    ("部门职能概述", Section::Functions),
    ("部门职能", Section::Functions),
    ("部门主要职能", Section::Functions),
    ("单位职能概述", Section::Functions),
    ("职能概述", Section::Functions),
    ("主要职能", Section::Functions),
    ("年度工作任务", Section::Tasks),
    ("年度主要任务", Section::Tasks),
    ("年度重点工作任务", Section::Tasks),
    ("年度重点任务", Section::Tasks),
    ("年度主要工作任务", Section::Tasks),
    ("年度工作重点", Section::Tasks),
    ("主要工作任务", Section::Tasks),
    ("年度任务", Section::Tasks),
    ("工作任务", Section::Tasks),
    ("长期绩效指标", Section::LongIndicators),
    ("中长期绩效指标", Section::LongIndicators),
    ("长期指标", Section::LongIndicators),
    ("中长期目标", Section::LongGoals),
    ("部门长期目标", Section::LongGoals),
    ("长期目标", Section::LongGoals),
    ("年度绩效指标", Section::AnnualIndicators),
    ("年度指标", Section::AnnualIndicators),
    ("年度绩效目标", Section::AnnualGoal),
    ("部门年度目标", Section::AnnualGoal),
    ("年度目标", Section::AnnualGoal),
];

/// The first characters of `SECTION_LABELS` (a test keeps them in step).
const SECTION_FIRST_CHARS: [char; 14] = [
    '部', '单', '填', '预', '经', '联', '电', '总', '职', '主', '年', '工', '长', '中',
];

/// Matches a section label at the start of a normalised text; returns the section and the
/// length (in bytes) of the label that matched.
pub fn section_prefix(norm: &str) -> Option<(Section, usize)> {
    // Every cell of every form is asked; most of them start with none of the labels'
    // first characters and are refused before the list is walked.
    if !SECTION_FIRST_CHARS.contains(&norm.chars().next()?) {
        return None;
    }
    SECTION_LABELS
        .iter()
        .find(|(label, _)| norm.starts_with(label))
        .map(|(label, s)| (*s, label.len()))
}

/// A cell that is nothing but a section label (with an optional colon and a parenthesised
/// note such as "（截止2027年）"). Such a cell never carries the value itself.
pub fn section_label(norm: &str) -> Option<Section> {
    let (sec, len) = section_prefix(norm)?;
    let rest = norm[len..].trim_start_matches([':', '：']);
    if rest.is_empty() || is_note(rest) {
        Some(sec)
    } else {
        None
    }
}

/// "(截止2027年)", "(万元)", "(2024-2026年)": a parenthesised note after a label.
fn is_note(rest: &str) -> bool {
    (rest.starts_with('(') && rest.ends_with(')'))
        || (rest.starts_with('【') && rest.ends_with('】'))
}

/// The role of a column, read from the header cells of a funds or indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Level1,
    Level2,
    Level3,
    /// "指标值": the target unless more specific sub-columns stand below it.
    ValueGroup,
    /// "预期当年实现值" and other explicit current-year target columns.
    Target,
    /// "近两年指标值" / "近两年收支金额": the year columns stand below it.
    HistoryGroup,
    /// A year header ("2022年", "2022 年", 2022).
    Year(i32),
    Basis,
    Category,
    /// 计量单位: a unit written in its own column beside a bare number.
    Unit,
    /// 当年金额.
    Amount,
    /// 占比.
    Share,
    /// A column the record does not hold (备注, 序号).
    Ignore,
}

/// Reads a header cell's role. Order matters: "指标值确定依据" before "指标值".
pub fn header_role(norm: &str) -> Option<Role> {
    let n = norm.trim_end_matches([':', '：']);
    if let Some(y) = year_label(n) {
        return Some(Role::Year(y));
    }
    if !could_be_header(n) {
        return None;
    }
    let starts = |p: &str| n.starts_with(p);
    let has = |p: &str| n.contains(p);
    Some(if starts("一级指标") || n == "一级" {
        Role::Level1
    } else if starts("二级指标") || n == "二级" {
        Role::Level2
    } else if starts("三级指标") || n == "三级" {
        Role::Level3
    } else if has("依据") || starts("指标来源") {
        Role::Basis
    } else if starts("指标分类")
        || n == "分类"
        || starts("指标类型")
        || n == "类型"
        || starts("指标属性")
        || starts("指标类别")
        || n == "类别"
    {
        Role::Category
    } else if has("近两年")
        || has("前两年")
        || has("上两年")
        || starts("历史指标值")
        || has("近二年")
    {
        Role::HistoryGroup
    } else if starts("预期当年")
        || starts("当年指标值")
        || starts("预期")
        || starts("年度指标值")
        || starts("目标值")
        || starts("当年实现值")
    {
        Role::Target
    } else if starts("指标值") {
        Role::ValueGroup
    } else if starts("当年金额")
        || starts("当年预算")
        || n == "金额"
        || starts("预算数")
        || starts("预算金额")
        || starts("年初预算")
    {
        Role::Amount
    } else if starts("占比") || n == "比例" || n == "比重" || starts("占比(%)") {
        Role::Share
    } else if starts("计量单位") || starts("度量单位") || n == "单位" {
        Role::Unit
    } else if starts("备注") || n == "说明" || n == "序号" {
        Role::Ignore
    } else {
        return None;
    })
}

/// The first characters of the labels `header_role` compares from the start.
const HEADER_FIRST_CHARS: [char; 20] = [
    '一', '二', '三', '指', '分', '类', '历', '预', '当', '年', '目', '金', '占', '比', '计', '度',
    '单', '备', '说', '序',
];

/// A quick refusal for `header_role`, which every cell of a form is asked: true when `n`
/// starts with the first character of one of its labels or holds one of the words it looks
/// for anywhere. Keep in step with `header_role`.
fn could_be_header(n: &str) -> bool {
    let Some(first) = n.chars().next() else {
        return false;
    };
    HEADER_FIRST_CHARS.contains(&first)
        || n.chars().any(|c| matches!(c, '依' | '两' | '二'))
            && (n.contains("依据") || n.contains("两年") || n.contains("二年"))
}

static YEAR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^((?:19|20)\d{2})(?:\.0+)?(?:年度?)?(?:预算数|决算数|实际值|完成值|指标值|实际|金额|收支金额|收支|执行数|支出|收入|目标值|预算|决算)?$",
    )
});

/// This module's patterns, for `recognize::compile_patterns`.
pub(super) static PATTERNS: [&LazyLock<Regex>; 1] = [&YEAR_LABEL];

/// "2022年", "2022", "2022.0" (a number cell), "2022年度" → 2022.
pub fn year_label(norm: &str) -> Option<i32> {
    // The pattern is anchored on 19xx/20xx: most cells, amounts included ("1146.9"), are
    // refused on their first four bytes without running it, and a bare year is read
    // without it.
    let b = norm.as_bytes();
    if b.len() < 4 || !matches!(&b[..2], b"19" | b"20") || !b[2..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() == 4 {
        return norm.parse().ok();
    }
    YEAR_LABEL
        .captures(norm)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// Item labels that are the block's total.
pub fn is_total(norm: &str) -> bool {
    matches!(
        norm,
        "合计"
            | "总计"
            | "小计"
            | "收入合计"
            | "支出合计"
            | "总收入"
            | "总支出"
            | "收入总计"
            | "支出总计"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte prefilter and the bare-year shortcut agree with the pattern itself.
    #[test]
    fn year_labels_agree_with_the_pattern() {
        let by_pattern = |n: &str| {
            YEAR_LABEL
                .captures(n)
                .and_then(|c| c.get(1))
                .and_then(|m| m.as_str().parse::<i32>().ok())
        };
        for n in [
            "2022",
            "2022年",
            "2022.0",
            "2022年度",
            "2022年预算数",
            "1999决算",
            "20221",
            "1146.9",
            "100",
            "20",
            "202",
            "2a22",
            "2022 ",
            "2099",
            "1899",
            "3022",
            "２０２２",
            "2022年度支出",
            "20.5",
            "2001.5",
            "",
        ] {
            assert_eq!(year_label(n), by_pattern(n), "{n:?}");
        }
    }

    #[test]
    fn section_labels_with_colons_and_notes() {
        assert_eq!(
            section_label("长期目标:(截止2027年)"),
            Some(Section::LongGoals)
        );
        assert_eq!(section_label("年度目标:"), Some(Section::AnnualGoal));
        assert_eq!(section_label("部门(单位)名称"), Some(Section::Department));
        assert_eq!(section_label("长期绩效指标"), Some(Section::LongIndicators));
        assert_eq!(
            section_label("年度绩效指标"),
            Some(Section::AnnualIndicators)
        );
        assert_eq!(section_label("年度目标:巩固脱贫"), None);
        assert_eq!(
            section_prefix("年度目标:巩固脱贫").map(|s| s.0),
            Some(Section::AnnualGoal)
        );
        assert_eq!(section_label("部门整体绩效目标"), None);
    }

    #[test]
    fn every_section_label_passes_the_first_character_test() {
        for (label, sec) in SECTION_LABELS {
            assert_eq!(section_prefix(label), Some((*sec, label.len())), "{label}");
        }
        assert_eq!(section_prefix("≥95%"), None);
    }

    #[test]
    fn header_roles() {
        assert_eq!(header_role("指标值确定依据"), Some(Role::Basis));
        assert_eq!(header_role("依据"), Some(Role::Basis));
        assert_eq!(header_role("指标值"), Some(Role::ValueGroup));
        assert_eq!(header_role("近两年指标值"), Some(Role::HistoryGroup));
        assert_eq!(header_role("预期当年实现值"), Some(Role::Target));
        assert_eq!(header_role("2022年"), Some(Role::Year(2022)));
        assert_eq!(header_role("2023"), Some(Role::Year(2023)));
        assert_eq!(header_role("2023.0"), Some(Role::Year(2023)));
        assert_eq!(header_role("当年金额"), Some(Role::Amount));
        assert_eq!(header_role("占比"), Some(Role::Share));
        assert_eq!(header_role("近两年收支金额"), Some(Role::HistoryGroup));
        assert_eq!(header_role("公用经费控制率"), None);
    }

    #[test]
    fn quick_refusal_lets_every_header_label_through() {
        // Every word header_role looks for, as a whole cell and with text around it.
        let words = [
            "一级",
            "一级指标",
            "二级",
            "二级指标",
            "三级",
            "三级指标",
            "上两年",
            "依据",
            "分类",
            "前两年",
            "单位",
            "占比",
            "占比(%)",
            "历史指标值",
            "备注",
            "年初预算",
            "年度指标值",
            "序号",
            "度量单位",
            "当年实现值",
            "当年指标值",
            "当年金额",
            "当年预算",
            "指标值",
            "指标分类",
            "指标属性",
            "指标来源",
            "指标类别",
            "指标类型",
            "比例",
            "比重",
            "目标值",
            "类别",
            "类型",
            "计量单位",
            "说明",
            "近两年",
            "近二年",
            "金额",
            "预期",
            "预期当年",
            "预算数",
            "预算金额",
        ];
        for w in words {
            assert!(header_role(w).is_some(), "{w}");
            assert!(could_be_header(w), "{w}");
        }
        assert_eq!(header_role("2023年度指标值确定依据"), Some(Role::Basis));
        assert_eq!(header_role("绩效近两年指标值"), Some(Role::HistoryGroup));
        assert!(!could_be_header("公用经费控制率"));
    }
}
