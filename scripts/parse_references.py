"""Parse the seed chapter's reference list into webapp/data/references.json.

The chapter is the only source of truth for the citations shown in the app, so
the JSON is generated from it (deterministically) and committed; a test re-runs
this script and checks the committed file is unchanged.

Usage: python scripts/parse_references.py [--seed FILE] [--out FILE]
"""

import argparse
import json
import re
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = PROJECT_ROOT.parent / "shared" / "seed" / "000_6a73961e8f5a6c81.txt"
DEFAULT_OUT = PROJECT_ROOT / "webapp" / "data" / "references.json"

HEADING = "REFERENCES"
# "(45)", "(46,47)", "(45-68)", "(50, 59)": only digits, commas, dashes inside.
CITATION = re.compile(r"\((\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\)")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
# Vancouver authors end at the first ". "; a leading initial ("S. Thureau") belongs to them.
AUTHORS = re.compile(r"^((?:[A-Z]\.\s)?.+?)\.\s+(.*)$")
# The journal is in markdown italics; its name may itself contain "*" (Oncology*Biology*Physics).
ITALIC_JOURNAL = re.compile(r"\*(.+?)\*(?=[\s.]|$)")
# Without italics, a journal is recognised only when followed by "YYYY Mon;" (e.g. "Paraplegia. 1969 Nov;").
PLAIN_JOURNAL = re.compile(r"\.\s+([A-Z][^.;:]*)\.(?=\s+(?:19|20)\d\d [A-Z][a-z]{2};)")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s]+?)[.,;]?(?:\s|$)")
PMID = re.compile(r"\bPMID:?\s*(\d+)")


def split_chapter(text: str) -> tuple[str, list[str]]:
    """Return the chapter body and the lines after the REFERENCES heading."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == HEADING)
    return "\n".join(lines[:start]), lines[start + 1 :]


def cited_numbers(body: str) -> set[int]:
    """Reference numbers cited in the chapter body as "(n)", "(a,b)" or "(a-b)"."""
    cited = set()
    for match in CITATION.finditer(body):
        for part in match.group(1).split(","):
            low, _, high = re.sub(r"\s", "", part).replace("–", "-").partition("-")
            cited.update(range(int(low), int(high or low) + 1))
    return cited


def parse_entry(text: str) -> dict:
    """Split one Vancouver-style reference into authors, title, journal, year, ids."""
    authors_match = AUTHORS.match(text)
    authors, rest = authors_match.groups() if authors_match else ("", text)
    if authors.endswith("et al"):
        authors += "."
    journal_match = ITALIC_JOURNAL.search(rest) or PLAIN_JOURNAL.search(rest)
    if journal_match:
        title = rest[: journal_match.start()].strip()
        title = re.sub(r"(?:\.?\s*In:)?\s*\.?$", "", title)
        journal = " ".join(journal_match.group(1).replace("*", " ").split()).rstrip(".")
        tail = rest[journal_match.end() :]
    else:
        title, _, tail = rest.partition(". ")
        journal = None
    year = YEAR.search(tail)
    doi = DOI.search(text)
    pmid = PMID.search(text)
    return {
        "authors": authors,
        "title": title.strip(),
        "journal": journal,
        "year": int(year.group()) if year else None,
        "doi": doi.group(1) if doi else None,
        "pmid": pmid.group(1) if pmid else None,
    }


def identity(entry: dict) -> str:
    """Key that ignores punctuation, case and citation details (93 vs 94 differ only by month)."""
    return re.sub(r"\W+", "", (entry["authors"] + entry["title"]).casefold())


def parse(text: str) -> list[dict]:
    """Parse the seed chapter into reference entries in number order.

    The first entries are unnumbered bullets: they are references 1, 2, ...
    """
    body, lines = split_chapter(text)
    cited = cited_numbers(body)
    entries, first_seen = [], {}
    for line in lines:
        raw = line.rstrip()
        if not raw.strip():
            continue
        numbered = NUMBERED.match(raw)
        if numbered:
            number, content = int(numbered.group(1)), numbered.group(2)
        elif raw.startswith("- "):
            number, content = len(entries) + 1, raw[2:]
        else:
            raise ValueError(f"unexpected line in the reference list: {raw!r}")
        if number != len(entries) + 1:
            raise ValueError(f"reference {number} follows {len(entries)}")
        entry = {"number": number, **parse_entry(content.strip()), "raw": raw}
        key = identity(entry)
        entry["cited_in_chapter"] = number in cited
        entry["duplicate_of"] = first_seen.get(key)
        first_seen.setdefault(key, number)
        entries.append(entry)
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="seed chapter text file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if not args.seed.is_file():
        parser.error(f"seed chapter not found: {args.seed}")
    entries = parse(args.seed.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(entries)} references written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
