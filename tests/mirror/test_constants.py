"""The mirror's constants, msgids and registry are copies of the Python core's.

Every top-level UPPER_CASE assignment of each webapp/clinical module (found by
parsing the source, private ones included) must appear in the JS `CONSTANTS` as
"module.NAME" with the same canonical value, and every N_("…") msgid of the core
must be in the JS `MSGIDS` (and nothing else).
"""
from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import webapp.clinical
from webapp.clinical import CALCULATORS

from .canonical import canonical, first_difference

CORE = Path(webapp.clinical.__file__).parent
NOT_CONSTANTS = {"__init__.CALCULATORS"}  # the registry of functions, compared by name below


def _defined_constants() -> dict[str, object]:
    found = {}
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.lstrip("_").isupper():
                    key = f"{path.stem}.{target.id}"
                    if key in NOT_CONSTANTS:
                        continue
                    module = importlib.import_module(f"webapp.clinical.{path.stem}" if path.stem != "__init__" else "webapp.clinical")
                    found[key] = getattr(module, target.id)
    return found


def _msgids() -> set[str]:
    found = set()
    for path in sorted(CORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
                assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), ast.dump(node)
                found.add(node.args[0].value)
    return found


def test_every_constant_is_mirrored_with_the_same_value(mirror):
    python = _defined_constants()
    js = json.loads(mirror.evaluate("JSON.stringify(m.CONSTANTS)"))
    assert sorted(set(python) - set(js)) == [], "constants of the Python core missing from the mirror's CONSTANTS"
    assert sorted(set(js) - set(python)) == [], "mirror CONSTANTS with no Python constant of that name"
    differences = [d for key in python if (d := first_difference(canonical(python[key]), js[key], key))]
    assert differences == []


def test_every_msgid_is_byte_identical(mirror):
    python = _msgids()
    js = mirror.evaluate("m.MSGIDS")
    assert len(js) == len(set(js))
    assert sorted(python - set(js)) == [], "msgids of the Python core missing from the mirror"
    assert sorted(set(js) - python) == [], "mirror msgids the Python core does not have"


def test_same_calculators(mirror):
    assert sorted(mirror.evaluate("Object.keys(m.CALCULATORS)")) == sorted(CALCULATORS)


def test_unknown_calculator_is_an_error(mirror):
    assert "unknown calculator" in mirror.evaluate("(() => { try { m.run('nope', {}); } catch (e) { return e.message; } })()")
