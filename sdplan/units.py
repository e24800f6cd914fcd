"""Units of measure used by the catalog (one code each, labelled in Chinese and English), and how quantities are written."""

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
        "10k_count": {"zh": "万个", "en": "×10k"},
        "10k_persons": {"zh": "万人", "en": "10k persons"},
        "10k_households": {"zh": "万户", "en": "10k households"},
        "10k_units": {"zh": "万套", "en": "10k units"},
        "100m_m2": {"zh": "亿平方米", "en": "100 million m²"},
        "100m_tonnes": {"zh": "亿吨", "en": "100 million t"},
        "t_per_day": {"zh": "吨/日", "en": "t/day"},
    }
)


def format_number(value: float) -> str:
    """A short, readable number: 12,345 / 293.1 / 12.3 / 0.45 (trailing zeros dropped)."""
    if float(value).is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    digits = 1 if abs(value) >= 100 else 2
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def with_unit(value: float, unit: str, lang: str = "zh") -> str:
    """A number with its unit label: '377.2公里' / '377.2 km', '64.54%' in either language."""
    label = unit_label(unit, lang)
    sep = "" if lang == "zh" or label in ("%", "") else " "
    return f"{format_number(value)}{sep}{label}"


def unit_label(unit: str, lang: str = "zh") -> str:
    """Return the display label of a unit code; raise KeyError naming an unknown code."""
    try:
        return UNITS[unit][lang]
    except KeyError:
        raise KeyError(f"unknown unit {unit!r}; known units: {', '.join(UNITS)}") from None


def display_round(value: float) -> float:
    """``value`` rounded as :func:`format_number` writes it (for cells that stay numbers): 16.9118 -> 16.91."""
    if float(value).is_integer() or abs(value) >= 1000:
        return float(round(value))
    return round(value, 1 if abs(value) >= 100 else 2)
