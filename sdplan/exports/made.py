"""What an export maker gives: a file, or a refusal with its message for the person."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Made:
    filename: str
    media_type: str
    content: bytes


class Refused(Exception):  # noqa: N818 - a refusal with its message for the page, not a programming error
    """An export that cannot be made; its message is for the person, in the page's language."""
