"""Every cache is optional: the start and every export work with the cache directory missing, read-only or full.

Read-only and full are real file systems (a small tmpfs mounted read-only, or filled up): we run as root,
which ignores permission bits, so a chmod'ed folder would prove nothing. Without the right to mount, those
cases skip; the missing case (a file where the folder should be) and an injected ENOSPC always run.
"""

from __future__ import annotations

import errno
import io
import logging
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import brotli
import pytest
from pypdf import PdfReader

from sdplan.printing import fonts

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def _mount(target, options: str) -> bool:
    target.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True,
                          check=False)
    return done.returncode == 0


def _fill(folder) -> None:
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC


@pytest.fixture(params=["missing", "read-only", "full"])
def broken_cache(request, tmp_path, monkeypatch):
    """A cache directory that cannot be written, and this process's cache state reset."""
    from routes import precompress

    mounted = None
    if request.param == "missing":
        (tmp_path / "a-file").write_text("not a folder")
        cache = tmp_path / "a-file" / "cache"
    else:
        mounted = tmp_path / "mnt"
        if not _mount(mounted, "size=64k,ro" if request.param == "read-only" else "size=64k"):
            pytest.skip("cannot mount a tmpfs here (not root?)")
        cache = mounted / "cache"
    try:
        if request.param == "full":
            _fill(mounted)
        monkeypatch.setenv("SDPLAN_CACHE_DIR", str(cache))
        monkeypatch.setattr(precompress, "_memory", {})
        monkeypatch.setattr(precompress, "_unwritable", [])
        monkeypatch.setattr(precompress, "_asked", set())
        for thread in threading.enumerate():  # the start-up's font maker, if importing the app started one
            if thread.name == "sdplan-font-cache":
                thread.join()
        monkeypatch.setattr(fonts, "_made", None)
        yield cache
    finally:
        if mounted is not None:
            subprocess.run(["umount", str(mounted)], check=True)


@pytest.fixture
def counted_compressions(monkeypatch):
    from routes import precompress

    calls = []

    def compress(data, **kwargs):
        if kwargs.get("quality") == precompress.QUALITY:  # ours, not flask-compress's quick one (same module)
            calls.append(len(data))
        return real(data, **kwargs)

    real = brotli.compress
    monkeypatch.setattr(precompress.brotli, "compress", compress)
    yield calls
    precompress.wait()


def _served_three_times(server, path):
    from routes import precompress

    client = server.test_client()
    responses = []
    for _ in range(3):
        responses.append(client.get(path, headers={"Accept-Encoding": "br"}))
        precompress.wait()
    return responses, client.get(path).data


def test_the_start_goes_on_and_each_static_file_is_compressed_once(broken_cache, counted_compressions):
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    assert precompress.prepare(server, [plotly_url()]) == []
    responses, raw = _served_three_times(server, plotly_url())
    assert all(r.status_code == 200 for r in responses)
    assert counted_compressions == [len(raw)]  # once in this process, not at every request
    assert responses[-1].headers["Content-Encoding"] == "br" and brotli.decompress(responses[-1].data) == raw
    assert not broken_cache.is_dir() or not list(broken_cache.rglob("*.br"))


def test_a_full_disk_while_compressing_at_start_up_is_logged_once(tmp_path, monkeypatch, counted_compressions,
                                                                  caplog):
    from app import server
    from routes import precompress
    from routes.plotlyjs import plotly_url

    def full(path, body):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setenv("SDPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(precompress, "_memory", {})
    monkeypatch.setattr(precompress, "_unwritable", [])
    monkeypatch.setattr(precompress, "_asked", set())
    monkeypatch.setattr(precompress, "_write_file", full)
    caplog.set_level(logging.WARNING, logger=precompress.__name__)
    assert precompress.prepare(server, [plotly_url(), "/_dash-layout"]) == []  # the start goes on
    responses, raw = _served_three_times(server, plotly_url())
    assert brotli.decompress(responses[-1].data) == raw and counted_compressions == [len(raw)]  # made at start-up
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "No space left" in caplog.records[0].getMessage() and len(caplog.records) == 1


@pytest.fixture(scope="session")
def truetype_font():
    """The PDF font's bytes: the cases differ in where they go, not in how the font is made. Read from the
    cache the session's other PDFs use (made there by ``make_truetype_copy`` when missing, about 20 s), so it is
    made once for the whole session, not once more here (a session fixture is set up before ``broken_cache``)."""
    return fonts.pdf_font_path().read_bytes()


def test_every_pdf_export_works_without_a_writable_cache(broken_cache, truetype_font, monkeypatch, data, small):
    from sdplan.briefing.model import Scope, build_briefing
    from sdplan.briefing.pdf import pdf_bytes as briefing_pdf
    from sdplan.ledger.export import export_bytes
    from sdplan.ledger.filters import Filters
    from sdplan.ledger.rows import ledger_rows
    from sdplan.snapshot import snapshot, view_from_query

    def copy(source, target):  # to a file object (the PDF font) or a path (the bold sans, the briefing's fonts)
        return target.write_bytes(truetype_font) if isinstance(target, Path) else target.write(truetype_font)

    monkeypatch.setattr(fonts, "make_truetype_copy", copy)
    fonts.register_pdf_fonts.cache_clear()
    try:
        path = fonts.pdf_font_path()
        assert path.is_file() and path.parent.name.startswith("sdplan-font-") and fonts.pdf_font_path() == path
        files = [snapshot(data, view_from_query(data, "?indicator=urban_rail_km"), "pdf", NOW).content,
                 export_bytes(ledger_rows(data), Filters(), "pdf", NOW),
                 briefing_pdf(build_briefing(small, Scope(), "2022", None, ["urban_rail_km"], as_of=NOW))]
    finally:
        fonts.register_pdf_fonts.cache_clear()
    for content in files:
        reader = PdfReader(io.BytesIO(content))
        assert reader.pages[0].extract_text().strip()
        assert b"NotoSansSC-TT" in content  # the TrueType copy is embedded
