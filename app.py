"""Entry point: start up, create the Dash app, set the layout, register callbacks, expose ``server``.

Run locally with ``make run`` (or ``python app.py``); in production with gunicorn:
``gunicorn --workers 2 --worker-class gthread --threads 4 --bind 0.0.0.0:8050 app:server``.
"""

from dash import Dash

import admin
import callbacks  # noqa: F401  (registers every callback)
from components.layout import create_layout
from routes.geometry import blueprint as geometry_blueprint
from routes.geometry import preload_links
from sdplan.settings import Settings, load_settings
from sdplan.snapshot import warm_up
from sdplan.store.db import open_store


def start_up() -> None:
    """The explicit start-up step: migrate and seed the store once, make the PDF font in the background."""
    open_store()
    warm_up()


def create_app(settings: Settings) -> Dash:
    """The dashboard: the map and ledger pages, the boundary files, and /admin."""
    app = Dash(
        __name__,
        title="山东省新型城镇化监测地图",
        compress=True,
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,  # the ledger page's controls are drawn by its callback
    )
    app.layout = create_layout(settings)
    app.index_string = (app.index_string.replace("{%css%}", "{%css%}" + preload_links())
                        .replace("<html>", "<html lang=\"zh-CN\">", 1))  # the router follows the language
    app.server.register_blueprint(geometry_blueprint)
    admin.init_app(app.server)  # /admin: imports, history, rollback (sign-in needed to change figures)
    return app


settings = load_settings()
start_up()
app = create_app(settings)
server = app.server

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
