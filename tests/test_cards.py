"""The printable cards for the dentist and the warning signs: both languages, linked from the record,
in the offline site, and the dentist told what not to do without the oncology team."""
from __future__ import annotations

import pytest

from tests.test_pages import spaced, visible
from webapp.site import site_urls

DENTIST = {
    "en": "Before any extraction, implant or surgery on the jaw bone, talk to my oncology team.",
    "fr": "Avant toute extraction, pose d’implant ou chirurgie de l’os de la mâchoire, prenez contact avec mon équipe d’oncologie.",
}
SIGNS = {"en": "signs of low calcium", "fr": "manque de calcium"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cards_tell_the_dentist_and_list_the_signs_in_the_page_language(client, lang):
    response = client.get(f"/{lang}/my-treatment/cards/")
    assert response.status_code == 200
    text = spaced(visible(response.get_data(as_text=True)))
    assert DENTIST[lang] in text
    assert SIGNS[lang] in text
    assert text.count("[§2.3]") >= 2  # each clinical line carries its source


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_record_links_to_the_cards(client, lang):
    assert f'href="/{lang}/my-treatment/cards/"' in client.get(f"/{lang}/my-treatment/").get_data(as_text=True)


def test_cards_are_in_the_offline_site(app):
    assert {"/en/my-treatment/cards/", "/fr/my-treatment/cards/"} <= set(site_urls(app))
