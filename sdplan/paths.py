"""Where the bundled data lives, resolved from this file, never from the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BOUNDARIES = DATA / "boundaries"
INDICATORS = DATA / "indicators"
