//! Column roles read from header rows, and the cells of a data row mapped onto them. Shared
//! by the funds table and both indicator tables: both put a few header rows above the data,
//! with group headers ("近两年…") spanning the year columns below them.

use super::Cx;
use super::rows::{LCell, LRow};
use super::template::Role;

/// A role and the grid columns its header covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub role: Role,
    pub col: u32,
    pub last_col: u32,
}

/// The columns of one table section, as read from its header rows.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub cols: Vec<Column>,
    /// Column count of the grid the header stood in: rows from a grid with another count (a
    /// table continued on the next page with its own column widths) are mapped by position.
    pub n_cols: Option<u32>,
}

impl Columns {
    /// The first column with the role.
    pub fn find(&self, role: Role) -> Option<&Column> {
        self.cols.iter().find(|c| c.role == role)
    }

    /// Year columns in column order.
    pub fn years(&self) -> Vec<(i32, Column)> {
        let mut ys: Vec<(i32, Column)> = self
            .cols
            .iter()
            .filter_map(|c| match c.role {
                Role::Year(y) => Some((y, *c)),
                _ => None,
            })
            .collect();
        ys.sort_by_key(|(_, c)| c.col);
        ys
    }

    /// The data cell of `row` under a column, honouring split tables.
    pub fn cell<'r, 'a>(&self, row: &'r LRow<'a>, column: &Column) -> Option<&'r LCell<'a>> {
        let same_layout = match (self.n_cols, row.grid) {
            (Some(n), Some(g)) => g.n_cols == n,
            _ => true,
        };
        if same_layout {
            return row.at(column.col);
        }
        // Another layout: the k-th role column (left to right) takes the k-th cell counted
        // from the right, since continuation tables drop section-label columns on the left.
        let mut starts: Vec<u32> = self.cols.iter().map(|c| c.col).collect();
        starts.sort_unstable();
        starts.dedup();
        let k = starts.iter().position(|c| *c == column.col)?;
        let offset = row.cells.len().checked_sub(starts.len())?;
        row.cells.get(offset + k)
    }
}

/// Reads the header rows that start at `rows[0]`: the rows whose labelled cells are header
/// words. Returns the columns and the index of the first data row.
pub fn read_header(
    rows: &[LRow<'_>],
    cx: Cx<'_>,
    current: Role,
    is_data_row: impl Fn(&LRow<'_>, &Columns) -> bool,
) -> (Columns, usize) {
    let mut cols = Columns::default();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        if i > 0 && is_data_row(row, &cols) {
            break;
        }
        let mut found = false;
        for c in row.cells.iter().filter(|c| !c.continued) {
            if let Some(role) = c.role(cx) {
                found = true;
                if !cols.cols.iter().any(|k| k.role == role && k.col == c.col) {
                    cols.cols.push(Column {
                        role,
                        col: c.col,
                        last_col: c.last_col,
                    });
                }
            }
        }
        if cols.n_cols.is_none() {
            cols.n_cols = row.grid.map(|g| g.n_cols);
        }
        if !found && i > 0 {
            break;
        }
        i += 1;
    }
    current_year_column(&mut cols, current);
    resolve_groups(&mut cols);
    (cols, i)
}

/// Some forms head the current-year column with its year ("2024年预算数" beside "2022年"
/// and "2023年" under "近两年…"). Without an explicit 当年 column, the latest year standing
/// outside the history group, or the latest of three or more years, is the current column
/// (`current`: Amount for funds, Target for indicators).
fn current_year_column(cols: &mut Columns, current: Role) {
    let explicit = cols.cols.iter().any(|c| {
        c.role == current
            || (current == Role::Target && c.role == Role::ValueGroup && cols.years().is_empty())
    });
    if explicit {
        return;
    }
    let years = cols.years();
    let Some(&(latest, latest_col)) = years.iter().max_by_key(|(y, _)| *y) else {
        return;
    };
    let history = cols.find(Role::HistoryGroup).copied();
    let outside = history.is_some_and(|h| latest_col.col < h.col || latest_col.col > h.last_col);
    if (outside || years.len() >= 3)
        && let Some(c) = cols
            .cols
            .iter_mut()
            .find(|c| c.role == Role::Year(latest) && c.col == latest_col.col)
    {
        c.role = current;
    }
}

/// A "指标值" group header with "近两年…" and "预期当年实现值" below it is not itself the
/// target; without sub-columns it is. Year headers outside any history group are history
/// columns too.
pub(super) fn resolve_groups(cols: &mut Columns) {
    let has_target = cols.cols.iter().any(|c| c.role == Role::Target);
    if has_target {
        cols.cols.retain(|c| c.role != Role::ValueGroup);
    } else if let Some(vg) = cols.cols.iter().position(|c| c.role == Role::ValueGroup) {
        let g = cols.cols[vg];
        // The target is the part of the value group not covered by history or years.
        let covered: Vec<(u32, u32)> = cols
            .cols
            .iter()
            .filter(|c| matches!(c.role, Role::HistoryGroup | Role::Year(_)))
            .map(|c| (c.col, c.last_col))
            .collect();
        let free = (g.col..=g.last_col).find(|x| !covered.iter().any(|(a, b)| a <= x && x <= b));
        match free {
            Some(col) => {
                let last = (col..=g.last_col)
                    .take_while(|x| !covered.iter().any(|(a, b)| a <= x && x <= b))
                    .last()
                    .unwrap_or(col);
                cols.cols[vg] = Column {
                    role: Role::Target,
                    col,
                    last_col: last,
                };
            }
            None => {
                cols.cols.remove(vg);
            }
        }
    }
}
