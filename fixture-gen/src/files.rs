//! A fixture file of any template: the forms it holds in file order (Word: one table each,
//! titles between; Excel: one sheet each, plain sheets among them), its bytes, and its
//! expected array (department records first, then projects, each in form order).

use crate::model::Form;
use crate::national::{self, NatForm};
use crate::project_layout;
use crate::project_specs::ProjForm;
use crate::render_docx::{self, DocItem};
use crate::render_xlsx::{self, Sheet};
use perfsheet::project::Project;
use perfsheet::record::Record;
use serde::Serialize;

/// One form (or other sheet) of a file.
#[derive(Debug, Clone)]
pub enum Part {
    /// A form of the first department template (fixture-gen's department specs).
    Dept(Box<Form>),
    Proj(Box<ProjForm>),
    Nat(Box<NatForm>),
    /// Excel: a sheet that is not a form (填表说明). Word: its rows' first cells as
    /// paragraphs.
    Plain(&'static str, Vec<Vec<String>>),
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Docx,
    Xlsx,
}

impl Kind {
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
        }
    }
}

/// One fixture file.
#[derive(Debug, Clone)]
pub struct FileOut {
    /// File name, with its extension.
    pub name: String,
    pub kind: Kind,
    pub parts: Vec<Part>,
}

/// An expected entry: a record or a project, serialised in its own field order.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Expected {
    Record(Box<Record>),
    Project(Box<Project>),
}

impl FileOut {
    pub fn new(name: impl Into<String>, kind: Kind, parts: Vec<Part>) -> FileOut {
        let name = name.into();
        assert!(name.ends_with(kind.ext()), "{name}: extension");
        FileOut { name, kind, parts }
    }

    /// How many forms the file holds (records + projects).
    pub fn forms(&self) -> usize {
        self.parts
            .iter()
            .filter(|p| !matches!(p, Part::Plain(..)))
            .count()
    }

    pub fn bytes(&self) -> Vec<u8> {
        match self.kind {
            Kind::Docx => {
                if let [Part::Dept(f)] = self.parts.as_slice() {
                    return render_docx::render(f);
                }
                let mut items = Vec::new();
                for (k, part) in self.parts.iter().enumerate() {
                    if k > 0 {
                        items.push(DocItem::Para(String::new()));
                    }
                    match part {
                        Part::Dept(_) => {
                            panic!("{}: a department form goes alone in Word", self.name)
                        }
                        Part::Proj(f) => items.extend(project_layout::doc_items(f)),
                        Part::Nat(f) => items.extend(national::doc_items(f)),
                        Part::Plain(_, rows) => items.extend(
                            rows.iter()
                                .map(|r| DocItem::Para(r.first().cloned().unwrap_or_default())),
                        ),
                    }
                }
                render_docx::render_items(&items)
            }
            Kind::Xlsx => {
                let grids: Vec<Option<render_xlsx::GridSheet>> = self
                    .parts
                    .iter()
                    .map(|p| match p {
                        Part::Proj(f) => Some(project_layout::sheet(f)),
                        Part::Nat(f) => Some(national::sheet(f)),
                        _ => None,
                    })
                    .collect();
                let sheets: Vec<Sheet> = self
                    .parts
                    .iter()
                    .zip(&grids)
                    .map(|(p, g)| match (p, g) {
                        (Part::Dept(f), _) => Sheet::Form(f),
                        (Part::Plain(n, rows), _) => Sheet::Plain(n, rows.clone()),
                        (_, Some(g)) => Sheet::Grid(g),
                        (_, None) => unreachable!("every form part has a sheet"),
                    })
                    .collect();
                render_xlsx::render(&sheets)
            }
        }
    }

    /// The expected array, with `source` filled in for `dir/name`.
    pub fn expected(&self, dir: &str) -> Vec<Expected> {
        let path = format!("{dir}/{}", self.name);
        let format = self.kind.ext().to_string();
        let mut records = Vec::new();
        let mut projects = Vec::new();
        let mut table = 0;
        for part in &self.parts {
            let part_name = |sheet: &str, table: usize| match self.kind {
                Kind::Docx => format!("table {table}"),
                Kind::Xlsx => format!("sheet {sheet}"),
            };
            match part {
                Part::Plain(..) => {}
                Part::Dept(f) => {
                    table += if f.p.split_tables { 2 } else { 1 };
                    let mut r = f.record.clone();
                    r.source.path = path.clone();
                    r.source.format = format.clone();
                    r.source.part =
                        part_name(&f.p.sheet_name, table - usize::from(f.p.split_tables));
                    records.push(Expected::Record(Box::new(r)));
                }
                Part::Nat(f) => {
                    table += 1;
                    let mut r = f.record.clone();
                    r.source.path = path.clone();
                    r.source.format = format.clone();
                    r.source.part = part_name(&f.p.sheet_name, table);
                    records.push(Expected::Record(Box::new(r)));
                }
                Part::Proj(f) => {
                    table += 1;
                    let mut r = f.record.clone();
                    r.source.path = path.clone();
                    r.source.format = format.clone();
                    r.source.part = part_name(&f.p.sheet_name, table);
                    projects.push(Expected::Project(Box::new(r)));
                }
            }
        }
        records.extend(projects);
        records
    }
}

/// The expected array of a file in another format holding `parts`: what its .docx
/// (`Kind::Docx`) or .xlsx (`Kind::Xlsx`) twin of the same name gives, under
/// `{dir}/{name}` and `format`.
pub fn as_twin(name: &str, twin: Kind, parts: &[Part], dir: &str, format: &str) -> Vec<Expected> {
    let twin = FileOut {
        name: name.to_string(),
        kind: twin,
        parts: parts.to_vec(),
    };
    converted(&twin.expected(dir), &format!("{dir}/{name}"), format)
}

/// The expected array of a converted twin (LibreOffice): the same forms, another path and
/// format; Word tables and sheet names are kept by the conversion.
pub fn converted(expected: &[Expected], path: &str, format: &str) -> Vec<Expected> {
    expected
        .iter()
        .cloned()
        .map(|mut e| {
            let s = match &mut e {
                Expected::Record(r) => &mut r.source,
                Expected::Project(p) => &mut p.source,
            };
            s.path = path.to_string();
            s.format = format.to_string();
            e
        })
        .collect()
}
