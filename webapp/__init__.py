"""Bone metastases from lung cancer: bedside calculators, checklists and the patient carnet."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        static_folder=str(ROOT / "static"),
        static_url_path="/static",
        instance_relative_config=True,
    )
    from . import (about, api, caching, cards, carnet, errors, fhir_views, hosts, i18n, pages, pwa, references_views,
                   security, slots, tables, templating)
    from .freeze import freeze_command

    app.config.from_mapping(
        # Set by the static export: pages then compute results in the browser.
        STATIC_EXPORT=False,
        TRUSTED_HOSTS=hosts.trusted_hosts(),
        MAX_CONTENT_LENGTH=errors.MAX_REQUEST_BYTES,
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": templating.COMPILED}

    i18n.init_app(app)
    errors.init_app(app)
    hosts.init_app(app)
    security.init_app(app)
    slots.init_app(app)
    fhir_views.init_app(app)
    tables.init_app(app)
    for blueprint in (pages.bp, api.bp, pwa.bp, carnet.bp, cards.bp, references_views.bp, about.bp):
        app.register_blueprint(blueprint)
    caching.init_app(app)  # last: its 304s come after every request check
    app.cli.add_command(freeze_command)
    return app
