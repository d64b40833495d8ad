"""URL normalisation and scope: one canonical form per page, and the origins a source may reach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["Scope", "absolute", "host_key", "normalize_url", "origin_of"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PREFIXES = ("utm_", "pk_", "mc_")
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "yclid", "msclkid", "_ga", "_gl", "ref", "igshid"})
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def host_key(host: str) -> str:
    """A host in comparable form: lower case, punycode, no trailing dot."""
    host = host.strip().rstrip(".").lower()
    if not host:
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an absolute http(s) URL, default ports dropped."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = host_key(parts.hostname)
    port = parts.port
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def absolute(href: str, base: str) -> str | None:
    """Resolve a link against the page URL; None for non-web links (mailto:, javascript:...)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    joined = urljoin(base, href)
    scheme = urlsplit(joined).scheme.lower()
    return joined if scheme in _DEFAULT_PORTS else None


def _clean_query(query: str) -> str:
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if k.lower() not in _TRACKING_NAMES and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    return urlencode(pairs, doseq=True)


def _clean_path(path: str, trailing_slash: bool) -> str:
    path = quote(unquote(path), safe=_PATH_SAFE) or "/"
    while "//" in path:
        path = path.replace("//", "/")
    if path != "/":
        last = path.rsplit("/", 1)[-1]
        if trailing_slash and not path.endswith("/") and "." not in last:
            path += "/"
        elif not trailing_slash:
            path = path.rstrip("/") or "/"
    return path


def normalize_url(url: str, trailing_slash: bool = False) -> str:
    """Canonical form: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, one form of trailing slash and of percent-encoding."""
    parts = urlsplit(url.strip())
    origin = origin_of(url)
    return urlunsplit((*origin.split("://", 1), _clean_path(parts.path, trailing_slash), _clean_query(parts.query), ""))


@dataclass(frozen=True)
class Scope:
    """The origins one source may reach, and the mapping between the real site and a mirror.

    Canonical URLs always name the real site (``origin``); fetch URLs name the mirror when
    ``mirror`` is set (``--base-url``), and then only the mirror may be requested.
    """

    origin: str
    hosts: frozenset[str]
    mirror: str | None = None
    trailing_slash: bool = False

    @classmethod
    def create(
        cls, origin: str, aliases: Iterable[str] = (), mirror: str | None = None, trailing_slash: bool = False
    ) -> Scope:
        canonical = origin_of(origin)
        hosts = {host_key(urlsplit(canonical).hostname or "")} | {host_key(h) for h in aliases}
        return cls(canonical, frozenset(hosts), origin_of(mirror) if mirror else None, trailing_slash)

    def canonical(self, url: str) -> str | None:
        """The real-site canonical URL of ``url``, or None when it is outside the scope."""
        try:
            origin = origin_of(url)
        except ValueError:
            return None
        parts = urlsplit(url)
        if self.mirror is not None and origin == self.mirror:
            pass
        elif host_key(parts.hostname or "") not in self.hosts:
            return None
        rest = urlunsplit(("", "", parts.path, parts.query, ""))
        return normalize_url(self.origin + (rest if rest.startswith("/") else "/" + rest), self.trailing_slash)

    def fetch_url(self, canonical: str) -> str:
        """The URL to request for a canonical URL: the mirror's when one is set."""
        if self.mirror is None or not canonical.startswith(self.origin):
            return canonical
        return self.mirror + canonical[len(self.origin) :]

    def may_fetch(self, url: str) -> bool:
        """Whether a request (or a redirect target) to ``url`` stays inside the scope."""
        try:
            origin = origin_of(url)
        except ValueError:
            return False
        if self.mirror is not None:
            return origin == self.mirror
        return host_key(urlsplit(url).hostname or "") in self.hosts

    def resolve(self, href: str, page_url: str) -> str | None:
        """A link found on a page (fetched from ``page_url``) as a canonical URL, or None."""
        target = absolute(href, page_url)
        return self.canonical(target) if target else None
