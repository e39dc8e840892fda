"""Untranslated user-visible text: msgids with raw parameters, formatted by the app.

The core never translates. Every English string is wrapped in `N_` so that
`pybabel extract -k N_` finds it; the app looks the msgid up in the catalogue and
fills the `%(name)s` placeholders from `params`, formatting numbers per locale.
"""
from __future__ import annotations

from dataclasses import dataclass

from .sources import Source

Param = int | float | str


def N_(s: str) -> str:
    """Mark a msgid for extraction; returns it unchanged (translation happens in the app)."""
    return s


@dataclass(frozen=True)
class Message:
    """A msgid and its raw parameters, as sorted (name, value) pairs so it stays hashable."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()


def msg(msgid: str, **params: Param) -> Message:
    """Build a Message; parameters are kept raw (numbers unformatted)."""
    return Message(msgid, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Note:
    """One piece of advice with the sources it rests on; `warning` when safety is at stake."""

    message: Message
    sources: tuple[Source, ...]
    severity: str = "info"  # "info" or "warning"


def warning(message: Message, *sources: Source) -> Note:
    return Note(message, sources, "warning")


def info(message: Message, *sources: Source) -> Note:
    return Note(message, sources)
