#!/usr/bin/python3
"""Writes N reproducible ex-officio enforcement cases for the end-to-end benchmark.

  gen_cases.py OUTDIR N [SEED]

OUTDIR/vanban/case_NNNNN.xml    the case exchange format (urn:vanban:case:1), rendered by vanban with
                                templates/qd-tha-chu-dong.vbt (a 2-page decision)
OUTDIR/reportlab/case_NNNNN.xml the same people, amounts and dates in the flat format that
                                bench/reportlab/render.py merges into its comparable 2-page decision

A fixed seed gives byte-identical files on every run. All names, numbers and addresses are invented.
"""
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']

HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng',
      'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lương', 'Vi', 'Lò', 'Quang']
DEM_NAM = ['Văn', 'Đức', 'Hữu', 'Quang', 'Đình', 'Xuân', 'Minh', 'Công', 'Trọng', 'Văn Thành']
DEM_NU = ['Thị', 'Thị Hồng', 'Ngọc', 'Thu', 'Thị Thanh', 'Thị Kim', 'Mỹ', 'Thị Ánh']
TEN_NAM = ['Hùng', 'Tuấn', 'Dũng', 'Thắng', 'Đạt', 'Cường', 'Khánh', 'Trường', 'Hiếu',
           'Sơn', 'Quyết', 'Nghĩa', 'Lộc', 'Thịnh', 'Khải', 'Mạnh', 'Tùng', 'Việt']
TEN_NU = ['Nhung', 'Hương', 'Phương', 'Quỳnh', 'Hằng', 'Nguyệt', 'Thủy', 'Yến', 'Loan',
          'Thảo', 'Huyền', 'Trang', 'Ngân', 'Duyên', 'Lệ', 'Oanh', 'Hạnh', 'Nhàn']
XA = ['Châu Quang', 'Châu Hồng', 'Châu Tiến', 'Châu Thành', 'Liên Hợp', 'Minh Hợp',
      'Nghĩa Xuân', 'Tam Hợp', 'Thọ Hợp', 'Đồng Hợp', 'Văn Lợi', 'Yên Hợp', 'Châu Lộc',
      'Châu Cường', 'Châu Đình', 'Hạ Sơn', 'Bắc Sơn', 'Nam Sơn', 'Châu Lý', 'Châu Thái']
XOM = ['Xóm Tân Hợp', 'Bản Bàng', 'Xóm Mới', 'Xóm Đồng Tâm', 'Xóm Quyết Thắng', 'Bản Hạt',
       'Bản Tằm', 'Xóm Trung Tiến', 'Bản Quỳnh Châu', 'Xóm Liên Minh', 'Bản Cồn Ngấn']
OBLIGATIONS = [
    ('court-fee', 'Án phí hình sự sơ thẩm', 200_000, 200_000),
    ('fine', 'Phạt bổ sung sung quỹ Nhà nước', 5_000_000, 50_000_000),
    ('recovery', 'Truy thu số tiền thu lợi bất chính sung quỹ Nhà nước', 1_000_000, 90_000_000),
    ('confiscation', 'Tịch thu sung quỹ Nhà nước số tiền dùng vào việc phạm tội', 500_000, 20_000_000),
]


def _read3(n, full):
    h, t, u = n // 100, (n // 10) % 10, n % 10
    out = []
    if full or h:
        out += [DIGITS[h], 'trăm']
    if t == 0:
        if u and (full or h):
            out.append('linh')
    elif t == 1:
        out.append('mười')
    else:
        out += [DIGITS[t], 'mươi']
    if u:
        if u == 1 and t >= 2:
            out.append('mốt')
        elif u == 5 and t >= 1:
            out.append('lăm')
        else:
            out.append(DIGITS[u])
    return out


def vn_words(n):
    """52870000 -> 'Năm mươi hai triệu tám trăm bảy mươi nghìn đồng' (ReportLab gets it as data)."""
    units = ['', 'nghìn', 'triệu', 'tỷ']
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    out = []
    for i in range(len(groups) - 1, -1, -1):
        if groups[i] == 0:
            continue
        out += _read3(groups[i], full=(i != len(groups) - 1))
        if units[i]:
            out.append(units[i])
    s = ' '.join(out) + ' đồng'
    return s[0].upper() + s[1:]


def person(rng, female):
    if female:
        name = f'{rng.choice(HO)} {rng.choice(DEM_NU)} {rng.choice(TEN_NU)}'
    else:
        name = f'{rng.choice(HO)} {rng.choice(DEM_NAM)} {rng.choice(TEN_NAM)}'
    return name, f'{rng.choice(XOM)}, xã {rng.choice(XA)}, huyện Quỳ Hợp, tỉnh Nghệ An'


def make_case(rng, i):
    female = rng.random() < 0.4
    name, address = person(rng, female)
    birth = rng.randint(1955, 2000)
    creditor, creditor_address = person(rng, rng.random() < 0.5)
    month = rng.randint(2, 12)
    day = rng.randint(1, 28)
    obligations = [(kind, text, rng.randint(low // 1000, high // 1000) * 1000)
                   for kind, text, low, high in OBLIGATIONS[:rng.randint(3, 4)]]
    return dict(
        id=f'THA-2024-{i:06d}', number=rng.randint(1, 999), date=f'2024-{month:02d}-{day:02d}',
        judgment=f'{rng.randint(1, 120)}/2023/HS-ST',
        judgment_date=f'2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}',
        received=f'2024-{month - 1:02d}-{rng.randint(1, 28):02d}',
        name=name, female=female, birth=birth,
        cccd=f'040{(1 if female else 0) + (2 if birth >= 2000 else 0)}{birth % 100:02d}{rng.randint(0, 999999):06d}',
        address=address, obligations=obligations, creditor=creditor, creditor_address=creditor_address,
        officer=rng.choice(['Lữ Văn Thắng', 'Nguyễn Thị Hương Giang', 'Hồ Sỹ Dũng', 'Phan Văn Lợi']))


def vanban_xml(c):
    obligations = ''.join(
        f'    <obligation id="o{k + 1}" kind="{kind}" debtor="p1" judgment="j1">\n'
        f'      <text>{escape(text)}</text>\n      <amount>{amount}</amount>\n    </obligation>\n'
        for k, (kind, text, amount) in enumerate(c['obligations']))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<case xmlns="urn:vanban:case:1" id="{c['id']}">
  <agency>
    <parent>CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN</parent>
    <name>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP</name>
    <code>CCTHADS</code>
    <place>Quỳ Hợp</place>
    <address>Khối 6, thị trấn Quỳ Hợp, huyện Quỳ Hợp, tỉnh Nghệ An</address>
  </agency>
  <officers>
    <officer id="head" position="Chi cục trưởng">Hoàng Minh Đức</officer>
    <officer id="cv1" position="Chấp hành viên">{escape(c['officer'])}</officer>
  </officers>
  <judgments>
    <judgment id="j1" kind="Bản án" number="{c['judgment']}" date="{c['judgment_date']}"
              court="Tòa án nhân dân huyện Quỳ Hợp, tỉnh Nghệ An"/>
  </judgments>
  <parties>
    <person id="p1" role="debtor">
      <name>{escape(c['name'])}</name>
      <birth-year>{c['birth']}</birth-year>
      <gender>{'female' if c['female'] else 'male'}</gender>
      <id-number kind="CCCD">{c['cccd']}</id-number>
      <address>{escape(c['address'])}</address>
    </person>
  </parties>
  <obligations>
{obligations}  </obligations>
  <enforcement mode="ex-officio" officer="cv1">
    <received date="{c['received']}"/>
    <decision number="{c['number']}" date="{c['date']}" signer="head"/>
  </enforcement>
</case>
'''


def reportlab_xml(c):
    def el(tag, val, ind='    '):
        return f'{ind}<{tag}>{escape(str(val))}</{tag}>\n'
    year, month, day = c['date'].split('-')
    jy, jm, jd = c['judgment_date'].split('-')
    ry, rm, rd = c['received'].split('-')
    amounts = [a for _, _, a in c['obligations']]
    goc, lai, anphi = amounts[1], amounts[2], amounts[0]
    s = '<?xml version="1.0" encoding="UTF-8"?>\n' + f'<hoso id={quoteattr(c["id"])}>\n'
    s += '  <quyetdinh>\n' + el('so', c['number']) + el('ngay', day) + el('thang', int(month)) + el('nam', year)
    s += '  </quyetdinh>\n  <banan>\n' + el('so', c['judgment']) + el('ngay', f'{jd} tháng {int(jm)} năm {jy}')
    s += '  </banan>\n  <don>\n' + el('ngay', f'{rd} tháng {int(rm)} năm {ry}') + '  </don>\n'
    s += '  <phaithihanh>\n' + el('danhxung', 'Bà' if c['female'] else 'Ông') + el('hoten', c['name'])
    s += el('namsinh', c['birth']) + el('cccd', c['cccd']) + el('diachi', c['address']) + '  </phaithihanh>\n'
    s += '  <duocthihanh>\n' + el('danhxung', 'Ông') + el('hoten', c['creditor']) + el('namsinh', 1970)
    s += el('diachi', c['creditor_address']) + '  </duocthihanh>\n'
    s += '  <khoan>\n' + el('goc', goc) + el('lai', lai) + el('tong', goc + lai) + el('bangchu', vn_words(goc + lai))
    s += '  </khoan>\n' + el('anphi', anphi, '  ') + el('chaphanhvien', c['officer'], '  ')
    s += el('nguoiky', 'Hoàng Minh Đức', '  ') + '</hoso>\n'
    return s


def main():
    outdir = sys.argv[1]
    n = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20240305)
    for sub in ('vanban', 'reportlab'):
        os.makedirs(os.path.join(outdir, sub), exist_ok=True)
    for i in range(n):
        c = make_case(rng, i)
        for sub, text in (('vanban', vanban_xml(c)), ('reportlab', reportlab_xml(c))):
            with open(os.path.join(outdir, sub, f'case_{i:05d}.xml'), 'w', encoding='utf-8') as f:
                f.write(text)


if __name__ == '__main__':
    assert vn_words(52_870_000) == 'Năm mươi hai triệu tám trăm bảy mươi nghìn đồng'
    assert vn_words(1_005_000) == 'Một triệu không trăm linh năm nghìn đồng'
    main()
