"""The view callback's pure parts, called directly: next view for each trigger, and its outputs."""

import json

from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.view import drill, next_view, render
from components import ids
from sdplan.viewstate import parse_view


def test_url_is_parsed_with_notices(data):
    view, notices = next_view(data, "?indicator=bogus&circle=lunan", ids.MAP_QUERY)
    assert view.indicator == "smart_city_stars" and view.circle == "lunan"
    assert [n.param for n in notices] == ["indicator"]


def test_control_changes_build_a_new_view(data):
    view, _ = next_view(data, "?indicator=urban_rail_km", ids.INDICATOR, "sewer_retrofit_km")
    assert (view.indicator, view.level, view.period) == ("sewer_retrofit_km", "county", "2022")  # its own level
    view, _ = next_view(data, "?indicator=smart_city_stars&level=county", ids.INDICATOR, "urbanization_rate")
    assert view.level == "prefecture"  # urbanization has no county values
    view, _ = next_view(data, "?indicator=sewer_retrofit_km", ids.INDICATOR, "smart_city_stars")
    assert view.level == "county"  # stars exist for counties too: stay where the person was
    view, _ = next_view(data, "?indicator=urban_rail_km&circle=lunan", ids.CIRCLE, "all")
    assert view.circle is None


def test_a_forged_control_value_keeps_the_view_and_says_so(data):
    view, notices = next_view(data, "?indicator=urban_rail_km", ids.INDICATOR, "../../etc/passwd")
    assert view == parse_view(data, "?indicator=urban_rail_km")[0] and notices[0].param == "indicator"
    view, notices = next_view(data, "?indicator=urban_rail_km", ids.LEVEL, "county")
    assert view.level == "prefecture" and notices[0].param == "level"


def test_changing_circle_leaves_a_prefecture_outside_it(data):
    view, _ = next_view(data, "?indicator=sewer_retrofit_km&prefecture=370200", ids.CIRCLE, "lunan")
    assert view.prefecture is None and view.circle == "lunan"


def test_language_switch_and_back_button(data):
    view, _ = next_view(data, "?indicator=urban_rail_km", ids.LANG, 1)
    assert view.lang == "en"
    view, _ = next_view(data, "?indicator=urban_rail_km&prefecture=370100", ids.BACK, 1)
    assert view.prefecture is None


def test_clicking_a_prefecture_drills_in_but_a_muted_one_does_nothing(data):
    view, _ = parse_view(data, "?indicator=sewer_retrofit_km&circle=jiaodong")
    assert drill(data, view, "370200")[0].prefecture == "370200"
    assert drill(data, view, "370100") == (view, [])  # Jinan is outside Jiaodong
    assert drill(data, view, "370102") == (view, [])  # a county
    assert next_view(data, "?indicator=sewer_retrofit_km", ids.MAP_CLICK, {"adcode": "370600"})[0].prefecture == "370600"


def test_render_moves_only_values_and_styles(data):
    view, notices = parse_view(data, "?indicator=sewer_retrofit_status&level=county&circle=jiaodong")
    previous, _ = parse_view(data, "?indicator=sewer_retrofit_status&level=county")
    outputs = render(data, view, notices, previous, "?old", "/geo/county.abc.geojson", initial=False)
    body = json.dumps(outputs, cls=PlotlyJSONEncoder)
    assert "coordinates" not in body
    search, hideout, viewport = outputs["search"], outputs["hideout"], outputs["viewport"]
    assert search == "?indicator=sewer_retrofit_status&circle=jiaodong"  # county is its default level
    assert len(hideout["out"]) == 136 - sum(1 for c in hideout["d"] if c[:4] in ("3702", "3706", "3707", "3710", "3711"))
    assert viewport["bounds"][0][1] > 118  # fitted to Jiaodong, in the east


def test_render_leaves_url_and_viewport_alone_when_nothing_moved(data):
    view, _ = parse_view(data, "?indicator=urban_rail_km")
    outputs = render(data, view, [], view, "?indicator=urban_rail_km", None, initial=False)
    assert outputs["search"] is no_update and outputs["query"] is no_update and outputs["viewport"] is no_update
