"""Every view keeps the invariants of meaning; and each rule, removed, is caught by the walker.

The walk covers every indicator x level x period x comparison x circle x language of the bundled data
(and, property-based, drilled prefectures too); the removals run on the hand-built dataset, which holds
one case of each rule (tests/small_dataset.py): a definition break, a sample against a published value,
a figure of another year, a city, a category rolled up to cities, verdicts on sample values.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meaning_walker import views, violations
from small_dataset import BREAK, small_dataset

import sdplan.mapview
import sdplan.meaning
import sdplan.progress
import sdplan.progress_text
from sdplan.viewstate import View, choices, with_changes


def walk(data, drill=True, langs=("zh", "en")) -> list[str]:
    found = []
    for view in dict.fromkeys(views(data, drill, langs)):
        found += violations(data, view)
    return found


def test_every_view_of_the_bundled_data_keeps_the_invariants(data):
    found = walk(data, drill=False, langs=("zh",))
    assert found == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_drilled_and_english_views_keep_the_invariants(data, drawn):
    indicator = drawn.draw(st.sampled_from(data.catalog.map_indicators()))
    level = drawn.draw(st.sampled_from(choices(data, "level", indicator)))
    period = drawn.draw(st.sampled_from(choices(data, "period", indicator, level) or [None]))  # none reported yet
    compare = drawn.draw(st.sampled_from([None, *choices(data, "compare", indicator, level, period)]))
    prefecture = drawn.draw(st.sampled_from([None, *sorted(data.prefecture_codes)]))
    lang = drawn.draw(st.sampled_from(["zh", "en"]))
    view = with_changes(data, View(indicator=indicator, level=level, period=period, compare=compare,
                                   prefecture=prefecture, lang=lang))
    assert violations(data, view) == []


def test_the_hand_built_data_keeps_the_invariants():
    assert walk(small_dataset(definitions=BREAK)) == []


def test_the_hand_built_data_with_its_own_targets_keeps_the_invariants():
    from judged_fixture import judged_dataset

    assert walk(judged_dataset()) == []


def test_without_the_own_target_rule_a_city_without_one_is_coloured_as_a_completion(monkeypatch):
    from judged_fixture import judged_dataset

    import sdplan.completion

    original = sdplan.completion.completion_values

    def against_the_province(data, target, layer, period):
        frame = original(data, target, layer, period)
        unjudged = frame["reason"] == "no_subtarget"
        return frame.assign(value=frame["value"].where(~unjudged, frame["figure"] * 100 / target.target),
                            reason=frame["reason"].where(~unjudged, None))

    monkeypatch.setattr(sdplan.mapview, "completion_values", against_the_province)
    found = walk(judged_dataset())
    assert "completion" in rules_broken(found)


def rules_broken(found: list[str]) -> set[str]:
    return {f.split(":", 1)[0] for f in found}


def test_without_the_province_only_rule_a_city_is_judged(monkeypatch):
    monkeypatch.setattr(sdplan.progress, "own_target",
                        lambda data, target, circle, prefecture: sdplan.meaning.OwnTarget(target.target, False, False))
    assert "verdict_scope" in rules_broken(walk(small_dataset()))


def test_without_the_target_year_rule_a_2020_figure_is_judged(monkeypatch):
    monkeypatch.setattr(sdplan.progress, "period_judgeable", lambda target, period: True)
    found = walk(small_dataset())
    assert any("judged against the 2022 target" in f for f in found)


def test_without_the_change_rule_a_definition_break_and_a_sample_are_compared(monkeypatch):
    original = sdplan.meaning.change_refusals

    def only_missing(now, before):
        refusals = original(now, before)
        return refusals.where(refusals == sdplan.meaning.MISSING, None)

    monkeypatch.setattr(sdplan.meaning, "change_refusals", only_missing)
    monkeypatch.setattr("sdplan.mapview.change_refusals", only_missing)
    found = [f for f in walk(small_dataset(definitions=BREAK)) if f.startswith("change")]
    assert any("across definitions" in f for f in found)
    assert any("between sample and sourced" in f or "between sourced and sample" in f for f in found)


LATER_SEWERS = (("sewer_retrofit_km", "370102", "2023", 12.0, "sample", None),
                ("sewer_retrofit_km", "370202", "2023", 25.0, "sample", None))


def test_partial_sums_of_two_periods_are_never_compared():
    assert walk(small_dataset(extra=LATER_SEWERS)) == []


def test_without_the_coverage_rule_partial_sums_are_compared(monkeypatch):
    original = sdplan.meaning.change_refusals

    def no_partial(now, before):
        refusals = original(now, before)
        return refusals.where(refusals != sdplan.meaning.PARTIAL, None)

    monkeypatch.setattr(sdplan.meaning, "change_refusals", no_partial)
    monkeypatch.setattr("sdplan.mapview.change_refusals", no_partial)
    # Jinan's sewers: 2 of 3 counties in 2022; one more county reports in 2023
    found = [f for f in walk(small_dataset(extra=LATER_SEWERS)) if f.startswith("change")]
    assert any("of its 3 counties" in f for f in found)


def test_without_the_kind_rule_counts_are_drawn_as_categories(monkeypatch):
    def categorical_always(indicator, level):
        meaning = original(indicator, level)
        return sdplan.meaning.Meaning("category" if indicator.categories else meaning.kind, meaning.unit,
                                      meaning.decimals, meaning.rolled_up)

    original = sdplan.meaning.meaning_at
    monkeypatch.setattr("sdplan.mapview.meaning_at", categorical_always)
    assert "legend_kind" in rules_broken(walk(small_dataset()))


def test_without_the_sample_mark_a_sample_verdict_reads_as_real(monkeypatch):
    monkeypatch.setattr(sdplan.progress_text, "JUDGED", ())
    assert {"sample_verdict", "export_text"} <= rules_broken(walk(small_dataset()))


def test_without_half_up_rounding_a_number_is_written_otherwise(monkeypatch):
    monkeypatch.setattr("sdplan.units._half_up", lambda value, decimals: round(value, decimals))
    data = small_dataset(extra=(("urban_rail_km", "370100", "2022", 80.25, "sourced", "A report"),))
    assert "number" in rules_broken(walk(data))


