#!/usr/bin/env python3
"""Reference table of the Vietnamese lunisolar calendar, 1900-2100, for hanchot's tests.

Writes, into Tests/HanchotCoreTests/Calendar/Reference/:

  tet-giotoo-1900-2100.tsv   year, tet (mùng 1 tháng Giêng), gio_to (10/3 âm lịch)
  months-1900-2100.tsv       every lunar month of lunar years 1900-2100: lunar_year, month,
                             leap (0/1), start (solar date of its day 1), days (29/30)

Method (independent of Hồ Ngọc Đức's simplified Meeus series that the Swift code uses)
--------------------------------------------------------------------------------------
Package: astronomy-engine 2.1.19 (PyPI `astronomy-engine`, Don Cross: truncated VSOP87 for the
Earth/Sun, the lunar theory of Montenbruck & Pfleger's "Astronomy on the Personal Computer",
nutation and aberration applied, Espenak-Meeus ΔT polynomials; its authors state about one
arcminute of accuracy), Python 3.11.

 1. Every astronomical new moon (astronomy.SearchMoonPhase(0, ...): Moon and Sun at the same
    apparent geocentric ecliptic longitude) and every major solar term (trung khí: the Sun's
    apparent geocentric longitude of date at a multiple of 30°, astronomy.SearchSunLongitude)
    from 1898 to 2102, as UT instants.
 2. Each instant is read as a civil day in UTC+7 (the zone of Vietnam's calendar since 1968,
    which hanchot uses for every year): JDN = floor(JD_UT + 0.5 + 7/24).
 3. A lunar month runs from a new-moon day to the day before the next new-moon day.
    Month 11 is the month that holds the day of the winter solstice (270°). Between two months
    11 there are 12 or 13 months; with 13, the leap month (tháng nhuận) is the first one after
    month 11 that holds no major term, and it repeats the number of the month before it.
 4. Tết = day 1 of month 1 (not leap); Giỗ Tổ Hùng Vương = day 10 of month 3 (not leap).

The same rules are in Hồ Ngọc Đức's "Thuật toán tính âm lịch"; only the astronomy differs (he
uses a short truncated series for new moons and a low-precision solar longitude, evaluated at
local midnight; here both come from astronomy-engine's high-precision models and exact root
finding).

Robustness: everything is also computed with every event moved by ±MARGIN_MINUTES (2 min). A
month whose start, length or leap status changes is written with certain=0 (14 in 1900-2100);
no Tết or Giỗ Tổ changes, even at ±5 minutes (the first to move at ±10 min: 1906, 1976, 2086).
ΔT is known to well under a second in the 20th century, but its extrapolation to 2100 may be off
by a minute or more, so that margin is the one that matters for future years.

Cross-checks (printed to stderr, never written into the table):
  * vnlunar 1.0.5 (PyPI): `convert_solar_to_lunar(..., 7.0)` is Hồ Ngọc Đức's algorithm at
    UTC+7 (the same as the Swift code: not independent, shows agreement of the two ports);
    `get_lunar_date(...)` without a zone reads his published tables TK19-TK22, which follow
    the calendar as published (per vnlunar, UTC+8 before 1968).
  * holidays 0.109 (PyPI `holidays`, python-holidays): Vietnam's lunar_new_year_date and
    hung_kings_date for 1901-2100 (a hand-kept table: Chinese dates with Vietnamese overrides).
  * lunardate 0.3.0 (PyPI): the Chinese calendar (UTC+8), to show where Vietnam differs.

Usage:
    python3 -m venv /tmp/lunarenv
    /tmp/lunarenv/bin/pip install astronomy-engine==2.1.19 vnlunar==1.0.5 holidays==0.109 lunardate==0.3.0
    /tmp/lunarenv/bin/python scripts/make-lunar-reference.py [--check-only]

Only astronomy-engine is needed to write the table; the others are used if installed.
"""

import datetime
import math
import os
import sys

import astronomy

TZ_HOURS = 7.0
FIRST_YEAR, LAST_YEAR = 1900, 2100
MARGIN_MINUTES = 2.0
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "Tests", "HanchotCoreTests", "Calendar", "Reference")
JD_J2000 = 2451545.0
ORDINAL_OFFSET = 1721425  # JDN - date.toordinal()


def jdn_to_date(jdn):
    return datetime.date.fromordinal(jdn - ORDINAL_OFFSET)


def date_to_jdn(d):
    return d.toordinal() + ORDINAL_OFFSET


def local_day(t, tz_hours):
    """Civil day (JDN) of instant t (astronomy.Time) in a zone tz_hours east of UTC."""
    return math.floor(t.ut + JD_J2000 + 0.5 + tz_hours / 24.0)


def new_moons(start, end):
    out = []
    t = astronomy.Time.Make(start, 1, 1, 0, 0, 0)
    stop = astronomy.Time.Make(end, 1, 1, 0, 0, 0)
    while t.ut < stop.ut:
        nm = astronomy.SearchMoonPhase(0.0, t, 40.0)
        out.append(nm)
        t = nm.AddDays(20.0)
    return out


def major_terms(start, end):
    """(longitude, instant) of every major solar term (multiples of 30°)."""
    out = []
    t = astronomy.Time.Make(start, 1, 1, 0, 0, 0)
    stop = astronomy.Time.Make(end, 1, 1, 0, 0, 0)
    lon = (math.floor(astronomy.SunPosition(t).elon / 30.0) + 1) * 30 % 360
    while t.ut < stop.ut:
        ev = astronomy.SearchSunLongitude(float(lon), t, 40.0)
        out.append((lon, ev))
        t = ev.AddDays(10.0)
        lon = (lon + 30) % 360
    return out


class Calendar:
    """The lunar calendar for one zone, built from event instants."""

    def __init__(self, moons, terms, tz_hours):
        self.moon_days = sorted({local_day(t, tz_hours) for t in moons})
        self.term_days = sorted(local_day(t, tz_hours) for _, t in terms)
        self.solstice_days = {}
        for lon, t in terms:
            if lon == 270:
                d = local_day(t, tz_hours)
                self.solstice_days[jdn_to_date(d).year] = d

    def month_start_on_or_before(self, day):
        return max(m for m in self.moon_days if m <= day)

    def month11(self, year):
        """Start day of month 11 of `year` (the month holding the December solstice)."""
        return self.month_start_on_or_before(self.solstice_days[year])

    def has_major_term(self, start, end):
        return any(start <= d < end for d in self.term_days)

    def months_between(self, year):
        """Months from month 11 of `year` to the one before month 11 of `year + 1`:
        list of (month, leap, start_jdn, next_start_jdn), the lunar year being `year + 1` for
        months 1-10 (and 11/12 belonging to lunar year `year`)."""
        a11, b11 = self.month11(year), self.month11(year + 1)
        starts = [m for m in self.moon_days if a11 <= m <= b11]
        n = len(starts) - 1
        assert n in (12, 13), (year, n)
        leap_index = None
        if n == 13:
            for i in range(1, 13):
                if not self.has_major_term(starts[i], starts[i + 1]):
                    leap_index = i
                    break
            assert leap_index is not None, year
        out = []
        number = 11
        for i in range(n):
            if i > 0 and i != leap_index:
                number = number % 12 + 1
            out.append((number, i == leap_index, starts[i], starts[i + 1]))
        return out

    def lunar_year(self, year):
        """Months of lunar year `year` in order (1..12 with any leap month):
        list of (month, leap, start_jdn, days)."""
        def from_month1(window):
            return next(i for i, m in enumerate(window) if m[0] == 1 and not m[1])
        before = self.months_between(year - 1)  # month 11 of year-1 ... month 10 (or leap 10)
        after = self.months_between(year)       # month 11 of year ... month 10 of year+1
        months = before[from_month1(before):] + after[:from_month1(after)]
        return [(m, l, s, n - s) for m, l, s, n in months]

    def tet_and_gio_to(self, year):
        months = self.lunar_year(year)
        tet = next(s for m, l, s, _ in months if m == 1 and not l)
        gio_to = next(s for m, l, s, _ in months if m == 3 and not l) + 9
        return tet, gio_to


def main():
    check_only = "--check-only" in sys.argv
    log = sys.stderr
    print(f"astronomy-engine {getattr(astronomy, '__version__', '2.1.19')}: computing events 1898-2102 ...", file=log)
    moons = new_moons(1898, 2103)
    terms = major_terms(1898, 2103)
    cal = Calendar(moons, terms, TZ_HOURS)
    early = Calendar(moons, terms, TZ_HOURS + MARGIN_MINUTES / 60)
    late = Calendar(moons, terms, TZ_HOURS - MARGIN_MINUTES / 60)
    years = range(FIRST_YEAR, LAST_YEAR + 1)

    rows, month_rows = [], []
    for year in years:
        tet, gio = cal.tet_and_gio_to(year)
        rows.append((year, jdn_to_date(tet), jdn_to_date(gio)))
        perturbed = [set(other.lunar_year(year)) for other in (early, late)]
        for m in cal.lunar_year(year):
            month, leap, start, days = m
            certain = all(m in p for p in perturbed)
            month_rows.append((year, month, int(leap), jdn_to_date(start), days, int(certain)))
        for name, other in (("+", early), ("-", late)):
            if other.tet_and_gio_to(year) != (tet, gio):
                print(f"SENSITIVE {year}: Tết/Giỗ Tổ change with the zone moved {name}{MARGIN_MINUTES} min", file=log)
    uncertain = [r for r in month_rows if not r[5]]
    print(f"{len(uncertain)} month(s) change when the zone moves ±{MARGIN_MINUTES} min (marked certain=0):", file=log)
    for r in uncertain:
        print(f"  uncertain: lunar {r[0]} month {r[1]}{' leap' if r[2] else ''} starting {r[3]} ({r[4]} days)", file=log)

    # How far the clock must move before some Tết / Giỗ Tổ changes (how robust the table is).
    for minutes in (5, 10, 20, 30):
        moved = []
        for sign in (1, -1):
            other = Calendar(moons, terms, TZ_HOURS + sign * minutes / 60)
            moved += [y for y in years if other.tet_and_gio_to(y) != cal.tet_and_gio_to(y)]
        print(f"zone moved ±{minutes} min: Tết/Giỗ Tổ change in {sorted(set(moved)) or 'no year'}", file=log)

    # Events within a few minutes of local midnight (informational).
    def near_midnight(t):
        frac = (t.ut + JD_J2000 + 0.5 + TZ_HOURS / 24.0) % 1.0
        return min(frac, 1 - frac) * 1440.0

    close = [("new moon", t) for t in moons if near_midnight(t) < 10] + \
            [(f"term {lon}°", t) for lon, t in terms if near_midnight(t) < 10]
    for what, t in sorted(close, key=lambda x: x[1].ut):
        local = str(t.AddDays(TZ_HOURS / 24)).rstrip("Z") + "+07:00"
        print(f"  near midnight UTC+7: {what} at {local}, {near_midnight(t):.1f} min from 00:00", file=log)

    known = {2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29",
             1985: "1985-01-21", 2007: "2007-02-17"}
    by_year = {y: (t, g) for y, t, g in rows}
    for y, want in known.items():
        got = by_year[y][0].isoformat()
        print(f"known Tết {y}: {got} {'ok' if got == want else 'MISMATCH, expected ' + want}", file=log)

    cross_check(rows, month_rows, log)

    if check_only:
        return
    header = [
        "# Vietnamese lunisolar calendar (UTC+7): Tết (1/1 âm lịch) and Giỗ Tổ Hùng Vương (10/3 âm lịch).",
        "# Generated by scripts/make-lunar-reference.py from astronomy-engine 2.1.19 (new moons and",
        "# major solar terms found numerically, read as civil days in UTC+7). Do not edit by hand.",
        "year\ttet\tgio_to",
    ]
    with open(os.path.join(OUT_DIR, "tet-giotoo-1900-2100.tsv"), "w") as f:
        f.write("\n".join(header) + "\n")
        for y, t, g in rows:
            f.write(f"{y}\t{t.isoformat()}\t{g.isoformat()}\n")
    header = [
        "# Every month of lunar years 1900-2100 (Vietnamese calendar, UTC+7): day 1's solar date",
        "# and the month's length. Generated by scripts/make-lunar-reference.py (astronomy-engine 2.1.19).",
        "# certain=0: the month's start or leap status changes if every new moon and solar term moves",
        f"# by {MARGIN_MINUTES:g} minutes (an event that close to local midnight: beyond what ΔT and the models settle).",
        "lunar_year\tmonth\tleap\tstart\tdays\tcertain",
    ]
    with open(os.path.join(OUT_DIR, "months-1900-2100.tsv"), "w") as f:
        f.write("\n".join(header) + "\n")
        for y, m, l, s, d, c in month_rows:
            f.write(f"{y}\t{m}\t{l}\t{s.isoformat()}\t{d}\t{c}\n")
    print(f"wrote {len(rows)} years, {len(month_rows)} months to {os.path.normpath(OUT_DIR)}", file=log)


def cross_check(rows, month_rows, log):
    try:
        import vnlunar
        from vnlunar import core as vc
        astro_diff, table_diff = [], []
        for y, tet, gio in rows:
            for label, d, want in (("tet", tet, (1, 1, y, 0)), ("gio_to", gio, (10, 3, y, 0))):
                r = vc.convert_solar_to_lunar(d.day, d.month, d.year, 7.0)
                if (r["day"], r["month"], r["year"], r["leap"]) != want:
                    astro_diff.append((y, label, d, r))
                r = vc.get_lunar_date(d.day, d.month, d.year)
                if (r["day"], r["month"], r["year"], r["leap"]) != want:
                    table_diff.append((y, label, d, r))
        months_diff = []
        for y, m, l, s, days, _ in month_rows:
            r = vc.convert_solar_to_lunar(s.day, s.month, s.year, 7.0)
            if (r["day"], r["month"], r["year"], r["leap"]) != (1, m, y, l):
                months_diff.append((y, m, l, s, r))
        print(f"vnlunar {vnlunar.__version__} (Hồ Ngọc Đức, UTC+7 astronomical): "
              f"{len(astro_diff)} Tết/Giỗ Tổ differences, {len(months_diff)} month-start differences", file=log)
        for x in astro_diff + months_diff:
            print(f"  differs: {x}", file=log)
        print(f"vnlunar {vnlunar.__version__} published tables (UTC+8 before 1968): {len(table_diff)} differences", file=log)
        for y, label, d, r in table_diff:
            print(f"  table: {y} {label} {d} -> {r['day']}/{r['month']}{' nhuận' if r['leap'] else ''}/{r['year']}", file=log)
    except ImportError:
        print("vnlunar not installed: skipped", file=log)
    try:
        import holidays
        from holidays.calendars.chinese import _ChineseLunisolar, VIETNAMESE_CALENDAR
        cal = _ChineseLunisolar(calendar=VIETNAMESE_CALENDAR)
        diff = []
        for y, tet, gio in rows:
            if y < 1901:
                continue
            ht, _ = cal.lunar_new_year_date(y)
            hg, _ = cal.hung_kings_date(y)
            if ht != tet or hg != gio:
                diff.append((y, tet, gio, ht, hg))
        print(f"holidays {holidays.__version__} (Vietnam, 1901-2100): {len(diff)} differences", file=log)
        for x in diff:
            print(f"  holidays: {x[0]} ours tet {x[1]} gio_to {x[2]}; holidays tet {x[3]} gio_to {x[4]}", file=log)
    except ImportError:
        print("holidays not installed: skipped", file=log)
    try:
        import lunardate
        diff = []
        for y, tet, gio in rows:
            if y >= 2100:  # lunardate covers 1900-2099
                continue
            cn_tet = lunardate.LunarDate(y, 1, 1).to_solar_date()
            cn_gio = lunardate.LunarDate(y, 3, 10).to_solar_date()
            if cn_tet != tet or cn_gio != gio:
                diff.append((y, tet, cn_tet, gio, cn_gio))
        print(f"lunardate 0.3.0 (Chinese calendar, UTC+8): Vietnam differs in {len(diff)} years", file=log)
        for y, t, ct, g, cg in diff:
            print(f"  China: {y} tet VN {t} CN {ct}; gio_to VN {g} CN {cg}", file=log)
    except ImportError:
        print("lunardate not installed: skipped", file=log)


if __name__ == "__main__":
    main()
