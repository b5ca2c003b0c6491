"""The buyer tools' pages in /sitemap.xml, beside the catalogue's (crmcompare/urls.py)."""

from django.urls import reverse

from comparisons.sitemaps import ComparisonSitemap, StaticPagesSitemap, VendorSitemap


class ToolPagesSitemap(StaticPagesSitemap):
    def items(self):
        return [
            "buyer_tools:cost_calculator",
            "buyer_tools:fit_finder",
            "buyer_tools:recommendation",
        ]


class ComparisonCostSitemap(ComparisonSitemap):
    priority = 0.5

    def location(self, comparison):
        return reverse("buyer_tools:comparison_cost", kwargs={"slug": comparison.slug})


class ComparisonFitSitemap(ComparisonSitemap):
    priority = 0.5

    def location(self, comparison):
        return reverse("buyer_tools:comparison_fit", kwargs={"slug": comparison.slug})


class ComparisonRecommendationSitemap(ComparisonSitemap):
    priority = 0.6

    def location(self, comparison):
        return reverse("buyer_tools:comparison_recommendation", kwargs={"slug": comparison.slug})


class VendorPriceHistorySitemap(VendorSitemap):
    priority = 0.4

    def location(self, vendor):
        return reverse("buyer_tools:vendor_price_history", kwargs={"slug": vendor.slug})


sitemaps = {
    "tools": ToolPagesSitemap,
    "cost": ComparisonCostSitemap,
    "fit": ComparisonFitSitemap,
    "recommendation": ComparisonRecommendationSitemap,
    "price-history": VendorPriceHistorySitemap,
}
