"""Make what a deployment needs before its workers start: the first view's static files compressed in
brotli 11 into the shared cache ($SDPLAN_CACHE_DIR) and the PDF exports' fonts (app.build_assets).
Started in the background by gunicorn once it answers (gunicorn.conf.py ``when_ready``) and by ``python app.py``
(with ``--nice``: on CPU time the server does not want, its imports included); run it alone at install to have
everything ready. Quick when all is made.

Run: .venv/bin/python scripts/build_assets.py [--nice]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from routes.idle import when_idle  # noqa: E402  (imports nothing heavy)

if __name__ == "__main__":
    if "--nice" in sys.argv[1:]:
        os.nice(10)  # where SCHED_IDLE is refused
        when_idle()  # before importing the app: its imports take a few CPU-seconds
    from app import build_assets

    made = build_assets()
    print(f"compressed {len(made)} first-view files; fonts ready")
