"""The lines of a snapshot: subtitle, legend and chart titles, footer lines.

Pure functions of a :class:`~sdplan.mapview.MapModel` and the export time, in Chinese or English;
the words come from the catalogue (:func:`sdplan.i18n.t`).
"""

from __future__ import annotations

from datetime import datetime

from ..beijing import stamp
from ..classify import SCHEMES
from ..i18n import t
from ..mapview import SENSE_SYMBOLS, MapModel, target_text
from ..progress_text import partial_note, status_line, value_text
from ..units import format_number, with_unit


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
    if model.classes.scheme in SCHEMES:  # (categories and the completion map's classes are fixed)
        parts.append(t("labelled", lang, label=t("scheme", lang), value=t(f"scheme.{model.classes.scheme}", lang)))
    return "  |  ".join(parts)


def data_date(model: MapModel) -> str:
    """The latest period the figures describe (the sources' publication dates are listed with them)."""
    return model.view.period or "—"


def progress_line(model: MapModel) -> str | None:
    """The headline of the view: each target of the plan, where the scope stands against it and on
    how much of the scope that rests ('城市轨道交通运营里程(目标 ≥ 400公里):山东省377.2公里,进度正常,
    完成 94.3%'); None when the indicator tracks no target."""
    lang = model.lang
    items = []
    for p in model.progress:
        target = target_text(p, lang) or t("province_target_sense", lang, sense=SENSE_SYMBOLS[p.target.sense],
                                           value=with_unit(p.target.target, p.target.unit, lang))
        state = [t("status.province_only", lang) if p.status == "province_only" else status_line(p, lang)]
        if p.partial:
            state.append(partial_note(p, lang))
        elif p.ratio is not None:
            state.append(t("progress_done", lang, pct=format_number(p.ratio * 100, 1)))
        items.append(t("progress_item", lang, name=p.target.name(lang), target=target, scope=model.scope_name,
                       value=value_text(p, lang), state=t("note_sep", lang).join(state)))
    if not items:
        return None
    return t("labelled", lang, label=t("snapshot_progress", lang), value=t("list_sep", lang).join(items))


def source_items(model: MapModel) -> list[str]:
    """Every source of the values shown, plus the sample-data note when any value is a sample."""
    items = list(model.sources) + model.definition_notes()
    if model.has_sample:
        items.append(t("sample_source", model.lang))
    return items or [t("snapshot_no_sources", model.lang)]


def export_line(model: MapModel, as_of: datetime) -> str:
    """Data date and export time (Beijing time) on one line."""
    lang = model.lang
    return (t("labelled", lang, label=t("snapshot_data_date", lang), value=data_date(model)) + "    "
            + t("labelled", lang, label=t("exported", lang), value=stamp(as_of, lang)))


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
