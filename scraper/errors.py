"""One exception tree for the archive; every error that concerns a page carries its URL."""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "ConfigError",
    "ExtractError",
    "FetchError",
    "HTTPStatusError",
    "OffScope",
    "RobotsDisallowed",
    "ScraperError",
    "TooLarge",
]


class ScraperError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url

    @property
    def reason(self) -> str:
        """A short machine-readable reason, as recorded in the database."""
        return "error"

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} ({self.url})" if self.url else base


class ConfigError(ScraperError):
    """A setting, a --base-url value or a source definition is wrong."""

    @property
    def reason(self) -> str:
        return "config"


class ArchiveError(ScraperError):
    """The archive file is missing, unreadable or damaged (``url`` is unset; the message names the file)."""

    @property
    def reason(self) -> str:
        return "archive"


class FetchError(ScraperError):
    """A page could not be fetched (connection error, timeout, bad response)."""

    def __init__(self, message: str, url: str | None = None, kind: str = "fetch") -> None:
        super().__init__(message, url)
        self.kind = kind

    @property
    def reason(self) -> str:
        return self.kind


class HTTPStatusError(FetchError):
    """The server answered with an error status after all retries."""

    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"HTTP {status}", url, kind=f"http-{status}")
        self.status = status


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL: it is never requested."""

    def __init__(self, url: str) -> None:
        super().__init__("disallowed by robots.txt", url, kind="robots")


class OffScope(FetchError):
    """The URL (or a redirect) leaves the source's allowed origins."""

    def __init__(self, url: str) -> None:
        super().__init__("outside the source's scope", url, kind="off-scope")


class TooLarge(FetchError):
    """The response is larger than the size cap."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(f"response larger than {limit} bytes", url, kind="too-large")


class ExtractError(ScraperError):
    """A fetched page did not yield an article (no title, no body...).

    ``field`` names what was missing (``title``, ``body``), for the run's field health.
    """

    def __init__(self, message: str, url: str | None = None, field: str | None = None) -> None:
        super().__init__(message, url)
        self.field = field

    @property
    def reason(self) -> str:
        return "extract"
