//! Regenerates the golden fixtures: renders department specs into real .docx/.xlsx files
//! under `fixtures/forms/`, as web pages under `fixtures/html/` and `fixtures/mhtml/`, as
//! Excel binary workbooks under `fixtures/xlsb/`, as Office 2003 XML (SpreadsheetML and
//! WordML) under `fixtures/xml2003/`
//! (`fixtures/html/` also holds committed LibreOffice exports, never deleted), project forms under `fixtures/projects/`, national-template forms
//! under `fixtures/national/` and department-template layouts under `fixtures/layouts/`,
//! writes the negative files under `fixtures/flagged/`, and writes the expected records
//! under `tests/expected/`. The expected records come from the specs, never from running
//! perfsheet, so they are the truth the recogniser must reproduce.
//!
//! Only files the generator writes are removed or overwritten: the hand-made
//! `fixtures/flagged/网页另存为.doc` (and its flagged.json entry) and the LibreOffice
//! conversions (`.doc` / `.xls` beside their twins, see tests/expected/<dir>/README.md)
//! stay; the conversions' expected arrays are written from their twins' specs.
//!
//! Run: `cargo run -p perfsheet-fixtures`. Output is deterministic (same bytes each run).

use perfsheet::record::Record;
use perfsheet_fixtures::files::{self, FileOut, Part};
use perfsheet_fixtures::render_html::{self, Charset, Transfer};
use perfsheet_fixtures::render_odf::{OdfFile, OdfKind, Style};
use perfsheet_fixtures::{
    flagged, layout_fixtures, national_fixtures, project_fixtures, render_docx, render_xlsb,
    render_xlsx, render_xml2003, specs,
};
use render_xlsx::Sheet;
use specs::FileSpec;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Twins converted by LibreOffice 7.4 (`soffice --headless --convert-to EXT`): (dir, twin,
/// extension of the conversion). Their bytes are not generated; their expected arrays are.
const CONVERTED: &[(&str, &str, &str)] = &[
    ("projects", "01_华容区教育局_中小学校舍维修改造.docx", "doc"),
    (
        "projects",
        "05_郧阳区市场监督管理局_食品安全抽检.xlsx",
        "xls",
    ),
    (
        "projects",
        "09_曾都区住房和城乡建设局2025年项目绩效目标.xlsx",
        "xls",
    ),
    (
        "projects",
        "10_东宝区文化和旅游局项目支出绩效目标.docx",
        "doc",
    ),
    ("national", "01_黄石市下陆区教育局.docx", "doc"),
    ("national", "04_荆州市生态环境局荆州区分局.xlsx", "xls"),
    (
        "layouts",
        "02_孝感市民政局（表头标签成行含单位）.xlsx",
        "xls",
    ),
    (
        "layouts",
        "05_鄂州市乡村振兴局（单位在标题行末）.docx",
        "doc",
    ),
];

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Removes the files in `dir` whose names end with one of `suffixes` (what the generator
/// writes there), keeping everything else.
fn clear(dir: &Path, suffixes: &[&str]) {
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let e = e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = e.file_name().to_string_lossy().into_owned();
        if suffixes.iter().any(|s| name.ends_with(s)) {
            fs::remove_file(e.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|e| panic!("json: {e}"));
    s.push('\n');
    s.into_bytes()
}

/// Writes one directory of fixtures of any template and their expected arrays, and the
/// expected arrays of its LibreOffice conversions. Returns (files, forms).
fn write_dir(root: &Path, dir: &str, list: &[FileOut]) -> (usize, usize) {
    let fixtures = root.join("fixtures").join(dir);
    let expected = root.join("tests/expected").join(dir);
    clear(&fixtures, &[".docx", ".xlsx"]);
    clear(&expected, &[".docx.json", ".xlsx.json"]);
    let mut names = BTreeSet::new();
    let mut forms = 0;
    for f in list {
        assert!(names.insert(f.name.clone()), "{dir}/{}: twice", f.name);
        let want = f.expected(dir);
        forms += want.len();
        write(&fixtures.join(&f.name), &f.bytes());
        write(&expected.join(format!("{}.json", f.name)), &json(&want));
    }
    let mut n = list.len();
    for (d, twin, ext) in CONVERTED.iter().filter(|c| c.0 == dir) {
        let f = list
            .iter()
            .find(|f| f.name == *twin)
            .unwrap_or_else(|| panic!("{d}/{twin}: no such fixture"));
        let stem = twin.rsplit_once('.').map_or(*twin, |s| s.0);
        let name = format!("{stem}.{ext}");
        if !fixtures.join(&name).exists() {
            eprintln!("{d}/{name} is missing: convert {twin} (tests/expected/{d}/README.md)");
            continue;
        }
        let want = files::converted(&f.expected(dir), &format!("{dir}/{name}"), ext);
        forms += want.len();
        n += 1;
        write(&expected.join(format!("{name}.json")), &json(&want));
    }
    (n, forms)
}

fn main() {
    // The repository root, one level above this crate.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let forms_dir = root.join("fixtures/forms");
    let flagged_dir = root.join("fixtures/flagged");
    let expected_dir = root.join("tests/expected/forms");
    clear(&forms_dir, &[".docx", ".xlsx"]);
    clear(&expected_dir, &[".docx.json", ".xlsx.json"]);

    let fixtures = specs::fixtures();
    let mut n_records = 0;
    for (name, spec) in &fixtures {
        let rel = format!("forms/{name}");
        let (bytes, records): (Vec<u8>, Vec<Record>) = match spec {
            FileSpec::Docx(f) => {
                let mut r = f.record.clone();
                r.source.path = rel.clone();
                r.source.format = "docx".into();
                r.source.part = "table 1".into();
                (render_docx::render(f), vec![r])
            }
            FileSpec::Xlsx(forms, extra) => {
                let mut sheets: Vec<Sheet> = forms.iter().map(Sheet::Form).collect();
                sheets.extend(extra.iter().map(|(n, rows)| Sheet::Plain(n, rows.clone())));
                let records = forms
                    .iter()
                    .map(|f| {
                        let mut r = f.record.clone();
                        r.source.path = rel.clone();
                        r.source.format = "xlsx".into();
                        r.source.part = format!("sheet {}", f.p.sheet_name);
                        r
                    })
                    .collect();
                (render_xlsx::render(&sheets), records)
            }
        };
        n_records += records.len();
        write(&forms_dir.join(name), &bytes);
        write(&expected_dir.join(format!("{name}.json")), &json(&records));
    }

    let n_web = write_web_fixtures(&root, &fixtures);
    let n_odf = write_odf_fixtures(&root, &fixtures);
    let n_xlsb = write_xlsb_fixtures(&root, &fixtures);
    let n_xml2003 = write_xml2003_fixtures(&root, &fixtures);

    let sample = match &fixtures[0].1 {
        FileSpec::Docx(f) => f,
        FileSpec::Xlsx(..) => panic!("the first fixture must be a docx"),
    };
    // Negative files: the generated ones are (over)written; hand-made ones and their
    // entries in flagged.json stay.
    let mut neg = flagged::all(sample);
    neg.sort_by(|a, b| a.0.cmp(&b.0));
    let list_path = root.join("tests/expected/flagged.json");
    let old: Vec<serde_json::Value> = fs::read(&list_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let generated: BTreeSet<String> = neg.iter().map(|n| format!("flagged/{}", n.0)).collect();
    let mut flagged: Vec<(String, serde_json::Value)> = old
        .into_iter()
        .filter_map(|e| {
            let path = e["path"].as_str()?.to_string();
            let kept = !generated.contains(&path) && root.join("fixtures").join(&path).exists();
            kept.then_some((path, e))
        })
        .collect();
    for (name, code, bytes) in &neg {
        write(&flagged_dir.join(name), bytes);
        let path = format!("flagged/{name}");
        flagged.push((
            path.clone(),
            serde_json::json!({"path": path, "code": code}),
        ));
    }
    flagged.sort_by(|a, b| a.0.cmp(&b.0));
    let flagged: Vec<serde_json::Value> = flagged.into_iter().map(|e| e.1).collect();
    write(&list_path, &json(&flagged));

    let mut other = Vec::new();
    for (dir, list) in [
        ("projects", project_fixtures::files()),
        ("national", national_fixtures::files()),
        ("layouts", layout_fixtures::files()),
    ] {
        let (n, forms) = write_dir(&root, dir, &list);
        other.push(format!("{dir}: {n} files ({forms} forms)"));
    }

    println!(
        "wrote {} form files ({} records), {} web pages, {} OpenDocument files, {} .xlsb workbooks, {} Office 2003 XML files, {} flagged files; {}",
        fixtures.len(),
        n_records,
        n_web,
        n_odf,
        n_xlsb,
        n_xml2003,
        flagged.len(),
        other.join(", ")
    );
}

/// How a generated web fixture is made.
enum Web {
    /// A budget system's export (charset, fragment).
    Budget(Charset, bool),
    /// Excel's web page of the twin's worksheet.
    Excel(Charset),
    /// Word's web page in an MHT (charset, transfer encoding).
    Mht(&'static str, Transfer),
}

/// Writes the web pages rendered from forms of `fixtures/forms/` and their expected
/// records (the twin's, with `source` changed).
fn write_web_fixtures(root: &Path, fixtures: &[(String, FileSpec)]) -> usize {
    let list: &[(&str, &str, &str, Web)] = &[
        (
            "html",
            "000_鄂州市乡村振兴局.xls",
            "000_鄂州市乡村振兴局.docx",
            Web::Budget(Charset::Utf8Meta, false),
        ),
        (
            "html",
            "002_江岸区教育局.doc",
            "002_江岸区教育局.docx",
            Web::Budget(Charset::GbkMeta, false),
        ),
        (
            "html",
            "004_宜昌市财政局.html",
            "004_宜昌市财政局.docx",
            Web::Budget(Charset::Utf8Bom, false),
        ),
        (
            "html",
            "007_十堰市市场监督管理局.xls",
            "007_十堰市市场监督管理局.docx",
            Web::Budget(Charset::GbkUndeclared, true),
        ),
        (
            "html",
            "011_随州市人力资源和社会保障局.doc",
            "011_随州市人力资源和社会保障局.docx",
            Web::Budget(Charset::GbkSaysUtf8, false),
        ),
        (
            "html",
            "003_黄石市卫生健康委员会.xls",
            "003_黄石市卫生健康委员会.xlsx",
            Web::Excel(Charset::Utf8Meta),
        ),
        (
            "html",
            "008_孝感市民政局.xls",
            "008_孝感市民政局.xlsx",
            Web::Excel(Charset::GbkMeta),
        ),
        (
            "mhtml",
            "006_荆州市自然资源和规划局.doc",
            "006_荆州市自然资源和规划局.docx",
            Web::Mht("gb2312", Transfer::QuotedPrintable),
        ),
        (
            "mhtml",
            "010_咸宁市生态环境局.mht",
            "010_咸宁市生态环境局.docx",
            Web::Mht("utf-8", Transfer::Base64),
        ),
    ];
    for (dir, name, twin, how) in list {
        let spec = fixtures
            .iter()
            .find(|(n, _)| n == twin)
            .map(|(_, s)| s)
            .unwrap_or_else(|| panic!("no fixture {twin}"));
        let (form, part) = match spec {
            FileSpec::Docx(f) => (f.as_ref(), "table 1".to_string()),
            FileSpec::Xlsx(forms, _) => {
                let f = forms.first().unwrap_or_else(|| panic!("{twin}: no form"));
                (f, format!("sheet {}", f.p.sheet_name))
            }
        };
        let bytes = match how {
            Web::Budget(cs, fragment) => render_html::budget_page(form, *cs, *fragment),
            Web::Excel(cs) => render_html::excel_page(form, *cs),
            Web::Mht(charset, transfer) => {
                let page = render_html::word_page(form, charset);
                let cs = if *charset == "utf-8" {
                    Charset::Utf8Meta
                } else {
                    Charset::GbkMeta
                };
                render_html::mht(&render_html::encode(&page, cs), charset, *transfer)
            }
        };
        let mut r = form.record.clone();
        r.source.path = format!("{dir}/{name}");
        r.source.format = (*dir).into();
        r.source.part = part;
        write(&root.join("fixtures").join(dir).join(name), &bytes);
        write(
            &root
                .join("tests/expected")
                .join(dir)
                .join(format!("{name}.json")),
            &json(&vec![r]),
        );
    }
    list.len()
}

/// The forms of the other directories' files, by file name, for renderings of them in
/// other formats.
struct Twins<'a> {
    fixtures: &'a [(String, FileSpec)],
    others: Vec<FileOut>,
}

impl<'a> Twins<'a> {
    fn new(fixtures: &'a [(String, FileSpec)]) -> Self {
        let others = [
            project_fixtures::files(),
            national_fixtures::files(),
            layout_fixtures::files(),
        ]
        .concat();
        Twins { fixtures, others }
    }

    /// The parts of a file of `fixtures/forms/` (a workbook's plain sheets after its forms).
    fn dept(&self, twin: &str) -> Vec<Part> {
        match self
            .fixtures
            .iter()
            .find(|(n, _)| n == twin)
            .map(|(_, s)| s)
        {
            Some(FileSpec::Docx(f)) => vec![Part::Dept(f.clone())],
            Some(FileSpec::Xlsx(forms, extra)) => forms
                .iter()
                .map(|f| Part::Dept(Box::new(f.clone())))
                .chain(extra.iter().map(|(n, rows)| Part::Plain(n, rows.clone())))
                .collect(),
            None => panic!("no fixture {twin}"),
        }
    }

    /// The parts of a file of `projects/`, `national/` or `layouts/`.
    fn other(&self, name: &str) -> Vec<Part> {
        self.others
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.parts.clone())
            .unwrap_or_else(|| panic!("no fixture {name}"))
    }
}

/// Writes `fixtures/odf/`: forms of the other directories saved as OpenDocument (text
/// forms from their Word twins' specs, sheets from their Excel twins'), and their expected
/// arrays (the twins' records with this file's path and format).
fn write_odf_fixtures(root: &Path, fixtures: &[(String, FileSpec)]) -> usize {
    let twins = Twins::new(fixtures);
    let dept = |twin: &str| twins.dept(twin);
    let twin = |name: &str| twins.other(name);
    use OdfKind::{Fods, Fodt, Ods, Odt};
    use Style::{LibreOffice, Minimal};
    let list = vec![
        OdfFile::new(
            "000_鄂州市乡村振兴局.odt",
            Odt,
            LibreOffice,
            dept("000_鄂州市乡村振兴局.docx"),
        ),
        OdfFile::new(
            "002_江岸区教育局.fodt",
            Fodt,
            LibreOffice,
            dept("002_江岸区教育局.docx"),
        ),
        OdfFile::new(
            "004_宜昌市财政局.fodt",
            Fodt,
            Minimal,
            dept("004_宜昌市财政局.docx"),
        ),
        OdfFile::new(
            "006_荆州市自然资源和规划局.odt",
            Odt,
            Minimal,
            dept("006_荆州市自然资源和规划局.docx"),
        ),
        OdfFile::new(
            "007_十堰市市场监督管理局.odt",
            Odt,
            LibreOffice,
            dept("007_十堰市市场监督管理局.docx"),
        ),
        OdfFile::new(
            "011_随州市人力资源和社会保障局.odt",
            Odt,
            Minimal,
            dept("011_随州市人力资源和社会保障局.docx"),
        ),
        OdfFile::new(
            "003_黄石市卫生健康委员会.ods",
            Ods,
            LibreOffice,
            dept("003_黄石市卫生健康委员会.xlsx"),
        ),
        OdfFile::new(
            "005_襄阳市交通运输局.fods",
            Fods,
            Minimal,
            dept("005_襄阳市交通运输局.xlsx"),
        ),
        OdfFile::new(
            "008_孝感市民政局.ods",
            Ods,
            Minimal,
            dept("008_孝感市民政局.xlsx"),
        ),
        OdfFile::new(
            "012_应急管理局和洪山区农业农村局.ods",
            Ods,
            LibreOffice,
            dept("012_应急管理局和洪山区农业农村局.xlsx"),
        ),
        OdfFile::new(
            "014_天门市医疗保障局.fods",
            Fods,
            LibreOffice,
            dept("014_天门市医疗保障局.xlsx"),
        ),
        OdfFile::new(
            "P01_华容区教育局_中小学校舍维修改造.odt",
            Odt,
            LibreOffice,
            twin("01_华容区教育局_中小学校舍维修改造.docx"),
        ),
        OdfFile::new(
            "P02_孝南区交通运输局_农村公路养护.fods",
            Fods,
            Minimal,
            twin("02_孝南区交通运输局_农村公路养护.xlsx"),
        ),
        OdfFile::new(
            "P09_曾都区住房和城乡建设局2025年项目绩效目标.ods",
            Ods,
            LibreOffice,
            twin("09_曾都区住房和城乡建设局2025年项目绩效目标.xlsx"),
        ),
        OdfFile::new(
            "N01_黄石市下陆区教育局.odt",
            Odt,
            LibreOffice,
            twin("01_黄石市下陆区教育局.docx"),
        ),
        OdfFile::new(
            "N04_荆州市生态环境局荆州区分局.ods",
            Ods,
            Minimal,
            twin("04_荆州市生态环境局荆州区分局.xlsx"),
        ),
        OdfFile::new(
            "L01_江岸区教育局（表头标签成行）.odt",
            Odt,
            Minimal,
            twin("01_江岸区教育局（表头标签成行）.docx"),
        ),
        OdfFile::new(
            "L02_孝感市民政局（表头标签成行含单位）.ods",
            Ods,
            LibreOffice,
            twin("02_孝感市民政局（表头标签成行含单位）.xlsx"),
        ),
    ];
    let dir = "odf";
    let fixtures_dir = root.join("fixtures").join(dir);
    let expected_dir = root.join("tests/expected").join(dir);
    let exts = [".odt", ".ods", ".fodt", ".fods"];
    clear(&fixtures_dir, &exts);
    clear(
        &expected_dir,
        &exts.map(|e| match e {
            ".odt" => ".odt.json",
            ".ods" => ".ods.json",
            ".fodt" => ".fodt.json",
            _ => ".fods.json",
        }),
    );
    for f in &list {
        write(&fixtures_dir.join(&f.name), &f.bytes());
        write(
            &expected_dir.join(format!("{}.json", f.name)),
            &json(&f.expected(dir)),
        );
    }
    list.len()
}

/// Writes workbooks of `fixtures/forms/`, `projects/`, `national/` and `layouts/` again as
/// .xlsb under `fixtures/xlsb/`, and their expected records (the twin's spec, with
/// `source` changed). The department workbook of two forms is also written with its
/// instructions sheet first.
fn write_xlsb_fixtures(root: &Path, fixtures: &[(String, FileSpec)]) -> usize {
    let dir = root.join("fixtures/xlsb");
    let expected = root.join("tests/expected/xlsb");
    clear(&dir, &[".xlsb"]);
    clear(&expected, &[".xlsb.json"]);
    let mut n = 0;
    let mut put = |name: &str, bytes: Vec<u8>, want: Vec<files::Expected>| {
        write(&dir.join(name), &bytes);
        write(&expected.join(format!("{name}.json")), &json(&want));
        n += 1;
    };
    let forms: &[(&str, &str, bool)] = &[
        (
            "001_鄂州市乡村振兴局.xlsx",
            "001_鄂州市乡村振兴局.xlsb",
            false,
        ),
        (
            "003_黄石市卫生健康委员会.xlsx",
            "003_黄石市卫生健康委员会.xlsb",
            false,
        ),
        ("008_孝感市民政局.xlsx", "008_孝感市民政局.xlsb", false),
        (
            "012_应急管理局和洪山区农业农村局.xlsx",
            "012_应急管理局和洪山区农业农村局.xlsb",
            false,
        ),
        (
            "012_应急管理局和洪山区农业农村局.xlsx",
            "012_应急管理局和洪山区农业农村局（填表说明在前）.xlsb",
            true,
        ),
        (
            "014_天门市医疗保障局.xlsx",
            "014_天门市医疗保障局.xlsb",
            false,
        ),
    ];
    for (twin, name, notes_first) in forms {
        let Some((_, FileSpec::Xlsx(forms, extra))) = fixtures.iter().find(|(n, _)| n == twin)
        else {
            panic!("no workbook fixture {twin}");
        };
        let mut sheets: Vec<Sheet> = forms.iter().map(Sheet::Form).collect();
        let plain = extra.iter().map(|(n, rows)| Sheet::Plain(n, rows.clone()));
        if *notes_first {
            sheets.splice(0..0, plain);
        } else {
            sheets.extend(plain);
        }
        let want = forms
            .iter()
            .map(|f| {
                let mut r = f.record.clone();
                r.source.path = format!("xlsb/{name}");
                r.source.format = "xlsb".into();
                r.source.part = format!("sheet {}", f.p.sheet_name);
                files::Expected::Record(Box::new(r))
            })
            .collect();
        put(name, render_xlsb::render(&sheets), want);
    }
    let others: &[(&str, &str)] = &[
        ("projects", "02_孝南区交通运输局_农村公路养护.xlsx"),
        (
            "projects",
            "11_天门市医疗保障局部门整体及项目支出绩效目标.xlsx",
        ),
        ("national", "04_荆州市生态环境局荆州区分局.xlsx"),
        ("layouts", "02_孝感市民政局（表头标签成行含单位）.xlsx"),
    ];
    let lists = [
        ("projects", project_fixtures::files()),
        ("national", national_fixtures::files()),
        ("layouts", layout_fixtures::files()),
    ];
    for (from, twin) in others {
        let f = lists
            .iter()
            .filter(|(d, _)| d == from)
            .flat_map(|(_, l)| l)
            .find(|f| f.name == *twin)
            .unwrap_or_else(|| panic!("no fixture {from}/{twin}"));
        let name = format!("{}.xlsb", twin.trim_end_matches(".xlsx"));
        let want = files::converted(&f.expected(from), &format!("xlsb/{name}"), "xlsb");
        put(&name, render_xlsb::render_file(f), want);
    }
    n
}

/// Writes `fixtures/xml2003/`: forms of the other directories saved as Office 2003 XML
/// (WordML documents from their Word twins' specs, SpreadsheetML workbooks from their
/// Excel twins'), under the .xml, .xls and .doc names budget systems give them, and their
/// expected arrays (the twins' records with this file's path and format).
fn write_xml2003_fixtures(root: &Path, fixtures: &[(String, FileSpec)]) -> usize {
    use render_xml2003::Style::{Minimal, Office};
    use render_xml2003::XmlKind::{SpreadsheetMl, WordMl};
    use render_xml2003::{Style, XmlFile, XmlKind};
    let twins = Twins::new(fixtures);
    let dept = |name: &str, kind: XmlKind, style: Style, twin: &str| {
        XmlFile::new(name, kind, style, twins.dept(twin))
    };
    let other = |name: &str, kind: XmlKind, style: Style, twin: &str| {
        XmlFile::new(name, kind, style, twins.other(twin))
    };
    let list = vec![
        // Workbooks, from the Excel twins.
        dept(
            "001_鄂州市乡村振兴局.xml",
            SpreadsheetMl,
            Office,
            "001_鄂州市乡村振兴局.xlsx",
        ),
        dept(
            "003_黄石市卫生健康委员会.xls",
            SpreadsheetMl,
            Office,
            "003_黄石市卫生健康委员会.xlsx",
        ),
        dept(
            "005_襄阳市交通运输局.xml",
            SpreadsheetMl,
            Minimal,
            "005_襄阳市交通运输局.xlsx",
        ),
        dept(
            "008_孝感市民政局.xls",
            SpreadsheetMl,
            Office,
            "008_孝感市民政局.xlsx",
        )
        .gb2312(),
        dept(
            "012_应急管理局和洪山区农业农村局.xml",
            SpreadsheetMl,
            Office,
            "012_应急管理局和洪山区农业农村局.xlsx",
        ),
        dept(
            "014_天门市医疗保障局.xls",
            SpreadsheetMl,
            Minimal,
            "014_天门市医疗保障局.xlsx",
        ),
        other(
            "P02_孝南区交通运输局_农村公路养护.xls",
            SpreadsheetMl,
            Office,
            "02_孝南区交通运输局_农村公路养护.xlsx",
        ),
        other(
            "P09_曾都区住房和城乡建设局2025年项目绩效目标.xml",
            SpreadsheetMl,
            Minimal,
            "09_曾都区住房和城乡建设局2025年项目绩效目标.xlsx",
        ),
        other(
            "P11_天门市医疗保障局部门整体及项目支出绩效目标.xml",
            SpreadsheetMl,
            Office,
            "11_天门市医疗保障局部门整体及项目支出绩效目标.xlsx",
        ),
        other(
            "N04_荆州市生态环境局荆州区分局.xml",
            SpreadsheetMl,
            Office,
            "04_荆州市生态环境局荆州区分局.xlsx",
        ),
        other(
            "L02_孝感市民政局（表头标签成行含单位）.xls",
            SpreadsheetMl,
            Minimal,
            "02_孝感市民政局（表头标签成行含单位）.xlsx",
        ),
        // Documents, from the Word twins.
        dept(
            "000_鄂州市乡村振兴局.doc",
            WordMl,
            Office,
            "000_鄂州市乡村振兴局.docx",
        ),
        dept(
            "002_江岸区教育局.xml",
            WordMl,
            Office,
            "002_江岸区教育局.docx",
        ),
        dept(
            "004_宜昌市财政局.doc",
            WordMl,
            Minimal,
            "004_宜昌市财政局.docx",
        ),
        dept(
            "006_荆州市自然资源和规划局.doc",
            WordMl,
            Office,
            "006_荆州市自然资源和规划局.docx",
        ),
        dept(
            "007_十堰市市场监督管理局.xml",
            WordMl,
            Minimal,
            "007_十堰市市场监督管理局.docx",
        ),
        dept(
            "011_随州市人力资源和社会保障局.doc",
            WordMl,
            Minimal,
            "011_随州市人力资源和社会保障局.docx",
        )
        .gb2312(),
        other(
            "P01_华容区教育局_中小学校舍维修改造.doc",
            WordMl,
            Office,
            "01_华容区教育局_中小学校舍维修改造.docx",
        )
        .review(),
        other(
            "P10_东宝区文化和旅游局项目支出绩效目标.xml",
            WordMl,
            Office,
            "10_东宝区文化和旅游局项目支出绩效目标.docx",
        ),
        other(
            "N01_黄石市下陆区教育局.doc",
            WordMl,
            Office,
            "01_黄石市下陆区教育局.docx",
        ),
        other(
            "L01_江岸区教育局（表头标签成行）.xml",
            WordMl,
            Minimal,
            "01_江岸区教育局（表头标签成行）.docx",
        ),
    ];
    let dir = "xml2003";
    let fixtures_dir = root.join("fixtures").join(dir);
    let expected_dir = root.join("tests/expected").join(dir);
    clear(&fixtures_dir, &[".xml", ".xls", ".doc"]);
    clear(&expected_dir, &[".xml.json", ".xls.json", ".doc.json"]);
    let mut names = BTreeSet::new();
    for f in &list {
        assert!(names.insert(f.name.clone()), "{dir}/{}: twice", f.name);
        write(&fixtures_dir.join(&f.name), &f.bytes());
        write(
            &expected_dir.join(format!("{}.json", f.name)),
            &json(&f.expected(dir)),
        );
    }
    list.len()
}
