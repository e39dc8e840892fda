"""Result templates that render twice: filled on the server, blank for the browser.

A result partial is written once, against a `View`. On the server the view holds the
clinical core's `as_dict()` and the helpers print values. For the offline site the same
partial is rendered with an empty view into a `<template>`: each helper then leaves a
marker (`data-slot`, `data-if`, `data-rows`) that `static/js/render.mjs` fills from the
browser mirror's result. The markers are removed or filled so that both ways end in
the same DOM.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable
from urllib.parse import urlencode

from flask import Flask, current_app, render_template, request, url_for
from markupsafe import Markup

from .formatting import format_date, format_number, typeset, written_decimals

_CONDITION = re.compile(r"^(!?)([\w.]+)(?:(!?=)([\w.|/-]+))?$")


class View:
    """A result as the templates see it; `View(None)` is the blank (template) view."""

    def __init__(self, data: dict | None):
        self.data = data

    @property
    def blank(self) -> bool:
        return self.data is None

    def get(self, path: str) -> Any:
        value: Any = self.data
        for key in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value


def test_condition(expr: str, view: View) -> bool:
    """`path` (truthy), `!path`, `path=a|b`, `path!=a` — the grammar render.mjs also reads."""
    match = _CONDITION.match(expr)
    if not match:
        raise ValueError(f"bad condition {expr!r}")
    negate, path, op, values = match.groups()
    value = view.get(path)
    if op:
        found = _as_text(value) in values.split("|")
        result = found if op == "=" else not found
    else:
        result = value not in (None, False, "", 0, [], {})
    return not result if negate else result


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def query_text(value: Any) -> str:
    """A value as a query parameter, as JavaScript's String() writes it (70, not 70.0): both sides build the
    same next-step links. Empty for no value, so the parameter is left out."""
    if isinstance(value, bool) or value is None:
        return _as_text(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def next_href(view: View, base: str, carried: str) -> str:
    """`base` (a path with its fixed query) and the `name=path` pairs of `carried` that have a value."""
    pairs = [pair.split("=", 1) for pair in carried.split()]
    values = [(name, query_text(view.get(path))) for name, path in pairs]
    query = urlencode([(name, text) for name, text in values if text])
    return f"{base}&{query}" if query and "?" in base else f"{base}?{query}" if query else base


def format_value(value: Any, fmt: str, lang: str, translate: Callable) -> str:
    """`text`, `number:N` (N decimals), `number:written` (as typed: 85, 48.5), `date:STYLE`, `msg` or `count` (of a
    list)."""
    if value is None:
        return ""
    kind, _, arg = fmt.partition(":")
    if kind == "number":
        return format_number(value, lang, written_decimals(value) if arg == "written" else int(arg or 0))
    if kind == "date":
        return format_date(dt.date.fromisoformat(value), lang, arg or "long")
    if kind == "msg":
        return translate(value)
    if kind == "count":
        return format_number(len(value), lang, 0)
    return _as_text(value)


def init_app(app: Flask) -> None:
    from .i18n import current_language, translate

    def slot(view: View, path: str, fmt: str = "text") -> Markup:
        lang = current_language()
        text = "" if view.blank else typeset(format_value(view.get(path), fmt, lang, translate), lang)
        return Markup('<span data-slot="{}" data-format="{}">{}</span>').format(path, fmt, text)

    def when(view: View, expr: str, caller: Callable, tag: str = "div", class_: str = "") -> Markup:
        cls = Markup(' class="{}"').format(class_) if class_ else Markup("")
        if view.blank:
            return Markup('<{}{} data-if="{}">').format(Markup(tag), cls, expr) + caller() + Markup(f"</{tag}>")
        if test_condition(expr, view):
            return Markup("<{}{}>").format(Markup(tag), cls) + caller() + Markup(f"</{tag}>")
        return Markup("")

    def next_step(view: View, slug: str, fixed: dict | None = None, carried: str = "", caller: Callable = None) -> Markup:
        """A link to the next calculator with the values already entered (query string: nothing stored).
        `carried`: "param=path ..." read from the result; render.mjs rebuilds the href in the browser."""
        base = url_for("pages.calculator", slug=slug, **(fixed or {}))
        href = base if view.blank else next_href(view, base, carried)
        return Markup('<a class="next-step" href="{}" data-href-base="{}" data-href-query="{}">').format(
            href, base, carried) + caller() + Markup("</a>")

    def rows(view: View, path: str, caller: Callable) -> Markup:
        if view.blank:
            return Markup('<template data-rows="{}">').format(path) + caller(View(None)) + Markup("</template>")
        return Markup("").join(caller(View(item)) for item in view.get(path) or [])

    def blank_templates(page) -> Markup:
        """The page's blank result templates. They depend on nothing but the language, the page, the base
        path and the export setting, so they are rendered once per such key (every time while templates
        reload, in debug)."""
        key = (current_language(), page.slug, request.script_root, current_app.config["STATIC_EXPORT"])
        kept = current_app.extensions.setdefault("blank_templates", {})
        if key not in kept or current_app.jinja_env.auto_reload:
            kept[key] = Markup(render_template("_blank_templates.html", page=page))
        return kept[key]

    app.jinja_env.globals.update(slot=slot, when=when, rows=rows, next_step=next_step, View=View,
                                 blank_templates=blank_templates)
