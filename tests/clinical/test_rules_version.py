"""A change to the clinical rules or their vectors cannot ship under the previous rule-set version.

The hash covers webapp/clinical/*.py (rules.py excepted: it holds the hash) and tests/vectors/*.json, sorted by
path, line endings normalised, so that a checkout on any system gives the same value.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from webapp.clinical.rules import RULES_DATE, RULES_HASH, RULES_VERSION
from webapp.rules_changelog import load_changelog

ROOT = Path(__file__).resolve().parents[2]


def rule_set_hash(root: Path) -> str:
    files = sorted([*(root / "webapp" / "clinical").glob("*.py"), *(root / "tests" / "vectors").glob("*.json")])
    digest = hashlib.sha256()
    for path in files:
        if path.name == "rules.py" and path.parent.name == "clinical":
            continue
        text = path.read_bytes().replace(b"\r\n", b"\n")
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + text + b"\0")
    return digest.hexdigest()


def test_rules_unchanged_since_the_recorded_version():
    current = rule_set_hash(ROOT)
    assert current == RULES_HASH, (
        f"webapp/clinical/ or tests/vectors/ changed since rule set {RULES_VERSION}: bump RULES_VERSION and record "
        f"the new hash in CHANGELOG-CLINICAL.md (and as RULES_HASH in webapp/clinical/rules.py): {current}")


def test_changelog_opens_with_the_current_version():
    latest = load_changelog()[0]
    assert (latest.version, latest.date, latest.hash) == (RULES_VERSION, RULES_DATE, RULES_HASH), (
        "CHANGELOG-CLINICAL.md's first entry must be the current rule set: bump RULES_VERSION and record the new "
        "hash in CHANGELOG-CLINICAL.md")


def test_each_version_once_newest_first_with_its_changes():
    entries = load_changelog()
    versions = [entry.version for entry in entries]
    assert len(set(versions)) == len(versions) and len({entry.hash for entry in entries}) == len(entries)
    assert [entry.date for entry in entries] == sorted((entry.date for entry in entries), reverse=True)
    assert all(re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", v) for v in versions)
    assert all(entry.changes for entry in entries)


def test_the_hash_sees_a_one_byte_change(tmp_path):
    for folder, name, text in (("webapp/clinical", "renal.py", "LIMIT = 30\n"), ("tests/vectors", "a.json", "{}")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / name).write_text(text)
    before = rule_set_hash(tmp_path)
    (tmp_path / "webapp/clinical/rules.py").write_text('RULES_HASH = "x"\n')
    assert rule_set_hash(tmp_path) == before, "rules.py holds the hash: it cannot be part of it"
    (tmp_path / "webapp/clinical/renal.py").write_text("LIMIT = 31\n")
    assert rule_set_hash(tmp_path) != before
    (tmp_path / "webapp/clinical/renal.py").write_bytes(b"LIMIT = 30\r\n")
    assert rule_set_hash(tmp_path) == before, "line endings do not change the rules"
