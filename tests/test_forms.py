from types import SimpleNamespace as Row

from comparisons.forms import CompareForm, DifferencesForm

VENDORS = [Row(slug=s, name=s.title()) for s in ["a", "b", "c", "d", "e"]]


def form(*slugs):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("crm", list(slugs))
    return CompareForm(data, vendors=VENDORS)


def test_compare_form_keeps_the_buyers_order_and_drops_duplicates():
    valid = form("c", "a", "c")
    assert valid.is_valid()
    assert [vendor.slug for vendor in valid.vendors] == ["c", "a"]


def test_compare_form_needs_two_to_four_known_vendors(english):
    assert form("a").errors["crm"][0].startswith("Pick at least 2")
    assert not form("a", "b", "c", "d", "e").is_valid()
    assert "“zzz”" in form("a", "zzz").errors["crm"][0]
    assert not form().is_valid()


def test_differences_form():
    assert DifferencesForm({"diff": "1"}).differences_only is True
    assert DifferencesForm({}).differences_only is False
