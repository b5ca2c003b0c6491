"""Matching and ranking, one backend per database, with the same answers for the same words.

Both match a query's words in any of their Spanish and English forms, after
accents and case are taken off in Python (text.plain), so `gestion` finds
"Gestión" on either database and no database extension is needed for accents:

- PostgreSQL: its full-text search. Each document's `search_vector` holds its
  plain title (weight A) and body (weight B) under the `spanish` and the
  `english` configurations, under a GIN index; a word matches in either
  configuration (`plainto_tsquery('spanish', w) || plainto_tsquery('english', w)`),
  ranked by `ts_rank`. Typos: pg_trgm's similarity against the index's words.
- SQLite: an FTS5 table (site_search_fts, created by this app's migration on
  SQLite only) whose columns hold each word's Snowball stems (the algorithms of
  PostgreSQL's two configurations), ranked by bm25 with the title weighted as
  PostgreSQL weighs A against B. Typos: rapidfuzz against the index's words.

The index's rows and words are written by `replace`; only the backend's own
structure (the vector or the FTS5 rows) differs.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from rapidfuzz import fuzz, process

from .documents import Document
from .models import SearchDocument, SearchTerm
from .text import index_terms, stems

# The ranked results read at most: enough for every page of results a reader turns.
MAX_HITS = 200
FTS_TABLE = "site_search_fts"
# How close a word must be to be offered as "did you mean": one or two letters off
# a word of five or more.
TRIGRAM_MIN_SIMILARITY = 0.35
TRIGRAM_CANDIDATES = 10
RAPIDFUZZ_MIN_RATIO = 75
# bm25's weights for title and body: a word in the title counts as PostgreSQL's
# weight A against B (1.0 against 0.4).
BM25_WEIGHTS = (2.5, 1.0)


@dataclass(frozen=True)
class Hit:
    document: SearchDocument
    score: float


class Backend:
    def __init__(self, using: str = DEFAULT_DB_ALIAS) -> None:
        self.using = using

    def replace(self, documents: Sequence[Document], words: Sequence[str]) -> None:
        """Make the index hold exactly `documents` and `words` (inside the caller's transaction)."""
        SearchDocument.objects.using(self.using).all().delete()
        SearchTerm.objects.using(self.using).all().delete()
        rows = SearchDocument.objects.using(self.using).bulk_create(
            [
                SearchDocument(
                    kind=document.kind,
                    object_id=document.object_id,
                    position=document.position,
                    title=document.title,
                    body=document.body,
                    title_plain=document.title_plain,
                    body_plain=document.body_plain,
                    url_name=document.url_name,
                    url_slug=document.url_slug,
                    url_query=document.url_query,
                    anchor=document.anchor,
                    details=document.details,
                )
                for document in documents
            ],
            batch_size=500,
        )
        SearchTerm.objects.using(self.using).bulk_create(
            [SearchTerm(word=word) for word in words], batch_size=500
        )
        self.index(rows)

    def index(self, rows: Sequence[SearchDocument]) -> None:
        raise NotImplementedError

    def search(self, words: Sequence[str], *, kinds: Sequence[str], every_word: bool) -> list[Hit]:
        """The best MAX_HITS documents with every word (or, not `every_word`, any word)."""
        raise NotImplementedError

    def suggestions(self, words: Sequence[str]) -> dict[str, str]:
        """{word of the query: the index's word closest to it}, for words the index lacks."""
        raise NotImplementedError


class PostgreSQLBackend(Backend):
    VECTOR = (
        SearchVector("title_plain", config="spanish", weight="A")
        + SearchVector("title_plain", config="english", weight="A")
        + SearchVector("body_plain", config="spanish", weight="B")
        + SearchVector("body_plain", config="english", weight="B")
    )

    def index(self, rows: Sequence[SearchDocument]) -> None:
        SearchDocument.objects.using(self.using).update(search_vector=self.VECTOR)

    def search(self, words, *, kinds, every_word):
        query = reduce(
            and_ if every_word else or_,
            (
                SearchQuery(word, config="spanish") | SearchQuery(word, config="english")
                for word in words
            ),
        )
        documents = SearchDocument.objects.using(self.using).filter(search_vector=query)
        if kinds:
            documents = documents.filter(kind__in=kinds)
        documents = documents.annotate(score=SearchRank(F("search_vector"), query)).order_by(
            "-score", "kind", "position"
        )[:MAX_HITS]
        return [Hit(document, document.score) for document in documents]

    def suggestions(self, words):
        terms = SearchTerm.objects.using(self.using)
        known = set(terms.filter(word__in=words).values_list("word", flat=True))
        found = {}
        for word in words:
            if word in known:
                continue
            # pg_trgm picks the candidates; ties between them (`hubs` and `hubspot` are
            # as similar to `hubspt` by trigrams) go to the closer spelling, as on SQLite.
            candidates = list(
                terms.annotate(similarity=TrigramSimilarity("word", word))
                .filter(similarity__gte=TRIGRAM_MIN_SIMILARITY)
                .order_by("-similarity", "word")
                .values_list("word", flat=True)[:TRIGRAM_CANDIDATES]
            )
            closest = process.extractOne(word, candidates, scorer=fuzz.ratio)
            if closest:
                found[word] = closest[0]
        return found


class SQLiteBackend(Backend):
    def index(self, rows: Sequence[SearchDocument]) -> None:
        with connections[self.using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(row.pk, index_terms(row.title), index_terms(row.body)) for row in rows],
            )

    def search(self, words, *, kinds, every_word):
        # Stems are letters and digits only (text.words), quoted all the same: nothing a
        # reader types reaches FTS5's query syntax as an operator.
        forms = [" OR ".join(f'"{stem}"' for stem in sorted(stems(word))) for word in words]
        match = (" AND " if every_word else " OR ").join(f"({form})" for form in forms)
        kind_clause = ""
        params: list = [*BM25_WEIGHTS, match]
        if kinds:
            kind_clause = f"AND d.kind IN ({', '.join(['%s'] * len(kinds))})"
            params += list(kinds)
        params.append(MAX_HITS)
        documents = SearchDocument.objects.using(self.using).raw(
            f"SELECT d.*, -bm25({FTS_TABLE}, %s, %s) AS score"
            f" FROM {FTS_TABLE} JOIN site_search_searchdocument d ON d.id = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH %s {kind_clause}"
            " ORDER BY score DESC, d.kind, d.position LIMIT %s",
            params,
        )
        return [Hit(document, document.score) for document in documents]

    def suggestions(self, words):
        vocabulary = list(SearchTerm.objects.using(self.using).values_list("word", flat=True))
        known = set(vocabulary)
        found = {}
        for word in words:
            if word in known:
                continue
            closest = process.extractOne(
                word, vocabulary, scorer=fuzz.ratio, score_cutoff=RAPIDFUZZ_MIN_RATIO
            )
            if closest:
                found[word] = closest[0]
        return found


def backend(using: str = DEFAULT_DB_ALIAS) -> Backend:
    if connections[using].vendor == "postgresql":
        return PostgreSQLBackend(using)
    return SQLiteBackend(using)
