//! 项目: one line per project form (项目支出绩效目标表), the bulk of an inbox: who runs the
//! project, its funds in 万元 beside the unit and the annual total as written, how many
//! indicators and warnings, and where it was filed.

use super::ColumnKind::{Amount, Integer, Text};
use super::{Cell, Links, Money, Row, Table, col};
use crate::model::project::Project;

/// The 文件 column, linked at the end.
const FILE: usize = 15;

pub(super) fn row(p: &Project, money: Money, key: (String, String)) -> Row {
    let annual = p.funds.annual.as_ref();
    let mid = p.funds.mid_term.as_ref();
    Row::plain(
        key,
        vec![
            Cell::text(p.project.clone()),
            Cell::opt_text(&p.department),
            Cell::opt_text(&p.implementer),
            Cell::year(p.budget_year),
            Cell::opt_text(&p.attribute),
            money.wan(annual.and_then(|a| a.total)),
            money.wan(annual.and_then(|a| a.fiscal)),
            money.wan(annual.and_then(|a| a.other)),
            money.wan(mid.and_then(|a| a.total)),
            Money::unit_cell(&p.unit),
            Cell::num(annual.and_then(|a| a.total)),
            Cell::num(mid.and_then(|a| a.total)),
            Cell::count(p.indicators.long_term.len()),
            Cell::count(p.indicators.annual.len()),
            Cell::count(p.warnings.len()),
            Cell::text(p.source.path.clone()),
            Cell::text(super::display_location(&p.source.part)),
        ],
    )
}

pub(super) fn table(rows: Vec<Row>, links: &Links<'_>) -> Table {
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut cells = row.before;
            if let Cell::Text(p) = &cells[FILE] {
                cells[FILE] = links.file(p);
            }
            cells
        })
        .collect();
    Table {
        name: "项目",
        columns: vec![
            col("项目名称", 30.0, Text),
            col("主管部门", 24.0, Text),
            col("实施单位", 24.0, Text),
            col("年度", 8.0, Integer),
            col("属性", 8.0, Text),
            col("年度资金总额（万元）", 18.0, Amount),
            col("其中财政拨款（万元）", 18.0, Amount),
            col("其他资金（万元）", 16.0, Amount),
            col("中期资金总额（万元）", 18.0, Amount),
            col("单位", 10.0, Text),
            col("年度资金总额（原表单位）", 20.0, Amount),
            col("中期资金总额（原表单位）", 20.0, Amount),
            col("长期指标数", 11.0, Integer),
            col("年度指标数", 11.0, Integer),
            col("警告数", 8.0, Integer),
            col("文件", 40.0, Text),
            col("表/工作表", 24.0, Text),
        ],
        rows,
    }
}
