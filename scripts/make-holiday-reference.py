#!/usr/bin/env python3
"""Writes Tests/HanchotCoreTests/Calendar/Reference/holidays-vn-2018-2026.tsv: Vietnam's days off
2018-2026 as python-holidays (PyPI `holidays`, the Vacanza project) computes them, independent of
hanchot's code and of its data file `Sources/HanchotCore/Calendar/OfficialDaysOff.swift`.

What the library holds (holidays/countries/vietnam.py in 0.109):
  * the Labour Code holidays (1/1; Tết: the last day of the lunar year and mùng 1-4, by its own
    Vietnamese lunisolar table; Giỗ Tổ 10/3 lunar from 2007; 30/4; 1/5; 2/9, and from 2021 one
    adjacent day chosen by the weekday of 2/9; Ngày Văn hóa Việt Nam 24/11 from 2026);
  * weekend compensation ("nghỉ bù"): a holiday on Saturday or Sunday gives the next working day;
    for Tết since 2014 a Saturday gives the previous working day and a Sunday the next;
  * `VietnamStaticHolidays.special_public_holidays`: the government's swapped days ("hoán đổi"),
    each a weekday off and the Saturday worked in exchange (2018: 31/12 for 5/1/2019; 2019 and
    2024: 29/4 for 4/5; 2025: 2/5 for 26/4; 2026: 31/8 for 22/8).

Rows: every date the library calls a holiday (status `off`, its Vietnamese name) and every
Saturday it makes a working day (status `worked`, the day it pays back), 2018-2026.

Usage:
    python3 -m venv /tmp/holenv
    /tmp/holenv/bin/pip install holidays==0.109
    /tmp/holenv/bin/python scripts/make-holiday-reference.py [--print]

`--print` also lists, per year, the library's days off with names (for reading, not written).
"""

import datetime
import os
import sys

import holidays
from holidays.countries.vietnam import Vietnam, VietnamStaticHolidays

FIRST_YEAR, LAST_YEAR = 2018, 2026
PINNED = "0.109"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "HanchotCoreTests", "Calendar", "Reference",
                   f"holidays-vn-{FIRST_YEAR}-{LAST_YEAR}.tsv")
WEEKDAYS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]  # date.weekday(): Monday = 0


def swaps():
    """(day off, Saturday worked) pairs from the library's special public holidays."""
    out = []
    for year, entries in VietnamStaticHolidays.special_public_holidays.items():
        if entries and isinstance(entries[0], int):
            entries = (entries,)
        for entry in entries:
            month, day, from_month, from_day = entry[:4]
            from_year = entry[4] if len(entry) > 4 else year
            out.append((datetime.date(year, month, day), datetime.date(from_year, from_month, from_day)))
    return out


def main():
    if holidays.__version__ != PINNED:
        print(f"warning: holidays {holidays.__version__} installed; the table is pinned to {PINNED}", file=sys.stderr)
    rows = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days = Vietnam(years=year, language="vi")
        for d, name in sorted(days.items()):
            rows[d] = ("off", name)
        if "--print" in sys.argv:
            print(f"{year}:", file=sys.stderr)
            for d, name in sorted(days.items()):
                print(f"  {d} {WEEKDAYS[d.weekday()]} {name}", file=sys.stderr)
    for off, worked in swaps():
        if FIRST_YEAR <= worked.year <= LAST_YEAR:
            assert worked.weekday() >= 5, worked
            rows[worked] = ("worked", f"Làm bù cho ngày {off.strftime('%d/%m/%Y')}")
    header = [
        f"# Vietnam's days off {FIRST_YEAR}-{LAST_YEAR} according to python-holidays {holidays.__version__} (PyPI `holidays`),",
        "# written by scripts/make-holiday-reference.py; do not edit by hand. status: off = a holiday (on any",
        "# weekday), worked = a Saturday worked in exchange for a swapped day off. Every other Saturday and",
        "# Sunday is a day off, every other weekday a working day.",
        "date\tweekday\tstatus\tname",
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        for d in sorted(rows):
            status, name = rows[d]
            f.write(f"{d.isoformat()}\t{WEEKDAYS[d.weekday()]}\t{status}\t{name}\n")
    print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
