"""Words as search sees them: no accents, lower case, and their Spanish and English stems.

Pure functions shared by the index, the SQLite backend, the highlighting and the
typo suggestions, so that what is matched and what is marked agree. The stems
are Snowball's, the same algorithms as PostgreSQL's `spanish` and `english`
text search configurations.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Query words beyond this are ignored: a 10 000-character query costs no more than a sentence.
MAX_QUERY_WORDS = 8
# Longer "words" are not words (a pasted hash or URL): neither indexed nor searched.
MAX_WORD_LENGTH = 40

_WORD = re.compile(r"[^\W_]+")
_STEMMERS = (snowballstemmer.stemmer("spanish"), snowballstemmer.stemmer("english"))

# Words that say nothing about what is sought; dropped from queries (not from the index).
STOP_WORDS = frozenset(
    """
    a al algo como con cual cuales de del el en es esta este hay la las lo los mas mi mis no o
    para pero por que se sin su sus un una uno unos y ya
    an and are as at be but by can do does for from has have how i in is it its of on or our
    that the their them there these this to was what when where which who why with you your
    """.split()
)


def plain(text: str) -> str:
    """`text` without accents (ñ and ç included) and in lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of `text`, plain, in order (letters and digits; punctuation separates)."""
    return [word for word in _WORD.findall(plain(text)) if len(word) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=50_000)
def stems(word: str) -> frozenset[str]:
    """A plain word's Spanish and English stems: `correos` and `correo` share one, as do
    `emails` and `email`."""
    return frozenset(stemmer.stemWord(word) for stemmer in _STEMMERS)


def index_terms(text: str) -> str:
    """What the SQLite index stores for `text`: each word's stems, space-separated."""
    return " ".join(stem for word in words(text) for stem in sorted(stems(word)))


def query_words(query: str) -> list[str]:
    """The words of a query worth matching: plain, no stop words, each once, at most
    MAX_QUERY_WORDS. A query of stop words alone keeps them (`"que es"` is a question)."""
    found = list(dict.fromkeys(words(query)))
    meaningful = [word for word in found if word not in STOP_WORDS] or found
    return meaningful[:MAX_QUERY_WORDS]


def matches(word: str, query_stems: frozenset[str]) -> bool:
    """Whether a plain word of a document is one of the query's words, in any form."""
    return not stems(word).isdisjoint(query_stems)
