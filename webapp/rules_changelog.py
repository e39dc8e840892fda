"""CHANGELOG-CLINICAL.md, read once for every use: the about page lists its entries, translated, and Babel
extracts each change as a catalog message, so the clinical history is written in one place only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Iterator

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG-CLINICAL.md"

_HEADING = re.compile(r"## (?P<version>\S+) \((?P<date>\d{4}-\d{2}-\d{2})\)")
_HASH = re.compile(r"Hash: `(?P<hash>[0-9a-f]{64})`")


@dataclass(frozen=True)
class Entry:
    version: str
    date: str
    hash: str
    changes: tuple[str, ...]


def parse(text: str) -> list[Entry]:
    """Entries newest first: `## version (date)`, `Hash: `…``, then bullets (continuation lines indented)."""
    return [Entry(e["version"], e["date"], e["hash"], tuple(text for text, _ in e["changes"])) for e in _entries(text)]


def _entries(text: str) -> list[dict]:
    entries: list[dict] = []
    for number, line in enumerate(text.splitlines(), 1):
        if heading := _HEADING.fullmatch(line):
            entries.append({**heading.groupdict(), "hash": "", "changes": []})
        elif not entries:
            continue
        elif digest := _HASH.fullmatch(line):
            entries[-1]["hash"] = digest["hash"]
        elif line.startswith("- "):
            entries[-1]["changes"].append((line[2:].strip(), number))
        elif line.startswith("  ") and entries[-1]["changes"]:
            change, start = entries[-1]["changes"][-1]
            entries[-1]["changes"][-1] = (f"{change} {line.strip()}", start)
    return entries


@cache
def load_changelog() -> list[Entry]:
    return parse(CHANGELOG.read_text(encoding="utf-8"))


def extract(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor (babel.cfg): every change of every entry is a message."""
    for entry in _entries(fileobj.read().decode("utf-8")):
        for change, number in entry["changes"]:
            yield number, None, change, []
