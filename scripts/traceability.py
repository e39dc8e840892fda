"""docs/TRACEABILITY.md from the code: each rule of the clinical core → its sources → the golden vectors and tests
that exercise it (IEC 62304 traceability). `python scripts/traceability.py` rewrites the file;
tests/test_traceability.py fails when the committed file differs or when a rule has no source or no vector.

A rule is a public function or a numeric constant of a module that cites sources. Its sources are the Source
constants its code names (a private helper's count as its caller's); a function that names none takes those of
the functions calling it, a constant those of the functions using it. Vectors are found by running each golden
vector and recording which core functions it calls; tests, by the test files that name the rule.
"""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.golden import vector_cases  # noqa: E402
from webapp.clinical import CALCULATORS, sources  # noqa: E402
from webapp.clinical.sources import Source  # noqa: E402

CORE = ROOT / "webapp" / "clinical"
OUTPUT = ROOT / "docs" / "TRACEABILITY.md"
SOURCE_NAMES = {name for name, value in vars(sources).items() if isinstance(value, Source)}


@dataclass(frozen=True)
class Rule:
    module: str
    name: str
    kind: str  # "function" | "constant"
    line: int


def _has_number(value: ast.AST) -> bool:
    return any(isinstance(node, ast.Constant) and type(node.value) in (int, float) for node in ast.walk(value))


Key = tuple[str, str]  # (module, top-level name)


def _references(node: ast.AST, module: str, local: set[str], imported: dict[str, Key], modules: set[str]) -> set[Key]:
    """The core's top-level names a function or constant uses, resolved to their module."""
    found: set[Key] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            if n.id in local:
                found.add((module, n.id))
            elif n.id in imported:
                found.add(imported[n.id])
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in modules:
            found.add((n.value.id, n.attr))
    return found


def _parse() -> tuple[list[Rule], dict[Key, set[Key]]]:
    """Rules of the modules that cite sources, and what each top-level function or constant of the core uses."""
    rules: list[Rule] = []
    uses: dict[Key, set[Key]] = {}
    for path in sorted(CORE.glob("*.py")):
        module, tree = path.stem, ast.parse(path.read_text(encoding="utf-8"))
        imported: dict[str, Key] = {}
        modules: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                for alias in node.names:
                    if node.module:
                        imported[alias.asname or alias.name] = (node.module, alias.name)
                    else:
                        modules.add(alias.asname or alias.name)
        defined = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        for node in tree.body:
            if isinstance(node, ast.Assign):
                defined.update({t.id: node.value for t in node.targets if isinstance(t, ast.Name)})
        for name, node in defined.items():
            uses[(module, name)] = _references(node, module, set(defined), imported, modules)
        if module == "sources" or not any(key[0] == "sources" and key[1] in SOURCE_NAMES
                                          for name in defined for key in uses[(module, name)]):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                rules.append(Rule(module, node.name, "function", node.lineno))
            elif isinstance(node, ast.Assign) and _has_number(node.value):
                rules += [Rule(module, t.id, "constant", node.lineno) for t in node.targets
                          if isinstance(t, ast.Name) and t.id.isupper() and not t.id.startswith("_")]
    return rules, uses


def _cited(keys: set[Key]) -> set[str]:
    return {name for module, name in keys if module == "sources" and name in SOURCE_NAMES}


def _closure(start: Key, edges: dict[Key, set[Key]], follow=lambda key: True) -> set[Key]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen and nxt in edges and follow(nxt):
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _sources(uses: dict[Key, set[Key]]) -> dict[Key, set[str]]:
    """Each name's sources: those it and its private helpers cite; else those of what it uses; else of its users."""
    users: dict[Key, set[Key]] = defaultdict(set)
    for key, used in uses.items():
        for other in used:
            users[other].add(key)
    own = {key: set().union(*(_cited(uses[k]) for k in _closure(key, uses, lambda k: k[1].startswith("_"))))
           for key in uses}
    down = {key: own[key] or set().union(*(own[k] for k in _closure(key, uses))) for key in uses}
    result = {}
    for key in uses:
        level, seen = {key}, {key}
        while level and not set().union(*(down[k] for k in level)):
            level = {user for k in level for user in users[k] if user in uses} - seen
            seen |= level
        near = {k for k in level if k[0] == key[0] and down[k]} or level  # the users in its own module first
        result[key] = set().union(*(down[k] for k in near)) if near else set()
    return result


def _vectors() -> dict[Key, dict[str, int]]:
    """For each core function, the vector files whose cases call it, with how many cases."""
    covered: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    core = str(CORE)
    for case_id, calculator, case in vector_cases():
        called: set[Key] = set()

        def profile(frame, event, arg):
            if event == "call" and frame.f_code.co_filename.startswith(core):
                called.add((Path(frame.f_code.co_filename).stem, frame.f_code.co_name))

        sys.setprofile(profile)
        try:
            CALCULATORS[calculator](case["input"])
        except Exception:  # an `errors` case: the functions it reached still count
            pass
        finally:
            sys.setprofile(None)
        for key in called:
            covered[key][case_id.split(":")[0] + ".json"] += 1
    return covered


def _tests(rules: list[Rule]) -> dict[Rule, list[str]]:
    texts = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted((ROOT / "tests").rglob("test_*.py"))}
    found = {}
    for rule in rules:
        word = rule.name
        found[rule] = [name for name, text in texts.items()
                       if f"{rule.module}.{word}" in text or (f" {word}" in text and f"import" in text
                                                              and _imports(text, rule.module, word))]
    return found


def _imports(text: str, module: str, name: str) -> bool:
    return any(line.startswith(f"from webapp.clinical.{module} import") and name in line.replace(",", " ").split()
               for line in text.splitlines())


def _label(name: str) -> str:
    value = getattr(sources, name).as_dict()
    kind = value["type"]
    if kind == "section":
        return f"§{value['section']}"
    if kind == "reference":
        return f"[{value['number']}]"
    if kind == "label":
        return {"zoledronic_acid": "Zometa® label", "denosumab": "Xgeva® label"}[value["product"]]
    return value["citation"].split(";")[0].split(" (")[0]


def matrix() -> tuple[str, list[str]]:
    """The document's text, and the problems (a rule without a source or a vector)."""
    rules, uses = _parse()
    cited = _sources(uses)
    vectors = _vectors()
    tests = _tests(rules)
    users: dict[Key, set[Key]] = defaultdict(set)
    for key, used in uses.items():
        for other in used:
            users[other].add(key)
    lines = [
        "# Traceability matrix",
        "",
        "Generated by `scripts/traceability.py` from `webapp/clinical/` and `tests/`: do not edit by hand.",
        "Sources: § = section of the guideline chapter, [n] = its reference n, label = the product label (SmPC / US",
        "prescribing information). Vectors: files of `tests/vectors/` whose cases run the rule (number of cases).",
        "",
    ]
    problems = []
    for module in sorted({rule.module for rule in rules}):
        lines += [f"## {module}.py", "", "| Rule | Sources | Vectors | Tests |", "|---|---|---|---|"]
        for rule in sorted((r for r in rules if r.module == module), key=lambda r: r.line):
            key = (module, rule.name)
            hits: dict[str, int] = defaultdict(int)
            for user in _closure(key, users):  # a constant runs through the functions that read it
                for file, count in vectors.get(user, {}).items():
                    hits[file] = max(hits[file], count)
            names = sorted(cited[key], key=_label)
            label = f"`{rule.name}`" + ("()" if rule.kind == "function" else "")
            lines.append(f"| {label} | {', '.join(_label(c) for c in names) or '—'} | "
                         f"{', '.join(f'{f} ({n})' for f, n in sorted(hits.items())) or '—'} | "
                         f"{', '.join(tests[rule]) or '—'} |")
            if not names:
                problems.append(f"{module}.{rule.name}: no source")
            if not hits:
                problems.append(f"{module}.{rule.name}: no vector")
        lines.append("")
    return "\n".join(lines), problems


if __name__ == "__main__":
    text, problems = matrix()
    OUTPUT.write_text(text, encoding="utf-8")
    print("\n".join(problems) or f"wrote {OUTPUT.relative_to(ROOT)}")
