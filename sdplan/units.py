"""Units of measure used by the catalog (one code each, labelled in Chinese and English), and how
quantities are written: one way to write each quantity, on screen, in tooltips and in every export.

Chinese keeps the plan's own units (万人, 亿吨). English has no 万 or 亿: a quantity in such a unit is
written out at its full size ("1.1 million persons", "160,000"), and a label standing alone (an
axis, a legend) says what one unit is ("×10,000 persons").
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

UNITS = MappingProxyType(
    {
        "percent": {"zh": "%", "en": "%"},
        "pct_points": {"zh": "个百分点", "en": "percentage points"},
        "km": {"zh": "公里", "en": "km"},
        "km2": {"zh": "平方公里", "en": "km²"},
        "stars": {"zh": "星级", "en": "stars"},
        "cohort": {"zh": "批次", "en": "cohort"},
        "status": {"zh": "状态", "en": "status"},
        "count": {"zh": "个", "en": ""},
        "10k_count": {"zh": "万个", "en": "×10,000"},
        "10k_persons": {"zh": "万人", "en": "×10,000 persons"},
        "10k_households": {"zh": "万户", "en": "×10,000 households"},
        "10k_units": {"zh": "万套", "en": "×10,000 units"},
        "100m_m2": {"zh": "亿平方米", "en": "×100 million m²"},
        "100m_tonnes": {"zh": "亿吨", "en": "×100 million t"},
        "t_per_day": {"zh": "吨/日", "en": "t/day"},
    }
)
# English writes these units' quantities at full size: (factor, the unit of one).
SCALED_EN = MappingProxyType({
    "10k_count": (1e4, ""), "10k_persons": (1e4, "persons"), "10k_households": (1e4, "households"),
    "10k_units": (1e4, "units"), "100m_m2": (1e8, "m²"), "100m_tonnes": (1e8, "t"),
})


def format_number(value: float, decimals: int | None = None) -> str:
    """A readable number with thousands separators.

    With ``decimals`` (an indicator's own rule) exactly that many: 1,099.31 and 941.77 in one
    column. Without, a short form: 12,345 / 293.1 / 12.3 / 0.45 (trailing zeros dropped). -0 is 0.
    """
    value = float(value) + 0.0  # -0.0 + 0.0 is 0.0
    if decimals is not None:
        text = f"{_half_up(value, decimals):,.{decimals}f}"
        return "0" if text.strip("-0.,") == "" else text
    if value.is_integer() or abs(value) >= 1000:
        return f"{_half_up(value, 0):,.0f}"
    digits = 1 if abs(value) >= 100 else 2
    return f"{_half_up(value, digits):,.{digits}f}".rstrip("0").rstrip(".")


def _half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded as people round (0.15 -> 0.2, 0.25 -> 0.3), from its shortest decimal form: the
    binary 0.15 is 0.1499..., which ``f"{0.15:.1f}"`` writes as 0.1."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def figure_text(value: float, unit: str, lang: str = "zh", decimals: int | None = None,
                categories: Sequence = (), signed: bool = False) -> str:
    """A figure as it is written everywhere: its category's name for a code ('四星级', 'Completed'),
    else the quantity with its unit (:func:`with_unit`); ``signed`` writes a change with its sign (+10.0)."""
    for category in categories:
        if category.code == value:
            return category.en if lang == "en" else category.zh
    text = with_unit(value, unit, lang, decimals)
    return f"+{text}" if signed and value > 0 and not text.startswith("0") else text


def with_unit(value: float, unit: str, lang: str = "zh", decimals: int | None = None) -> str:
    """A quantity with its unit: '377.2公里' / '377.2 km', '64.54%', '110万人' / '1.1 million persons'."""
    if lang == "en" and unit in SCALED_EN:
        factor, one = SCALED_EN[unit]
        return _full_size(value * factor, one)
    label = unit_label(unit, lang)
    sep = "" if lang == "zh" or label in ("%", "") else " "
    return f"{format_number(value, decimals)}{sep}{label}"


def _full_size(value: float, one: str) -> str:
    """'1.1 million persons', '160,000', '100 million t'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            number = f"{format_number(value / size)} {word}"
            break
    else:
        number = format_number(round(value))
    return f"{number} {one}".rstrip()


def unit_label(unit: str, lang: str = "zh") -> str:
    """Return the display label of a unit code; raise KeyError naming an unknown code."""
    try:
        return UNITS[unit][lang]
    except KeyError:
        raise KeyError(f"unknown unit {unit!r}; known units: {', '.join(UNITS)}") from None


def display_round(value: float, decimals: int | None = None) -> float:
    """``value`` rounded as :func:`format_number` writes it (for cells that stay numbers): 16.9118 -> 16.91."""
    if decimals is not None:
        return float(_half_up(float(value), decimals)) + 0.0
    if float(value).is_integer() or abs(value) >= 1000:
        return float(_half_up(float(value), 0))
    return float(_half_up(float(value), 1 if abs(value) >= 100 else 2))
