"""news.urls: one canonical form per article address."""

from __future__ import annotations

import pytest

from news.urls import canonical_url, url_key

SAME = [
    "https://azattyk.org/a/kyrgyzstan-russia/32412.html",
    "http://azattyk.org/a/kyrgyzstan-russia/32412.html",
    "https://www.azattyk.org/a/kyrgyzstan-russia/32412.html",
    "https://AZATTYK.org/a/kyrgyzstan-russia/32412.html/",
    "https://azattyk.org:443/a/kyrgyzstan-russia/32412.html",
    "https://azattyk.org/a/kyrgyzstan-russia/32412.html#comments",
    "https://azattyk.org/a/kyrgyzstan-russia/32412.html?utm_source=telegram&utm_medium=social",
    "https://azattyk.org/a/kyrgyzstan-russia/32412.html?fbclid=IwAR0abc&gclid=x&yclid=1",
    "azattyk.org/a/kyrgyzstan-russia/32412.html",
]


@pytest.mark.parametrize("url", SAME)
def test_spellings_of_one_address_share_a_key(url: str) -> None:
    assert url_key(url) == "azattyk.org/a/kyrgyzstan-russia/32412.html"
    assert canonical_url(url) == "https://azattyk.org/a/kyrgyzstan-russia/32412.html"


def test_meaningful_query_parameters_stay_and_are_sorted() -> None:
    assert url_key("https://24.kg/news?id=5&page=2&utm_campaign=x") == "24.kg/news?id=5&page=2"
    assert url_key("https://24.kg/news?page=2&id=5") == "24.kg/news?id=5&page=2"
    assert url_key("https://24.kg/news?id=5") != url_key("https://24.kg/news?id=6")


def test_different_paths_and_ports_differ() -> None:
    assert url_key("https://kaktus.media/doc/1.html") != url_key("https://kaktus.media/doc/2.html")
    assert url_key("https://kaktus.media:8080/doc/1.html") == "kaktus.media:8080/doc/1.html"


def test_percent_encoding_and_unicode_hosts_normalise() -> None:
    encoded = "https://xn--80aac8a7a.xn--c1an/%D0%B6%D0%B0%D2%A3%D1%8B%D0%BB%D1%8B%D0%BA/1"
    assert url_key("https://кабар.кг/жаңылык/1") == url_key(encoded)


@pytest.mark.parametrize(
    "bad", [None, "", "   ", "javascript:alert(1)", "mailto:a@b.kg", "http://[::1", "not a url", "ftp://x.kg/a"]
)
def test_non_http_urls_have_no_key(bad: str | None) -> None:
    assert url_key(bad) is None
    assert canonical_url(bad) is None
