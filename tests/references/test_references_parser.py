"""The committed reference list is exactly what the parser makes of the seed chapter."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "parse_references.py"
SEED = ROOT.parent / "shared" / "seed" / "000_6a73961e8f5a6c81.txt"
COMMITTED = ROOT / "webapp" / "data" / "references.json"
EXPECTED_CITED = {23, 43, *range(45, 69)}


def load_parser():
    spec = importlib.util.spec_from_file_location("parse_references", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_text():
    assert SEED.is_file(), f"seed chapter missing: expected {SEED} (shared/ beside the project root)"
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entries():
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_number(entries):
    return {e["number"]: e for e in entries}


def test_rerunning_the_parser_reproduces_the_committed_file(seed_text, tmp_path):
    out = tmp_path / "references.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--seed", str(SEED), "--out", str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == COMMITTED.read_bytes(), "run scripts/parse_references.py and commit the result"


def test_missing_seed_is_a_clear_error(tmp_path):
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--seed", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "seed chapter not found" in run.stderr
    assert not (tmp_path / "x.json").exists()


def test_numbering_bullets_then_numbered_without_gaps(entries):
    numbers = [e["number"] for e in entries]
    assert numbers == list(range(1, len(entries) + 1))
    assert len(entries) == 150
    assert all(e["raw"].startswith("- ") for e in entries[:32])
    assert all(e["raw"].startswith(f"{e['number']}. ") for e in entries[32:])


def test_entry_fields(entries):
    keys = {"number", "authors", "title", "journal", "year", "doi", "pmid", "raw", "cited_in_chapter", "duplicate_of"}
    for e in entries:
        assert set(e) == keys
        assert e["title"] and e["raw"]
        assert e["year"] is None or 1900 < e["year"] < 2100
        assert e["journal"] is None or "*" not in e["journal"]
        assert isinstance(e["cited_in_chapter"], bool)
    assert all(e["doi"] is None and e["pmid"] is None for e in entries)  # the chapter gives none


def test_rosen_references(by_number):
    rosen_2004 = by_number[23]
    assert rosen_2004["authors"].startswith("Rosen LS")
    assert (rosen_2004["journal"], rosen_2004["year"]) == ("Cancer", 2004)
    rosen_2003 = by_number[49]
    assert rosen_2003["authors"].startswith("Rosen LS")
    assert (rosen_2003["journal"], rosen_2003["year"]) == ("J Clin Oncol", 2003)


def test_other_trial_references(by_number):
    assert by_number[50]["authors"].startswith("Henry DH") and by_number[50]["year"] == 2011
    assert by_number[51]["authors"].startswith("Scagliotti GV")
    assert by_number[59]["authors"].startswith("Lipton A") and by_number[59]["journal"] == "Eur J Cancer"


def test_markdown_asterisks_are_stripped(by_number):
    assert by_number[1]["journal"] == "Nature"
    assert by_number[34]["journal"] == "J Thorac Oncol"  # "*J Thorac Oncol.*" in the seed
    assert by_number[104]["journal"] == "International Journal of Radiation Oncology Biography Physics"


def test_duplicates_point_to_the_first_occurrence(entries):
    duplicates = {e["number"]: e["duplicate_of"] for e in entries if e["duplicate_of"] is not None}
    assert duplicates == {83: 82, 88: 87, 94: 93, 150: 81}


def test_citation_syntax():
    cited = load_parser().cited_numbers("a (45-68) b (50, 59) c (46,47) d (23) (350 patients) (J0, J15) (2016 S)")
    assert cited == {23, *range(45, 69)}


def test_every_citation_of_the_chapter_resolves(seed_text, entries):
    parser = load_parser()
    body, _ = parser.split_chapter(seed_text)
    cited = parser.cited_numbers(body)
    assert cited == EXPECTED_CITED
    assert cited <= {e["number"] for e in entries}
    assert {e["number"] for e in entries if e["cited_in_chapter"]} == cited
