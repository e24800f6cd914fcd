"""Start-up of a fresh worker, before and after: import time of ``app``, time until it can serve, memory.

Each measurement is a new Python process, as a gunicorn worker is: it imports ``app`` (timed), starts it
(``app.create_server()`` where it exists; before it, importing did the start-up), then reads its resident
memory (VmRSS) and which heavy libraries it loaded. "Before" is a git revision unpacked to a temporary
folder (``git archive``; default: the last commit before the lighter dependencies of issue 24), "after"
the working tree; both run in this virtualenv, each with its own SQLite store and cache, filled by one
unmeasured start first (as a deployment's later starts find them), then RUNS starts alternating between
the two. Each checkout's optional packages (its extras: test tools, references, drivers) are hidden from
its probe, as production does not install them (pandera imports hypothesis and geopandas whenever it
finds them installed). The load average (1 min) read just before each start is printed
beside its figures: the machine is shared. ``-X importtime`` then names the heaviest packages of each.

Run: .venv/bin/python bench/bench_startup.py [--before REV] [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "92d4fa63ca71b57bbbcc2baffd5fc5314c8ffca2"  # main before mapclassify, geopandas and psycopg left the runtime
RUNS = 5
HEAVY = ("geopandas", "pyogrio", "pyproj", "mapclassify", "sklearn", "scipy", "networkx", "psycopg")

PROBE = f"""
import json, os, sys, time
for name in filter(None, sys.argv[1].split(",")):
    sys.modules[name] = None  # an optional package: not installed in production
start = time.perf_counter()
import app
imported = time.perf_counter()
app.create_server() if hasattr(app, "create_server") else app.server
ready = time.perf_counter()
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
import sdplan
loaded = {{name.split(".")[0] for name, module in sys.modules.items() if module is not None}}
print(json.dumps({{"import": imported - start, "ready": ready - start, "rss_mb": int(status["VmRSS"].split()[0]) / 1024,
                  "heavy": sorted(loaded & set({HEAVY!r})),
                  "code": os.path.dirname(os.path.dirname(sdplan.__file__))}}))
"""


def unpack(revision: str, into: Path) -> Path:
    """The files of ``revision`` in a new folder under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision], check=True,
                             capture_output=True).stdout
    folder = into / f"checkout-{revision[:12]}"
    folder.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def canonical(requirement: str) -> str:
    """The distribution name of a requirement ("psycopg[binary]>=3.1" -> "psycopg")."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group(0)).lower()


def optional_modules(checkout: Path) -> list[str]:
    """The import names of the distributions installed here only for ``checkout``'s extras."""
    project = tomllib.loads((checkout / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {canonical(r) for r in project["dependencies"]}
    extras = {canonical(r) for group in project.get("optional-dependencies", {}).values() for r in group}
    optional = extras - runtime - {canonical(project["name"])}
    return sorted(module for module, dists in metadata.packages_distributions().items()
                  if not module.startswith("_") and any(canonical(d) in optional for d in dists))


def environment(checkout: Path, state: Path) -> dict[str, str]:
    state.mkdir(exist_ok=True)
    return {**os.environ, "DATABASE_URL": f"sqlite:///{state}/sdplan.sqlite", "SDPLAN_CACHE_DIR": str(state / "cache"),
            "MPLCONFIGDIR": str(state / "matplotlib"), "PYTHONPATH": str(checkout)}


def probe(checkout: Path, env: dict[str, str], *flags: str) -> tuple[dict, str]:
    """One fresh process: its figures, and its stderr (``-X importtime`` writes there)."""
    hidden = ",".join(optional_modules(checkout))
    done = subprocess.run([sys.executable, *flags, "-c", PROBE, hidden], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"start-up failed in {checkout}: {done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(figures["code"]).resolve() != checkout.resolve():
        raise RuntimeError(f"the probe imported {figures['code']}, not {checkout}")
    return figures, done.stderr


def heaviest(importtime: str, count: int = 6) -> list[tuple[str, float]]:
    """The top-level packages with the largest cumulative import time (seconds), from ``-X importtime``."""
    totals: dict[str, float] = {}
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
        package = name.split(".")[0]
        totals[package] = max(totals.get(package, 0.0), int(cumulative) / 1e6)
    return sorted(totals.items(), key=lambda item: -item[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="git revision measured as 'before'")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sdplan-bench-startup-") as temp:
        temp = Path(temp)
        checkouts = {f"before ({args.before[:7]})": unpack(args.before, temp), "after (working tree)": ROOT}
        envs = {name: environment(path, temp / f"state-{i}") for i, (name, path) in enumerate(checkouts.items())}
        for name, path in checkouts.items():
            probe(path, envs[name])  # first start: migrate, seed, compress, make the font; not measured
        results: dict[str, list[tuple[dict, float]]] = {name: [] for name in checkouts}
        print(f"fresh worker start-up, {args.runs} runs each, alternating; [load average, 1 min, before the run]")
        for run in range(args.runs):
            for name, path in checkouts.items():
                load = os.getloadavg()[0]
                figures, _ = probe(path, envs[name])
                results[name].append((figures, load))
                print(f"  run {run + 1} {name:22} import app {figures['import']:5.2f} s [{load:.2f}]   "
                      f"ready {figures['ready']:5.2f} s [{load:.2f}]   RSS {figures['rss_mb']:4.0f} MB [{load:.2f}]")
        print("median:")
        for name, rows in results.items():
            loads = [load for _, load in rows]
            print(f"  {name:22} import app {statistics.median(f['import'] for f, _ in rows):5.2f} s   "
                  f"ready {statistics.median(f['ready'] for f, _ in rows):5.2f} s   "
                  f"RSS {statistics.median(f['rss_mb'] for f, _ in rows):4.0f} MB   "
                  f"[load {min(loads):.2f}-{max(loads):.2f}]   heavy libraries loaded: "
                  f"{', '.join(rows[0][0]['heavy']) or 'none'}")
        for name, path in checkouts.items():
            load = os.getloadavg()[0]
            _, importtime = probe(path, envs[name], "-X", "importtime")
            top = ", ".join(f"{package} {seconds:.2f} s" for package, seconds in heaviest(importtime))
            print(f"-X importtime, {name} [{load:.2f}]: {top}")


if __name__ == "__main__":
    main()
