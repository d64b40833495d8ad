"""Smart-city news archive: scrapers for ITU and ministry sites, stored in SQLite."""

__version__ = "0.1.0"
__all__ = ["__version__"]
