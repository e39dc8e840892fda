"""What makes the site an installable, offline app: root page, manifest, icons,
the message catalog for the browser mirror, and the service worker."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from flask import Blueprint, Response, current_app, redirect, render_template, url_for
from flask_babel import gettext

from . import icons
from .formatting import locale_data
from .i18n import current_language, preferred_language

bp = Blueprint("pwa", __name__)


@bp.get("/")
def root():
    """The server redirects by Accept-Language; the static site picks in the browser."""
    if current_app.config["STATIC_EXPORT"]:
        return render_template("root.html")
    response = redirect(url_for("pages.home", lang=preferred_language()))
    response.vary.add("Accept-Language")
    return response


@bp.get("/<lang>/manifest.webmanifest")
def manifest():
    manifest = {
        "name": gettext("Bone metastases of lung cancer"),
        "short_name": gettext("Bone metastases"),
        "description": gettext("Bedside calculators and checklists for the systemic bone treatment of bone metastases from lung cancer."),
        "lang": current_language(),
        "dir": "ltr",
        # From the home-screen icon, a phone that holds a patient's injection record opens it (app.mjs).
        "start_url": url_for("pages.home", source="home-screen"),
        "scope": url_for("pwa.root"),
        "id": url_for("pwa.root"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f6c",
        "icons": [
            {"src": url_for("pwa.icon", size=size, purpose=purpose), "sizes": f"{size}x{size}",
             "type": "image/png", "purpose": purpose}
            for size in (192, 512)
            for purpose in ("any", "maskable")
        ],
        "shortcuts": [
            {"name": gettext("My injections"), "short_name": gettext("My injections"),
             "description": gettext("Your injection record: the next date and what was done, on your phone, even offline."),
             "url": url_for("carnet.my_treatment"),
             "icons": [{"src": url_for("pwa.icon", size=192, purpose="any"), "sizes": "192x192", "type": "image/png"}]},
        ],
    }
    return Response(json.dumps(manifest, ensure_ascii=False, indent=1), mimetype="application/manifest+json")


@bp.get("/icons/<purpose>-<int:size>.png")
def icon(purpose: str, size: int):
    if size not in (192, 512) or purpose not in ("any", "maskable"):
        return Response(status=404)
    return Response(icons.png(size, purpose == "maskable"), mimetype="image/png")


@cache
def core_msgids() -> tuple[str, ...]:
    """Every message the clinical core can produce (marked N_), for the browser mirror."""
    package = Path(__file__).with_name("clinical")
    found = extract_from_dir(str(package), method_map=[("**.py", "python")], keywords={"N_": None}, comment_tags=())
    return tuple(sorted({message for _, _, message, _, _ in found}))


@bp.get("/<lang>/catalog.json")
def catalog():
    """The mirror's translations (format.mjs, translate) and the locale's number and date data. A message
    whose text is its msgid (every English one) is left out: the mirror shows the msgid when none is given."""
    body = {
        "lang": current_language(),
        "locale": locale_data(current_language()),
        "messages": {msgid: text for msgid in core_msgids() if (text := gettext(msgid)) != msgid},
    }
    return Response(json.dumps(body, ensure_ascii=False, sort_keys=True), mimetype="application/json")


@bp.get("/<lang>/offline/")
def offline():
    """What the service worker answers, with no network, for a page the device does not have."""
    return render_template("offline.html")


@bp.get("/sw.js")
def service_worker():
    from .site import precache_list, service_worker_script

    body = service_worker_script(*precache_list())
    return Response(body, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})

