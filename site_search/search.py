"""The search as the page and the API run it: index current, words matched, typos offered.

Never stale: the index records the catalogue's data version it was built from
(IndexState), and a search that finds the version moved rebuilds it first, in
one transaction. The version is moved by database triggers on every catalogue
write (core/version_triggers.py), so an editor's change, from the admin, the
API, a command or raw SQL, is found by the very next search, with no code in
the writes to remember it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from core.data_version import current_version, read_version

from .backends import Hit, backend
from .documents import vocabulary
from .models import IndexState
from .selectors import catalogue_documents
from .text import query_words


@dataclass(frozen=True)
class Found:
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    # The query with its unknown words replaced by the closest known ones, when the
    # query as typed found nothing; `hits` are then the suggestion's.
    suggestion: str | None = None


def find(query: str, *, kinds: Sequence[str] = ()) -> Found:
    words = query_words(query)
    if not words:
        return Found(words)
    ensure_index_current()
    engine = backend()
    hits = engine.search(words, kinds=kinds, every_word=True)
    if hits:
        return Found(words, hits)
    fixes = engine.suggestions(words)
    if fixes:
        corrected = [fixes.get(word, word) for word in words]
        hits = engine.search(corrected, kinds=kinds, every_word=True)
        if hits:
            return Found(corrected, hits, suggestion=" ".join(corrected))
    if len(words) > 1:
        # A question in words the catalogue does not use: what matches some of them.
        return Found(words, engine.search(words, kinds=kinds, every_word=False))
    return Found(words)


def ensure_index_current() -> None:
    """Rebuild the index if the catalogue's data version moved since it was built."""
    built = (
        IndexState.objects.using(DEFAULT_DB_ALIAS)
        .filter(pk=1)
        .values_list("version", flat=True)
        .first()
    )
    if built != current_version().number:
        rebuild_index()


@transaction.atomic(using=DEFAULT_DB_ALIAS)
def rebuild_index() -> None:
    """Rebuild the index from the catalogue on the primary, and record the version.

    The version is read before the rows, so the rows are at least as new as the
    version recorded: at worst the next search rebuilds once more, never a search
    served from rows older than the version. Processes rebuilding at once queue on
    the state row (PostgreSQL) or the database's write lock (SQLite).
    """
    state = IndexState.objects.using(DEFAULT_DB_ALIAS).select_for_update().filter(pk=1).first()
    version = read_version(DEFAULT_DB_ALIAS)
    number = version.number if version else 0
    if state is not None and state.version == number:
        return  # another process rebuilt it meanwhile
    documents = catalogue_documents(using=DEFAULT_DB_ALIAS)
    backend(DEFAULT_DB_ALIAS).replace(documents, vocabulary(documents))
    IndexState.objects.using(DEFAULT_DB_ALIAS).update_or_create(
        pk=1, defaults={"version": number, "built_at": timezone.now()}
    )
