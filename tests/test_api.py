"""The JSON API: its OpenAPI document matches the routes, and junk never gives a 500."""
from __future__ import annotations

import json
import random
from urllib.parse import urlencode

import jsonschema
import pytest

from webapp import ROOT
from webapp.clinical import CALCULATORS
from webapp.clinical.rules import RULES_DATE, RULES_VERSION

OPENAPI = json.loads((ROOT / "webapp" / "openapi.json").read_text())
PATHS = OPENAPI["paths"]


def schema(response_spec: dict) -> dict:
    body = response_spec["content"]["application/json"]["schema"]
    return {**body, "components": OPENAPI["components"], "$defs": {}} if "$ref" not in body else {
        "$ref": body["$ref"], "components": OPENAPI["components"]}


def example_query(operation: dict) -> dict[str, str]:
    return {p["name"]: p["example"] for p in operation["parameters"] if "example" in p}


def test_openapi_is_3_1_and_lists_every_calculator(client):
    assert OPENAPI["openapi"].startswith("3.1")
    assert set(PATHS) == {f"/api/v1/{name}" for name in CALCULATORS}
    assert client.get("/api/v1/openapi.json").get_json() == OPENAPI


@pytest.mark.parametrize("path", sorted(PATHS))
def test_example_answers_200_in_both_languages_with_sources(client, path):
    operation = PATHS[path]["get"]
    for lang in ("fr", "en"):
        response = client.get(f"{path}?{urlencode({**example_query(operation), 'lang': lang})}")
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        jsonschema.validate(body, schema(operation["responses"]["200"]))
        assert body["sources"], path
        assert body["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}, path


def test_messages_follow_lang(client):
    fr = client.get("/api/v1/zoledronic-acid?crcl=abc&lang=fr").get_json()["errors"]["crcl"]
    en = client.get("/api/v1/zoledronic-acid?crcl=abc&lang=en").get_json()["errors"]["crcl"]
    assert fr != en and fr.startswith("Saisissez")


def test_unknown_calculator_is_404(client):
    assert client.get("/api/v1/nothing").status_code == 404


JUNK = ["", " ", "abc", "-1", "-0", "0", "1e3", "NaN", "nan", "inf", "-inf", "1,2,3", "1.2.3", "9" * 400,
        "<script>alert(1)</script>", "\"'><img src=x>", "０", "١٢", "2026-02-30", "2026-13-01", "1999-12-31",
        "2100-01-01", "true", "false", "on", "male", "mg/dL", "umol/L", "nmol/L", "4w", "monthly", "\x00", "%00",
        "12,5", "0.0001", "1e-300", "99999999999999999999", "2026-11-30", "denosumab", "zoledronic_acid"]


@pytest.mark.parametrize("path", sorted(PATHS))
def test_fuzz_only_200_or_422(client, path):
    """Random junk in every parameter: a result or field errors, never a crash."""
    operation = PATHS[path]["get"]
    names = [p["name"] for p in operation["parameters"]]
    rng = random.Random(path)
    for _ in range(300):
        query = {name: rng.choice(JUNK) for name in names if rng.random() < 0.8}
        response = client.get(f"{path}?{urlencode(query)}")
        assert response.status_code in (200, 422), (query, response.status_code)
        body = response.get_json()
        status = str(response.status_code)
        jsonschema.validate(body, schema(operation["responses"][status]))
        if response.status_code == 422:
            assert set(body["errors"]) <= set(names), body


@pytest.mark.parametrize("lang", ["AAA", "de", "FR", "x" * 100])
def test_unknown_language_is_a_field_error_not_a_guess(client, lang):
    response = client.get(f"/api/v1/vitamin-d?level=15&unit=ng/mL&{urlencode({'lang': lang})}")
    assert response.status_code == 422 and set(response.get_json()["errors"]) == {"lang"}
    both = client.get(f"/api/v1/vitamin-d?level=abc&unit=ng/mL&{urlencode({'lang': lang})}").get_json()["errors"]
    assert set(both) == {"level", "lang"}


def test_blank_language_is_the_default(client):
    assert client.get("/api/v1/vitamin-d?level=15&unit=ng/mL&lang=").status_code == 200
