"""The numbering of a 简报's headings: 一、 (一) 1. in Chinese, 1. 1.1 1) in English."""

from __future__ import annotations

from ..i18n import t
from .wording import numeral


def heading_1(n: int, text: str, lang: str = "zh") -> str:
    """'一、总体情况' / '1. Overview'."""
    return t("brief_h1", lang, n=n if lang == "en" else numeral(n), text=text)


def heading_2(parent: int, n: int, text: str, lang: str = "zh") -> str:
    """'（一）常住人口城镇化率' / '2.1 Urbanization rate'."""
    return t("brief_h2", lang, n=f"{parent}.{n}" if lang == "en" else numeral(n), text=text)


def numbered(n: int, text: str, lang: str = "zh") -> str:
    """'1.省统计局公报' / '1. Provincial statistics bulletin' (a list's third-level number)."""
    return t("brief_item", lang, n=n, text=text)
