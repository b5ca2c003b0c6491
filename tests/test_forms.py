from types import SimpleNamespace as Row

from django.http import QueryDict

from comparisons.forms import CompareForm, DifferencesForm

VENDORS = [Row(slug=s, name=s.title()) for s in ["a", "b", "c", "d", "e"]]


def form(*slugs, name="vendors"):
    data = QueryDict(mutable=True)
    data.setlist(name, list(slugs))
    return CompareForm(data, vendors=VENDORS)


def test_compare_form_keeps_the_buyers_order_and_drops_duplicates():
    valid = form("c", "a", "c")
    assert valid.is_valid()
    assert [vendor.slug for vendor in valid.picked] == ["c", "a"]


def test_compare_form_needs_two_to_four_known_vendors(english):
    assert form("a").errors["vendors"][0].startswith("Pick at least 2")
    assert not form("a", "b", "c", "d", "e").is_valid()
    assert "“zzz”" in form("a", "zzz").errors["vendors"][0]
    assert not form().is_valid()


def test_compare_form_reads_the_former_crm_name():
    valid = form("b", "a", name="crm")
    assert valid.is_valid()
    assert [vendor.slug for vendor in valid.picked] == ["b", "a"]


def test_compare_form_prefers_vendors_to_the_former_name():
    data = QueryDict("vendors=a&vendors=b&crm=c&crm=d")
    valid = CompareForm(data, vendors=VENDORS)
    assert valid.is_valid()
    assert [vendor.slug for vendor in valid.picked] == ["a", "b"]


def test_differences_form():
    assert DifferencesForm({"diff": "1"}).differences_only is True
    assert DifferencesForm({}).differences_only is False
