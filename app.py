"""Entry point: start up, create the Dash app, set the layout, register callbacks, expose ``server``.

Run locally with ``make run`` (or ``python app.py``); in production with gunicorn:
``gunicorn app:server`` (settings in ``gunicorn.conf.py``).

Importing this module has no side effect but registering the callbacks: no database is opened,
migrated or seeded, nothing is compressed. :func:`create_server` is the explicit start-up (once per
process); asking for the module's ``server`` (what ``gunicorn app:server`` does) or ``app`` calls it.
"""

import gc
import subprocess
import sys
from functools import cache, partial
from pathlib import Path

from dash import Dash
from dash.development.base_component import Component
from dash.exceptions import DependencyException
from flask import Flask

import admin
import callbacks  # noqa: F401  (registers every callback)
from callbacks.view import draw_first_views, first_state, first_view
from components import ids
from components.layout import create_layout
from routes.answer_cache import init_app as keep_map_answers
from routes.callback_guard import init_app as refuse_malformed_callbacks
from routes.circular import blueprint as circular_blueprint
from routes.exports import blueprint as exports_blueprint
from routes.first_view import blueprint as first_view_blueprint
from routes.first_view import first_view_head, is_map_page
from routes.geometry import LAYERS, geo_url, preload_links
from routes.geometry import blueprint as geometry_blueprint
from routes.multiples import blueprint as multiples_blueprint
from routes.page_lang import init_app as vary_layout_by_page
from routes.page_lang import page_address
from routes.page_scripts import TrimmedDash
from routes.plotlyjs import blueprint as plotlyjs_blueprint
from routes.plotlyjs import loader_hash, loader_script, plotly_url
from routes.precompress import first_view_paths, preload_chunks, prepare
from routes.precompress import init_app as precompress_static
from sdplan.i18n import t
from sdplan.search import prepare_search
from sdplan.settings import Settings, load_settings
from sdplan.store.current import current_dataset
from sdplan.store.db import UnknownRevision, open_store
from sdplan.viewstate import query_lang

ROOT = Path(__file__).resolve().parent


def start_up() -> None:
    """The explicit start-up step: migrate and seed the store once, read the dataset and its search options,
    draw the page opened without a query in each language (the first view's brotli files and the PDF fonts are
    made beside the server, :func:`build_assets_later`); then keep what start-up made (modules, the dataset,
    those views) out of the garbage collector's full passes, which would otherwise walk it during visitors'
    requests."""
    try:
        open_store()
    except UnknownRevision as exc:  # one sentence, no traceback; 4 is gunicorn's "app failed to load": no restarts
        print(exc, file=sys.stderr)
        raise SystemExit(4) from None
    data = current_dataset()
    prepare_search(data)
    draw_first_views(data)
    gc.freeze()


def page_layout(settings: Settings) -> Component:
    """The layout in the language of the page asking for it (routes/page_lang.py), its map page's controls as its
    first answer will set them."""
    path, query = page_address()
    return create_layout(settings, query_lang(query), first_state(query) if is_map_page(path) else None)


def create_app(settings: Settings) -> Dash:
    """The dashboard: the map and ledger pages, the boundary files, and /admin."""
    server = Flask(__name__)
    keep_map_answers(server, f"{ids.MAP_HIDEOUT}.data")  # before Dash: its hooks then wrap Dash's and the compression
    # callbacks and pages: brotli 5 first (bench/bench_compression.py, the county visit's answers: 2.62 KiB and
    # 0.22 ms each; brotli 3 2.90 KiB, 0.09 ms, and 1.5 KiB more on the first view, whose budget is 700 KiB)
    server.config.update(COMPRESS_ALGORITHM=["br", "zstd", "gzip", "deflate"], COMPRESS_BR_LEVEL=5)
    app = TrimmedDash(
        __name__,
        server=server,
        title=t("doc_title", "zh"),  # the router puts the tab's title in the address's language
        compress=True,
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,  # the ledger page's controls are drawn by its callback
        assets_ignore=r"^plotly-",  # plotly.js is loaded by the graphs when needed (routes/plotlyjs.py)
    )
    app.layout = partial(page_layout, settings)  # drawn in the page's language, at each page load
    app.page_head = first_view_head  # the map drawn before Dash's first answer (asked for with the scripts)
    preloads = preload_links() + preload_chunks(create_layout(settings, "zh"))  # the boundaries, the chunks
    app.index_string = (app.index_string.replace("{%css%}", "{%css%}" + preloads + loader_script())
                        .replace("<html>", "<html lang=\"zh-CN\">", 1))  # the router follows the language
    vary_layout_by_page(app.server)
    app.server.register_blueprint(geometry_blueprint)
    app.server.register_blueprint(first_view_blueprint(first_view))
    app.server.register_blueprint(plotlyjs_blueprint)
    app.server.register_blueprint(multiples_blueprint)  # /multiples: the cities over the years, server-rendered
    app.server.register_blueprint(circular_blueprint)
    app.server.register_blueprint(exports_blueprint)  # files made off the request threads (sdplan.exports)
    precompress_static(app.server)  # scripts and boundaries: brotli 11, made once, cached
    refuse_malformed_callbacks(app)  # 400 for a callback body Dash cannot dispatch, never a 500
    app.server.register_error_handler(DependencyException, lambda _exc: ("Not found", 404))  # a crafted script path
    # /admin (imports, history, rollback) and the server's security headers, with a CSP that admits Dash's inline script
    admin.init_app(app.server, script_hashes=[*app.csp_hashes(), loader_hash()], tile_url=settings.tile_url)
    set_up_before_any_request(app)
    return app


def set_up_before_any_request(app: Dash) -> None:
    """Run Dash's own set-up (it moves the registered callbacks into ``/_dash-dependencies``, reads the assets,
    validates the layout) now, once, instead of at the first request. Dash runs it from ``before_request`` behind an
    unlocked flag: in a threaded worker a second request arriving during the first one's set-up is answered with an
    empty callback list, and that page never draws its map."""
    with app.server.test_request_context("/"):
        app._setup_server()  # noqa: SLF001  (Dash's own hook; no public name)


@cache
def started_app() -> Dash:
    """The process's app, started once: :func:`start_up`, then :func:`create_app`. The first view's compressed
    files and the PDF fonts are made beside it (:func:`build_assets_later`), not by a starting worker."""
    start_up()
    return create_app(load_settings())


def build_assets() -> list[str]:
    """What a deployment makes once (``scripts/build_assets.py``; started in the background once the server
    answers, :func:`build_assets_later`): the first view's static files in brotli 11 in the shared cache (one
    process does it while others wait; nothing to do when they are there), and the fonts of the PDF exports.
    Returns the paths compressed now."""
    from sdplan.printing.briefing_fonts import briefing_families
    from sdplan.printing.fonts import pdf_font_path

    app = started_app()
    made = prepare(app.server, [*first_view_paths(app), plotly_url(), *(geo_url(layer) for layer in LAYERS)])
    pdf_font_path()
    briefing_families()
    return made


def build_assets_later() -> subprocess.Popen:
    """Start :func:`build_assets` in a process of its own on idle CPU time, once the server answers (gunicorn's
    ``when_ready``, ``python app.py``): a first start answers in seconds instead of after the fonts' minute.
    Until the files are made, a static file is compressed as it is asked for, and an export makes its fonts."""
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build_assets.py"), "--nice"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, start_new_session=True)


def create_server() -> Flask:
    """The started WSGI server (``gunicorn app:server`` or ``gunicorn 'app:create_server()'``)."""
    return started_app().server


def __getattr__(name: str) -> object:
    """``app.server`` and ``app.app``: the started server and app, made on first use (PEP 562)."""
    if name == "server":
        return create_server()
    if name == "app":
        return started_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    settings = load_settings()
    started = started_app()
    build_assets_later()
    started.run(host=settings.host, port=settings.port, debug=settings.debug)
