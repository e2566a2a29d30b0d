"""Messy CRM exports for the differential tests: for each field of an icp's schema, cells in
every form `icpc score` reads, blanks, and cells it cannot read."""

import csv
import io
import random
import re

FIELD = re.compile(
    r'(\w+)\s*:\s*(int|number|money|percent|text|bool|date|duration|enum|set)\s*'
    r'(\[[^\]]*\])?\s*from\s*"((?:[^"\\]|\\.)*)"',
    re.S,
)

CELLS = {
    "int": ["1200", "1,200", "1.2K", "3M", "1e3", " 42 ", "0", "07", "250", "99", "100", "500",
            "501", "2,500", "+5", "-0", "5 k", "1,000,000", "12", "15", "10", "20"],
    "int_bad": ["lots", "-5", "1.5", "12,00", "1,2345", "1.2345K", "5kb", "1,,000", "$5", "1e",
                "K5", ",100", "1,000,"],
    "number": ["-3.5", "+2.5M", "1,000.25", "1e-3", ".5", "5.", "1E3", "2.5e+2", "3 M", "0",
               "-0.0001", "15", "20", "-1.5", "-5", "7.25", "1.5e1"],
    "number_bad": ["35%", "1.2.3", "fast", "-", "+", "1e99999", "e5"],
    "money": ["20000000", "$20,000,000", "€1.2M", "20M", "USD 50K", "50,000 EUR", "$2MM",
              "1.5bn", "US$ 1.5bn", "£999.99", "20 €", "12 MXN", "5 KRW", "EUR5", "$ 5",
              "$-0", "1000", "999", "50000", "1,000,000", "60M", "5M$"],
    "money_bad": ["-$5", "about $5", "$", "$-5", "K5", "5 MUSD", "5 USDX", "-5"],
    "percent": ["35%", "35 %", "0.35", "12.5 %", "-5%", "1e1%", "0", "50%", "0.05", "100%"],
    "percent_bad": ["35 percent", "%", "35%%", "x%"],
    "bool": ["true", "false", "yes", "no", "y", "n", "1", "0", "TRUE", "Yes", " NO ", "Y"],
    "bool_bad": ["maybe", "2", "yess", "t"],
    "date": ["2026-10-05", "2026-10-05T13:45:00Z", "2026-10-05 13:45", "2024-02-29",
             "2026-11-01", "2026-09-01", "2026-08-25", "2025-12-31", "2026-01-01", "2026-06-30",
             "2026-03-15", "2000-02-29"],
    "date_bad": ["2026-02-29", "2026-13-01", "10/05/2026", "2026-10-05x", "2026-00-10",
                 "2026-1-5", "1900-02-29", "2026-04-31", "soon"],
    "duration": ["90d", "8w", "6mo", "2y", "90", "6 months", "3 Weeks", "30d", "179", "180",
                 "181", "90 D", "1 yr", "2 wks"],
    "duration_bad": ["6m", "-3d", "soon", "1234567890d", "d", "90 dayz"],
    "text": ["US", "CA", "DE", "us", " US ", "United States", "O'Brien \"Ltd\"", "a\\b"],
}


def fields(src):
    """The (type, listed values, column) of each schema field of an .icp file."""
    out = []
    for m in FIELD.finditer(src):
        ty, values, col = m.group(2), m.group(3), m.group(4)
        vals = [v.strip() for v in values[1:-1].split(",") if v.strip()] if values else []
        out.append((ty, vals, col.replace('\\"', '"').replace("\\\\", "\\")))
    return out


def spell(rng, value):
    """A listed value as a CRM writes it: any case, `_` as a space or `-`."""
    v = value.replace("_", rng.choice([" ", "-", "_"]))
    return rng.choice([v, v.upper(), v.title(), v.lower(), " " + v + " "])


def cell(rng, ty, values):
    r = rng.random()
    if r < 0.1:
        return rng.choice(["", " "])
    if ty in ("enum", "set"):
        extra = ["Fintech", "teams", "other value"]
        if ty == "enum":
            return spell(rng, rng.choice(values)) if rng.random() < 0.85 else rng.choice(extra)
        n = rng.randint(1, 3)
        parts = [spell(rng, rng.choice(values)) if rng.random() < 0.8 else rng.choice(extra)
                 for _ in range(n)]
        if rng.random() < 0.05:
            return rng.choice([";", " ; , "])
        return rng.choice([";", ", ", ",", " ; "]).join(parts)
    if r < 0.16 and ty + "_bad" in CELLS:
        return rng.choice(CELLS[ty + "_bad"])
    return rng.choice(CELLS[ty])


def generate(src, rows, seed):
    """A CSV export (text) for the first schema of an .icp file, with a `__row` id column."""
    rng = random.Random(seed)
    fs = fields(src)
    cols = []
    for _, _, c in fs:
        if c not in cols:
            cols.append(c)
    types = {c: (ty, vals) for ty, vals, c in reversed(fs)}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["__row"] + cols)
    for i in range(rows):
        w.writerow([str(i)] + [cell(rng, *types[c]) for c in cols])
    return buf.getvalue()
