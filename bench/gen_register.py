#!/usr/bin/python3
"""Writes one register of N reproducible cases for the statistics and deadlines benchmark (bench/report_run).

  gen_register.py OUTDIR N [PER_FILE] [SEED]

OUTDIR/register-NN.xml: registers of at most PER_FILE cases (default 50,000: 40 MB, inside the 64 MiB a file may
have), together N cases.

Compact cases (about 800 bytes each, Vietnamese text in UTF-8): one debtor, one or two obligations, both
enforcement modes, decisions spread over three statistics years, payments (some beyond what is owed), verifications
with and without means, no-means decisions, postponements, suspensions, terminations, evidence to destroy, mortgaged
assets held by a bank, five officers. A fixed seed gives the same bytes on every run. All data is invented.
"""
import datetime
import os
import random
import sys

HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vi', 'Lò', 'Lương', 'Đinh', 'Cầm', 'Hà', 'Ngân']
DEM = ['Văn', 'Thị', 'Đức', 'Công', 'Ngọc']
TEN = ['Hùng', 'Ước', 'Ánh', 'Thủy', 'Hằng', 'Khánh', 'Nga', 'Lực', 'Yến', 'Đạt', 'Quý', 'Thảo']
OFFICERS = [('CHV-1187', 'Phạm Quốc Khánh'), ('CHV-1190', 'Lò Thị Nga'), ('CHV-1201', 'Đinh Văn Ước'),
            ('CHV-1205', 'Hà Thị Thu'), ('CHV-1211', 'Cầm Bá Nguyện')]
START = datetime.date(2021, 10, 1)


def write_register(path, first, last, rng):
    day = lambda base, span: base + datetime.timedelta(days=rng.randrange(span))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<register xmlns="urn:vanban:case:1">\n')
        for i in range(first, last + 1):
            card, officer = OFFICERS[rng.randrange(len(OFFICERS))]
            name = f'{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}'
            judged = day(START, 1000)
            received = judged + datetime.timedelta(days=30 + rng.randrange(10))
            decided = received + datetime.timedelta(days=rng.randrange(6))
            on_request = rng.randrange(4) == 0
            amount = 100_000 * (1 + rng.randrange(2000))
            bank = on_request
            parts = [f'<case id="R{i}"><agency><name>THADS QUỲ HỢP</name>'
                     f'<code>CCTHADS</code><place>Quỳ Hợp</place></agency>'
                     f'<officers><officer id="c" position="Chấp hành viên">{officer}</officer></officers>'
                     f'<judgments><judgment id="j" kind="Bản án" number="{i}/DS" date="{judged}" court="TAND Quỳ Hợp"/>'
                     f'</judgments><parties><person id="p" role="debtor"><name>{name}</name></person>']
            if bank:
                parts.append('<organization id="b" role="creditor"><name>Ngân hàng</name></organization>')
            parts.append('</parties><obligations>')
            creditor = ' creditor="b"' if bank else ''
            parts.append(f'<obligation id="o" kind="{"debt" if bank else "fine"}" debtor="p"{creditor} judgment="j">'
                         f'<text>Trả nợ</text><amount>{amount}</amount></obligation></obligations>')
            if bank and rng.randrange(2) == 0:
                parts.append('<assets><asset id="a" owner="p" kind="land" mortgagee="b"><text>Đất</text></asset></assets>')
            if not bank and rng.randrange(6) == 0:
                parts.append('<evidence><item id="v" judgment="j" disposition="destroy">Vật chứng</item></evidence>')
            mode = 'on-request' if on_request else 'ex-officio'
            parts.append(f'<enforcement mode="{mode}" officer="c">')
            if on_request:
                parts.append(f'<request date="{received}" by="b" channel="paper"/>')
            parts.append(f'<decision date="{decided}"/><events>')
            when = decided + datetime.timedelta(days=15)
            roll = rng.randrange(10)
            if roll >= 4:  # the payments below need no notification to count
                parts.append(f'<notified date="{decided + datetime.timedelta(days=3)}" party="p"/>')
            if roll < 4:
                paid = amount if rng.randrange(2) else amount // 2
                if rng.randrange(20) == 0:
                    paid = amount + 100_000  # beyond what is owed
                parts.append(f'<payment date="{day(when, 400)}" amount="{paid}" obligation="o"/>')
            elif roll < 6:
                parts.append(f'<verification date="{when}" result="no-means"/>')
                if rng.randrange(2):
                    parts.append(f'<no-means-decision number="{i}" date="{when + datetime.timedelta(days=3)}"/>')
            elif roll == 6:
                parts.append(f'<postponed date="{day(when, 200)}"/>')
            elif roll == 7:
                parts.append(f'<suspended date="{day(when, 200)}"/>')
            elif roll == 8:
                parts.append(f'<terminated date="{day(when, 300)}"/>')
            parts.append('</events></enforcement></case>\n')
            f.write(''.join(parts))
        f.write('</register>\n')


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 20241015)
    os.makedirs(out, exist_ok=True)
    for number, first in enumerate(range(1, n + 1, per_file), start=1):
        write_register(os.path.join(out, f'register-{number:02d}.xml'), first, min(n, first + per_file - 1), rng)


if __name__ == '__main__':
    main()
