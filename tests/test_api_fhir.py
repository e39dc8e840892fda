"""POST /api/v1/<calculator> with a FHIR Bundle: the GET's answer from the Bundle's values, plus what was read."""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webapp import ROOT, fhir_views
from webapp.clinical import CALCULATORS, fhir
from webapp.errors import MAX_REQUEST_BYTES

from tests.fhir_vectors import FHIR_FILES, bundle

OPENAPI = json.loads((ROOT / "webapp" / "openapi.json").read_text())
FHIR_JSON = "application/fhir+json"
REPORT = ("fhir_used", "fhir_ignored", "fhir_stale")


@pytest.fixture(autouse=True)
def vectors_day(monkeypatch):
    """The vectors' Bundles are read on the day they were written for."""
    monkeypatch.setattr(fhir_views, "today", lambda: dt.date(2026, 12, 1))


def post(client, name: str, body, query: dict | None = None, content_type: str = FHIR_JSON):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(f"/api/v1/{name}?{urlencode(query or {})}", data=data, content_type=content_type)


def check_schema(name: str, response) -> None:
    spec = OPENAPI["paths"][f"/api/v1/{name}"]["post"]["responses"][str(response.status_code)]
    schema = spec["content"]["application/json"]["schema"]
    jsonschema.validate(response.get_json(), {**schema, "components": OPENAPI["components"]})


@pytest.mark.parametrize("stem, name", [("french-umol", "zoledronic-acid"), ("us-mgdl", "zoledronic-acid"),
                                        ("us-mgdl", "corrected-calcium"), ("french-umol", "vitamin-d"),
                                        ("us-mgdl", "creatinine-clearance")])
def test_the_answer_is_the_gets_for_the_bundles_values(client, stem, name):
    response = post(client, name, bundle(stem), {"lang": "en"})
    assert response.status_code == 200, response.get_json()
    check_schema(name, response)
    body = response.get_json()
    values = fhir.read_bundle(bundle(stem), dt.date(2026, 12, 1), name).values
    assert {k: v for k, v in body.items() if k not in REPORT} == client.get(
        f"/api/v1/{name}?{urlencode({**values, 'lang': 'en'})}").get_json()
    assert [u["field"] for u in body["fhir_used"]] and all(u["field"] in values for u in body["fhir_used"])


def test_french_bundle_doses_zoledronic_acid_and_says_what_it_read(client):
    body = post(client, "zoledronic-acid", bundle("french-umol"), {"lang": "en"}, "application/json").get_json()
    assert (body["band"], body["dose_mg"], body["crcl_shown_ml_min"]) == ("full", 4.0, 66.4)
    assert body["inputs"]["unit"] == "umol/L" and body["inputs"]["age"] == 67
    assert [(u["resource"], u["field"]) for u in body["fhir_used"]] == [
        ("Observation/creat", "creatinine"), ("Observation/poids", "weight"), ("Observation/taille", "height"),
        ("Patient/p1", "sex"), ("Patient/p1", "age")]
    assert {i["resource"]: i["reason"] for i in body["fhir_ignored"]}["Practitioner/dr"] == \
        "Only Observations and the Patient are read."
    assert body["fhir_stale"] == []


def test_query_parameters_fill_what_the_bundle_lacks(client):
    """The wrong-unit Bundle gives nothing usable: the query gives every value, the Bundle's refusals are listed."""
    query = {"age": "70", "weight": "70", "sex": "male", "creatinine": "1", "unit": "mg/dL", "lang": "en"}
    response = post(client, "zoledronic-acid", bundle("wrong-unit"), query)
    assert response.status_code == 200
    body = response.get_json()
    assert body["inputs"]["creatinine"] == 1 and body["fhir_used"] == []
    assert [i["reason"] for i in body["fhir_ignored"]][0] == \
        "Unit “mg/dL” does not go with LOINC 14682-9 (expected: umol/L)."


def test_a_stale_value_is_used_and_flagged(client):
    body = post(client, "zoledronic-acid", bundle("stale-and-repeated")).get_json()
    assert body["inputs"]["weight_kg"] == 58.2 and body["inputs"]["creatinine"] == 104
    assert body["fhir_stale"] == [{"field": "weight", "date": "2026-09-15", "days": 77}]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_missing_values_get_the_gets_field_messages(client, lang):
    response = post(client, "zoledronic-acid", bundle("wrong-unit"), {"sex": "female", "lang": lang})
    assert response.status_code == 422
    check_schema("zoledronic-acid", response)
    body = response.get_json()
    assert body["errors"] == client.get(f"/api/v1/zoledronic-acid?sex=female&lang={lang}").get_json()["errors"]
    assert len(body["fhir_ignored"]) == 4 and all(i["reason"] for i in body["fhir_ignored"])
    assert body["fhir_ignored"][3]["reason"].startswith("La valeur" if lang == "fr" else "The value")


def test_a_query_value_that_contradicts_the_bundle_is_refused_on_its_field(client):
    response = post(client, "zoledronic-acid", bundle("french-umol"), {"creatinine": "120", "weight": " 72.5 ",
                                                                        "lang": "en"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"creatinine": "The lab file gives 98 here."}


@pytest.mark.parametrize("body", [b"", b"{", b"\xff\xfe", b'{"resourceType": "Bundle", "entry": [NaN]}',
                                  b"[" * 5000 + b"]" * 5000, b'"Bundle"', b'{"resourceType": "Medication"}',
                                  b'{"resourceType": "Bundle", "entry": {}}'])
def test_a_body_that_is_not_fhir_json_is_a_field_error(client, body):
    response = post(client, "vitamin-d", body, {"lang": "en"})
    assert response.status_code == 422
    check_schema("vitamin-d", response)
    assert response.get_json() == {"errors": {"bundle": "This is not a FHIR R4 Bundle, Observation or Patient in JSON."}}


def test_other_media_types_are_415_and_big_bodies_413(client):
    form = post(client, "vitamin-d", bundle("us-mgdl"), content_type="application/x-www-form-urlencoded")
    assert form.status_code == 415 and form.get_json()["errors"]["request"]
    check_schema("vitamin-d", form)
    padded = {**bundle("us-mgdl"), "text": {"div": "x" * MAX_REQUEST_BYTES}}
    assert post(client, "vitamin-d", padded).status_code == 413
    assert post(client, "nothing", bundle("us-mgdl")).status_code == 404


def test_every_calculator_takes_a_post_and_documents_it(client):
    for name in CALCULATORS:
        operation = OPENAPI["paths"][f"/api/v1/{name}"]["post"]
        assert set(operation["requestBody"]["content"]) == {FHIR_JSON, "application/json"}
        response = post(client, name, bundle("french-umol"))
        assert response.status_code in (200, 422)
        check_schema(name, response)
        assert response.get_json()["fhir_ignored"] or response.get_json()["fhir_used"]


JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=30)
KEYS = st.sampled_from(["resourceType", "entry", "resource", "status", "code", "coding", "system", "valueQuantity",
                        "value", "unit", "effectiveDateTime", "gender", "birthDate", "comparator", "id"])
FHIRISH = st.recursive(
    st.sampled_from(["Bundle", "Observation", "Patient", "final", fhir.LOINC, fhir.UCUM, "14682-9", "umol/L",
                     "2026-11-29", "male", 98, 1.5, None]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=6), max_leaves=40)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=st.one_of(JSON, FHIRISH), name=st.sampled_from(sorted(CALCULATORS)))
def test_junk_json_is_a_result_or_field_errors_never_a_crash(client, body, name):
    """The client and the fixed day are the same for every input: no state to reset."""
    response = post(client, name, body)
    assert response.status_code in (200, 422)
    check_schema(name, response)
