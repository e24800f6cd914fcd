"""The map message (the hideout) has one shape, sdplan/hideout.schema.json, checked on both sides: here every
view's hideout against the schema (jsonschema), and in Node the browser's script reading those hideouts
(tests/js/map_message.test.mjs: the schema's keys, one column per region, the tooltip placing the server's
texts without formatting a number itself, the styles)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from sdplan.mapview import build_map_model
from sdplan.viewstate import parse_view

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "sdplan" / "hideout.schema.json").read_text(encoding="utf-8"))
QUERIES = ["", "?indicator=urban_rail_km&period=2022-10", "?indicator=urban_rail_km&lang=en",
           "?indicator=sewer_retrofit_km&level=county&circle=lunan", "?indicator=sewer_retrofit_status&level=prefecture",
           "?indicator=smart_city_stars&level=county&prefecture=370200", "?indicator=resident_population&lang=en",
           "?indicator=urbanization_rate&period=2022&compare=2020"]


def hideouts(data):
    for query in QUERIES:
        view, notices = parse_view(data, query)
        assert notices == [], query
        yield json.loads(json.dumps(build_map_model(data, view).hideout(), ensure_ascii=False))


def test_every_hideout_has_the_schemas_shape(data):
    for hideout in hideouts(data):
        jsonschema.validate(hideout, SCHEMA)
        assert {len(hideout[c]) for c in ("cls", "val", "lines", "smp", "src")} == {len(hideout["codes"])}


def test_the_schema_refuses_what_the_browser_could_not_read(data):
    hideout = next(hideouts(data))
    for broken in ({**hideout, "d": []}, {**hideout, "val": [1.5] * len(hideout["codes"])},
                   {k: v for k, v in hideout.items() if k != "words"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def node_or_skip() -> str:
    """Node's path; the test skips without it (fails under CI, where it must run)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but node is missing: the browser's scripts cannot be tested")
        pytest.skip("node is not installed")
    return node


def test_the_browser_reads_the_hideouts_the_server_writes(data, tmp_path):
    node = node_or_skip()
    names = {code: [zh, en] for code, zh, en in zip(data.regions_at("county")["adcode"],
                                                    data.regions_at("county")["name_zh"],
                                                    data.regions_at("county")["name_en"])}
    names |= {code: [zh, en] for code, zh, en in zip(data.regions_at("prefecture")["adcode"],
                                                     data.regions_at("prefecture")["name_zh"],
                                                     data.regions_at("prefecture")["name_en"])}
    cases = tmp_path / "hideouts.json"
    cases.write_text(json.dumps([{"hideout": h, "names": names} for h in hideouts(data)], ensure_ascii=False))
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "map_message.test.mjs")],
                            env={**os.environ, "SDPLAN_HIDEOUTS": str(cases)}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 3" in result.stdout
