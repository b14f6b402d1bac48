use super::*;
use crate::model::grid::Grid;
use crate::readers::sheet::tests::{NOISY, find, sheets};
use std::path::PathBuf;

/// Record data, little-endian fields.
#[derive(Default, Clone)]
struct D(Vec<u8>);

impl D {
    fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn f64(mut self, v: f64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    fn wide(mut self, s: &str) -> Self {
        push_wide(&mut self.0, s);
        self
    }
    fn cell(self, col: u32, xf: u32) -> Self {
        self.u32(col).u32(xf)
    }
}

fn recs(list: &[(u16, D)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (t, d) in list {
        record(&mut out, *t, &d.0);
    }
    out
}

/// A sheet part: BrtWsDim, the given records inside the sheet data, then merges.
fn sheet_part(data: &[(u16, D)], merges: &[(u32, u32, u32, u32)]) -> Vec<u8> {
    let mut list = vec![
        (0x0081, D::default()),
        (0x0094, D::default().u32(0).u32(9).u32(0).u32(9)),
        (0x0091, D::default()),
    ];
    list.extend(data.iter().cloned());
    list.push((0x0092, D::default()));
    if !merges.is_empty() {
        list.push((0x00B1, D::default().u32(merges.len() as u32)));
        for (r1, r2, c1, c2) in merges {
            list.push((0x00B0, D::default().u32(*r1).u32(*r2).u32(*c1).u32(*c2)));
        }
        list.push((0x00B2, D::default()));
    }
    list.push((0x0082, D::default()));
    recs(&list)
}

fn row(r: u32) -> (u16, D) {
    (0x0000, D::default().u32(r).u32(0).u16(300).u16(0))
}

/// A package of sheets (name, hsState, relationship type, target, part).
fn package(
    sheets: &[(&str, u32, &str, &str, Vec<u8>)],
    strings: &[&str],
    formats: &[(u16, &str)],
    xfs: &[u16],
) -> Vec<u8> {
    let mut wb = vec![
        (0x0083, D::default()),
        (0x0099, D::default().u32(0).u32(0).wide("")),
        (0x008F, D::default()),
    ];
    let mut rels = String::from("<Relationships>");
    for (k, (name, state, typ, target, _)) in sheets.iter().enumerate() {
        let id = format!("rId{}", k + 1);
        wb.push((
            0x009C,
            D::default()
                .u32(*state)
                .u32(k as u32 + 1)
                .wide(&id)
                .wide(name),
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{typ}" Target="{target}"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    wb.push((0x0090, D::default()));
    // A defined name with a formula calamine cannot parse: ours never reaches it.
    wb.push((
        0x0027,
        D::default().u32(0).u16(0).wide("x").u32(1).u16(0xFFFF),
    ));
    wb.push((0x009D, D(vec![0; 26])));
    wb.push((0x0084, D::default()));

    let mut sst = vec![(
        0x009F,
        D::default()
            .u32(strings.len() as u32)
            .u32(strings.len() as u32),
    )];
    for s in strings {
        let mut d = D(vec![0]);
        d = d.wide(s);
        sst.push((0x0013, d));
    }
    sst.push((0x00A0, D::default()));

    let mut st = vec![
        (0x0116, D::default()),
        (0x0267, D::default().u32(formats.len() as u32)),
    ];
    for (id, code) in formats {
        st.push((0x002C, D::default().u16(*id).wide(code)));
    }
    st.push((0x0268, D::default()));
    st.push((0x0269, D::default().u32(xfs.len() as u32)));
    for f in xfs {
        st.push((0x002F, D::default().u16(0).u16(*f).u32(0).u32(0).u32(0)));
    }
    st.push((0x026A, D::default()));
    st.push((0x0117, D::default()));

    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, body: &[u8]| {
        w.start_file(name, opts).unwrap();
        w.write_all(body).unwrap();
    };
    put("xl/workbook.bin", &recs(&wb));
    put("xl/_rels/workbook.bin.rels", rels.as_bytes());
    put("xl/sharedStrings.bin", &recs(&sst));
    put("xl/styles.bin", &recs(&st));
    for (_, _, _, target, part) in sheets {
        put(&resolve_target("xl/", target), part);
    }
    w.finish().unwrap().into_inner()
}

fn rk_int(v: i32) -> u32 {
    ((v << 2) as u32) | 2
}

#[test]
fn cells_merges_percent_and_hidden_sheets() {
    let form = sheet_part(
        &[
            row(1),
            (0x0007, D::default().cell(1, 0).u32(0)),
            row(3),
            (0x0007, D::default().cell(1, 0).u32(1)),
            (0x0007, D::default().cell(2, 0).u32(2)),
            row(4),
            (0x0005, D::default().cell(2, 0).f64(NOISY)),
            (0x0002, D::default().cell(3, 0).u32(rk_int(930))),
            row(5),
            (0x0005, D::default().cell(2, 1).f64(0.3202)),
            // 95 hundredths, shown with a custom percent format.
            (0x0002, D::default().cell(3, 2).u32(((95 << 2) as u32) | 3)),
            row(6),
            (0x0002, D::default().cell(2, 3).u32(rk_int(45306))),
            (0x0006, D::default().cell(3, 0).wide("内联")),
            (0x0001, D::default().cell(4, 1)),
        ],
        &[(1, 1, 1, 4), (3, 5, 1, 1), (3, 3, 2, 3)],
    );
    let hidden = sheet_part(&[row(0), (0x0007, D::default().cell(0, 0).u32(3))], &[]);
    let bytes = package(
        &[
            (
                "部门整体绩效目标表",
                0,
                "worksheet",
                "worksheets/sheet1.bin",
                form,
            ),
            ("隐藏", 1, "worksheet", "/xl/worksheets/sheet2.bin", hidden),
            (
                "图表",
                0,
                "chartsheet",
                "chartsheets/sheet1.bin",
                Vec::new(),
            ),
        ],
        &["部门整体绩效目标", "部门总体\n资金情况", "金额合计", "说明"],
        &[(164, "0.0%"), (165, "yyyy\"年\"m\"月\"d\"日\"")],
        &[0, 10, 164, 165],
    );
    let doc = read(&bytes, &Limits::default()).unwrap();
    let s = sheets(&doc);
    assert_eq!(s.len(), 2);
    let g = s[0];
    let title = find(g, "部门整体绩效目标");
    // Column E holds only a blank cell, so the title spans the kept columns B..D.
    assert_eq!((title.row_span, title.col_span), (1, 3));
    assert_eq!(g.location(title), "部门整体绩效目标表!B2");
    let label = find(g, "部门总体\n资金情况");
    assert_eq!(label.row_span, 3);
    assert_eq!(find(g, "金额合计").col_span, 2);
    assert_eq!(find(g, "727.56").number, Some(NOISY));
    assert_eq!(find(g, "930").percent_format, Some(false));
    let pct = find(g, "32.02%");
    assert_eq!((pct.number, pct.percent_format), (Some(0.3202), Some(true)));
    assert_eq!(find(g, "95%").number, Some(0.95));
    find(g, "2024-01-15");
    find(g, "内联");
    assert_eq!(g.cells.len(), 9);
    find(s[1], "说明");
}

#[test]
fn broken_records_are_corrupt_never_a_panic() {
    let one = |data: &[(u16, D)]| {
        let part = sheet_part(data, &[]);
        package(
            &[("表", 0, "worksheet", "worksheets/sheet1.bin", part)],
            &["a"],
            &[],
            &[0],
        )
    };
    let limits = Limits::default();
    // A shared string index past the table, a real number cut short, a row header cut.
    for bad in [
        vec![row(0), (0x0007, D::default().cell(0, 0).u32(7))],
        vec![row(0), (0x0005, D::default().cell(0, 0).u32(1))],
        vec![(0x0000, D::default().u16(1))],
    ] {
        let r = read(&one(&bad), &limits);
        assert!(matches!(r, Err(ReadError::Corrupt { .. })), "{r:?}");
    }
    // A record declaring 200 MiB that is not there: cut off, calamine never sees it.
    let mut part = sheet_part(&[row(0), (0x0007, D::default().cell(0, 0).u32(0))], &[]);
    part.truncate(part.len() - 2);
    part.extend_from_slice(&[0x05, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
    let bytes = package(
        &[("表", 0, "worksheet", "worksheets/sheet1.bin", part)],
        &["a"],
        &[],
        &[0],
    );
    // The sheet data ended before it, so the sheet still reads.
    let doc = read(&bytes, &limits).unwrap();
    find(sheets(&doc)[0], "a");
    // Every prefix of a good workbook: an outcome, never a panic.
    let good = one(&[row(0), (0x0007, D::default().cell(0, 0).u32(0))]);
    for cut in (0..good.len()).step_by(97) {
        let _ = read(&good[..cut], &limits);
    }
    assert!(matches!(read(b"", &limits), Err(ReadError::Corrupt { .. })));
}

#[test]
fn limits_on_cells_merges_and_inflated_parts() {
    // One merge over the whole sheet costs one anchor.
    let part = sheet_part(
        &[row(0), (0x0007, D::default().cell(0, 0).u32(0))],
        &[(0, 1_048_575, 0, 16_383)],
    );
    let bytes = package(
        &[("表", 0, "worksheet", "worksheets/sheet1.bin", part)],
        &["a"],
        &[],
        &[0],
    );
    let doc = read(&bytes, &Limits::default()).unwrap();
    let g = &sheets(&doc)[0].cells;
    assert_eq!((g.len(), g[0].row_span, g[0].col_span), (1, 1, 1));

    let many: Vec<(u16, D)> = std::iter::once(row(0))
        .chain((0..50).map(|c| (0x0002, D::default().cell(c, 0).u32(rk_int(1)))))
        .collect();
    let bytes = package(
        &[(
            "表",
            0,
            "worksheet",
            "worksheets/sheet1.bin",
            sheet_part(&many, &[]),
        )],
        &[],
        &[],
        &[0],
    );
    let small = Limits {
        max_cells: 20,
        ..Limits::default()
    };
    assert!(matches!(
        read(&bytes, &small),
        Err(ReadError::TooLarge { .. })
    ));
    let tight = Limits {
        max_inflated_bytes: 300,
        ..Limits::default()
    };
    assert!(matches!(
        read(&bytes, &tight),
        Err(ReadError::TooLarge { .. })
    ));
}

/// The fixtures of fixtures/xlsb read as the same grids as their .xlsx twins.
#[test]
fn fixtures_read_as_their_xlsx_twins() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut n = 0;
    for e in std::fs::read_dir(root.join("xlsb")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name
            .trim_end_matches(".xlsb")
            .replace("（填表说明在前）", "");
        let twin = ["forms", "projects", "national", "layouts"]
            .iter()
            .map(|d| root.join(d).join(format!("{stem}.xlsx")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{name}: no twin"));
        let limits = Limits::default();
        let ours = read(&std::fs::read(&path).unwrap(), &limits).unwrap();
        let theirs = crate::readers::xlsx::read(&std::fs::read(&twin).unwrap(), &limits).unwrap();
        let by_name = |d: &Document| {
            let mut v: Vec<Grid> = sheets(d).into_iter().cloned().collect();
            v.sort_by_key(|g| format!("{:?}", g.kind));
            v
        };
        assert_eq!(by_name(&ours), by_name(&theirs), "{name}");
        n += 1;
    }
    assert!(n >= 6, "{n} fixtures");
}
