"""Compiled templates are shared by the apps of a process, never at the cost of a stale or foreign one."""
from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, pass_context

from webapp import create_app
from webapp.templating import CompiledTemplates


def environment(folder, cache, **options) -> Environment:
    return Environment(loader=FileSystemLoader(folder), bytecode_cache=cache, **options)


def test_an_edited_template_is_compiled_afresh(tmp_path):
    cache = CompiledTemplates()
    (tmp_path / "t.html").write_text("Dose: {{ dose }} mg")
    assert environment(tmp_path, cache).get_template("t.html").render(dose=4) == "Dose: 4 mg"
    (tmp_path / "t.html").write_text("Dose: {{ dose }} mg (reduced)")
    assert environment(tmp_path, cache).get_template("t.html").render(dose=3.5) == "Dose: 3.5 mg (reduced)"


def test_an_environment_that_compiles_otherwise_gets_its_own_code(tmp_path):
    cache = CompiledTemplates()
    (tmp_path / "t.html").write_text("[[ dose ]] {{ dose }}")
    assert environment(tmp_path, cache).get_template("t.html").render(dose=4) == "[[ dose ]] 4"
    other = environment(tmp_path, cache, variable_start_string="[[", variable_end_string="]]")
    assert other.get_template("t.html").render(dose=4) == "4 {{ dose }}"
    finalized = environment(tmp_path, cache, finalize=lambda value: "—" if value is None else value)
    assert finalized.get_template("t.html").render(dose=None) == "[[ dose ]] —"
    with_context = environment(tmp_path, cache, finalize=pass_context(lambda context, value: context.get("unit", "?")))
    assert with_context.get_template("t.html").render(dose=4, unit="mg") == "[[ dose ]] mg"


def test_a_second_app_renders_without_compiling(monkeypatch):
    create_app({"TESTING": True}).test_client().get("/en/zoledronic-acid/")
    compiled = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k))
    page = create_app({"TESTING": True}).test_client().get("/en/zoledronic-acid/")
    assert page.status_code == 200 and "Zoledronic acid" in page.get_data(as_text=True)
    assert compiled == []
