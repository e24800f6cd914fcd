"""Make what a deployment needs before its workers start: the first view's static files compressed in
brotli 11 into the shared cache ($SDPLAN_CACHE_DIR) and the PDF exports' fonts (app.build_assets).
Run at install and before each start (Makefile, deploy/systemd/sdplan@.service); quick when all is made.

Run: .venv/bin/python scripts/build_assets.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import build_assets  # noqa: E402

if __name__ == "__main__":
    made = build_assets()
    print(f"compressed {len(made)} first-view files; fonts ready")
