"""Template filters of the catalogue's pages (collected by core/jinja2.py)."""

from .tables import provenance_title

JINJA_FILTERS = {"provenance": provenance_title}
