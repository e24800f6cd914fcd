"""Files served under their content's hash: read once, named by the hash, cached by browsers for a year.

The address changes whenever the file does, so a response never goes stale and needs no revalidation.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Response, abort

CACHE_FOREVER = "public, max-age=31536000, immutable"


@cache
def content_addressed(path: Path) -> tuple[bytes, str]:
    """The bytes of ``path`` and the short hash that names them in the file's address."""
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


def immutable_response(path: Path, digest: str, mimetype: str) -> Response:
    """``path``'s bytes if ``digest`` is their hash (else 404: an old or forged address), cached for a year."""
    data, current = content_addressed(path)
    if digest != current:
        abort(404)
    response = Response(data, mimetype=mimetype)
    response.headers["Cache-Control"] = CACHE_FOREVER
    response.headers["ETag"] = current
    return response
