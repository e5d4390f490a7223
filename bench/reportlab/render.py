#!/usr/bin/python3
"""ReportLab (platypus): case XML -> PDF, many documents in one Python process.

  render.py OUTDIR case1.xml [case2.xml ...]

Copied from ../shared/bench/anchors/reportlab/render.py (the vanban project's peer benchmark); main() also
measures, like bench/e2e_bench.cpp: CPU ms/doc (after fonts are registered), wall ms/doc, KB/doc, peak RSS.

The document structure/text comes from ../docmodel.py (in ReportLab the template is
Python code); the merge of the XML data into it is done here.  Fonts are registered once
per process; ReportLab subsets and embeds the TTFs.
"""
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docmodel as M  # noqa: E402

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate,  # noqa: E402
                                Paragraph, Table, TableStyle)

FONT = {'': 'LiberationSerif', 'b': 'LiberationSerif-Bold', 'i': 'LiberationSerif-Italic',
        'bi': 'LiberationSerif-BoldItalic'}


def register_fonts():
    for face, name in FONT.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(M.FONT_DIR, M.FONT_FILES[face])))
    pdfmetrics.registerFontFamily(FONT[''], normal=FONT[''], bold=FONT['b'], italic=FONT['i'],
                                  boldItalic=FONT['bi'])


def make_styles():
    al = {'center': TA_CENTER, 'justify': TA_JUSTIFY, 'left': TA_LEFT}
    return {name: ParagraphStyle(name, fontName=FONT[st['face']], fontSize=st['size'],
                                 leading=st['size'] * M.LINE_HEIGHT, alignment=al[st['align']],
                                 firstLineIndent=M.INDENT_MM * mm if st.get('indent') else 0,
                                 spaceBefore=st.get('sb', 0), spaceAfter=st.get('sa', 0))
            for name, st in M.STYLES.items()}


def xml_to_flat(path):
    out = {}

    def walk(el, prefix):
        kids = list(el)
        if not kids:
            out[prefix] = (el.text or '').strip()
        for k in kids:
            walk(k, f'{prefix}.{k.tag}' if prefix else k.tag)
    walk(ET.parse(path).getroot(), '')
    return out


def para(styles, style, runs, data):
    st = M.STYLES[style]
    markup = ''
    for face, text in runs:
        t = escape(M.merge(text, data))      # merge + escape for ReportLab's mini-markup
        if face and face != st['face']:
            if 'b' in face and 'b' not in st['face']:
                t = f'<b>{t}</b>'
            if 'i' in face and 'i' not in st['face']:
                t = f'<i>{t}</i>'
        markup += t
    if st.get('underline'):
        markup = f'<u>{markup}</u>'
    return Paragraph(markup, styles[style])


def story(styles, data):
    P = lambda s, t: para(styles, s, [('', t)], data)
    zero = [('LEFTPADDING', (0, 0), (-1, -1), 0), ('RIGHTPADDING', (0, 0), (-1, -1), 0),
            ('TOPPADDING', (0, 0), (-1, -1), 0), ('BOTTOMPADDING', (0, 0), (-1, -1), 0),
            ('VALIGN', (0, 0), (-1, -1), 'TOP'), ('FONT', (0, 0), (-1, -1), FONT[''], 12)]  # else Helvetica
    cols = [M.COL_MM[0] * mm, M.COL_MM[1] * mm]
    hdr = Table([[[P(s, t) for s, t in M.HEADER_LEFT], [P(s, t) for s, t in M.HEADER_RIGHT]],
                 [P(*M.HEADER_ROW2[0]), P(*M.HEADER_ROW2[1])]], colWidths=cols,
                style=TableStyle(zero + [('TOPPADDING', (0, 1), (-1, 1), M.ROW2_PAD)]), hAlign='LEFT')
    out = [hdr]
    out += [para(styles, s, r, data) for s, r in M.BODY]
    sig = Table([[[P(s, t) for s, t in M.SIG_LEFT], [P(s, t) for s, t in M.SIG_RIGHT]]], colWidths=cols,
                style=TableStyle(zero), hAlign='LEFT')
    out.append(KeepTogether([sig]))
    return out


def page_number(canv, doc):
    canv.saveState()
    canv.setFont(FONT[''], M.PAGENO_SIZE)
    y = A4[1] - M.MARGIN_MM['top'] * mm / 2 - 0.35 * M.PAGENO_SIZE   # centred in the top margin
    canv.drawCentredString(M.MARGIN_MM['left'] * mm + M.TEXT_W_MM * mm / 2, y, str(doc.page))
    canv.restoreState()


def render(styles, xml_path, out_path):
    data = xml_to_flat(xml_path)
    m = M.MARGIN_MM
    frame = Frame(m['left'] * mm, m['bottom'] * mm, M.TEXT_W_MM * mm, (M.PAGE_H_MM - m['top'] - m['bottom']) * mm,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id='body')
    doc = BaseDocTemplate(out_path, pagesize=A4, leftMargin=m['left'] * mm, rightMargin=m['right'] * mm,
                          topMargin=m['top'] * mm, bottomMargin=m['bottom'] * mm,
                          title='Quyết định thi hành án', initialFontName=FONT[''], pageTemplates=[
                              PageTemplate('first', [frame], autoNextPageTemplate='later'),
                              PageTemplate('later', [frame], onPage=page_number)])
    doc.build(story(styles, data))


def main(outdir, inputs):
    import resource
    import time
    os.makedirs(outdir, exist_ok=True)
    register_fonts()
    styles = make_styles()
    cpu, wall = time.process_time(), time.perf_counter()
    size = 0
    for p in inputs:
        out = os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + '.pdf')
        render(styles, p, out)
        size += os.path.getsize(out)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(inputs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'reportlab: {n} docs')
    print(f'reportlab: CPU {cpu * 1e3 / n:.3f} ms/doc, wall {wall * 1e3 / n:.3f} ms/doc, {size / 1024 / n:.1f} KB/doc, '
          f'peak RSS {rss:.1f} MB')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
