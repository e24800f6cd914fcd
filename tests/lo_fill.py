"""Fill in a workbook in LibreOffice as an official would, save it, and ask LibreOffice which entries are invalid.

Run by the office tests with the system Python that has LibreOffice's ``uno`` module (Debian's
python3-uno), not the project's virtualenv:  ``/usr/bin/python3 tests/lo_fill.py SPEC.json``.

The spec (JSON) gives ``soffice``, ``profile`` (a file:// URL of a fresh profile), ``input``,
``typed`` ([[sheet, cell, text], ...], entered like typing: numbers and dates are recognised),
``outputs`` ({"xlsx": path, "csv": path}: saved after typing), ``csv_charset`` and ``invalid``
([[sheet, cell, text], ...]: typed after saving, then checked with the sheet's
"mark invalid data"). It prints JSON: each typed cell's type and text, and the invalid cells.
"""

import contextlib
import json
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(soffice, profile):
    pipe = f"sdplan-{uuid.uuid4().hex[:12]}"
    process = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                                "--norestore", "--nologo", "--nodefault",
                                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return process, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if process.poll() is not None:
                raise SystemExit(f"soffice exited with {process.returncode}") from None
            time.sleep(0.25)
    process.kill()
    raise SystemExit("soffice did not accept a connection within 30 s")


def cell_of(doc, sheet, name):
    return doc.Sheets.getByIndex(sheet).getCellRangeByName(name)


def type_into(doc, entries):
    for sheet, name, text in entries:
        cell_of(doc, sheet, name).setFormula(text)  # what typing into the cell does: 2024-06 may become a date


def describe(doc, entries):
    out = {}
    for sheet, name, _ in entries:
        cell = cell_of(doc, sheet, name)
        out[f"{sheet}!{name}"] = {"type": cell.getType().value, "string": cell.getString(), "value": cell.getValue()}
    return out


def invalid_cells(doc, entries):
    """The cells among ``entries`` that LibreOffice's "mark invalid data" circles."""
    found = set()
    for sheet_index in sorted({s for s, _, _ in entries}):
        sheet = doc.Sheets.getByIndex(sheet_index)
        sheet.showInvalid()
        shapes = sheet.DrawPage
        centres = []
        for i in range(shapes.Count):
            shape = shapes.getByIndex(i)
            centres.append((shape.Position.X + shape.Size.Width / 2, shape.Position.Y + shape.Size.Height / 2))
        for s, name, _ in entries:
            if s != sheet_index:
                continue
            cell = sheet.getCellRangeByName(name)
            x0, y0 = cell.Position.X, cell.Position.Y
            x1, y1 = x0 + cell.Size.Width, y0 + cell.Size.Height
            if any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in centres):
                found.add(f"{s}!{name}")
    return sorted(found)


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    process, desktop = connect(spec["soffice"], spec["profile"])
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(spec["input"]), "_blank", 0, (prop("Hidden", True),))
        doc.Sheets.getByIndex(0)  # the data sheet must be the first
        type_into(doc, spec["typed"])
        result = {"typed": describe(doc, spec["typed"])}
        outputs = spec.get("outputs", {})
        if "xlsx" in outputs:
            doc.storeToURL(uno.systemPathToFileUrl(outputs["xlsx"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        if "csv" in outputs:
            options = f"44,34,{spec.get('csv_charset', 'UTF-8')},1"
            doc.storeToURL(uno.systemPathToFileUrl(outputs["csv"]),
                           (prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", options)))
        type_into(doc, spec.get("invalid", []))
        result["invalid"] = invalid_cells(doc, spec.get("invalid", []) + spec["typed"])
        doc.close(True)
    finally:
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
