"""The 2022 plan's ledger stays as it was: page text and XLSX/PDF export text equal the golden files
(captured before the plan moved into data; regenerate with ``python tests/ledger_golden.py`` and review)."""

import pytest
from ledger_golden import QUERIES, RENDERERS, golden_path


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("query", QUERIES)
def test_the_2022_ledger_renders_as_the_golden_file(data, kind, query):
    expected = golden_path(kind, query).read_text(encoding="utf-8")
    assert RENDERERS[kind](data, query) == expected


@pytest.mark.parametrize("query", ["?plan=2022", "?plan=2022&lang=en"])
def test_naming_the_default_plan_changes_nothing(data, query):
    plain = query.replace("plan=2022&", "").replace("?plan=2022", "")
    for kind in ("page", "xlsx"):
        assert RENDERERS[kind](data, query) == golden_path(kind, plain).read_text(encoding="utf-8")
