"""The first view's static files: the smaller plotly.js instead of Dash's, and brotli made once."""

import json
import os
import subprocess
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent


def test_graphs_load_the_vendored_basic_plotly_bundle_and_never_dash_s(tmp_path, monkeypatch):
    from app import server
    from routes.plotlyjs import FILE, VENDOR, plotly_url

    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "_dashPlotlyJSURL" in page and plotly_url() in page
    assert "plotly.min.js" not in page and "vendor/plotly-basic" not in page.split("_dashPlotlyJSURL")[0]
    response = client.get(plotly_url())
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
    record = json.loads((VENDOR / "plotly-basic.json").read_text(encoding="utf-8"))
    assert record["license"] == "MIT" and record["bytes"] == FILE.stat().st_size
    assert client.get("/vendor/plotly-basic.000000000000.min.js").status_code == 404


def test_a_static_file_asked_for_again_is_sent_brotli_compressed_once_made(tmp_path, monkeypatch):
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    monkeypatch.setattr(precompress, "_asked", set())
    client = server.test_client()
    first = client.get(plotly_url(), headers={"Accept-Encoding": "br"})
    assert "-br" not in first.headers.get("ETag", "")  # flask-compress's quick one
    precompress.wait()
    second = client.get(plotly_url(), headers={"Accept-Encoding": "br"})
    assert "-br" not in second.headers.get("ETag", "")  # nothing made at the first request: the builder's to make
    assert not list(tmp_path.glob("brotli/*.br"))
    precompress.wait()  # made from the second
    again = client.get(plotly_url(), headers={"Accept-Encoding": "br"})
    assert again.headers["Content-Encoding"] == "br" and "Accept-Encoding" in again.headers["Vary"]
    assert again.headers["ETag"].endswith('-br"') and len(again.data) < 0.95 * len(first.data)
    assert brotli.decompress(again.data) == client.get(plotly_url(), headers={"Accept-Encoding": "identity"}).data
    assert list(tmp_path.glob("brotli/*.br"))  # shared by the workers
    callback = client.post("/_dash-update-component", json={}, headers={"Accept-Encoding": "br"})
    assert not callback.headers.get("ETag", "").endswith('-br"')  # callbacks are left to flask-compress


def test_a_worker_compresses_static_files_only_on_cpu_time_its_answers_do_not_want(tmp_path, monkeypatch):
    """Brotli 11 made in a worker (a file asked for again) runs under SCHED_IDLE, in its own thread only: the
    thread answering requests keeps its priority."""
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    monkeypatch.setattr(precompress, "_asked", set())
    policies = []

    def compress(data, **kwargs):
        if kwargs.get("quality") == precompress.QUALITY:
            policies.append(os.sched_getscheduler(0))
        return real(data, **kwargs)

    real = brotli.compress
    monkeypatch.setattr(precompress.brotli, "compress", compress)
    client = server.test_client()
    for _ in range(3):
        client.get(plotly_url(), headers={"Accept-Encoding": "br"})
        precompress.wait()
    assert policies == [os.SCHED_IDLE]
    assert os.sched_getscheduler(0) == os.SCHED_OTHER


def test_the_asset_builder_runs_on_idle_cpu_time_from_before_its_imports():
    """scripts/build_assets.py --nice (what gunicorn starts once it answers) sets SCHED_IDLE before importing the
    app, whose imports take a few CPU-seconds: read from the script as it runs, at the app's import."""
    code = """if True:
        import os, runpy, sys, types
        class App(types.ModuleType):  # the app, stood in for: says the policy when its import takes build_assets
            def __getattr__(self, name):
                print(os.sched_getscheduler(0) == os.SCHED_IDLE, os.getpriority(os.PRIO_PROCESS, 0))
                return lambda: []
        sys.modules["app"], sys.argv = App("app"), ["build_assets.py", "--nice"]
        runpy.run_path("scripts/build_assets.py", run_name="__main__")"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "True 10"


def test_the_first_view_s_files_are_compressed_at_start_up_so_the_very_first_visit_gets_them(tmp_path, monkeypatch):
    from app import app, server
    from routes import precompress

    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    paths = precompress.first_view_paths(app)
    # the page's scripts, the frame, and the code-split chunks its components load (map layer, chart, drop-downs,
    # the time slider)
    assert "/_dash-layout" in paths and any("dash_renderer" in p for p in paths)
    assert {p.rsplit("/", 1)[1] for p in paths if "/async-" in p} == {"async-GeoJSON.js", "async-graph.js",
                                                                      "async-dropdown.js", "async-slider.js"}
    made = precompress.prepare(server, paths)
    assert len(made) >= 10 and precompress.prepare(server, paths) == []  # once: the next start finds them
    client = server.test_client()
    for path in paths:
        response, raw = client.get(path, headers={"Accept-Encoding": "br"}), client.get(path).data
        if len(raw) >= precompress.MIN_SIZE:  # the best brotli, at the first request
            assert response.data == brotli.compress(raw, quality=precompress.QUALITY), path


def test_a_cache_that_cannot_be_written_does_not_stop_the_start(tmp_path, monkeypatch):
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(blocked))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    assert precompress.prepare(server, [plotly_url()]) == []  # served compressed per request instead
    assert server.test_client().get(plotly_url(), headers={"Accept-Encoding": "br"}).status_code == 200


def test_the_page_carries_regenerator_runtime_instead_of_dash_s_polyfill_and_no_datatable_loader():
    """Dash's @babel/polyfill and the DataTable's loader are left out of the page (routes/page_scripts.py); the
    regenerator runtime Dash's bundles call is there, before them, unchanged from its npm record."""
    import hashlib
    import re

    from app import server
    from routes.plotlyjs import VENDOR

    client = server.test_client()
    scripts = re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))
    assert [s for s in scripts if "polyfill" in s or "dash_table" in s] == []
    runtime = [i for i, s in enumerate(scripts) if s.startswith("/assets/vendor/regenerator-runtime.js")]
    renderer = [i for i, s in enumerate(scripts) if "dash_renderer" in s]
    assert len(runtime) == 1 and len(renderer) == 1 and runtime[0] < renderer[0]
    assert not any("vendor/plotly" in s for s in scripts)  # plotly.js stays out of the page (routes/plotlyjs.py)
    record = json.loads((VENDOR / "regenerator-runtime.json").read_text(encoding="utf-8"))
    served = client.get(scripts[runtime[0]]).data
    assert record["license"] == "MIT" and hashlib.sha256(served).hexdigest() == record["sha256"]


def test_page_scripts_drop_only_the_polyfill_and_the_datatable_loader():
    from routes.page_scripts import page_scripts

    tags = ['<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>',
            '<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>',
            '<script src="/assets/vendor/regenerator-runtime.js?m=1"></script>',
            '<script src="/_dash-component-suites/dash/dash_table/bundle.v7_4_1m1.js"></script>',
            '<script src="/_dash-component-suites/dash/dcc/dash_core_components.v4_4_1m1.js"></script>',
            "<script>var polyfill = 'dash_table';</script>"]
    assert page_scripts("\n".join(tags)).split("\n") == [tags[1], tags[2], tags[4], tags[5]]
