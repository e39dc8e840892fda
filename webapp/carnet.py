"""The patient's carnet page: a static shell, the same for every patient.

The plan travels in the link's fragment (after "#"), which no browser sends to a
server; static/js/carnet.mjs computes the events and keeps them on the device.
So this view takes no input and stores nothing.
"""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("carnet", __name__, url_prefix="/<lang>")


@bp.get("/my-treatment/")
def my_treatment():
    return render_template("my_treatment.html")
