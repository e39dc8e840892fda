"""The browser mirror is laid out file for file like the clinical core, with one entry point.

static/js/clinical/<name>.mjs mirrors webapp/clinical/<name>.py, and index.mjs mirrors
__init__.py (the CALCULATORS registry). Python-only helpers have no twin.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "webapp" / "clinical"
MIRROR = ROOT / "static" / "js" / "clinical"

# result.py turns dataclasses into the JSON API body (Result.as_dict); the mirror builds
# its results directly in that canonical form, so there is nothing to mirror.
PYTHON_ONLY = {"result"}


def test_every_core_module_has_its_twin_and_the_reverse():
    python = {path.stem for path in CORE.glob("*.py")} - {"__init__"} - PYTHON_ONLY
    js = {path.stem for path in MIRROR.glob("*.mjs")} - {"index"}
    assert sorted(python - js) == [], "core modules without a .mjs twin in static/js/clinical/"
    assert sorted(js - python) == [], ".mjs modules in static/js/clinical/ without a webapp/clinical twin"
    assert (MIRROR / "index.mjs").is_file()
    assert not (CORE / "index.py").exists() and all((CORE / f"{name}.py").is_file() for name in PYTHON_ONLY)


def test_only_index_is_imported_from_outside():
    inside = re.compile(r"""(?:import|from)\s*\(?\s*["']([^"']*clinical/[^"']*)["']""")
    offenders = []
    for path in (ROOT / "static").rglob("*.*js"):
        if MIRROR in path.parents or "vendor" in path.parts:
            continue
        for spec in inside.findall(path.read_text(encoding="utf-8")):
            if not spec.endswith("clinical/index.mjs"):
                offenders.append(f"{path.relative_to(ROOT)}: {spec}")
    assert offenders == []


def test_no_import_circle_in_static_js():
    """ES modules evaluate in import order: a circle would leave some binding uninitialised."""
    spec = re.compile(r"""(?:import|from)\s*\(?\s*["'](\.[^"']+)["']""")
    graph = {
        path: {(path.parent / target).resolve() for target in spec.findall(path.read_text(encoding="utf-8"))}
        for path in (ROOT / "static" / "js").resolve().rglob("*.mjs")
    }
    done: set[Path] = set()

    def visit(path: Path, stack: tuple[Path, ...]) -> None:
        assert path not in stack, " → ".join(str(p.relative_to(ROOT)) for p in (*stack[stack.index(path):], path))
        if path in done:
            return
        for target in graph.get(path, ()):
            visit(target, (*stack, path))
        done.add(path)

    for path in sorted(graph):
        visit(path, ())
