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
    app.config.from_mapping(
        # Set by the static export: pages then compute results in the browser.
        STATIC_EXPORT=False,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.from_mapping(test_config)

    from . import api, i18n, pages, pwa, security, slots

    i18n.init_app(app)
    security.init_app(app)
    slots.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pwa.bp)
    from .carnet import bp as carnet_bp
    app.register_blueprint(carnet_bp)
    from .references_views import bp as references_bp
    app.register_blueprint(references_bp)
    app.jinja_env.globals["has_endpoint"] = lambda endpoint: endpoint in app.view_functions

    from .freeze import freeze_command

    app.cli.add_command(freeze_command)
    return app
