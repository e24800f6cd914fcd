"""A round's files for people: the list of who to chase and the audit trail, as XLSX in the reader's language.

Times are Beijing time and say so; region and indicator names are written beside their codes; every
text cell is defused for spreadsheets (:mod:`sdplan.formulas`).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from ..beijing import stored
from ..boundaries import load_regions
from ..catalog import load_catalog
from ..i18n import name_column, t
from ..translations import in_language
from . import models
from .rounds import Round, cells, chase_list, get_round

CHASE_COLUMNS = ("city", "region", "adcode", "indicator", "departments", "status", "reason", "deadline")
AUDIT_COLUMNS = ("at", "username", "action", "indicator", "region", "adcode", "value", "detail")


def audit_trail(engine: Engine, round_id: int) -> pd.DataFrame:
    """Every step of a round, oldest first: at (Beijing), username, action, indicator, adcode, value, detail."""
    e = models.round_events
    with engine.connect() as conn:
        get_round(conn, round_id)
        rows = conn.execute(select(e.c.at, e.c.username, e.c.action, e.c.indicator, e.c.adcode, e.c.value, e.c.detail)
                            .where(e.c.round_id == round_id).order_by(e.c.id)).all()
    frame = pd.DataFrame(rows, columns=["at", "username", "action", "indicator", "adcode", "value", "detail"])
    frame["at"] = frame["at"].map(stored)
    return frame


def named(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (cells or steps) with the names people read beside the codes: ``region``, ``indicator_name`` and,
    where it has a ``city`` column, ``city_name``."""
    regions = load_regions().set_index("adcode")[name_column(lang)]
    indicators = load_catalog().indicators
    def name(code: object) -> str:
        return regions.get(code, code) if isinstance(code, str) else ""
    frame = frame.assign(region=frame["adcode"].map(name),
                         indicator_name=frame["indicator"].map(lambda i: indicators[i].name(lang) if i in indicators
                                                               else (i or "")))
    return frame.assign(city_name=frame["city"].map(name)) if "city" in frame else frame


def chase_xlsx(engine: Engine, round_id: int, lang: str = "zh") -> bytes:
    """The cells still waiting for a figure (未报送 or 已退回), with the departments to ask and the deadline."""
    with engine.connect() as conn:
        found: Round = get_round(conn, round_id)
    frame = named(chase_list(cells(engine, round_id)), lang)
    sep = t("enum_sep", lang)
    records = [[r.city_name, r.region, r.adcode, r.indicator_name,
                sep.join(in_language(d, lang) for d in r.departments.split(";") if d),
                t(f"rounds_status.{r.status}", lang), r.reason or "", found.deadline]
               for r in frame.itertuples(index=False)]
    header = [t(f"rounds_col.{c}", lang) for c in CHASE_COLUMNS]
    from ..sheets import table_workbook  # openpyxl: in the process making the file, not in every worker

    return table_workbook(t("rounds_chase_sheet", lang), header, records)


def audit_xlsx(engine: Engine, round_id: int, lang: str = "zh") -> bytes:
    """The round's audit trail: who opened, submitted, accepted, returned or closed what, when (Beijing time)."""
    frame = named(audit_trail(engine, round_id), lang)
    records = [[f"{r.at:%Y-%m-%d %H:%M:%S}", r.username, t(f"rounds_action.{r.action}", lang), r.indicator_name,
                r.region, r.adcode or "", None if pd.isna(r.value) else float(r.value), r.detail or ""]
               for r in frame.itertuples(index=False)]
    header = [t(f"rounds_col.{c}", lang) for c in AUDIT_COLUMNS]
    from ..sheets import table_workbook

    return table_workbook(t("rounds_audit_sheet", lang), header, records)
