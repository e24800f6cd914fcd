"""The lines of a snapshot: subtitle, legend and chart titles, footer lines.

Pure functions of a :class:`~sdplan.mapview.MapModel` and the export time, in Chinese or English;
the words come from the catalogue (:func:`sdplan.i18n.t`).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from ..i18n import t
from ..mapview import SENSE_SYMBOLS, MapModel, target_text
from ..units import with_unit


def subtitle(model: MapModel) -> str:
    """Period, level (or the drilled prefecture) and classification, joined by separators."""
    lang, view = model.lang, model.view
    parts = [t("labelled", lang, label=t("data_period", lang), value=view.period or "—")]
    if view.prefecture:
        parent = model.scope_name
        parts.append(t("snapshot_counties_of", lang, name=parent) if model.layer == "county" else parent)
    else:
        parts.append(t("labelled", lang, label=t("level", lang), value=t(f"level.{model.layer}", lang)))
    if view.circle and not view.prefecture:
        parts.append(t(f"circle.{view.circle}", lang))
    if model.classes.scheme != "categories":
        parts.append(t("labelled", lang, label=t("scheme", lang), value=t(f"scheme.{model.classes.scheme}", lang)))
    return "  |  ".join(parts)


def data_date(model: MapModel) -> str:
    """The latest source date among the values shown, else the period."""
    shown = model.values[model.values["adcode"].isin(model.scope_codes)]
    dates = shown["source_date"].dropna() if "source_date" in shown else pd.Series(dtype=str)
    return str(max(dates)) if len(dates) else (model.view.period or "—")


def target_line(model: MapModel) -> str | None:
    """The plan's targets that apply to the view, or None when the indicator has none."""
    lang = model.lang
    items = []
    for p in model.progress:
        text = target_text(p, lang)
        if text is None and p.target.target is not None:  # a province-wide total shown for a circle
            text = t("province_target_sense", lang, sense=SENSE_SYMBOLS[p.target.sense],
                     value=with_unit(p.target.target, p.target.unit, lang))
        if text:
            items.append(f"{p.target.name(lang)} {text}")
    if not items:
        return None
    return t("labelled", lang, label=t("snapshot_target", lang), value=t("list_sep", lang).join(items))


def source_items(model: MapModel) -> list[str]:
    """Every source of the values shown, plus the sample-data note when any value is a sample."""
    items = list(model.sources)
    if model.has_sample:
        items.append(t("sample_source", model.lang))
    return items or [t("snapshot_no_sources", model.lang)]


def export_line(model: MapModel, as_of: datetime) -> str:
    """Data date and export time (UTC) on one line."""
    lang = model.lang
    stamp = as_of.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if as_of.tzinfo else as_of.strftime("%Y-%m-%d %H:%M")
    return (t("labelled", lang, label=t("snapshot_data_date", lang), value=data_date(model)) + "    "
            + t("labelled", lang, label=t("exported", lang), value=stamp))


def chart_title(model: MapModel) -> str:
    """Title of the bar chart, with its unit (and a note when counties were rolled up)."""
    lang = model.lang
    title = t("breakdown_county" if model.view.prefecture else "breakdown", lang)
    notes = [model.breakdown_unit_label()]
    if model.layer == "county" and not model.view.prefecture:
        notes.append(t("snapshot_rolled_up", lang))
    notes = [n for n in notes if n]
    if not notes:
        return title
    return t("with_note", lang, text=title, note=t("note_sep", lang).join(notes))


def legend_title(model: MapModel) -> str:
    """"图例(单位:公里)" — the unit is left out for categories."""
    lang = model.lang
    legend = t("snapshot_legend", lang)
    unit = model.unit_text() if model.classes.scheme != "categories" else ""
    if not unit:
        return legend
    return t("with_note", lang, text=legend, note=t("labelled", lang, label=t("snapshot_unit", lang), value=unit))
