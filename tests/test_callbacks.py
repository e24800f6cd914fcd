"""The view callback's pure parts on the small dataset: the next view for each trigger, and its named outputs."""

import json

from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.view import AFTER_MAP_PLACES, CONTROL_PLACES, OUTPUTS, PAGE_PLACES, next_view, panel, render
from components import ids
from routes.geometry import geo_url
from sdplan.values import periods
from sdplan.viewstate import View, drill, parse_view, period_index


def test_url_is_parsed_with_notices(small):
    view, notices = next_view(small, "?indicator=bogus&circle=lunan", ids.MAP_QUERY)
    assert view == View(circle="lunan", period="2022")
    assert [n.param for n in notices] == ["indicator"]


def test_control_changes_build_a_new_view(small):
    view, _ = next_view(small, "?indicator=urban_rail_km", ids.INDICATOR, "sewer_retrofit_km")
    assert (view.indicator, view.level, view.period) == ("sewer_retrofit_km", "county", "2022")  # its own level
    view, _ = next_view(small, "?indicator=smart_city_stars&level=county", ids.INDICATOR, "urbanization_rate")
    assert view.level == "prefecture"  # urbanization has no county values
    view, _ = next_view(small, "?indicator=sewer_retrofit_km", ids.INDICATOR, "smart_city_stars")
    assert view.level == "county"  # stars exist for counties too: stay where the person was
    view, _ = next_view(small, "?indicator=urban_rail_km&circle=lunan", ids.CIRCLE, "all")
    assert view.circle is None
    view, _ = next_view(small, "?indicator=urban_rail_km", ids.PERIOD, "2022-12")
    assert view.period == "2022-12"


def test_a_forged_control_value_keeps_the_view_and_says_so(small):
    view, notices = next_view(small, "?indicator=urban_rail_km", ids.INDICATOR, "../../etc/passwd")
    assert view == parse_view(small, "?indicator=urban_rail_km")[0] and notices[0].param == "indicator"
    view, notices = next_view(small, "?indicator=urban_rail_km", ids.LEVEL, "county")
    assert view.level == "prefecture" and notices[0].param == "level"


def test_changing_circle_leaves_a_prefecture_outside_it(small):
    view, _ = next_view(small, "?indicator=sewer_retrofit_km&prefecture=370200", ids.CIRCLE, "capital")
    assert view.prefecture is None and view.circle == "capital"
    view, _ = next_view(small, "?indicator=sewer_retrofit_km&prefecture=370200", ids.CIRCLE, "jiaodong")
    assert view.prefecture == "370200"


def test_back_button_and_the_time_slider(small):
    assert next_view(small, "?indicator=urban_rail_km&prefecture=370100", ids.BACK, 1)[0].prefecture is None
    steps = periods(small, "urban_rail_km", "prefecture")
    assert len(steps) >= 2
    for index, period in enumerate(steps):  # the slider's positions are the periods, oldest first
        view, notices = next_view(small, "?indicator=urban_rail_km", ids.PERIOD_SLIDER, index)
        assert (view.period, notices) == (period, [])
        assert period_index(small, view) == index
    for forged in (len(steps), -1, "2022", True, None):  # no slider has such a position: the view stays
        view, notices = next_view(small, "?indicator=urban_rail_km&period=" + steps[0], ids.PERIOD_SLIDER, forged)
        assert view.period == steps[0] and [n.param for n in notices] == ["period"]


def test_clicking_a_prefecture_drills_in_but_a_muted_one_does_nothing(small):
    view, _ = parse_view(small, "?indicator=sewer_retrofit_km&circle=jiaodong")
    assert drill(small, view, "370200")[0].prefecture == "370200"
    assert drill(small, view, "370100") == (view, [])  # Jinan is outside Jiaodong
    assert drill(small, view, "370102") == (view, [])  # a county
    assert next_view(small, "?indicator=sewer_retrofit_km", ids.MAP_CLICK, {"adcode": "370100"})[0].prefecture == "370100"
    rail, _ = parse_view(small, "?indicator=urban_rail_km")
    view, notes = drill(small, rail, "370200")  # rail has prefecture values only: nothing to drill into
    assert view == rail and notes[0].message("zh").startswith("“城市轨道交通运营里程”只有设区的市")


def test_render_names_every_output_and_moves_only_values_and_styles(small):
    view, notices = parse_view(small, "?indicator=sewer_retrofit_status&level=county&circle=jiaodong")
    previous, _ = parse_view(small, "?indicator=sewer_retrofit_status&level=county")
    outputs = render(small, view, notices, previous, "?old", "/geo/county.abc.geojson", initial=False)
    assert set(outputs) == set(OUTPUTS)
    for name, group in OUTPUTS.items():
        assert not isinstance(group, dict) or set(outputs[name]) == set(group), name
    assert "coordinates" not in json.dumps(outputs, cls=PlotlyJSONEncoder)
    address, page = outputs["address"], outputs["page"]
    assert address["search"] == address["query"] == "?indicator=sewer_retrofit_status&circle=jiaodong"  # county: default
    assert outputs["hideout"]["out"] == ["370102", "370103", "370104"]  # Jinan's counties
    assert page["fit"]["viewport"]["bounds"] == [[35.5, 119.5], [36.2, 120.5]]  # fitted to Qingdao's counties
    assert outputs["controls"]["circle"] == "jiaodong"
    assert (page["back.hidden"], page["sample-banner.hidden"]) == (True, False)
    assert outputs["notice"] is None
    # what changes only with the data travels from a query alone (a page opened, back or forward)
    assert outputs["controls"]["indicator_options"] is no_update and "region-search.options" not in page
    opened = render(small, view, [], view, "?indicator=sewer_retrofit_status&circle=jiaodong", None, initial=True)
    assert opened["controls"]["indicator_options"] and opened["page"]["region-search.options"]
    # every key of the page message is placed by one of the three clientside callbacks
    placed = {f"{component}.{prop}" for component, prop in CONTROL_PLACES + PAGE_PLACES + AFTER_MAP_PLACES}
    assert set(opened["page"]) - placed == {"step", "fit"}


def test_render_leaves_url_and_viewport_alone_when_nothing_moved(small):
    view, _ = parse_view(small, "?indicator=urban_rail_km")
    outputs = render(small, view, [], view, "?indicator=urban_rail_km", geo_url("prefecture"), initial=False)
    assert outputs["address"]["search"] is no_update and outputs["address"]["query"] is no_update
    assert not {"fit", "region-labels.data", "regions.url"} & set(outputs["page"]) and outputs["layer"] is no_update
    assert outputs["controls"]["period"] == "2022-10" and outputs["page"]["sample-banner.hidden"] is True
    assert outputs["controls"]["circle"] == "all"


def test_a_new_layer_travels_with_the_answer_itself(small):
    """The layer's address is an output of its own (not placed from the page message after the answer is drawn),
    so the browser asks for the boundaries while it draws the rest."""
    view, _ = parse_view(small, "?indicator=urban_rail_km")
    outputs = render(small, view, [], view, "?indicator=urban_rail_km", geo_url("county"), initial=False)
    assert outputs["layer"] == geo_url("prefecture") and "regions.url" not in outputs["page"]
    names = {f["properties"]["name"] for f in outputs["page"]["region-labels.data"]["features"]}
    assert "济南市" in names  # the names over it follow in the page message


def test_a_region_found_is_outlined_and_its_information_opened(small):
    view, _ = parse_view(small, "?indicator=sewer_retrofit_km")
    found, _ = next_view(small, "?indicator=sewer_retrofit_km", ids.REGION_SEARCH, "370102")
    outputs = render(small, found, [], view, "?indicator=sewer_retrofit_km", None, initial=False, selected="370102")
    assert outputs["hideout"]["hl"] == "370102" and outputs["page"]["map-select.data"]["adcode"] == "370102"
    assert panel(small, found).hideout["hl"] is None  # the remembered panel is not changed by one request


def test_each_notice_is_its_own_line(small):
    view, notices = parse_view(small, "?indicator=bogus&circle=atlantis&lang=en")
    messages = [n.message("en") for n in notices]
    assert len(messages) == 2
    lines = render(small, view, notices, view, "", None, initial=True)["notice"]
    assert [type(line).__name__ for line in lines] == ["P", "P"]  # elements, not strings that run together
    assert [line.children for line in lines] == messages


def test_the_domains_caches_hold_no_dash_components(small):
    from dash.development.base_component import Component

    view, _ = parse_view(small, "?indicator=sewer_retrofit_km&level=county")
    assert panel(small, view).panel["cards"]  # the panel is drawn (and kept outside the dataset)

    def components(value) -> bool:
        if isinstance(value, Component):
            return True
        if isinstance(value, (list, tuple)):
            return any(components(v) for v in value)
        if isinstance(value, dict):
            return any(components(v) for v in value.values())
        return hasattr(value, "__dataclass_fields__") and any(
            components(getattr(value, f)) for f in value.__dataclass_fields__)

    assert not any(components(v) for v in small._remembered._entries.values())
