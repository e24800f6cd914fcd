"""A figure awaiting review, or returned, is in no total, no map, no ledger, no briefing and no export:
every output drawn after such submissions equals the one drawn before them (the dataset read afresh)."""

import io
from datetime import datetime

import docx
from openpyxl import load_workbook
from store_users import ADMIN

from sdplan.beijing import BEIJING
from sdplan.briefing import make_briefing
from sdplan.intake.figure_files import parse_import
from sdplan.ledger.export import export_bytes
from sdplan.ledger.filters import Filters
from sdplan.ledger.rows import ledger_rows
from sdplan.mapview import build_map_model
from sdplan.store.auth import User
from sdplan.store.current import current_dataset, forget_datasets
from sdplan.store.imports import apply_import, preview_import
from sdplan.store.review import return_cells
from sdplan.store.rounds import cells, open_round
from sdplan.viewstate import View, choices

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING)
RATE = "urbanization_rate"


def outputs() -> dict:
    """What officials see of the urbanization rate, drawn from a dataset read afresh from the store."""
    forget_datasets()
    data = current_dataset()
    maps = {}
    for period in choices(data, "period", RATE, "prefecture"):
        for lang in ("zh", "en"):
            model = build_map_model(data, View(indicator=RATE, level="prefecture", period=period, lang=lang))
            maps[(period, lang)] = model.hideout()
    briefing = make_briefing(data, indicators=[RATE], fmt="docx", as_of=NOW)
    document = docx.Document(io.BytesIO(briefing.content))
    ledger = load_workbook(io.BytesIO(export_bytes(ledger_rows(data, Filters()), Filters(), "xlsx", NOW)))
    return {"maps": maps, "observations": data.observations(RATE).to_dict("records"),
            "briefing": [p.text for p in document.paragraphs],
            "ledger": [[list(r) for r in sheet.iter_rows(values_only=True)] for sheet in ledger.worksheets]}


def test_pending_and_returned_figures_change_no_output(store):
    before = outputs()
    periods = sorted({p for p, _ in before["maps"]})
    round_id = open_round(store, ADMIN, title="t", period=periods[-1], deadline="2031-01-31", indicators=[RATE])
    jinan = User(21, "jinan", "省发展改革委", False, "k21", "370100")
    qingdao = User(22, "qingdao", "省发展改革委", False, "k22", "370200")
    for user, value in ((jinan, 12.34), (qingdao, 23.45)):
        text = f"adcode,period,value\n{user.region},{periods[-1]},{value}\n"
        apply_import(store, preview_import(store, parse_import(text.encode(), "f.csv", RATE), user), user)
    qingdao_cell = cells(store, round_id).set_index("adcode").loc["370200", "id"]
    return_cells(store, ADMIN, [qingdao_cell], "请核实")
    assert set(cells(store, round_id)["status"]) == {"not_submitted", "submitted", "returned"}
    after = outputs()
    assert after["observations"] == before["observations"]
    assert after["maps"] == before["maps"]
    assert after["briefing"] == before["briefing"]
    assert after["ledger"] == before["ledger"]
    assert "12.34" not in str(after) and "23.45" not in str(after)
