"""Reporting rounds in the store: a region's account submits only its own region's figures of its
department's indicators into an open round; they count only once a province reviewer (not the submitter)
accepts them; returns keep their reason; the board's counts are those of the database; every step is audited.
Each refusal changes nothing. On SQLite and PostgreSQL."""

import pandas as pd
import pytest
from sqlalchemy import func, select
from store_users import ADMIN, ANN, BOB

from sdplan.intake.figure_files import parse_import
from sdplan.store import models
from sdplan.store.auth import User, add_user
from sdplan.store.current import current_dataset, dump
from sdplan.store.errors import (
    NotInRound,
    OutsideRegion,
    PermissionDenied,
    ReviewRefused,
    RoundClosed,
    RoundRefused,
)
from sdplan.store.imports import apply_import, preview_import
from sdplan.store.review import accept, return_cells
from sdplan.store.rounds import board, cells, chase_list, close_round, open_round

JINAN, QINGDAO, LIXIA, SHINAN = "370100", "370200", "370102", "370202"
# 省住房城乡建设厅 leads sewer_retrofit_km (counties); 省大数据局 leads smart_city_stars (cities and counties)
JINAN_BUILD = User(11, "jinan_build", "省住房城乡建设厅", False, "k11", JINAN)
JINAN_DATA = User(12, "jinan_data", "省大数据局", False, "k12", JINAN)
QINGDAO_DATA = User(13, "qingdao_data", "省大数据局", False, "k13", QINGDAO)
LIXIA_DATA = User(14, "lixia_data", "省大数据局", False, "k14", LIXIA)
PROVINCE_DATA = User(15, "prov_data", "省大数据局", False, "k15")  # a province reviewer of smart_city_stars


def frame_of(text: str, indicator: str = "smart_city_stars"):
    return parse_import(text.encode(), "f.csv", indicator)


def stars(adcode: str, period: str = "2030") -> list[float]:
    obs = current_dataset().observations("smart_city_stars")
    return obs[(obs["adcode"] == adcode) & (obs["period"] == period)]["value"].tolist()


def stars_round(store, regions=None, user=ADMIN) -> int:
    return open_round(store, user, title="2030 智慧城市星级", period="2030", deadline="2031-01-31",
                      indicators=["smart_city_stars"], regions=regions)


def submit(store, user, text, explanations=None):
    preview = preview_import(store, frame_of(text), user)
    return apply_import(store, preview, user, explanations=explanations)


def cell_of(store, round_id, adcode, indicator="smart_city_stars") -> dict:
    frame = cells(store, round_id)
    return frame[(frame["adcode"] == adcode) & (frame["indicator"] == indicator)].iloc[0].to_dict()


def test_only_the_office_opens_a_round_and_a_round_expects_every_region_at_the_indicators_levels(store):
    before = dump(store)
    for user in (PROVINCE_DATA, JINAN_DATA):
        with pytest.raises(RoundRefused):
            stars_round(store, user=user)
    with pytest.raises(RoundRefused):
        open_round(store, ADMIN, title="x", period="2030", deadline="31/01/2031", indicators=["smart_city_stars"])
    with pytest.raises(RoundRefused):
        open_round(store, ADMIN, title="x", period="2030", deadline="2031-01-31", indicators=["no_such"])
    assert dump(store) == before
    frame = cells(store, stars_round(store))
    assert len(frame) == 16 + 136  # smart_city_stars is reported by cities and counties
    assert set(frame["status"]) == {"not_submitted"}
    jinan = cells(store, stars_round(store, regions=[JINAN]))
    assert set(jinan["city"]) == {JINAN} and len(jinan) == 1 + 12  # 济南 and its 12 districts and counties


def test_a_region_submits_only_its_own_regions_figures_whatever_the_request_says(store):
    round_id = stars_round(store)
    before = dump(store)
    with pytest.raises(OutsideRegion) as info:  # 青岛 sends 济南's figure
        submit(store, QINGDAO_DATA, f"adcode,period,value\n{JINAN},2030,4\n")
    assert info.value.adcodes == [JINAN]
    assert "济南市" in info.value.message("zh") and "Qingdao" in info.value.message("en")
    with pytest.raises(OutsideRegion):  # a county cannot send its city's figure
        submit(store, LIXIA_DATA, f"adcode,period,value\n{JINAN},2030,4\n")
    preview = preview_import(store, frame_of(f"adcode,period,value\n{QINGDAO},2030,4\n"), QINGDAO_DATA)
    with pytest.raises(OutsideRegion):  # a forged confirmation: another region's account confirms 青岛's preview
        apply_import(store, preview, JINAN_DATA)
    with pytest.raises(PermissionDenied):  # its department does not lead the indicator
        submit(store, JINAN_BUILD, f"adcode,period,value\n{JINAN},2030,4\n")
    with pytest.raises(NotInRound):  # no round asks for 2031
        submit(store, JINAN_DATA, f"adcode,period,value\n{JINAN},2031,4\n")
    assert dump(store) == before
    assert cell_of(store, round_id, JINAN)["status"] == "not_submitted"


def test_a_submitted_figure_counts_only_once_another_province_reviewer_accepts_it(store):
    round_id = stars_round(store)
    submit(store, JINAN_DATA, f"adcode,period,value\n{JINAN},2030,4\n{LIXIA},2030,3\n")
    assert stars(JINAN) == [] and stars(LIXIA) == []  # pending: never current
    assert cell_of(store, round_id, JINAN)["status"] == "submitted"
    jinan, lixia = cell_of(store, round_id, JINAN)["id"], cell_of(store, round_id, LIXIA)["id"]
    before = dump(store)
    for reviewer, key in ((JINAN_DATA, "store_review_own"), (QINGDAO_DATA, "store_review_not_reviewer"),
                          (ANN, "store_review_not_reviewer")):
        with pytest.raises(ReviewRefused) as info:
            accept(store, reviewer, [jinan])
        assert info.value.key == key
    with pytest.raises(ReviewRefused):
        return_cells(store, PROVINCE_DATA, [lixia], "  ")  # a return needs its reason
    assert dump(store) == before
    accept(store, PROVINCE_DATA, [jinan])
    return_cells(store, PROVINCE_DATA, [lixia], "与上年星级不符,请核实")
    assert stars(JINAN) == [4.0] and stars(LIXIA) == []
    returned = cell_of(store, round_id, LIXIA)
    assert (returned["status"], returned["reason"]) == ("returned", "与上年星级不符,请核实")
    with pytest.raises(ReviewRefused):  # returned: nothing to accept until it is submitted again
        accept(store, PROVINCE_DATA, [lixia])
    submit(store, JINAN_DATA, f"adcode,period,value\n{LIXIA},2030,4\n")
    assert cell_of(store, round_id, LIXIA)["status"] == "submitted" and stars(LIXIA) == []
    accept(store, ADMIN, [lixia])
    assert stars(LIXIA) == [4.0]
    with pytest.raises(ReviewRefused):  # accepted already
        accept(store, ADMIN, [lixia])


def test_the_explanation_of_a_soft_check_travels_with_the_figure_and_the_audit_keeps_each_step(store):
    round_id = open_round(store, ADMIN, title="t", period="2030", deadline="2031-01-31",
                          indicators=["urbanization_rate"], regions=[JINAN])
    jinan_dev = User(16, "jinan_dev", "省发展改革委", False, "k16", JINAN)
    preview = preview_import(store, frame_of(f"adcode,period,value\n{JINAN},2030,20\n", "urbanization_rate"), jinan_dev)
    assert preview.warnings == {0: ["jump"]}  # 济南 was at 74-75 per cent: 20 is a fall of two thirds
    apply_import(store, preview, jinan_dev, explanations={0: "口径调整:按新城区范围统计"})
    cell = cell_of(store, round_id, JINAN, "urbanization_rate")
    assert (cell["warnings"], cell["explanation"]) == ("jump", "口径调整:按新城区范围统计")
    accept(store, ADMIN, [cell["id"]])
    obs = current_dataset().observations("urbanization_rate")
    assert obs[(obs["adcode"] == JINAN) & (obs["period"] == "2030")]["note"].tolist() == ["口径调整:按新城区范围统计"]
    with store.connect() as conn:
        events = conn.execute(select(models.round_events.c.action, models.round_events.c.username,
                                     models.round_events.c.detail).order_by(models.round_events.c.id)).all()
    assert [(a, u) for a, u, _ in events] == [("open", "root"), ("submit", "jinan_dev"), ("accept", "root")]
    assert "口径调整" in events[1][2] and "jump" in events[1][2]


def test_a_province_import_fills_the_rounds_cells_as_accepted(store):
    round_id = stars_round(store)
    apply_import(store, preview_import(store, frame_of(f"adcode,period,value\n{QINGDAO},2030,5\n"), BOB), BOB)
    cell = cell_of(store, round_id, QINGDAO)
    assert (cell["status"], cell["value"], cell["reviewed_by"]) == ("accepted", 5.0, "bob")
    assert stars(QINGDAO) == [5.0]


def test_a_closed_round_takes_no_more_figures(store):
    round_id = stars_round(store)
    close_round(store, ADMIN, round_id)
    before = dump(store)
    with pytest.raises(NotInRound):
        submit(store, JINAN_DATA, f"adcode,period,value\n{JINAN},2030,4\n")
    with pytest.raises(RoundClosed):
        close_round(store, ADMIN, round_id)
    assert dump(store) == before


def test_the_boards_counts_equal_a_query_of_the_database_over_every_city_and_county(store):
    round_id = stars_round(store)
    # every city's account submits its own figure and its first county's; every third city is reviewed
    regions = cells(store, round_id)
    for n, city in enumerate(sorted(regions[regions["adcode"] == regions["city"]]["adcode"])):
        county = sorted(regions[(regions["city"] == city) & (regions["adcode"] != city)]["adcode"])[0]
        account = User(100 + n, f"city{n}", "省大数据局", False, f"c{n}", city)
        submit(store, account, f"adcode,period,value\n{city},2030,3\n{county},2030,3\n")
        if n % 3 == 0:
            accept(store, PROVINCE_DATA, [cell_of(store, round_id, city)["id"]])
        if n % 3 == 1:
            return_cells(store, PROVINCE_DATA, [cell_of(store, round_id, county)["id"]], "请核实")
    frame = cells(store, round_id)
    by_city = board(frame, "city", overdue=True)
    with store.connect() as conn:
        counted = pd.DataFrame(conn.execute(
            select(models.round_cells.c.status, func.count()).where(models.round_cells.c.round_id == round_id)
            .group_by(models.round_cells.c.status)).all(), columns=["status", "n"]).set_index("status")["n"]
    for status in ("not_submitted", "submitted", "accepted", "returned"):
        assert by_city[status].sum() == counted.get(status, 0)
    assert counted["accepted"] == 6 and counted["returned"] == 5 and counted["submitted"] == 32 - 11
    assert by_city["total"].sum() == 152 and (by_city["overdue"] == by_city["waiting"]).all()
    jinan = by_city.loc[JINAN]
    assert (jinan["accepted"], jinan["submitted"], jinan["not_submitted"]) == (1, 1, 11)
    by_department = board(frame, "department", overdue=False)
    assert list(by_department.index) == ["省大数据局"] and by_department["overdue"].sum() == 0
    chase = chase_list(frame)
    assert len(chase) == counted["not_submitted"] + counted["returned"]
    assert set(chase[chase["status"] == "returned"]["reason"]) == {"请核实"}


def test_a_region_account_is_created_with_a_city_or_county_and_never_the_province_code_as_a_region(store):
    user = add_user(store, "qd", "password1", "省大数据局", region=QINGDAO)
    assert user.region == QINGDAO and user.regional
    assert add_user(store, "prov", "password1", "省大数据局", region="370000").region is None
    for bad in ("999999", "37010", "济南"):
        with pytest.raises(ValueError):
            add_user(store, f"bad{bad}", "password1", "省大数据局", region=bad)
    with pytest.raises(ValueError):
        add_user(store, "root2", "password1", None, is_admin=True, region=JINAN)
