"""The search index: one row per thing a buyer can find, rebuilt from the catalogue.

Nothing here is edited: the rows are derived from the comparisons app's tables
(site_search/indexing.py) and rebuilt whenever the catalogue's data version has
moved, so they are never the source of any fact.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a result is; the order here is the order of the groups on the results page."""

    VENDOR = "vendor", _("CRMs")
    FEATURE = "feature", _("Features")
    PLAN = "plan", _("Plans")
    COMPARISON = "comparison", _("Comparisons")
    CRITERION = "criterion", _("Criteria")
    FAQ = "faq", _("Questions and answers")


class SearchDocument(models.Model):
    """One vendor, plan, feature, FAQ entry, comparison or criterion, as search sees it.

    `title` and `body` are the editors' text as shown (escaped when shown);
    `title_plain` and `body_plain` the same without accents and in lower case,
    which is what is matched. `url_name`, `url_slug`, `url_query` and `anchor`
    say where the result links, reversed in the reader's language when shown.
    `details` holds what a result shows beside its text (a feature's vendors and
    plans, a vendor's price from) as plain JSON.
    """

    kind = models.CharField(max_length=12, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField(help_text="The catalogue's own order, for ties.")
    title = models.TextField()
    body = models.TextField(blank=True)
    title_plain = models.TextField()
    body_plain = models.TextField(blank=True)
    url_name = models.CharField(max_length=80)
    url_slug = models.CharField(max_length=200, blank=True)
    url_query = models.CharField(max_length=1000, blank=True)
    anchor = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # PostgreSQL only (filled by the index's rebuild, under a GIN index); on SQLite the
    # column stays empty and an FTS5 table holds the index (see backends.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word of the indexed text (no accents, lower case): what "did you mean" offers."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class IndexState(models.Model):
    """One row: the catalogue's data version the index was last built from."""

    version = models.BigIntegerField()
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"search index of data version {self.version}"
