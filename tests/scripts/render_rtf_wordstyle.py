"""Writes a generated form (.docx) as RTF the way Word 2003 on Chinese Windows does, for the
RTF reader's golden tests: `\\ansicpg936`, a GB2312 font (`\\fcharset134`), CJK text as
GBK byte pairs (`\\'b2\\'bf`), row definitions before the cells and again in a group before
`\\row`, `\\clvmgf`/`\\clvmrg` vertical merges, grid spans as wider cells, and — in every
other table row — text as `\\uc1\\uN?` escapes with one fallback character, as Word writes
characters outside the code page. Standard library only. Run from the crate root:

    python3 tests/scripts/render_rtf_wordstyle.py fixtures/forms/004_宜昌市财政局.docx \\
        fixtures/rtf/004_宜昌市财政局（Word风格）.rtf

CI does not run it: its output is committed (tests/expected/rtf/README.md).
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

HEADER = (
    "{\\rtf1\\adeflang1025\\ansi\\ansicpg936\\uc1\\adeff0\\deff0\\stshfdbch13\\stshfloch0"
    "\\stshfhich0\\stshfbi0\\deflang1033\\deflangfe2052\\themelang1033\\themelangfe2052"
    "{\\fonttbl{\\f0\\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}"
    "{\\f13\\fbidi \\fnil\\fcharset134\\fprq2{\\*\\panose 02010600030101010101}\\'cb\\'ce\\'cc\\'e5"
    "{\\*\\falt SimSun};}{\\f39\\fbidi \\fnil\\fcharset134\\fprq2{\\*\\panose 02010600030101010101}"
    "@\\'cb\\'ce\\'cc\\'e5;}}\n"
    "{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\n"
    "{\\*\\defchp \\fs21\\kerning2\\loch\\af0\\hich\\af0\\dbch\\af13 }{\\*\\defpap \\ql \\li0\\ri0"
    "\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0\\itap0 }\n"
    "{\\stylesheet{\\qj \\li0\\ri0\\nowidctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto\\adjustright"
    "\\rin0\\lin0\\itap0 \\rtlch\\fcs1 \\af0\\afs24\\alang1025 \\ltrch\\fcs0 \\fs21\\lang1033"
    "\\langfe2052\\kerning2\\loch\\f0\\hich\\af0\\dbch\\af13\\cgrid\\langnp1033\\langfenp2052 "
    "\\snext0 \\sqformat \\spriority0 Normal;}{\\*\\cs10 \\additive \\ssemihidden Default Paragraph"
    " Font;}}\n"
    "{\\*\\rsidtbl \\rsid1319163\\rsid9437440}{\\*\\generator Microsoft Word 11.0.0000;}"
    "{\\info{\\title \\'b2\\'bf\\'c3\\'c5\\'d5\\'fb\\'cc\\'e5\\'bc\\'a8\\'d0\\'a7\\'c4\\'bf\\'b1\\'ea}"
    "{\\author user}{\\operator user}{\\creatim\\yr2024\\mo1\\dy15\\hr9\\min30}{\\version1}"
    "{\\edmins0}{\\nofpages1}}\n"
    "{\\*\\xmlnstbl {\\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}"
    "\\paperw11906\\paperh16838\\margl1800\\margr1800\\margt1440\\margb1440\\gutter0\\ltrsect \n"
    "\\deftab420\\ftnbj\\aenddoc\\formshade\\horzdoc\\dgmargin\\dghspace180\\dgvspace156"
    "\\dghorigin1800\\dgvorigin1440\\dghshow0\\dgvshow2\\jcompress\\lnongrid\\viewkind1"
    "\\viewscale100\\splytwnine\\ftnlytwnine\\htmautsp\\useltbaln\\alntblind\\lytcalctblwd"
    "\\lyttblrtgr\\lnbrkrule\\nobrkwrptbl\\snaptogridincell\\allowfieldendsel\\wrppunct"
    "\\asianbrkrule\\rsidroot1319163\\newtblstyruls\\nogrowautofit \\fet0"
    "{\\*\\wgrffmtfilter 2450}\\ilfomacatclnup0\\ltrpar \\sectd \\ltrsect\\linex0\\headery851"
    "\\footery992\\colsx425\\endnhere\\sectlinegrid312\\sectspecifyl\\sftnbj "
    "{\\*\\pnseclvl1\\pnucrm\\pnstart1\\pnindent720\\pnhang {\\pntxta \\dbch .}}\n"
)

PARA_PROPS = (
    "\\ql \\widctlpar{intbl}\\adjustright \\fs21\\lang1033\\langfe2052\\kerning2\\loch\\af0"
    "\\hich\\af0\\dbch\\af13 "
)

RUN = "{\\hich\\af13\\dbch\\af13\\loch\\f13 "


def escape(text, unicode_escapes):
    """Text as Word writes it: ASCII literally (\\, { and } escaped), the rest as GBK bytes
    or, with unicode_escapes, as \\uN with a '?' fallback."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\tab ")
        elif ord(ch) < 0x80:
            out.append(ch)
        elif unicode_escapes:
            n = ord(ch)
            out.append("\\u%d?" % (n - 65536 if n > 32767 else n))
        else:
            try:
                out.append("".join("\\'%02x" % b for b in ch.encode("gbk")))
            except UnicodeEncodeError:
                n = ord(ch)
                out.append("\\u%d?" % (n - 65536 if n > 32767 else n))
    return "".join(out)


def para_text(p):
    parts = []
    for node in p.iter():
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag == W + "br":
            parts.append("\n")
    return "".join(parts)


def runs(text, unicode_escapes):
    lines = text.split("\n")
    return "\\line ".join(RUN + escape(line, unicode_escapes) + "}" for line in lines)


def row_def(index, cells, grid):
    s = ["\\trowd \\irow%d\\irowband%d\\ltrrow\\ts11\\trgaph108\\trleft-108\\trbrdrt\\brdrs"
         "\\brdrw10 \\trbrdrl\\brdrs\\brdrw10 \\trbrdrb\\brdrs\\brdrw10 \\trbrdrr\\brdrs\\brdrw10 "
         "\\trbrdrh\\brdrs\\brdrw10 \\trbrdrv\\brdrs\\brdrw10 \\trpaddl108\\trpaddr108"
         "\\trpaddfl3\\trpaddfr3\\tblind0\\tblindtype3 " % (index, index)]
    col = 0
    for span, vmerge, _ in cells:
        col += span
        right = grid[min(col, len(grid)) - 1] - 108
        merge = {"restart": "\\clvmgf", "continue": "\\clvmrg"}.get(vmerge, "")
        s.append("%s\\clbrdrb\\brdrs\\brdrw10 \\clwWidth%d\\cellx%d" % (merge, 1000 * span, right))
    return "".join(s) + "\n"


def main(src, dst):
    with zipfile.ZipFile(src) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    out = [HEADER]
    for el in body:
        if el.tag == W + "p":
            text = para_text(el)
            out.append("\\pard\\plain \\ltrpar" + PARA_PROPS.format(intbl="") + runs(text, False)
                       + "\n\\par ")
        elif el.tag == W + "tbl":
            grid, x = [], 0
            for gc in el.find(W + "tblGrid"):
                x += int(gc.get(W + "w"))
                grid.append(x)
            for i, tr in enumerate(el.findall(W + "tr")):
                cells = []
                for tc in tr.findall(W + "tc"):
                    pr = tc.find(W + "tcPr")
                    span, vmerge = 1, None
                    if pr is not None:
                        gs = pr.find(W + "gridSpan")
                        if gs is not None:
                            span = int(gs.get(W + "val"))
                        vm = pr.find(W + "vMerge")
                        if vm is not None:
                            vmerge = vm.get(W + "val") or "continue"
                    cells.append((span, vmerge, [para_text(p) for p in tc.findall(W + "p")]))
                definition = row_def(i, cells, grid)
                out.append(definition)
                for _, vmerge, paras in cells:
                    for k, text in enumerate(paras):
                        if vmerge == "continue":
                            text = ""
                        out.append("\\pard\\plain \\ltrpar" + PARA_PROPS.format(intbl="\\intbl")
                                   + runs(text, i % 2 == 1)
                                   + ("\\cell " if k == len(paras) - 1 else "\n\\par "))
                    out.append("\n")
                out.append("\\pard\\plain \\ltrpar" + PARA_PROPS.format(intbl="\\intbl")
                           + "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid9437440 " + definition
                           + "\\row }\n")
    out.append("\\pard\\plain \\ltrpar" + PARA_PROPS.format(intbl="")
               + "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid1319163 \n\\par }}")
    with open(dst, "w", encoding="ascii", newline="\r\n") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
