"""Language in the URL (/fr/…, /en/…), Flask-Babel wiring and the Jinja formatting filters."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Mapping
from urllib.parse import urlencode

import flask_babel
from flask import Flask, abort, g, request, url_for
from markupsafe import Markup
from flask_babel import Babel, LazyString, get_translations

from .clinical.messages import Message
from .formatting import DEFAULT_LANGUAGE, ISO_DATE, LANGUAGES, format_date, format_number, locale_data, typeset, written_decimals


def current_language() -> str:
    return g.get("lang", DEFAULT_LANGUAGE)


def preferred_language() -> str:
    """The visitor's language from Accept-Language, French when nothing matches."""
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Pin the language for this request.

    Refreshing matters when pages are rendered one after another in one context
    (the static export), where Flask-Babel would otherwise keep the first locale.
    """
    g.lang = lang
    flask_babel.refresh()


@lru_cache(maxsize=4096)
def catalog_text(lang: str, msgid: str) -> str:
    """The msgstr of `msgid` in `lang` (the request's catalog), looked up once per language and text."""
    return get_translations().ugettext(msgid)


def _gettext(msgid: str, params: Mapping) -> str:
    """flask_babel.gettext, from the kept lookups: the msgstr, its placeholders filled when there are any."""
    found = catalog_text(current_language(), msgid)
    return found % params if params else found


def text(msgid: str, **params) -> str:
    """gettext with the language's typography, for texts made in Python (tables, figures)."""
    return typeset(_gettext(msgid, params), current_language())


def translate(message: Message) -> str:
    """A core Message in the current language, placeholders filled, numbers and ISO dates formatted
    (the core says "2027-01-31"; the reader sees "31 January 2027", « 31 janvier 2027 »)."""
    params = {
        name: format_number(value, current_language(), written_decimals(value))
        if isinstance(value, float | int) and not isinstance(value, bool)
        else format_date(dt.date.fromisoformat(value), current_language(), "long")
        if isinstance(value, str) and ISO_DATE.fullmatch(value)
        else value
        for name, value in dict(message.params).items()
    }
    return typeset(_gettext(message.msgid, params), current_language())


@lru_cache(maxsize=4096)
def template_text(lang: str, msgid: str) -> str:
    """A template's _() text in `lang` (the language the request's catalog is for), typeset: looked up once
    per language and text rather than on every render. The catalogs are read when the app starts."""
    return typeset(catalog_text(lang, msgid), lang)


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=current_language,
        default_translation_directories=str(Path(app.root_path).parent / "translations"),
    )
    # Templates' _() get the language's typography too, on the msgstr before its placeholders are filled
    # (those are slots, typeset where they are made); the browser receives the same text in the blank templates.
    # Texts made in Python (lazy page titles, table cells, evidence figures) are typeset as they are printed;
    # Markup (slots, translated template text) is typeset where it is made.
    app.jinja_env.finalize = lambda value: (
        typeset(str(value), current_language())
        if isinstance(value, LazyString) or (isinstance(value, str) and not isinstance(value, Markup)) else value)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: template_text(current_language(), s),
        ngettext=lambda s, p, n: typeset(get_translations().ungettext(s, p, n), current_language()),
        newstyle=True,
    )
    app.jinja_env.filters.update(
        number=lambda value, decimals=0: format_number(value, current_language(), decimals),
        date=lambda value, style="long": format_date(
            dt.date.fromisoformat(value) if isinstance(value, str) else value,
            current_language(),
            style,
        ),
        msg=translate,
    )
    @app.url_value_preprocessor
    def pull_language(endpoint: str | None, values: dict | None) -> None:
        if values and "lang" in values:
            lang = values.pop("lang")
            if lang not in LANGUAGES:
                abort(404)
            set_language(lang)

    @app.url_defaults
    def add_language(endpoint: str, values: dict) -> None:
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = current_language()

    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES,
        other_language_url=other_language_url,
        current_language=current_language,
        locale_data=lambda: locale_data(current_language()),
    )


def keep_query(params: Mapping[str, str]) -> None:
    """The answers the language link carries over: only names the view read.

    The query is rebuilt from them, never splatted from request.args into url_for,
    where a key such as `lang`, `endpoint` or `_method` would collide with its own.
    """
    g.kept_query = dict(params)


def other_language_url(lang: str) -> str:
    """The page being read, in another language, with its form answers kept (an error page: the home page)."""
    if g.get("error_page") or request.endpoint is None:
        return url_for("pages.home", lang=lang)
    url = url_for(request.endpoint, **(request.view_args or {}), lang=lang)
    query = g.get("kept_query")
    return f"{url}?{urlencode(query)}" if query else url
