"""The helpers that act for the user do what a user can, and refuse what a user cannot."""
from __future__ import annotations

import pytest
from playwright.sync_api import Error

from tests.e2e.browser import fill_form_at_once

FORM = """<form>
  <input name="age"><input name="locked" disabled><input name="gone" style="display: none">
  <label><input type="radio" name="sex" value="female"> F</label><label><input type="radio" name="sex" value="male"> M</label>
  <details><summary>More</summary><input name="inner"></details>
  <label><input type="checkbox" name="dental"> Dental</label>
</form>"""
EVENTS = """() => { window.seen = [];
  for (const type of ["input", "change"]) document.addEventListener(type, (e) => seen.push(`${type}:${e.target.name}`), true); }"""


@pytest.fixture
def form(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(FORM)
    page.evaluate(EVENTS)
    yield page
    context.close()


def test_fields_set_at_once_get_the_value_and_the_events_of_a_user_input(form):
    fill_form_at_once(form, {"age": "70", "sex": "male", "inner": "5", "dental": "true"})
    assert form.evaluate("""() => [document.querySelector("[name=age]").value, document.querySelector("[value=male]").checked,
                                   document.querySelector("[value=female]").checked, document.querySelector("[name=inner]").value,
                                   document.querySelector("details").open, document.querySelector("[name=dental]").checked]""") \
        == ["70", True, False, "5", True, True]
    assert form.evaluate("seen") == ["input:age", "change:age", "input:sex", "change:sex", "input:inner", "change:inner",
                                     "input:dental", "change:dental"]


@pytest.mark.parametrize("values", [{"sex": "other"}, {"nowhere": "1"}, {"locked": "1"}, {"gone": "1"}],
                         ids=["radio-value-absent", "field-absent", "disabled", "not-shown"])
def test_a_field_a_user_could_not_set_is_refused(form, values):
    with pytest.raises(Error):
        fill_form_at_once(form, values)
    assert form.evaluate("seen") == []
