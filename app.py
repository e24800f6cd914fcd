"""Entry point: create the Dash app, set the layout, register callbacks, expose ``server``.

Run locally with ``make run`` (or ``python app.py``); in production with gunicorn:
``gunicorn --workers 4 --bind 0.0.0.0:8050 app:server``.
"""

from dash import Dash

import admin
import callbacks  # noqa: F401  (registers every callback)
from components.geodata import blueprint as geo_blueprint
from components.geodata import preload_links
from components.layout import create_layout
from sdplan.settings import load_settings

settings = load_settings()

app = Dash(
    __name__,
    title="山东省新型城镇化监测地图",
    compress=True,
    serve_locally=True,
    update_title=None,
    suppress_callback_exceptions=True,  # the ledger page (callbacks/ledger.py) is drawn by a callback
)
app.layout = create_layout(settings)
app.index_string = app.index_string.replace("{%css%}", "{%css%}" + preload_links())
server = app.server
server.register_blueprint(geo_blueprint)
admin.init_app(server)  # /admin: imports, history, rollback (sign-in needed to change figures)

if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
