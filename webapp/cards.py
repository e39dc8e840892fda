"""Printable cards for the patient to carry: one for the dentist, one with the warning signs.

Each prints on one A6 page, so they work without a phone. The server sends the same
page to everyone; on a phone that holds an injection record, static/js/cards.mjs fills
in the agent and the date of the last injection (nothing leaves the device). On paper,
the blanks are filled by hand.
"""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("cards", __name__, url_prefix="/<lang>")


@bp.get("/my-treatment/cards/")
def cards():
    return render_template("cards.html")
