"""/sitemap.xml: every public page, in Spanish and English, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return [
            "comparisons:home",
            "comparisons:compare",
            "comparisons:faq",
            "comparisons:recent_changes",
        ]

    def location(self, item):
        return reverse(item)


class ComparisonSitemap(_Bilingual):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return selectors.sitemap_comparisons()

    def lastmod(self, comparison):
        # Annotated by the selector: also moves when a compared vendor's price changes.
        return getattr(comparison, "lastmod", None) or comparison.updated_at


class ComparisonFAQSitemap(ComparisonSitemap):
    priority = 0.5

    def location(self, comparison):
        return reverse("comparisons:comparison_faq", kwargs={"slug": comparison.slug})


class VendorSitemap(_Bilingual):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return selectors.sitemap_vendors()

    def lastmod(self, vendor):
        return getattr(vendor, "lastmod", None) or vendor.updated_at


sitemaps = {
    "pages": StaticPagesSitemap,
    "comparisons": ComparisonSitemap,
    "faq": ComparisonFAQSitemap,
    "vendors": VendorSitemap,
}
