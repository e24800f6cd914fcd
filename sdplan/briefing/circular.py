"""The circular (通报) on the schedule: the red and yellow targets, their lead departments, the cities
behind, and the cities ranked; Word and PDF in the briefing's layout (GB/T 9704, :mod:`.docx`, :mod:`.pdf`).

Every figure comes from the one set of rules: the targets' progress (:mod:`sdplan.progress`), the
lights against the time-proportional schedule (:mod:`sdplan.schedule`, thresholds from the settings),
the cities' own targets (:mod:`sdplan.subtargets`) and ranks (:mod:`sdplan.ranking`); a light or a rank
resting on a sample value says so, and the page carries the sample mark.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from docx import Document

from ..as_of import moment_banner
from ..beijing import local, now
from ..dataset import Dataset
from ..i18n import t
from ..ledger.rows import LedgerRow, ledger_rows
from ..progress import progress
from ..progress_text import value_text
from ..ranking import Ranking, city_ranking, measure_text, rank_text
from ..schedule import LIGHTS, light_text, schedule_of
from ..settings import schedule_thresholds
from ..translations import in_language
from ..units import format_number
from .docx import _header_footer, _masthead, _recipients, _table
from .docx_styles import apply_styles, page_setup
from .masthead import Masthead, masthead
from .outline import heading_1, heading_2
from .pdf import Block, layout
from .tables import Table
from .wording import date_text

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}
WARNED = ("red", "yellow")  # the lights a circular lists, in this order


@dataclass(frozen=True)
class CityBehind:
    names: tuple[str, str]
    light: str
    sample: bool


@dataclass(frozen=True)
class Item:
    """A red or yellow target: its ledger row and the cities behind their own targets."""

    row: LedgerRow
    behind: tuple[CityBehind, ...]
    split: bool  # some city has its own target for it


@dataclass(frozen=True)
class Circular:
    lang: str
    as_of: datetime
    masthead: Masthead
    rows: tuple[LedgerRow, ...]
    items: tuple[Item, ...]  # red first, then yellow, in ledger order
    rankings: tuple[Ranking, ...]
    thresholds: tuple[float, float]
    version: str | None = None  # drawn from a past version of the data: "数据截至 … 的版本" on every page

    @property
    def has_sample(self) -> bool:
        return any(i.row.schedule.sample or any(c.sample for c in i.behind) for i in self.items) or any(
            r.sample for ranking in self.rankings for r in ranking.ranked)


def build_circular(data: Dataset, lang: str = "zh", as_of: datetime | None = None, head: Masthead | None = None,
                   thresholds: tuple[float, float] | None = None) -> Circular:
    """What the circular says, from the ledger of the whole province."""
    thresholds = thresholds or schedule_thresholds()
    rows = tuple(ledger_rows(data, thresholds=thresholds))
    items = []
    for light in WARNED:
        for row in rows:
            if row.schedule.light == light:
                items.append(_item(data, row, thresholds))
    rankings = tuple(r for r in (city_ranking(data, row.target.id) for row in rows) if r is not None and r.ranked)
    head = head or masthead(name=t("circular_name", lang))
    return Circular(lang, as_of or now(), head, rows, tuple(items), rankings, thresholds, moment_banner(data.as_of, lang))


def _item(data: Dataset, row: LedgerRow, thresholds: tuple[float, float]) -> Item:
    own = data.subtargets_of(row.target.id)
    cities = data.regions_at("prefecture")
    behind = []
    for code, zh, en in zip(cities["adcode"], cities["name_zh"], cities["name_en"]):
        if code not in set(own["adcode"]):
            continue
        schedule = schedule_of(progress(data, row.target.id, row.progress.period, prefecture=code), thresholds)
        if schedule.light in WARNED:
            behind.append(CityBehind((zh, en), schedule.light, schedule.sample))
    return Item(row, tuple(behind), bool(own["adcode"].isin(data.prefecture_codes).any()))


# Text ------------------------------------------------------------------------------------------


def title(c: Circular) -> str:
    return t("circular_title", c.lang)


def overview(c: Circular) -> str:
    """'截至…,台账56项目标中,绿灯3项、黄灯1项、红灯2项(其中1项基于示例数据),50项未评判……'."""
    lang = c.lang
    counts = {light: [r for r in c.rows if r.schedule.light == light] for light in LIGHTS}
    parts = []
    for light in ("green", "yellow", "red"):
        sample = sum(r.schedule.sample for r in counts[light])
        text = t("circular_count", lang, light=t(f"schedule_light.{light}", lang), n=len(counts[light]))
        parts.append(text + (t("circular_of_sample", lang, n=sample) if sample else ""))
    unjudged = len(c.rows) - sum(len(v) for v in counts.values())
    yellow, red = (format_number(v, None) for v in c.thresholds)
    return t("circular_overview", lang, date=date_text(c.as_of, lang), total=len(c.rows),
             counts=t("enum_sep", lang).join(parts), unjudged=unjudged, yellow=yellow, red=red)


def _departments(row: LedgerRow, lang: str) -> str:
    leads = row.target.lead_departments
    return t("enum_sep", lang).join(in_language(d, lang) for d in leads) if leads else t("circular_no_lead", lang)


def _cities(item: Item, lang: str) -> str:
    if not item.split:
        return t("circular_not_split", lang)
    if not item.behind:
        return t("circular_none_behind", lang)
    named = []
    for city in item.behind:
        light = t(f"schedule_light.{city.light}", lang)
        text = t("circular_city_light", lang, name=city.names[1 if lang == "en" else 0], light=light)
        named.append(t("verdict_sample", lang, status=text) if city.sample else text)
    return t("enum_sep", lang).join(named)


def item_table(c: Circular, light: str) -> Table:
    """The targets of one light: target, figure against its target, the light, lead departments, cities behind."""
    lang = c.lang
    head = [t(f"circular_column.{k}", lang) for k in ("target", "figure", "schedule", "lead", "cities")]
    rows = []
    for item in c.items:
        if item.row.schedule.light != light:
            continue
        p = item.row.progress
        figure = t("circular_figure", lang, value=value_text(p, lang), period=p.period,
                   done=format_number(item.row.schedule.completion, 1),
                   due=format_number(item.row.schedule.expected, 1))
        rows.append([item.row.target.name(lang), figure, light_text(item.row.schedule, lang),
                     _departments(item.row, lang), _cities(item, lang)])
    return head, rows


def ranking_table(ranking: Ranking, lang: str) -> Table:
    head = [t(f"circular_column.{k}", lang) for k in ("rank", "city", "measure")]
    return head, [[rank_text(r, lang), r.name(lang), measure_text(r, ranking, lang)] for r in ranking.rows]


def ranking_note(ranking: Ranking, lang: str) -> str:
    return t("circular_ranking_note", lang, measure=t(f"rank_measure.{ranking.measure}", lang),
             period=ranking.period or "—", coverage=ranking.coverage_text(lang))


def blocks_of(c: Circular) -> list[tuple[str, object]]:
    """The circular as (kind, content) in order: headings, paragraphs and tables, Word and PDF alike."""
    lang = c.lang
    out: list[tuple[str, object]] = [("title", title(c)), ("h1", heading_1(1, t("circular_summary", lang), lang)),
                                     ("p", overview(c))]
    for n, light in enumerate(WARNED, start=2):
        out.append(("h1", heading_1(n, t(f"circular_items.{light}", lang), lang)))
        table = item_table(c, light)
        out.append(("table", table) if table[1] else ("p", t("circular_no_items", lang,
                                                              light=t(f"schedule_light.{light}", lang))))
    out.append(("h1", heading_1(len(WARNED) + 2, t("circular_rankings", lang), lang)))
    if not c.rankings:
        out.append(("p", t("circular_no_rankings", lang)))
    for n, ranking in enumerate(c.rankings, start=1):
        out += [("h2", heading_2(len(WARNED) + 2, n, ranking.target.name(lang), lang)),
                ("p", ranking_note(ranking, lang)), ("table", ranking_table(ranking, lang))]
    return out


# Files -----------------------------------------------------------------------------------------


def docx_bytes(c: Circular) -> bytes:
    """The circular as a Word document, styled as the 简报 (报头, headings, tables, 报尾)."""
    document = Document()
    page_setup(document)
    apply_styles(document)
    _header_footer(document, c)
    _masthead(document, c)
    for kind, content in blocks_of(c):
        if kind == "title":
            document.add_paragraph(content, style="Title")
        elif kind in ("h1", "h2"):
            document.add_heading(content, level=int(kind[1]))
        elif kind == "table":
            _table(document, content)
        else:
            document.add_paragraph(content)
    _recipients(document, c)
    document.core_properties.title = title(c)
    document.core_properties.created = local(c.as_of).astimezone(UTC)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(c: Circular) -> bytes:
    """The circular as a printed PDF, laid out as the 简报 (:func:`sdplan.briefing.pdf.layout`)."""
    from ..printing import pages_bytes

    lang, head = c.lang, c.masthead
    blocks = [Block("name", head.title(lang)), Block("issue", head.number(lang)),
              Block("issuer", head.issuer, lines=[date_text(c.as_of, lang)])]
    for kind, content in blocks_of(c):
        blocks.append(Block("table", table=content) if kind == "table" else Block(kind, content))
    blocks.append(Block("recipients", lines=head.recipients(lang)))
    return pages_bytes(layout(c, blocks).figures)


def filename(c: Circular, fmt: str) -> str:
    """'circular_20261129-0900.pdf' (ASCII; Beijing time)."""
    return f"circular_{local(c.as_of):%Y%m%d-%H%M}.{fmt}"


def circular_bytes(c: Circular, fmt: str) -> bytes:
    if fmt == "docx":
        return docx_bytes(c)
    if fmt == "pdf":
        return pdf_bytes(c)
    raise ValueError(f"unknown circular format {fmt!r}; expected docx or pdf")
