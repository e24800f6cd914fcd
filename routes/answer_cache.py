"""The map callback's answers kept as sent (serialised and compressed), per request body and dataset.

The map page's callback (``callbacks/view.py``) is a function of its request body (the query, the controls,
the trigger, the layer drawn) and of the store's data at the current revision: the same body at the same
revision always gets the same answer. So a worker keeps the answer's bytes as they went out, compressed for
the encodings the browser accepted, and sends them again without Dash's dispatch, the callback, the JSON
encoding or the compression (``bench/bench_load.py`` prints the cost with and without).

Kept per worker and per dataset (the store's data at one revision, as the callback reads it), bounded
(``SDPLAN_ANSWER_CACHE`` answers, least recently used dropped; 0 keeps none): an import or a rollback is a new
dataset (seen at most ``SDPLAN_REVISION_CHECK_MS`` later, as the callback sees it), whose answers start
empty, and the old answers go with the old dataset. An answer made while the database did not answer is
never kept (:func:`do_not_keep`): it says the data may be stale.

The hooks go on the Flask server before Dash's (:func:`init_app` is called first): the lookup then runs
before the malformed-body check (a kept body passed it) and the keeping after the compression.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict

from flask import Flask, Response, g, request

from sdplan.dataset import Dataset
from sdplan.settings import answer_cache_entries
from sdplan.store.current import served_dataset
from sdplan.store.outage import StoreUnavailable

PATH = "/_dash-update-component"
# Headers of a kept answer sent again (length and date are the new response's own)
KEPT_HEADERS = ("Content-Type", "Content-Encoding", "Vary")


class Answers:
    """A bounded map of key -> (body bytes, headers), least recently used dropped; safe across threads."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._kept: OrderedDict[tuple, tuple[bytes, tuple[tuple[str, str], ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, tuple[tuple[str, str], ...]] | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: tuple, body: bytes, headers: tuple[tuple[str, str], ...]) -> None:
        with self._lock:
            self._kept[key] = (body, headers)
            self._kept.move_to_end(key)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)


class AnswersByDataset:
    """The answers drawn from each dataset, gone with it."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._by_data: weakref.WeakKeyDictionary[Dataset, Answers] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, data: Dataset) -> Answers:
        with self._lock:
            answers = self._by_data.get(data)
            if answers is None:
                answers = self._by_data[data] = Answers(self.entries)
            return answers


def do_not_keep() -> None:
    """Called by the callback when its answer must not be sent again (drawn while the database is away)."""
    g.answer_key = None


def answer_key(body: bytes, accept_encoding: str) -> tuple[bytes, str]:
    return hashlib.blake2b(body, digest_size=16).digest(), accept_encoding


def init_app(server: Flask, output: str) -> AnswersByDataset | None:
    """Keep the answers to requests of the callback writing ``output`` ("<id>.<property>", the map callback's
    hideout) on ``server``; call it before Dash is created on the server. Returns the store of answers (None
    when none are kept)."""
    entries = answer_cache_entries()
    if not entries:
        return None
    kept_answers = AnswersByDataset(entries)

    @server.before_request
    def send_kept_answer() -> Response | None:
        g.answer_key = None
        if request.method != "POST" or request.path != PATH:
            return None
        try:
            data, fresh = served_dataset()
        except StoreUnavailable:
            return None
        if not fresh:
            return None
        answers = kept_answers.of(data)
        key = answer_key(request.get_data(cache=True), request.headers.get("Accept-Encoding", ""))
        kept = answers.get(key)
        if kept is None:
            g.answer_key = answers, key
            return None
        body, headers = kept
        response = Response(body, 200)
        response.headers.update(dict(headers))
        return response

    @server.after_request
    def keep_answer(response: Response) -> Response:
        to_keep = g.pop("answer_key", None)
        if to_keep is None or response.status_code != 200 or response.direct_passthrough:
            return response
        sent = request.get_json(silent=True)
        if isinstance(sent, dict) and f".{output}." in f".{sent.get('output')}.":
            answers, key = to_keep
            answers.put(key, response.get_data(), tuple((h, response.headers[h]) for h in KEPT_HEADERS
                                                          if h in response.headers))
        return response

    return kept_answers
