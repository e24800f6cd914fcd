"""The ledger of the bundled data rendered to text: its page (every component's words and links) and
the text of its XLSX and PDF exports, at a fixed export time. ``tests/test_ledger_golden.py`` compares
them with ``tests/golden/``; ``python tests/ledger_golden.py`` rewrites the files (review the diff)."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
QUERIES = ("", "?lang=en")
BASE_URL = "http://127.0.0.1:8050"
NOTES = ()  # the golden ledger has no progress notes (tests/test_notes.py shows them)


def _component_lines(node, depth: int = 0) -> list[str]:
    """One line per component: its type, id, href and own text, indented by depth."""
    from dash.development.base_component import Component

    if node is None:
        return []
    if isinstance(node, (str, int, float)):
        return ["  " * depth + repr(node)]
    if isinstance(node, (list, tuple)):
        return [line for child in node for line in _component_lines(child, depth)]
    assert isinstance(node, Component), type(node)
    attrs = {k: getattr(node, k) for k in ("id", "href", "className", "hidden", "title", "value", "options", "colSpan")
             if getattr(node, k, None) is not None}
    lines = ["  " * depth + f"<{type(node).__name__} {attrs}>"]
    return lines + _component_lines(getattr(node, "children", None), depth + 1)


def page_text(data, query: str) -> str:
    from components.ledger import create_page

    filters, notices, data, rows, tasks = _ledger(data, query)
    page = create_page(filters, data.catalog.departments(), rows, [n.message(filters.lang) for n in notices], tasks,
                       data.catalog.plan)
    return "\n".join(_component_lines(page)) + "\n"


def _ledger(data, query: str):
    """(filters, notices, data for the plan, target rows, task rows) as the page and the exports make them."""
    from sdplan.ledger.filters import parse_filters
    from sdplan.ledger.rows import ledger_rows, task_rows

    filters, notices = parse_filters(data.catalog, query)
    data = data.for_plan(filters.plan)
    return filters, notices, data, ledger_rows(data, filters, NOTES), task_rows(data, filters, NOTES)


def xlsx_text(data, query: str) -> str:
    from openpyxl import load_workbook

    from sdplan.ledger.export import export_bytes

    filters, _, data, rows, tasks = _ledger(data, query)
    book = load_workbook(io.BytesIO(export_bytes(rows, filters, "xlsx", NOW, BASE_URL, tasks)))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"## {sheet.title}")
        for row in sheet.iter_rows():
            cells = [f"{c.coordinate}={c.value!r}" + (f" -> {c.hyperlink.target}" if c.hyperlink else "")
                     for c in row if c.value is not None]
            if cells:
                lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def pdf_text(data, query: str) -> str:
    from pypdf import PdfReader

    from sdplan.ledger.export import export_bytes

    filters, _, data, rows, tasks = _ledger(data, query)
    reader = PdfReader(io.BytesIO(export_bytes(rows, filters, "pdf", NOW, tasks=tasks)))
    return "".join(f"## page {i}\n{p.extract_text()}\n" for i, p in enumerate(reader.pages, start=1))


RENDERERS = {"page": page_text, "xlsx": xlsx_text, "pdf": pdf_text}


def golden_path(kind: str, query: str) -> Path:
    return GOLDEN / f"ledger_2022{'_en' if 'lang=en' in query else ''}.{kind}.txt"


def rendered(data) -> dict[Path, str]:
    """Every golden file's expected name and the text rendered now."""
    return {golden_path(kind, q): render(data, q) for kind, render in RENDERERS.items() for q in QUERIES}


if __name__ == "__main__":  # rewrite the golden files from a freshly seeded store
    import os
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/golden.sqlite"
    from sdplan.store.current import current_dataset
    from sdplan.store.db import open_store

    GOLDEN.mkdir(exist_ok=True)
    for path, text in rendered(current_dataset(open_store())).items():
        path.write_text(text, encoding="utf-8")
        print(path, len(text))
