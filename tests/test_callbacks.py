"""The view callback's pure parts on the small dataset: the next view for each trigger, and its named outputs."""

import json

from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from callbacks.view import OUTPUTS, next_view, render
from components import ids
from sdplan.viewstate import View, drill, parse_view


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


def test_language_switch_and_back_button(small):
    assert next_view(small, "?indicator=urban_rail_km", ids.LANG, 1)[0].lang == "en"
    assert next_view(small, "?indicator=urban_rail_km&lang=en", ids.LANG, 2)[0].lang == "zh"
    assert next_view(small, "?indicator=urban_rail_km&prefecture=370100", ids.BACK, 1)[0].prefecture is None


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
    assert "coordinates" not in json.dumps(outputs, cls=PlotlyJSONEncoder)
    assert outputs["search"] == outputs["query"] == "?indicator=sewer_retrofit_status&circle=jiaodong"  # county: default
    assert outputs["hideout"]["out"] == ["370102", "370103", "370104"]  # Jinan's counties
    assert outputs["viewport"]["bounds"] == [[35.5, 119.5], [36.2, 120.5]]  # fitted to Qingdao's counties
    assert (outputs["circle"], outputs["back_hidden"], outputs["banner_hidden"]) == ("jiaodong", True, False)
    assert outputs["language"] is no_update and outputs["notice"] is None


def test_render_leaves_url_and_viewport_alone_when_nothing_moved(small):
    view, _ = parse_view(small, "?indicator=urban_rail_km")
    outputs = render(small, view, [], view, "?indicator=urban_rail_km", None, initial=False)
    assert outputs["search"] is no_update and outputs["query"] is no_update and outputs["viewport"] is no_update
    assert outputs["period"] == "2022-10" and outputs["banner_hidden"] is True and outputs["circle"] == "all"


def test_what_the_browser_already_shows_does_not_travel_again(small):
    from dash import Patch

    from callbacks.view import panel

    before, _ = parse_view(small, "?indicator=sewer_retrofit_km&level=county")
    after, _ = parse_view(small, "?indicator=sewer_retrofit_km&level=county&scheme=quantiles")
    panel(small, before)  # the previous view was drawn by this process
    shown = {"indicator": "sewer_retrofit_km", "level": "county", "circle": "all", "scheme": "quantiles",
             "period": before.period}
    outputs = render(small, after, [], before, "?indicator=sewer_retrofit_km&scheme=quantiles", None,
                     initial=False, shown=shown, drawn=small.revision)
    assert outputs["scheme"] is no_update and outputs["indicator"] is no_update  # the controls show them
    # three distinct county values: both schemes give the same classes, so nothing drawn changes
    assert all(outputs[name] is no_update for name in ("cards", "chart", "table", "legend", "sources", "drawn"))
    assert isinstance(outputs["hideout"], Patch)
    patched = {op["location"][0] for op in outputs["hideout"].to_plotly_json()["operations"]}
    assert patched == {"hl"}  # only the chart's highlight cleared: no values or styles travel
    # drawn from another revision (an import since), or not told: everything travels, the hideout whole
    for drawn in (small.revision + 1, None):
        outputs = render(small, after, [], before, "?q", None, initial=False, shown=shown, drawn=drawn)
        assert outputs["cards"] is not no_update and isinstance(outputs["hideout"], dict)
        assert outputs["hideout"]["val"] and outputs["hideout"]["ids"]


def test_a_changed_chart_travels_as_its_traces_and_the_layout_keys_that_changed(small):
    from dash import Patch

    from callbacks.view import panel

    before, _ = parse_view(small, "?indicator=urban_rail_km")
    after, _ = parse_view(small, "?indicator=urban_rail_km&circle=jiaodong")
    old, new = panel(small, before).outputs["chart"], panel(small, after).outputs["chart"]
    outputs = render(small, after, [], before, "?indicator=urban_rail_km", None, initial=False, drawn=small.revision)
    assert isinstance(outputs["chart"], Patch)
    operations = outputs["chart"].to_plotly_json()["operations"]
    assert {"operation": "Assign", "location": ["data"], "params": {"value": new["data"]}} in operations
    changed = {op["location"][1] for op in operations if op["location"][0] == "layout"}
    assert changed == {k for k in new["layout"].keys() | old["layout"].keys()
                       if new["layout"].get(k) != old["layout"].get(k)}


def test_each_notice_is_its_own_line(small):
    view, notices = parse_view(small, "?indicator=bogus&circle=atlantis&lang=en")
    messages = [n.message("en") for n in notices]
    assert len(messages) == 2
    lines = render(small, view, notices, view, "", None, initial=True)["notice"]
    assert [type(line).__name__ for line in lines] == ["P", "P"]  # elements, not strings that run together
    assert [line.children for line in lines] == messages


def test_the_domains_caches_hold_no_dash_components(small):
    from dash.development.base_component import Component

    from callbacks.view import panel

    view, _ = parse_view(small, "?indicator=sewer_retrofit_km&level=county")
    assert panel(small, view).outputs["cards"]  # the panel is drawn (and kept outside the dataset)

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
