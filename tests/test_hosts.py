"""The app answers only the hosts it is configured for, and never repeats a Host it was sent."""
from __future__ import annotations

import pytest

from webapp import create_app
from webapp.hosts import DEFAULT_TRUSTED_HOSTS, trusted_hosts


@pytest.mark.parametrize("url", ["/", "/fr/", "/en/vitamin-d", "/sw.js", "/api/v1/vitamin-d?level=15"])
def test_an_untrusted_host_is_refused_without_being_echoed(client, url):
    response = client.get(url, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True) + str(response.headers)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:5000", "localhost:8080"])
def test_loopback_is_served_by_default(client, host):
    assert client.get("/fr/", headers={"Host": host}).status_code == 200


def test_hosts_come_from_the_environment():
    assert trusted_hosts({}) == list(DEFAULT_TRUSTED_HOSTS)
    assert trusted_hosts({"TRUSTED_HOSTS": " bone.example.org, .example.net ,"}) == ["bone.example.org", ".example.net"]
    app = create_app({"TRUSTED_HOSTS": trusted_hosts({"TRUSTED_HOSTS": "bone.example.org"})})
    assert app.test_client().get("/fr/", headers={"Host": "bone.example.org"}).status_code == 200
    assert app.test_client().get("/fr/", headers={"Host": "localhost"}).status_code == 400


@pytest.mark.parametrize("url, location", [("/en/vitamin-d", "/en/vitamin-d/"), ("/fr/references?q=a", "/fr/references/?q=a")])
def test_trailing_slash_redirect_names_a_path_not_the_host(client, url, location):
    response = client.get(url, headers={"Host": "127.0.0.1"})
    assert response.status_code == 308 and response.headers["Location"] == location


def test_precache_list_is_computed_once_for_every_host():
    app = create_app({"TRUSTED_HOSTS": ["localhost", "127.0.0.1", ".example.org"]})
    client = app.test_client()
    bodies = {client.get("/sw.js", headers={"Host": host}).get_data() for host in
              ("localhost", "127.0.0.1:5000", "a.example.org", "b.example.org")}
    assert len(bodies) == 1
    assert list(app.extensions["precache"]) == [""]
