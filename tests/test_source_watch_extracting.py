"""From HTML to the watched text, and the amounts of money in it."""

import pytest

from source_watch.comparing import settings_fingerprint, unified_diff
from source_watch.extracting import NoMatch, money_amounts, watched_text, without_ignored

PAGE = b"""<html><head><title>Pricing</title><style>p{color:red}</style></head><body>
<nav>Blog</nav><script>var n = 1;</script>
<div class="plan"><h3>Standard</h3>
    <p>14
       USD <b>per user</b></p></div>
<div class="plan"><h3>Pro</h3><p>23 USD</p><noscript>Enable JS</noscript></div>
</body></html>"""


def test_the_selected_parts_visible_text_one_line_per_piece_whitespace_collapsed():
    assert watched_text(PAGE, selector=".plan") == "Standard\n14 USD\nper user\nPro\n23 USD"


def test_a_blank_selector_watches_the_whole_visible_page():
    assert watched_text(PAGE) == "Blog\nStandard\n14 USD\nper user\nPro\n23 USD"


def test_reindenting_the_html_changes_nothing():
    reindented = PAGE.replace(b"\n    <p>14\n       USD", b"<p>  14 USD")
    assert watched_text(reindented, selector=".plan") == watched_text(PAGE, selector=".plan")


def test_a_selector_matching_nothing_is_an_error_not_an_empty_text():
    with pytest.raises(NoMatch):
        watched_text(PAGE, selector="#pricing")


def test_the_declared_charset_is_used():
    page = "<p>Desde 16,00 € al mes</p>".encode("cp1252")
    assert watched_text(page, charset="cp1252") == "Desde 16,00 € al mes"


def test_ignored_patterns_are_replaced_by_a_placeholder():
    text = "Standard 14 USD\nUpdated 3 hours ago\n1,204 visitors"
    assert without_ignored(text, [r"Updated \d+ hours? ago", r"[\d,]+ visitors"]) == (
        "Standard 14 USD\n…\n…"
    )


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("Standard: 16 USD per user", ["16 USD"]),
        ("From $16/month, or $160 a year", ["$16", "$160"]),
        ("Desde 16 US$ o 16,00 € al mes", ["16 US$", "16,00 €"]),
        ("EUR 1.200,50 per year; USD 48,000", ["EUR 1.200,50", "USD 48,000"]),
        ("£9.99 and ¥1000", ["£9.99", "¥1000"]),
        ("2 backups, 1,000 contacts, 2024", []),
        ("16 USD; again 16 USD", ["16 USD"]),
    ],
)
def test_money_amounts_as_written(text, amounts):
    assert money_amounts(text) == amounts


def test_the_diff_shows_removed_and_added_lines():
    diff = unified_diff("Standard\n14 USD\nPro", "Standard\n16 USD\nPro")
    assert "-14 USD" in diff.splitlines()
    assert "+16 USD" in diff.splitlines()


def test_other_settings_give_another_fingerprint_blank_lines_in_patterns_do_not():
    base = {"watch_url": "https://v.example/p", "watch_selector": "#p", "watch_ignore": "a\nb"}
    assert settings_fingerprint(**base) == settings_fingerprint(
        **{**base, "watch_ignore": "a\n\nb\n"}
    )
    assert settings_fingerprint(**base) != settings_fingerprint(**{**base, "watch_selector": "#q"})
    assert settings_fingerprint(**base) != settings_fingerprint(**{**base, "watch_ignore": "a"})
