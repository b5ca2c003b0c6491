"""The editors' admin: one module per group of models, plus the "needs checking" view."""

from . import catalog, editorial  # noqa: F401 — registers the ModelAdmins
