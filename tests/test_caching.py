"""HTTP caching: tags that change with what the answer depends on, 304 on a match, and
Cache-Control and Vary that let a shared cache keep pages, fragments and API answers."""
from __future__ import annotations

import datetime as dt

import pytest

from webapp import caching

ZA = "/en/zoledronic-acid/?age=70&weight=70&sex=male&creatinine=120&unit=umol/L"
API = "/api/v1/zoledronic-acid?age=70&weight=70&sex=male&creatinine=120&unit=umol/L"
HX = {"HX-Request": "true", "X-Live": "true"}


def tag(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.headers["ETag"]
    return response.headers["ETag"]


@pytest.mark.parametrize("url", ["/fr/", ZA, "/en/my-treatment/", "/fr/references/?q=denosumab", "/en/evidence/", API])
def test_a_page_or_answer_is_public_and_revalidates_to_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == f"public, max-age={caching.MAX_AGE}"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    # a CDN that compressed the answer sends the tag back weak: still the same answer
    weak = client.get(url, headers={"If-None-Match": "W/" + first.headers["ETag"]})
    assert weak.status_code == 304


def test_a_fragment_and_its_page_have_their_own_tags_and_vary(client):
    page = client.get(ZA)
    fragment = client.get(ZA, headers=HX)
    assert "<html" in page.text and "<html" not in fragment.text
    assert page.headers["ETag"] != fragment.headers["ETag"]
    assert {"HX-Request", "X-Live"} <= set(page.headers["Vary"].replace(" ", "").split(","))
    assert tag(client, ZA, **{**HX, "X-Live": "false"}) != fragment.headers["ETag"]
    # the page's tag does not answer for the fragment
    assert client.get(ZA, headers={**HX, "If-None-Match": page.headers["ETag"]}).status_code == 200


def test_tags_follow_language_and_answers_not_unknown_parameters_or_order(client):
    base = tag(client, ZA)
    assert tag(client, ZA.replace("/en/", "/fr/")) != base
    assert tag(client, ZA.replace("creatinine=120", "creatinine=121")) != base
    assert tag(client, ZA + "&utm_source=mail") == base  # a name the page never reads
    reordered = "/en/zoledronic-acid/?unit=umol/L&creatinine=120&sex=male&weight=70&age=70"
    assert tag(client, reordered) == base
    assert tag(client, API.replace("?", "?lang=fr&")) != tag(client, API)


def test_a_changed_release_changes_every_tag(app, tmp_path):
    (tmp_path / "webapp" / "clinical").mkdir(parents=True)
    rules = tmp_path / "webapp" / "clinical" / "renal.py"
    rules.write_text("THRESHOLD = 60\n")
    before = caching.release_version(tmp_path)
    rules.write_text("THRESHOLD = 61\n")
    assert caching.release_version(tmp_path) != before
    assert app.extensions["release_version"] == caching.release_version()


def test_errors_and_invalid_input_are_not_cached(client):
    invalid = client.get("/api/v1/zoledronic-acid?age=abc")
    assert invalid.status_code == 422
    assert "ETag" not in invalid.headers and "public" not in invalid.headers.get("Cache-Control", "")
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404 and "ETag" not in missing.headers


def test_the_schedule_for_the_servers_today_is_kept_until_midnight_at_most(client, monkeypatch):
    today = dt.date.today().isoformat()
    without = client.get(f"/api/v1/schedule?agent=denosumab&interval=4w&start={today}")
    assert without.status_code == 200
    age = int(without.headers["Cache-Control"].rpartition("=")[2])
    assert 0 < age <= min(caching.MAX_AGE, caching.seconds_to_midnight(dt.datetime.now()) + 1)
    given = client.get(f"/api/v1/schedule?agent=denosumab&interval=4w&start={today}&today={today}")
    assert given.headers["Cache-Control"] == f"public, max-age={caching.MAX_AGE}"
    # the server's date is part of the tag: the same URL tomorrow is another answer
    tomorrow = dt.datetime.now() + dt.timedelta(days=1)
    monkeypatch.setattr(caching, "clock", lambda: tomorrow)
    url = f"/api/v1/schedule?agent=denosumab&interval=4w&start={today}"
    assert client.get(url, headers={"If-None-Match": without.headers["ETag"]}).status_code == 200
    late = dt.datetime.combine(tomorrow.date(), dt.time(23, 59, 30))
    monkeypatch.setattr(caching, "clock", lambda: late)
    assert client.get(url).headers["Cache-Control"] == "public, max-age=30"


def test_seconds_to_midnight():
    assert caching.seconds_to_midnight(dt.datetime(2026, 3, 1, 23, 59, 0)) == 60
    assert caching.seconds_to_midnight(dt.datetime(2026, 3, 1, 0, 0, 0)) == 86_400


def test_a_revalidation_is_answered_before_flask_runs_anything(app, client):
    """The 304 path costs a route match and a hash: no request hook, no view, no template."""
    tagged = tag(client, ZA, **HX)
    ran = []
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: ran.append("hook"))
    again = client.get(ZA, headers={**HX, "If-None-Match": tagged})
    assert again.status_code == 304 and ran == []
    assert again.headers["X-Content-Type-Options"] == "nosniff"  # the security headers, as on every answer
    assert {"HX-Request", "X-Live"} <= set(again.headers["Vary"].replace(" ", "").split(","))
    assert client.get(ZA, headers={**HX, "If-None-Match": '"other"'}).status_code == 200 and ran == ["hook"]


def test_a_revalidation_still_refuses_what_flask_refuses(client):
    tagged = tag(client, ZA)
    assert client.get(ZA, headers={"If-None-Match": tagged, "Host": "evil.example"}).status_code == 400
    assert client.get(ZA.replace("/en/", "/xx/"), headers={"If-None-Match": tagged}).status_code == 404
    assert client.post(ZA, headers={"If-None-Match": tagged}).status_code == 405
