"""The store's write operations check who acts: an editor changes only the indicators their
department leads, an administrator everything, no user nothing; a refusal changes nothing."""

import pytest
from store_users import ADMIN, ANN, BOB

from sdplan.intake.figure_files import parse_import
from sdplan.store.batches import apply_batch, rollback_batch
from sdplan.store.current import current_dataset, dump, history
from sdplan.store.errors import AlreadyRolledBack, BatchNotFound, PermissionDenied, StoreError
from sdplan.store.imports import apply_import, preview_import

SEWER = "region,period,value\n历下,2024,3.5\n"
SEWER_AND_STARS = "indicator,adcode,period,value\nsewer_retrofit_km,370102,2024,3.5\nsmart_city_stars,370200,2024,4\n"


def parsed(text: str = SEWER):
    return parse_import(text.encode(), "f.csv", "sewer_retrofit_km")


def sewer_2024() -> list[float]:
    return current_dataset().observations("sewer_retrofit_km").query("period == '2024'")["value"].tolist()


@pytest.mark.parametrize("user", [BOB, None], ids=["other department", "no user"])
def test_a_preview_is_refused_to_whoever_does_not_lead_the_indicator(store, user):
    before = dump(store)
    with pytest.raises(PermissionDenied) as info:
        preview_import(store, parsed(), user)
    assert info.value.indicators == ["sewer_retrofit_km"]
    assert dump(store) == before


def test_a_preview_names_only_the_indicators_the_editor_does_not_lead(store):
    with pytest.raises(PermissionDenied) as info:
        preview_import(store, parsed(SEWER_AND_STARS), ANN)
    assert info.value.indicators == ["smart_city_stars"]
    assert preview_import(store, parsed(SEWER_AND_STARS), ADMIN).counts() == {"new": 2, "changed": 0, "same": 0}


@pytest.mark.parametrize("user", [BOB, None], ids=["other department", "no user"])
def test_applying_a_preview_is_refused_to_whoever_does_not_lead_the_indicator(store, user):
    preview = preview_import(store, parsed(), ANN)  # previewed by someone allowed
    before = dump(store)
    with pytest.raises(PermissionDenied) as info:
        apply_import(store, preview, user)
    assert info.value.indicators == ["sewer_retrofit_km"]
    assert dump(store) == before and sewer_2024() == []
    with pytest.raises(PermissionDenied):
        apply_batch(store, preview.parsed.frame, user, file_name="f.csv", file_hash="0" * 64)
    assert dump(store) == before


def test_the_lead_department_and_an_administrator_may_import(store):
    apply_import(store, preview_import(store, parsed(), ANN), ANN)
    assert sewer_2024() == [3.5]
    apply_import(store, preview_import(store, parsed(SEWER_AND_STARS), ADMIN), ADMIN)
    assert list(history(store)["username"]) == ["root", "ann", "system"]


@pytest.mark.parametrize("user", [BOB, None], ids=["other department", "no user"])
def test_a_rollback_is_refused_to_whoever_does_not_lead_every_indicator_of_the_batch(store, user):
    batch = apply_import(store, preview_import(store, parsed(), ANN), ANN)
    before = dump(store)
    with pytest.raises(PermissionDenied) as info:
        rollback_batch(store, batch, user)
    assert info.value.indicators == ["sewer_retrofit_km"]
    assert dump(store) == before and sewer_2024() == [3.5]


def test_an_editor_may_not_roll_back_a_batch_spanning_other_departments(store):
    before = dump(store)
    with pytest.raises(PermissionDenied) as info:
        rollback_batch(store, 1, ANN)  # the seed holds every indicator
    assert "smart_city_stars" in info.value.indicators and "sewer_retrofit_km" not in info.value.indicators
    assert dump(store) == before


def test_an_administrator_may_roll_back_anything(store):
    ann_batch = apply_import(store, preview_import(store, parsed(), ANN), ANN)
    rollback_batch(store, ann_batch, ADMIN)
    rollback_batch(store, 1, ADMIN)
    assert history(store).set_index("id")["rolled_back_by"].to_dict() == {ann_batch: "root", 1: "root"}
    assert current_dataset().observations("urban_rail_km").empty


def test_an_unknown_or_rolled_back_batch_is_named_in_the_error(store):
    batch = apply_import(store, preview_import(store, parsed(), ANN), ANN)
    rollback_batch(store, batch, ANN)
    before = dump(store)
    with pytest.raises(AlreadyRolledBack) as again:
        rollback_batch(store, batch, ANN)
    with pytest.raises(BatchNotFound) as unknown:
        rollback_batch(store, 99, ADMIN)
    assert f"#{batch}" in again.value.message("zh") and "already rolled back" in again.value.message("en")
    assert "#99" in unknown.value.message("zh") and "no batch #99" in unknown.value.message("en")
    assert isinstance(again.value, LookupError) and isinstance(unknown.value, LookupError)
    assert dump(store) == before


def test_every_refusal_says_why_in_chinese_and_english():
    denied = PermissionDenied(["sewer_retrofit_km", "smart_city_stars"])
    assert "无权导入" in denied.message() and "sewer_retrofit_km, smart_city_stars" in denied.message("zh")
    assert "may not import" in denied.message("en") and "smart_city_stars" in str(denied)
    for error in (denied, BatchNotFound(5), AlreadyRolledBack(5)):
        assert isinstance(error, StoreError) and error.message("zh") != error.message("en")

