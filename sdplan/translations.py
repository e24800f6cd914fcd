"""English for names that come with the data in Chinese: lead departments and source titles.

``data/indicators/translations.csv`` holds one row per name (zh, en); a test checks that every
department of the catalog and every source title of the bundled tables has one. A name without
a translation (an imported source, say) is shown as it is.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .paths import INDICATORS

SEPARATOR = "; "  # how several source titles are joined in one cell


@cache
def english_names() -> dict[str, str]:
    """Chinese name -> English (read once)."""
    frame = pd.read_csv(INDICATORS / "translations.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    return dict(zip(frame["zh"].str.strip(), frame["en"].str.strip()))


def in_language(name: str, lang: str = "zh") -> str:
    """``name`` (or several joined by '; ') in ``lang``: the English where one is known."""
    if lang != "en" or not isinstance(name, str):
        return name
    names = english_names()
    return SEPARATOR.join(names.get(part, part) for part in name.split(SEPARATOR))
