"""LibreOffice (Debian's, headless) as the tests' office client: convert files, fill in and save a workbook.

Each test session gets fresh LibreOffice profiles (``-env:UserInstallation``); every call has a
timeout. Without ``soffice`` (or Debian's python3-uno for filling in) an office test skips, except
under CI (``CI=true``), where it fails saying what to install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SOFFICE = os.environ.get("SDPLAN_SOFFICE") or shutil.which("soffice") or "/usr/bin/soffice"
UNO_PYTHON = os.environ.get("SDPLAN_UNO_PYTHON", "/usr/bin/python3")  # Debian's python3-uno is for it only
FILL_SCRIPT = Path(__file__).with_name("lo_fill.py")
TIMEOUT = 180  # seconds per LibreOffice call
PACKAGES = "libreoffice-calc-nogui libreoffice-draw-nogui libreoffice-writer-nogui python3-uno fonts-noto-cjk"
# A library each LibreOffice module's package installs: Writer and Calc convert, Draw opens the PDFs. A machine
# with Writer and Calc but not Draw failed the PDF test with no word of Draw (Makefile and .ci/run check these too).
MODULES = {"Writer": "libswlo.so", "Calc": "libsclo.so", "Draw": "libsdlo.so"}


def missing(what: str) -> None:
    """Fail under CI, skip elsewhere: ``what`` is not installed."""
    message = f"{what} not found: run `make system-deps` as root (apt-get install {PACKAGES})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


class Office:
    """One LibreOffice installation with profiles of this session's own."""

    def __init__(self, soffice: str, profiles: Path):
        self.soffice = soffice
        self.profiles = profiles
        self.seconds: dict[str, float] = {}  # what each kind of call took, for the report

    def _profile(self, name: str) -> str:
        return (self.profiles / name).as_uri()

    def convert(self, files: list[Path], fmt: str, outdir: Path) -> list[Path]:
        """Convert ``files`` to ``fmt`` (e.g. "pdf", "png", "xlsx") in one soffice call; the converted paths.

        Raises AssertionError naming soffice's output when a file was not converted.
        """
        outdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        run = subprocess.run([self.soffice, f"-env:UserInstallation={self._profile('convert')}", "--headless",
                              "--norestore", "--nologo", "--convert-to", fmt, "--outdir", str(outdir),
                              *map(str, files)], capture_output=True, text=True, timeout=TIMEOUT)
        self.seconds[f"convert to {fmt}"] = time.perf_counter() - started
        extension = fmt.split(":")[0]
        out = [outdir / f"{f.stem}.{extension}" for f in files]
        absent = [p.name for p in out if not p.exists() or not p.stat().st_size]
        assert run.returncode == 0 and not absent, f"soffice failed ({run.returncode}) for {absent}: {run.stdout}{run.stderr}"
        return out

    def fill(self, spec: dict, workdir: Path) -> dict:
        """Type into a workbook in LibreOffice, save it, and report invalid entries (see tests/lo_fill.py).

        Skips (fails under CI) without LibreOffice's Python bridge.
        """
        if subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
            missing(f"LibreOffice's Python bridge (python3-uno for {UNO_PYTHON})")
        spec = {"soffice": self.soffice, "profile": self._profile("fill"), **spec}
        path = workdir / "fill-spec.json"
        path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run([UNO_PYTHON, str(FILL_SCRIPT), str(path)], capture_output=True, text=True,
                             timeout=TIMEOUT)
        self.seconds["fill in and save"] = time.perf_counter() - started
        assert run.returncode == 0, f"filling in with LibreOffice failed: {run.stdout}{run.stderr}"
        return json.loads(run.stdout.strip().splitlines()[-1])


def find_office(profiles: Path) -> Office:
    """The installed LibreOffice (skips, or fails under CI, when it is missing)."""
    found = shutil.which(SOFFICE) or SOFFICE
    if not Path(found).exists():
        missing(f"LibreOffice (soffice at {SOFFICE})")
    program = Path(found).resolve().parent  # /usr/bin/soffice -> /usr/lib/libreoffice/program/soffice
    absent = [f"{module} ({library})" for module, library in MODULES.items() if not (program / library).exists()]
    if absent:
        missing(f"LibreOffice {', '.join(absent)} in {program}")
    return Office(SOFFICE, profiles)
