"""Fetch the browser files the dashboard vendors from npm, reproducibly: each one unchanged, with its licence and
a record of where it came from.

- ``plotly-basic.min.js`` (``plotly.js-basic-dist-min``): the breakdown chart draws bars and the ledger's trend
  draws lines and markers, so plotly.js's "basic" partial bundle (scatter, bar, pie; 1.2 MB, about 390 KB gzipped)
  instead of the full one Dash serves (4.8 MB, 1.4 MB gzipped). Its version is the plotly.js of the installed
  plotly package.
- ``regenerator-runtime.js`` (``regenerator-runtime``): what Dash's and dcc's bundles still need from the
  ``@babel/polyfill`` the page no longer loads (``routes/page_scripts.py``); the version that polyfill bundles.

``npm pack`` downloads each package from the npm registry and checks its integrity (sha512); this script checks
it again against the recorded integrity, then writes the file into ``assets/vendor/``, its licence, and a record
``assets/vendor/<name>.json`` (package, version, integrity, sha256, licence).

Run: .venv/bin/python scripts/fetch_vendored.py            (the recorded versions)
     .venv/bin/python scripts/fetch_vendored.py --update   (plotly.js: the installed plotly's version, recorded anew)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "assets" / "vendor"


@dataclass(frozen=True)
class Vendored:
    name: str  # the record's name: assets/vendor/<name>.json, <name>.LICENSE.txt
    package: str  # on npm
    file: str  # inside the package
    target: str  # in assets/vendor/
    pinned: str | None  # the version when no record says one (None: the installed plotly's plotly.js)


PACKAGES = (
    Vendored("plotly-basic", "plotly.js-basic-dist-min", "plotly-basic.min.js", "plotly-basic.min.js", None),
    Vendored("regenerator-runtime", "regenerator-runtime", "runtime.js", "regenerator-runtime.js", "0.13.11"),
)


def npm_pack(spec: str, into: Path) -> dict:
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(into)],
                         check=True, capture_output=True, text=True, cwd=into).stdout
    return json.loads(out)[0]


def wanted(vendored: Vendored, update: bool) -> tuple[str, str | None]:
    """(version, recorded integrity or None)."""
    record = VENDOR / f"{vendored.name}.json"
    if record.exists() and not (update and vendored.pinned is None):
        recorded = json.loads(record.read_text(encoding="utf-8"))
        return recorded["version"], recorded["integrity"]
    if vendored.pinned is not None:
        return vendored.pinned, None
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version(), None


def fetch(vendored: Vendored, update: bool) -> None:
    version, integrity = wanted(vendored, update)
    with tempfile.TemporaryDirectory() as tmp:
        packed = npm_pack(f"{vendored.package}@{version}", Path(tmp))
        tarball = Path(tmp) / packed["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if integrity and digest != integrity:
            sys.exit(f"{vendored.package}@{version}: integrity {digest} is not the recorded {integrity}")
        with tarfile.open(tarball) as archive:
            script = archive.extractfile(f"package/{vendored.file}").read()
            licence = archive.extractfile("package/LICENSE").read()
            meta = json.loads(archive.extractfile("package/package.json").read())
    VENDOR.mkdir(parents=True, exist_ok=True)
    (VENDOR / vendored.target).write_bytes(script)
    (VENDOR / f"{vendored.name}.LICENSE.txt").write_bytes(licence)
    (VENDOR / f"{vendored.name}.json").write_text(json.dumps({
        "package": vendored.package, "version": meta["version"], "license": meta.get("license"),
        "tarball": f"https://registry.npmjs.org/{vendored.package}/-/{vendored.package.split('/')[-1]}-{meta['version']}.tgz",
        "file": vendored.target, "integrity": digest, "sha256": hashlib.sha256(script).hexdigest(), "bytes": len(script),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"{vendored.package}@{meta['version']} ({meta.get('license')}): {len(script) / 1024:.0f} KB",
          f"-> {VENDOR / vendored.target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="plotly.js: take the installed plotly's version")
    args = parser.parse_args()
    for vendored in PACKAGES:
        fetch(vendored, args.update)


if __name__ == "__main__":
    main()
