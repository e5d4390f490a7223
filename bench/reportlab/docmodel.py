"""Single source of truth for the reference document.

Copied from ../shared/bench/anchors/docmodel.py (the peer benchmark of the vanban project) with what
bench/reportlab/render.py needs; the fonts are the repository's own fonts/ (the same Liberation Serif 2.1.5).


The per-tool templates (XSLT -> XSL-FO, Jinja2 HTML, ODT/DOCX with «merge fields»,
libharu line table) are GENERATED from this file by make_templates.py so that every tool
renders exactly the same text.  At run time each tool merges the XML case data into its
own template by itself (XSLT, Jinja2, a zip/XML fill script, Python code, C++).

Placeholders: {path.in.xml} or {path.in.xml|money}; the path is the element path below
<hoso>, with '.' as separator (e.g. {phaithihanh.hoten}).  |money formats an integer with
'.' as thousands separator (52870000 -> 52.870.000).

Geometry: A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (text width 165 mm);
Liberation Serif; fixed line height 1.2 x font size; page number centred in the top
margin from page 2 on (Nghị định 30/2020/NĐ-CP layout).
"""
import os
import re

FONT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fonts')
FONT_FILES = {
    '': 'LiberationSerif-Regular.ttf',
    'b': 'LiberationSerif-Bold.ttf',
    'i': 'LiberationSerif-Italic.ttf',
    'bi': 'LiberationSerif-BoldItalic.ttf',
}
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_MM = dict(top=20, bottom=20, left=30, right=15)
TEXT_W_MM = PAGE_W_MM - MARGIN_MM['left'] - MARGIN_MM['right']   # 165
COL_MM = (70, 95)            # header / signature table columns
LINE_HEIGHT = 1.2
INDENT_MM = 10
PAGENO_SIZE = 13
MONEY_FIELDS = {'khoan.goc', 'khoan.lai', 'khoan.tong', 'anphi'}

# style: size(pt), face ('', b, i, bi), align, space before/after (pt), first-line indent, underline
STYLES = {
    'hdr_r':     dict(size=12, face='', align='center'),
    'hdr_b':     dict(size=12, face='b', align='center'),
    'nation':    dict(size=12, face='b', align='center'),
    'motto':     dict(size=13, face='b', align='center', underline=True),
    'so':        dict(size=13, face='', align='center'),
    'date':      dict(size=13, face='i', align='center'),
    'title':     dict(size=14, face='b', align='center', sb=18),
    'subtitle':  dict(size=14, face='b', align='center'),
    'authority': dict(size=14, face='b', align='center', sb=12),
    'authority0': dict(size=14, face='b', align='center', sa=6),
    'cancu':     dict(size=14, face='i', align='justify', indent=True, sa=3),
    'qd':        dict(size=14, face='b', align='center', sb=6, sa=6),
    'body':      dict(size=14, face='', align='justify', indent=True, sa=4),
    'body_last': dict(size=14, face='', align='justify', indent=True, sa=16),   # gap above the signature
    'nn_h':      dict(size=12, face='bi', align='left'),
    'nn':        dict(size=11, face='', align='left'),
    'sig_t':     dict(size=14, face='b', align='center'),
    'sig_note':  dict(size=14, face='i', align='center'),
    'sig_name':  dict(size=14, face='b', align='center', sb=64),
}
ROW2_PAD = 6           # pt of cell padding above header row 2 (number | date)

# --- header: two-column table, row 1 = agency | national title, row 2 = number | date
HEADER_LEFT = [
    ('hdr_r', 'CỤC THI HÀNH ÁN DÂN SỰ'),
    ('hdr_r', 'TỈNH NGHỆ AN'),
    ('hdr_b', 'CHI CỤC THI HÀNH ÁN DÂN SỰ'),
    ('hdr_b', 'HUYỆN QUỲ HỢP'),
]
HEADER_RIGHT = [
    ('nation', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
    ('motto', 'Độc lập - Tự do - Hạnh phúc'),
]
HEADER_ROW2 = [
    ('so', 'Số: {quyetdinh.so}/QĐ-CCTHADS'),
    ('date', 'Quỳ Hợp, ngày {quyetdinh.ngay} tháng {quyetdinh.thang} năm {quyetdinh.nam}'),
]

# --- body: (style, [(face, text), ...]); face '' means the style's own face
BODY = [
    ('title', [('', 'QUYẾT ĐỊNH')]),
    ('subtitle', [('', 'Về việc thi hành án')]),
    ('authority', [('', 'CHI CỤC TRƯỞNG')]),
    ('authority0', [('', 'CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP')]),
    ('cancu', [('', 'Căn cứ khoản 2 Điều 23, Điều 35, Điều 36 và Điều 45 Luật Thi hành án dân sự '
                    'năm 2008, được sửa đổi, bổ sung một số điều năm 2014, năm 2018, năm 2020 và năm 2022;')]),
    ('cancu', [('', 'Căn cứ Nghị định số 62/2015/NĐ-CP ngày 18 tháng 7 năm 2015 của Chính phủ quy định '
                    'chi tiết và hướng dẫn thi hành một số điều của Luật Thi hành án dân sự; Nghị định '
                    'số 33/2020/NĐ-CP ngày 17 tháng 3 năm 2020 của Chính phủ sửa đổi, bổ sung một số điều '
                    'của Nghị định số 62/2015/NĐ-CP;')]),
    ('cancu', [('', 'Căn cứ Bản án số {banan.so} ngày {banan.ngay} của Tòa án nhân dân huyện Quỳ Hợp, '
                    'tỉnh Nghệ An đã có hiệu lực pháp luật;')]),
    ('cancu', [('', 'Căn cứ đơn yêu cầu thi hành án ngày {don.ngay} của {duocthihanh.danhxung} '
                    '{duocthihanh.hoten};')]),
    ('cancu', [('', 'Xét đề nghị của Chấp hành viên {chaphanhvien},')]),
    ('qd', [('', 'QUYẾT ĐỊNH:')]),
    ('body', [('b', 'Điều 1. '),
              ('', 'Cho thi hành án đối với: {phaithihanh.danhxung} {phaithihanh.hoten}, sinh năm '
                   '{phaithihanh.namsinh}; số định danh cá nhân: {phaithihanh.cccd}; địa chỉ: '
                   '{phaithihanh.diachi}.')]),
    ('body', [('', 'Các khoản phải thi hành: Trả cho {duocthihanh.danhxung} {duocthihanh.hoten} (sinh năm '
                   '{duocthihanh.namsinh}; địa chỉ: {duocthihanh.diachi}) số tiền nợ gốc là '
                   '{khoan.goc|money} đồng và tiền lãi chậm thực hiện nghĩa vụ tính đến ngày xét xử sơ '
                   'thẩm là {khoan.lai|money} đồng. Tổng cộng là {khoan.tong|money} đồng '),
              ('i', '(Bằng chữ: {khoan.bangchu})'), ('', '.')]),
    ('body', [('', 'Kể từ ngày có đơn yêu cầu thi hành án cho đến khi thi hành án xong, hàng tháng người '
                   'phải thi hành án còn phải chịu khoản tiền lãi của số tiền còn phải thi hành án theo mức '
                   'lãi suất quy định tại khoản 2 Điều 468 Bộ luật Dân sự năm 2015, tương ứng với thời gian '
                   'chưa thi hành án.')]),
    ('body', [('', 'Người phải thi hành án đồng thời phải nộp án phí dân sự sơ thẩm là {anphi|money} đồng '
                   'để sung vào ngân sách nhà nước theo quyết định của bản án nêu trên.')]),
    ('body', [('b', 'Điều 2. '),
              ('', 'Trong thời hạn 10 ngày, kể từ ngày nhận được quyết định này hoặc được thông báo hợp lệ, '
                   '{phaithihanh.danhxung} {phaithihanh.hoten} phải tự nguyện thi hành án. Hết thời hạn '
                   'trên, nếu người phải thi hành án có điều kiện thi hành án mà không tự nguyện thi hành '
                   'thì bị cưỡng chế thi hành án theo quy định của pháp luật và phải chịu chi phí cưỡng chế '
                   'thi hành án theo quy định tại Điều 73 Luật Thi hành án dân sự.')]),
    ('body', [('', 'Trường hợp cần ngăn chặn người phải thi hành án tẩu tán, hủy hoại tài sản hoặc trốn '
                   'tránh việc thi hành án, Chấp hành viên có quyền áp dụng ngay biện pháp bảo đảm thi hành '
                   'án theo quy định tại Điều 66 Luật Thi hành án dân sự. Người phải thi hành án có nghĩa vụ '
                   'kê khai trung thực tài sản, thu nhập và điều kiện thi hành án với cơ quan thi hành án '
                   'dân sự; trường hợp kê khai không trung thực thì phải chịu trách nhiệm trước pháp luật.')]),
    ('body', [('', 'Trong thời hạn 15 ngày, kể từ ngày nhận được quyết định này, đương sự có quyền khiếu nại '
                   'theo quy định tại Chương VI Luật Thi hành án dân sự. Việc khiếu nại không làm tạm dừng '
                   'việc thi hành án, trừ trường hợp người có thẩm quyền giải quyết khiếu nại quyết định '
                   'tạm dừng theo quy định của pháp luật.')]),
    ('body_last', [('b', 'Điều 3. '),
              ('', 'Quyết định này có hiệu lực kể từ ngày ký. Chấp hành viên {chaphanhvien}, Kế toán nghiệp '
                   'vụ thi hành án, {phaithihanh.danhxung} {phaithihanh.hoten}, {duocthihanh.danhxung} '
                   '{duocthihanh.hoten} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi '
                   'hành Quyết định này./.')]),
]

# --- closing: two-column table, left = Nơi nhận, right = signature
SIG_LEFT = [
    ('nn_h', 'Nơi nhận:'),
    ('nn', '- Như Điều 3;'),
    ('nn', '- Viện KSND huyện Quỳ Hợp;'),
    ('nn', '- Cục THADS tỉnh Nghệ An;'),
    ('nn', '- Lưu: VT, HSTHA.'),
]
SIG_RIGHT = [
    ('sig_t', 'CHI CỤC TRƯỞNG'),
    ('sig_note', '(Ký, ghi rõ họ tên và đóng dấu)'),
    ('sig_name', '{nguoiky}'),
]

PLACEHOLDER = re.compile(r'\{([a-z.]+)(\|money)?\}')


def money(v):
    return f'{int(v):,}'.replace(',', '.')


def merge(text, data, escape=None):
    def rep(m):
        v = data[m.group(1)]
        if m.group(2):
            v = money(v)
        return escape(v) if escape else v
    return PLACEHOLDER.sub(rep, text)
