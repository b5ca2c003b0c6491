"""From a page's HTML to the text that is watched: pure functions, no I/O.

The text is what a reader sees of the selected part, one line per piece of
text between tags, whitespace collapsed, so markup, scripts and re-indentation change
nothing; text matching an ignore pattern (a date, a counter) is replaced by
a placeholder before any comparison.
"""

import re

from bs4 import BeautifulSoup

# Never visible, or not text.
INVISIBLE = ["script", "style", "noscript", "template", "svg", "head"]
IGNORED_PLACEHOLDER = "…"
WHITESPACE = re.compile(r"\s+")


class NoMatch(ValueError):
    """The selector picks nothing on the page."""


def watched_text(html: bytes, *, selector: str = "", charset: str | None = None) -> str:
    """The visible text of the elements `selector` picks (the whole page if blank)."""
    soup = BeautifulSoup(html, "html.parser", from_encoding=charset)
    for element in soup(INVISIBLE):
        element.decompose()
    if selector:
        elements = soup.select(selector)
        if not elements:
            raise NoMatch(selector)
    else:
        elements = [soup.body or soup]
    # One line per piece of text: re-indenting or re-wrapping the HTML changes nothing.
    return "\n".join(
        WHITESPACE.sub(" ", piece) for element in elements for piece in element.stripped_strings
    )


def without_ignored(text: str, patterns: list[str]) -> str:
    """`text` with every match of each pattern replaced by a placeholder."""
    for pattern in patterns:
        text = re.sub(pattern, IGNORED_PLACEHOLDER, text)
    return text


# An amount: digits with thousands separators and decimals in either convention.
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SYMBOLS = r"US\$|C\$|A\$|R\$|MX\$|[$€£¥₹]"
_CODES = r"USD|EUR|GBP|MXN|ARS|COP|CLP|PEN|BRL|CAD|AUD|JPY|INR|CHF"
MONEY = re.compile(
    rf"(?:(?:{_SYMBOLS})\s?(?:{_NUMBER})|(?:{_CODES})\s?(?:{_NUMBER})"
    rf"|(?:{_NUMBER})\s?(?:{_SYMBOLS}|{_CODES}))(?![\w$€£¥₹])"
)


def money_amounts(text: str, *, limit: int = 20) -> list[str]:
    """The amounts of money the text mentions, as written ("16 USD", "$16", "16,00 €"), once each.

    A hint for editors, not a price: "$" alone does not say which dollar.
    """
    amounts: dict[str, None] = {}
    for match in MONEY.finditer(text):
        amounts.setdefault(WHITESPACE.sub(" ", match.group()).strip(), None)
        if len(amounts) == limit:
            break
    return list(amounts)
