"""Canonical article URLs: the same page reached by a different spelling of its address is the same article.

`canonical_url` keeps a readable https URL for display; `url_key` is the comparison key the store indexes. Two
addresses are the same article when they differ only by scheme (http/https), a leading `www.`, letter case of the
host, a default port, a trailing slash, a fragment, percent-encoding, the order of query parameters, or tracking
parameters (`utm_*`, `fbclid`, `gclid`, `yclid`, ...).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from; they never select different content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "yclid",
        "ysclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "igshid",
        "igsh",
        "ref_src",
        "ref_url",
        "cmpid",
        "at_medium",
        "at_campaign",
        "from",
        "share",
        "spm",
        "rss",
        "amp",
        "output",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "vero_")
# "azattyk.org/a/1.html" as people paste it: a host with a dot and a letters-only top-level domain.
_BARE_HOST = re.compile(r"^[^\s/:@?#]+\.[^\W\d_]{2,}(?::\d+)?(?:[/?#]|$)")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are inside a path or query value when re-quoting.
_SAFE_PATH = "/:@!$&'()*+,;=-._~"
_SAFE_QUERY = ":@!$'()*+,;/?-._~"


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _split(url: str) -> tuple[str, str, str, str] | None:
    """Return (host, port suffix, path, query) of an http(s) URL, normalised, or None when it is not one."""
    text = url.strip()
    if not text:
        return None
    if "://" not in text and not text.startswith("//"):
        # "example.kg/news/1": a bare host and path, as people paste them.
        if not _BARE_HOST.match(text):
            return None
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = (parts.scheme or "http").lower()
    if scheme not in _DEFAULT_PORTS:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        pass
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    # The scheme is not part of the key, so neither default port is either.
    port_part = "" if port is None or port in _DEFAULT_PORTS.values() else f":{port}"
    path = quote(unquote(parts.path), safe=_SAFE_PATH) or "/"
    while "//" in path:
        path = path.replace("//", "/")
    if len(path) > 1:
        path = path.rstrip("/")
    params = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k and not _is_tracking(k)
    ]
    query = urlencode(sorted(params), quote_via=quote, safe=_SAFE_QUERY)
    return host, port_part, path, query


def canonical_url(url: str | None) -> str | None:
    """Return the canonical https form of an article URL, or None when it is not an http(s) URL."""
    if not url:
        return None
    split = _split(url)
    if split is None:
        return None
    host, port, path, query = split
    return urlunsplit(("https", host + port, path, query, ""))


def url_key(url: str | None) -> str | None:
    """Return the key under which two spellings of one article URL compare equal (no scheme, no `www.`)."""
    if not url:
        return None
    split = _split(url)
    if split is None:
        return None
    host, port, path, query = split
    return f"{host}{port}{path}" + (f"?{query}" if query else "")
