"""Fetch the smaller plotly.js the dashboard ships (bar and scatter traces only), reproducibly.

The breakdown chart draws bars and the ledger's trend draws lines and markers: plotly.js's "basic"
partial bundle (scatter, bar, pie; 1.2 MB, about 390 KB gzipped) instead of the full one Dash serves
(4.8 MB, 1.4 MB gzipped). The version matches the plotly.js of the installed plotly package. `npm pack`
downloads the package from the npm registry and checks its integrity (sha512); this script checks it
again against the recorded integrity, then writes ``assets/vendor/plotly-basic.min.js`` unchanged, its
licence, and ``assets/vendor/plotly-basic.json`` (package, version, integrity, sha256, licence).

Run: .venv/bin/python scripts/fetch_plotly.py            (the recorded version)
     .venv/bin/python scripts/fetch_plotly.py --update   (the version of the installed plotly, recorded anew)
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "assets" / "vendor"
RECORD = VENDOR / "plotly-basic.json"
PACKAGE = "plotly.js-basic-dist-min"
FILE = "plotly-basic.min.js"


def npm_pack(spec: str, into: Path) -> dict:
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(into)],
                         check=True, capture_output=True, text=True, cwd=into).stdout
    return json.loads(out)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="take the installed plotly's plotly.js version")
    args = parser.parse_args()
    if args.update or not RECORD.exists():
        from plotly.offline import get_plotlyjs_version

        version, integrity = get_plotlyjs_version(), None
    else:
        record = json.loads(RECORD.read_text(encoding="utf-8"))
        version, integrity = record["version"], record["integrity"]
    with tempfile.TemporaryDirectory() as tmp:
        packed = npm_pack(f"{PACKAGE}@{version}", Path(tmp))
        tarball = Path(tmp) / packed["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if integrity and digest != integrity:
            sys.exit(f"{PACKAGE}@{version}: integrity {digest} is not the recorded {integrity}")
        with tarfile.open(tarball) as archive:
            script = archive.extractfile(f"package/{FILE}").read()
            licence = archive.extractfile("package/LICENSE").read()
            meta = json.loads(archive.extractfile("package/package.json").read())
    VENDOR.mkdir(parents=True, exist_ok=True)
    (VENDOR / FILE).write_bytes(script)
    (VENDOR / "plotly-basic.LICENSE.txt").write_bytes(licence)
    RECORD.write_text(json.dumps({
        "package": PACKAGE, "version": meta["version"], "license": meta.get("license"),
        "tarball": f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{meta['version']}.tgz",
        "integrity": digest, "sha256": hashlib.sha256(script).hexdigest(), "bytes": len(script),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"{PACKAGE}@{meta['version']} ({meta.get('license')}): {len(script) / 1024:.0f} KB -> {VENDOR / FILE}")


if __name__ == "__main__":
    main()
