"""Malformed callback requests get 400, never a 500 with a traceback.

Dash trusts the body of ``/_dash-update-component``: ``null``, a list, ``inputs`` as a string, a
missing ``outputs``, an output no server callback has, inputs that do not match the callback's, or
JSON nested deep enough to exhaust the parser each raised inside Dash (500 and a traceback in the log
per request). :func:`init_app` checks the body's shape against the app's callback map before Dash
reads it; a body that passes is left exactly as Dash expects it (Flask keeps the parsed JSON).
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from flask import Response, request
from werkzeug.exceptions import BadRequest

from sdplan.i18n import t

PATH = "/_dash-update-component"


def _is_reference(item: Any) -> bool:
    return isinstance(item, dict) and "id" in item and isinstance(item.get("property"), str)


def _references(items: Any) -> bool:
    """A list of ``{id, property}`` (or, for a pattern-matching one, a list of them)."""
    return isinstance(items, list) and all(
        _is_reference(i) or (isinstance(i, list) and all(_is_reference(j) for j in i)) for i in items)


def _matches(sent: list, declared: list) -> bool:
    if len(sent) != len(declared):
        return False
    for item, spec in zip(sent, declared, strict=True):
        if spec["id"].startswith("{"):  # a pattern-matching id (its JSON): the browser sends the matches
            continue
        if not isinstance(item, dict) or item.get("id") != spec["id"] or item.get("property") != spec.get("property"):
            return False
    return True


def problem(body: Any, callback_map: dict) -> str | None:
    """What is wrong with a callback request's body, or None if Dash can dispatch it."""
    if not isinstance(body, dict):
        return "the body is not an object"
    spec = callback_map.get(body.get("output")) if isinstance(body.get("output"), str) else None
    if spec is None or "callback" not in spec:
        return "no server callback has this output"
    outputs = body.get("outputs")
    if not (_is_reference(outputs) or _references(outputs)):
        return "outputs missing or malformed"
    inputs, state = body.get("inputs"), body.get("state", [])
    if not (_references(inputs) and _references(state)):
        return "inputs or state malformed"
    if not (_matches(inputs, spec["inputs"]) and _matches(state, spec["state"])):
        return "inputs or state do not match the callback"
    changed = body.get("changedPropIds", [])
    if not (isinstance(changed, list) and all(isinstance(c, str) for c in changed)):
        return "changedPropIds malformed"
    return None


def init_app(app: Dash) -> None:
    """Check every callback request's body on ``app``'s server before Dash dispatches it."""

    @app.server.before_request
    def refuse_malformed_callbacks() -> Response | None:
        if request.method != "POST" or not request.path.endswith(PATH):
            return None
        try:
            body = request.get_json(force=True)
        except (BadRequest, RecursionError):  # not JSON, or nested past the parser's depth
            body = BadRequest
        reason = "the body is not JSON" if body is BadRequest else problem(body, app.callback_map)
        if reason is None:
            return None
        return Response(f"{t('bad_request')} / {t('bad_request', 'en')}: {reason}", 400, mimetype="text/plain")
