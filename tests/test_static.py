"""The first view's static files: the smaller plotly.js instead of Dash's, and brotli made once."""

import json

import brotli


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


def test_static_files_are_sent_brotli_compressed_once_ready(tmp_path, monkeypatch):
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    client = server.test_client()
    first = client.get(plotly_url(), headers={"Accept-Encoding": "br"})
    assert "-br" not in first.headers.get("ETag", "")  # flask-compress's quick one; ours is made meanwhile
    precompress.wait()
    again = client.get(plotly_url(), headers={"Accept-Encoding": "br"})
    assert again.headers["Content-Encoding"] == "br" and "Accept-Encoding" in again.headers["Vary"]
    assert again.headers["ETag"].endswith('-br"') and len(again.data) < 0.95 * len(first.data)
    assert brotli.decompress(again.data) == client.get(plotly_url(), headers={"Accept-Encoding": "identity"}).data
    assert list(tmp_path.glob("brotli/*.br"))  # shared by the workers
    callback = client.post("/_dash-update-component", json={}, headers={"Accept-Encoding": "br"})
    assert not callback.headers.get("ETag", "").endswith('-br"')  # callbacks are left to flask-compress


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
