#!/usr/bin/env python3
"""Read a jixiao xlsx export with openpyxl and print a summary as JSON.

    python3 verify_xlsx.py BOOK.xlsx

For each sheet: its number of rows (less the header) and, for each column,
the number of non-empty cells, the Python types of their values, and the
exact sum of the numbers (each float taken as the shortest decimal that
reads back as it), the count of true values, or the total UTF-8 bytes of
the text. Under "layout", for each sheet, the frozen cell and whether the
header row is bold.

Output: {"xlsx": {"forms": {"rows": 3, "columns": {"total_score":
{"non_null": 2, "types": ["float"], "sum": "175.82"}, ...}}, ...},
"layout": {"forms": {"freeze": "A2", "bold_header": true}, ...}}
"""

import json
import sys
from decimal import Decimal

import openpyxl


def canonical(d):
    """Write a Decimal as the jixiao JSON does: no exponent, no trailing zeros."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def summarize(ws):
    rows = ws.iter_rows(values_only=True)
    header = next(rows)
    cols = [{"non_null": 0, "types": set(), "sum": Decimal(0), "true": 0, "bytes": 0} for _ in header]
    n = 0
    for row in rows:
        n += 1
        for c, v in zip(cols, row):
            if v is None:
                continue
            c["non_null"] += 1
            c["types"].add(type(v).__name__)
            if isinstance(v, bool):  # before int: bool is an int
                c["true"] += v
            elif isinstance(v, int):
                c["sum"] += Decimal(v)
            elif isinstance(v, float):
                c["sum"] += Decimal(repr(v))
            elif isinstance(v, str):
                c["bytes"] += len(v.encode("utf-8"))
            else:
                raise SystemExit(f"{ws.title}: unexpected {type(v).__name__} value {v!r}")
    out = {"rows": n, "columns": {}}
    for name, c in zip(header, cols):
        cs = {"non_null": c["non_null"], "types": sorted(c["types"])}
        kinds = c["types"] - {"NoneType"}
        if kinds <= {"bool"} and kinds:
            cs["true"] = c["true"]
        elif kinds <= {"int", "float"} and kinds:
            cs["sum"] = canonical(c["sum"])
        elif kinds == {"str"}:
            cs["bytes"] = c["bytes"]
        out["columns"][name] = cs
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: python3 verify_xlsx.py BOOK.xlsx")
    wb = openpyxl.load_workbook(sys.argv[1])
    result = {"xlsx": {}, "layout": {}}
    for ws in wb.worksheets:
        result["xlsx"][ws.title] = summarize(ws)
        result["layout"][ws.title] = {
            "freeze": ws.freeze_panes,
            "bold_header": all(c.font.b for c in ws[1]),
        }
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
