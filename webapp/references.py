"""The chapter's reference list in SQLite, with FTS5 full-text search.

The database is rebuilt from the committed references.json (never committed
itself), so the JSON stays the single source of truth.
"""

import json
import re
from pathlib import Path

import sqlite_utils

REFERENCES_JSON = Path(__file__).parent / "data" / "references.json"
TABLE = "references"
# The year is indexed too, so that "Rosen 2004" finds reference 23.
FTS_COLUMNS = ["authors", "title", "journal", "year"]
# bm25 weights in FTS_COLUMNS order: a word in the title says more than a co-author's name.
RANK = "bm25(1.0, 4.0, 1.0, 1.0)"
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\[?(\d+)\]?")
# Bounds applied before FTS5, so that a request costs at most a few index passes
# whatever its size: each term is one more pass, and repeated terms used to cost it again.
MAX_QUERY_CHARS = 200  # a title's worth of words; the rest of a longer query is ignored
MAX_TERMS = 8
MAX_NUMBER_DIGITS = 18  # any such number fits SQLite's 64-bit integer; longer ones are searched as text


def load_references() -> list[dict]:
    """The reference entries as committed, in number order."""
    return json.loads(REFERENCES_JSON.read_text(encoding="utf-8"))


def build_database(path) -> sqlite_utils.Database:
    """(Re)create the database at path (a file or ":memory:") from references.json."""
    db = sqlite_utils.Database(path, recreate=True)
    table = db[TABLE]
    table.create(
        {
            "number": int,
            "authors": str,
            "title": str,
            "journal": str,
            "year": int,
            "doi": str,
            "pmid": str,
            "raw": str,
            "cited_in_chapter": bool,
            "duplicate_of": int,
        },
        pk="number",
    )
    table.insert_all(load_references())
    table.enable_fts(FTS_COLUMNS)
    fts = table.detect_fts()
    # Make the FTS5 default rank (used by table.search()) weight the title.
    db.execute(f"insert into [{fts}]([{fts}], rank) values ('rank', ?)", [RANK])
    db.conn.commit()
    return db


def _entry(row: dict) -> dict:
    return {**row, "cited_in_chapter": bool(row["cited_in_chapter"])}


def all_references(db: sqlite_utils.Database) -> list[dict]:
    """Every entry, in number order."""
    return [_entry(row) for row in db[TABLE].rows_where(order_by="number")]


def bounded(query: str) -> str:
    """The part of a query that is searched."""
    return query[:MAX_QUERY_CHARS]


def search_terms(query: str) -> list[str]:
    """The distinct words of the searched part (case-insensitively, first spelling kept), at most MAX_TERMS."""
    distinct: dict[str, str] = {}
    for word in WORD.findall(bounded(query)):
        distinct.setdefault(word.lower(), word)
    return list(distinct.values())[:MAX_TERMS]


def search(db: sqlite_utils.Database, query: str, limit: int = 50) -> list[dict]:
    """Entries matching every word of query, best bm25 match first.

    A word also matches as a prefix ("denos"), but a whole-word match scores
    higher ("Rosen" before "Rosenthal"). Only the words of the query reach
    FTS5, each quoted, so no user input can form FTS syntax or an error.
    A query without words lists every entry (limit applies to matches only).
    A bare number ("23" or "[23]") puts that reference first. The query is cut to
    its first MAX_QUERY_CHARS characters and MAX_TERMS distinct words.
    """
    words = search_terms(query)
    if not words:
        return all_references(db)
    fts_query = " AND ".join(f'("{word}" OR "{word}"*)' for word in words)
    results = [_entry(row) for row in db[TABLE].search(fts_query, limit=limit)]
    number = NUMBER.fullmatch(bounded(query).strip())
    if number and len(number.group(1)) <= MAX_NUMBER_DIGITS:
        exact = db[TABLE].rows_where("number = ?", [int(number.group(1))])
        first = [_entry(row) for row in exact]
        results = first + [row for row in results if row not in first]
    return results[:limit]
