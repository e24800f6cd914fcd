"""The words of a snapshot: kicker, subtitle, footer lines and the sample-data mark.

Pure functions of a :class:`~sdplan.mapview.MapModel` and the export time, in Chinese or English.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd

from ..circles import CIRCLE_NAMES
from ..classify import SCHEMES
from ..i18n import t
from ..mapview import SENSE_SYMBOLS, MapModel, target_text
from ..units import with_unit

WORDS = {
    "zh": {"legend": "图例", "unit": "单位", "data_date": "数据日期", "sources": "数据来源", "target": "规划目标",
           "province_target": "全省目标", "exported": "导出时间", "level": "层级", "scheme": "分级方法",
           "counties_of": "{name} 所辖县(市、区)", "sample_mark": "示例数据 · 非官方", "no_sources": "无",
           "north": "北", "chart": "分市情况", "chart_county": "分县情况", "sep": ";", "colon": ":",
           "rolled_up": "由县级数据汇总"},
    "en": {"legend": "Legend", "unit": "Unit", "data_date": "Data date", "sources": "Sources", "target": "Plan target",
           "province_target": "province-wide target", "exported": "Exported", "level": "Level",
           "scheme": "Classes", "counties_of": "Counties of {name}", "sample_mark": "SAMPLE DATA · not official",
           "no_sources": "none", "north": "N", "chart": "By prefecture", "chart_county": "By county",
           "sep": "; ", "colon": ": ", "rolled_up": "rolled up from counties"},
}


def words(lang: str) -> dict[str, str]:
    """The snapshot's own words in ``lang`` ("zh" or "en")."""
    return WORDS["en" if lang == "en" else "zh"]


def subtitle(model: MapModel) -> str:
    """Period, level (or the drilled prefecture) and classification, joined by separators."""
    lang, view, w = model.lang, model.view, words(model.lang)
    parts = [f"{t('data_period', lang)}{w['colon']}{view.period or '—'}"]
    if view.prefecture:
        parent = model.scope_name
        parts.append(w["counties_of"].format(name=parent) if model.layer == "county" else parent)
    else:
        parts.append(f"{w['level']}{w['colon']}{t(model.layer, lang)}")
    if view.circle and not view.prefecture:
        parts.append(CIRCLE_NAMES[view.circle][lang])
    if model.classes.scheme != "categories":
        parts.append(f"{w['scheme']}{w['colon']}{SCHEMES[model.classes.scheme][1 if lang == 'en' else 0]}")
    return "  |  ".join(parts)


def data_date(model: MapModel) -> str:
    """The latest source date among the values shown, else the period."""
    shown = model.values[model.values["adcode"].isin(model.scope_codes)]
    dates = shown["source_date"].dropna() if "source_date" in shown else pd.Series(dtype=str)
    return str(max(dates)) if len(dates) else (model.view.period or "—")


def target_line(model: MapModel) -> str | None:
    """The plan's targets that apply to the view, or None when the indicator has none."""
    lang, w = model.lang, words(model.lang)
    items = []
    for p in model.progress:
        text = target_text(p, lang)
        if text is None and p.target.target is not None:  # a province-wide total shown for a circle
            text = f"{w['province_target']} {SENSE_SYMBOLS[p.target.sense]} {with_unit(p.target.target, p.target.unit, lang)}"
        if text:
            items.append(f"{p.target.name(lang)} {text}")
    return f"{w['target']}{w['colon']}" + w["sep"].join(items) if items else None


def source_items(model: MapModel) -> list[str]:
    """Every source of the values shown, plus the sample-data note when any value is a sample."""
    items = list(model.sources)
    if model.has_sample:
        items.append(t("sample_source", model.lang))
    return items or [words(model.lang)["no_sources"]]


def export_line(model: MapModel, as_of: datetime) -> str:
    """Data date and export time (UTC) on one line."""
    w = words(model.lang)
    stamp = as_of.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if as_of.tzinfo else as_of.strftime("%Y-%m-%d %H:%M")
    return f"{w['data_date']}{w['colon']}{data_date(model)}    {w['exported']}{w['colon']}{stamp}"


def chart_title(model: MapModel) -> str:
    """Title of the bar chart, with its unit (and a note when counties were rolled up)."""
    w = words(model.lang)
    title = w["chart_county"] if model.view.prefecture else w["chart"]
    notes = [model.breakdown_unit_label()]
    if model.layer == "county" and not model.view.prefecture:
        notes.append(w["rolled_up"])
    notes = [n for n in notes if n]
    if not notes:
        return title
    return f"{title}({','.join(notes)})" if model.lang == "zh" else f"{title} ({'; '.join(notes)})"


def legend_title(model: MapModel) -> str:
    """"图例(单位:公里)" — the unit is left out for categories."""
    w = words(model.lang)
    unit = model.unit_text() if model.classes.scheme != "categories" else ""
    if not unit:
        return w["legend"]
    return f"{w['legend']}({w['unit']}:{unit})" if model.lang == "zh" else f"{w['legend']} ({w['unit']}: {unit})"


def indicator_name(model: MapModel) -> str:
    """The indicator's name in the view's language."""
    return model.indicator.name(model.lang)
