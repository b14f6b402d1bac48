"""Renders expected records into forms the way a script would write them (python-docx and
openpyxl), with layouts the Rust generator does not use, so the golden tests meet a third
producer. Run from the crate root:

    pip install python-docx openpyxl
    python3 tests/scripts/render_scripted.py

It reads tests/expected/forms/<source>.json, writes fixtures/scripted/<name> and
tests/expected/scripted/<name>.json (the same record, source.path/format changed; budget_year
is stated in the title, so it is the record's own). CI does not run it: its output is
committed.
"""
import copy
import json
import os

import zipfile

import openpyxl
from docx import Document
from openpyxl.styles import Alignment

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "fixtures", "scripted")
EXP = os.path.join(ROOT, "tests", "expected", "scripted")


def load(name):
    with open(os.path.join(ROOT, "tests", "expected", "forms", name + ".json"), encoding="utf-8") as f:
        return json.load(f)[0]


def fmt_num(x):
    if x is None:
        return ""
    return ("%.2f" % x).rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def funds_rows(rec):
    """(block label, item, amount, share, history...) rows; totals written 合计."""
    years = [str(y) for y in rec["funds"]["years"]]
    out = []
    for block, label in (("income", "收入构成"), ("expenditure", "支出构成")):
        b = rec["funds"][block]
        lines = b["items"] + ([b["total"]] if b["total"] else [])
        for line in lines:
            out.append([label, line["item"], fmt_num(line["amount"]), fmt_num(line["share_percent"])]
                       + [fmt_num(line["history"].get(y)) for y in years])
    return years, out


def numbered(items):
    return "\n".join("%d.%s" % (i + 1, t) for i, t in enumerate(items))


def tasks_text(groups):
    cn = "一二三四五六七八九十"
    lines = []
    for gi, g in enumerate(groups):
        if g["title"] is not None:
            lines.append("（%s）%s" % (cn[gi], g["title"]))
        lines += ["%d.%s" % (i + 1, t) for i, t in enumerate(g["items"])]
    return "\n".join(lines)


def docx_form(rec, path):
    """One Word table; header as one line of pairs above it; level labels written once
    (no merges); shares as plain numbers under 占比(%); a 序号 column."""
    d = Document()
    d.add_paragraph("%d年度部门整体绩效目标表" % rec["budget_year"])
    head = "填报单位（盖章）：%s" % rec["department"]
    if rec["preparer"]:
        head += "　　填报人：%s" % rec["preparer"]
    if rec["phone"]:
        head += "　　联系电话：%s" % rec["phone"]
    d.add_paragraph(head)
    if rec["unit"]:
        d.add_paragraph("金额单位：%s" % rec["unit"])
    years, frows = funds_rows(rec)
    ncols = 8
    t = d.add_table(rows=0, cols=ncols)

    def row(values):
        cells = t.add_row().cells
        for i, v in enumerate(values[:ncols]):
            cells[i].text = v
        return cells

    h = row(["部门总体资金情况", "项目", "", "当年金额", "占比(%)"] + ["%s 年" % y for y in years])
    h[1].merge(h[2])
    h[1].text = "项目"
    first = None
    for r in frows:
        cells = row([r[0] if r[0] != (first or "") else "", r[1], "", r[2], r[3]] + r[4:])
        first = r[0]
        cells[1].merge(cells[2])
        cells[1].text = r[1]
    for label, text in (("部门职能概述", numbered(rec["functions"])),
                        ("年度工作任务", tasks_text(rec["annual_tasks"]))):
        c = row([label, text])
        c[1].merge(c[ncols - 1]).text = text
    lt = rec["long_term"]
    label = "长期目标（截止%d年）" % lt["deadline_year"] if lt["deadline_year"] else "长期目标"
    c = row([label, numbered(lt["goals"])])
    c[1].merge(c[ncols - 1]).text = numbered(lt["goals"])
    row(["长期绩效指标", "序号", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "指标分类"])
    p1 = p2 = None
    for i, ind in enumerate(lt["indicators"]):
        l1 = ind["level1"] if ind["level1"] != p1 else ""
        l2 = ind["level2"] if (ind["level2"] != p2 or l1) else ""
        p1, p2 = ind["level1"], ind["level2"]
        row(["", str(i + 1), l1, l2, ind["level3"], ind["target"]["text"], ind["basis"] or "", ind["category"] or ""])
    c = row(["年度目标", rec["annual"]["goal"] or ""])
    c[1].merge(c[ncols - 1]).text = rec["annual"]["goal"] or ""
    keys = list(rec["annual"]["indicators"][0]["history"].keys()) if rec["annual"]["indicators"] else years
    a = row(["年度绩效指标", "一级指标", "二级指标", "三级指标", "近两年指标值", "", "预期当年实现值", "指标值确定依据"])
    a[4].merge(a[5]).text = "近两年指标值"
    row(["", "", "", "", "%s年" % keys[0], "%s年" % keys[1], "", ""])
    p1 = p2 = None
    for ind in rec["annual"]["indicators"]:
        l1 = ind["level1"] if ind["level1"] != p1 else ""
        l2 = ind["level2"] if (ind["level2"] != p2 or l1) else ""
        p1, p2 = ind["level1"], ind["level2"]
        row(["", l1, l2, ind["level3"], ind["history"][keys[0]]["text"], ind["history"][keys[1]]["text"],
             ind["target"]["text"], ind["basis"] or ""])
    d.add_paragraph("说明：本表由部门填报，财政部门审核。")
    d.save(path)


def xlsx_form(rec, path):
    """A 填表说明 sheet first; the form from C4 on the second sheet; shares as fractions with a
    percent format; amounts as numbers with thousands separators; years as numbers;
    merged label columns; level labels written once."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "填表说明"
    notes["A2"] = "1. 金额以万元为单位。"
    ws = wb.create_sheet("绩效目标表")
    r0, c0 = 4, 3  # C4

    def put(r, c, v, fmt=None):
        cell = ws.cell(row=r0 + r, column=c0 + c, value=v)
        cell.alignment = Alignment(wrap_text=True)
        if fmt:
            cell.number_format = fmt
        return cell

    def merge(r1, c1, r2, c2):
        ws.merge_cells(start_row=r0 + r1, start_column=c0 + c1, end_row=r0 + r2, end_column=c0 + c2)

    put(-3, 0, "部门整体绩效目标表（%d年度）" % rec["budget_year"])
    if rec["unit"]:
        put(-2, 5, "单位：%s" % rec["unit"])
    r = 0
    put(r, 0, "部门（单位）名称")
    put(r, 1, rec["department"])
    merge(r, 1, r, 6)
    r += 1
    put(r, 0, "填报人")
    put(r, 1, rec["preparer"] or "")
    put(r, 3, "联系电话")
    put(r, 4, rec["phone"] or "")
    r += 1
    years = rec["funds"]["years"]
    put(r, 0, "部门总体资金情况")
    put(r, 1, "总体资金情况")
    put(r, 3, "当年金额")
    put(r, 4, "占比")
    put(r, 5, "近两年收支金额")
    merge(r, 5, r, 6)
    put(r + 1, 5, years[0])
    put(r + 1, 6, years[1])
    start = r
    r += 2
    for block, label in (("income", "收入构成"), ("expenditure", "支出构成")):
        b = rec["funds"][block]
        lines = b["items"] + ([b["total"]] if b["total"] else [])
        put(r, 1, label)
        merge(r, 1, r + len(lines) - 1, 1)
        for line in lines:
            put(r, 2, line["item"])
            if line["amount"] is not None:
                put(r, 3, line["amount"], "#,##0.00")
            if line["share_percent"] is not None:
                put(r, 4, round(line["share_percent"] / 100, 6), "0.00%")
            for k, y in enumerate(years):
                v = line["history"].get(str(y))
                if v is not None:
                    put(r, 5 + k, v, "#,##0.00")
            r += 1
    merge(start, 0, r - 1, 0)
    for label, text in (("部门职能概述", numbered(rec["functions"])),
                        ("年度工作任务", tasks_text(rec["annual_tasks"]))):
        put(r, 0, label)
        put(r, 1, text)
        merge(r, 1, r, 6)
        r += 1
    lt = rec["long_term"]
    put(r, 0, "长期目标：\n（截止%d年）" % lt["deadline_year"] if lt["deadline_year"] else "长期目标：")
    put(r, 1, numbered(lt["goals"]))
    merge(r, 1, r, 6)
    r += 1
    put(r, 0, "长期绩效指标")
    for k, h in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "指标分类"]):
        put(r, 1 + k, h)
    start = r
    r += 1
    p1 = p2 = None
    for ind in lt["indicators"]:
        if ind["level1"] != p1:
            put(r, 1, ind["level1"])
        if ind["level2"] != p2 or ind["level1"] != p1:
            put(r, 2, ind["level2"])
        p1, p2 = ind["level1"], ind["level2"]
        put(r, 3, ind["level3"])
        put(r, 4, ind["target"]["text"])
        put(r, 5, ind["basis"])
        put(r, 6, ind["category"])
        r += 1
    merge(start, 0, r - 1, 0)
    put(r, 0, "年度目标：")
    put(r, 1, rec["annual"]["goal"] or "")
    merge(r, 1, r, 6)
    r += 1
    inds = rec["annual"]["indicators"]
    keys = list(inds[0]["history"].keys()) if inds else [str(y) for y in years]
    put(r, 0, "年度绩效指标")
    for k, h in enumerate(["一级指标", "二级指标", "三级指标"]):
        put(r, 1 + k, h)
        merge(r, 1 + k, r + 1, 1 + k)
    put(r, 4, "近两年指标值")
    merge(r, 4, r, 5)
    put(r, 6, "预期当年实现值")
    merge(r, 6, r + 1, 6)
    put(r, 7, "依据")
    merge(r, 7, r + 1, 7)
    put(r + 1, 4, int(keys[0]))
    put(r + 1, 5, int(keys[1]))
    start = r
    r += 2
    p1 = p2 = None
    for ind in inds:
        if ind["level1"] != p1:
            put(r, 1, ind["level1"])
        if ind["level2"] != p2 or ind["level1"] != p1:
            put(r, 2, ind["level2"])
        p1, p2 = ind["level1"], ind["level2"]
        put(r, 3, ind["level3"])
        put(r, 4, ind["history"][keys[0]]["text"])
        put(r, 5, ind["history"][keys[1]]["text"])
        put(r, 6, ind["target"]["text"])
        put(r, 7, ind["basis"])
        r += 1
    merge(start, 0, r - 1, 0)
    wb.save(path)


def write(rec, name, fmt, drop_category=False):
    rec = copy.deepcopy(rec)
    rec["source"] = {"path": "scripted/" + name, "format": fmt, "part": None, "bytes": None, "sha256": None}
    rec["form"] = "部门整体绩效目标"
    rec["warnings"] = []
    if drop_category:
        for ind in rec["annual"]["indicators"]:
            ind["category"] = None
    path = os.path.join(OUT, name)
    if fmt == "docx":
        rec["source"]["part"] = "table 1"
        docx_form(rec, path)
    else:
        rec["source"]["part"] = "sheet 绩效目标表"
        xlsx_form(rec, path)
    with open(os.path.join(EXP, name + ".json"), "w", encoding="utf-8") as f:
        json.dump([rec], f, ensure_ascii=False, indent=2)


STRICT = [
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
]


def strict(source, name, fmt):
    """The same package with Strict OOXML namespaces (ISO 29500 strict), as Word and Excel
    write when asked for "Strict Open XML"."""
    src = os.path.join(ROOT, "fixtures", "forms", source)
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for old, new in STRICT:
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    recs = json.load(open(os.path.join(ROOT, "tests", "expected", "forms", source + ".json"), encoding="utf-8"))
    for r in recs:
        r["source"]["path"] = "scripted/" + name
        r["source"]["format"] = fmt
    with open(os.path.join(EXP, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(recs, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(EXP, exist_ok=True)
    # The annual tables written here have no 指标分类 column: category is null there.
    write(load("004_宜昌市财政局.docx"), "python-docx_宜昌市财政局.docx", "docx", drop_category=True)
    write(load("009_荆门市文化和旅游局.docx"), "python-docx_荆门市文化和旅游局.docx", "docx", drop_category=True)
    write(load("005_襄阳市交通运输局.xlsx"), "openpyxl_襄阳市交通运输局.xlsx", "xlsx", drop_category=True)
    write(load("002_江岸区教育局.docx"), "openpyxl_江岸区教育局.xlsx", "xlsx", drop_category=True)
    strict("005_襄阳市交通运输局.xlsx", "strict-ooxml_襄阳市交通运输局.xlsx", "xlsx")
    strict("006_荆州市自然资源和规划局.docx", "strict-ooxml_荆州市自然资源和规划局.docx", "docx")
