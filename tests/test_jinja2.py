"""The Jinja2 side of the public pages: its translations and the string extractor."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import engines
from django.utils import translation
from jinja2.ext import GETTEXT_FUNCTIONS, extract_from_ast

from core.management.commands.makemessages import gettext_calls

TEMPLATES = settings.BASE_DIR / "templates" / "jinja2"


def jinja2_env():
    return engines["jinja2"].env


def template_strings() -> set[str | tuple[str, str]]:
    found = set()
    for path in TEMPLATES.rglob("*"):
        if path.is_file():
            tree = jinja2_env().parse(path.read_text(encoding="utf-8"))
            for _line, _function, message in extract_from_ast(tree, GETTEXT_FUNCTIONS):
                strings = [s for s in (message if isinstance(message, tuple) else [message]) if s]
                found.add(strings[0] if len(strings) == 1 else tuple(strings))
    return found


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_string_of_the_public_templates_is_in_the_catalogues(language):
    """makemessages found them all; Spanish has a translation for each (English is the source)."""
    path = Path(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    with path.open("rb") as po:
        catalogue = {
            message.id if isinstance(message.id, str) else tuple(message.id): message
            for message in read_po(po)
            if message.id
        }
    strings = template_strings()

    assert len(strings) > 150
    missing = [s for s in strings if s not in catalogue]
    assert not missing
    if language == "es":
        untranslated = [s for s in strings if not catalogue[s].string or catalogue[s].fuzzy]
        assert not untranslated


def test_extractor_puts_each_string_on_its_template_line_for_xgettext():
    source = (
        '<p>{{ _("Skip to content") }}</p>\n'
        "\n"
        "{% trans trimmed days=n %}\n  {{ days }} day\n{% pluralize days %}"
        "{{ days }} days{% endtrans %}\n"
        "{{ _(variable) }}"
    )

    lines = gettext_calls(jinja2_env(), source).split("\n")

    assert lines[0] == 'gettext("Skip to content"); '
    assert lines[1] == ""
    assert lines[2] == 'ngettext("%(days)s day", "%(days)s days", n); '
    assert lines[5] == ""


def test_trans_blocks_use_djangos_catalogue_with_escaped_variables():
    template = jinja2_env().from_string(
        "{% trans trimmed facts=n, days=90 %}{{ facts }} fact on this page was last verified"
        " more than {{ days }} days ago and is marked ⚠ possibly out of date."
        "{% pluralize facts %}{{ facts }} facts on this page were last verified more than"
        " {{ days }} days ago and are marked ⚠ possibly out of date.{% endtrans %}"
        "|{% trans winner=name %}Winner: <strong>{{ winner }}</strong>{% endtrans %}"
    )

    with translation.override("es"):
        text = template.render(n=2, name="<Zoho>")

    assert text.startswith("2 datos de esta página")
    assert text.endswith("|Ganador: <strong>&lt;Zoho&gt;</strong>")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ _("At a glance") }}', "De un vistazo"),
        ('{% trans n="<b>" %}Plan {{ n }}{% endtrans %}', "Plan &lt;b&gt;"),
        ('{{ _("100%% <i>") }}', "100% <i>"),
        ("{% trans n=2 %}{{ n }} day{% pluralize %}{{ n }} days{% endtrans %}", "2 days"),
    ],
)
def test_template_translations_escape_variables_and_read_percent_signs(source, expected):
    """`_()` and {% trans %}: translated markup, escaped variables, "%%" as "%" (Jinja's rules)."""
    with translation.override("es"):
        assert jinja2_env().from_string(source).render() == expected


@pytest.mark.parametrize("language", ["es", "en"])
def test_floatformat_prints_what_djangos_filter_prints_in_each_language(language):
    """The filter is remembered per value, format and language: never another language's."""
    from decimal import Decimal

    from django.template import defaultfilters

    values = [Decimal("5.5"), Decimal("5.50"), Decimal("1234.5"), 7, 7.25, Decimal("3"), None, ""]
    template = jinja2_env().from_string("{{ value|floatformat(arg) }}")
    with translation.override(language):
        for _ in range(2):  # the second time from memory
            for value in values:
                for arg in (1, "-2", -1):
                    expected = str(defaultfilters.floatformat(value, arg))
                    assert template.render(value=value, arg=arg) == expected, (value, arg)
