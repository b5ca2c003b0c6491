"""The public change log of plans and prices: a page, an RSS feed and an Atom feed."""

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition

from core.data_version import data_etag, data_last_modified
from core.query_parameters import query_parameters

from .. import selectors
from ..changes import PlanChange, plan_changes

# How far back the log reaches, and how many changes it lists at most.
CHANGELOG_DAYS = 365
CHANGELOG_LIMIT = 100
FEED_LIMIT = 50


def recent_plan_changes(*, limit: int = CHANGELOG_LIMIT) -> list[PlanChange]:
    since = timezone.now() - timedelta(days=CHANGELOG_DAYS)
    return plan_changes(selectors.plan_history_rows(since=since), since=since, limit=limit)


@query_parameters()
@condition(etag_func=data_etag, last_modified_func=data_last_modified)
def recent_changes(request):
    return render(
        request,
        "comparisons/recent_changes.html",
        {"changes": recent_plan_changes(), "days": CHANGELOG_DAYS},
    )


class RecentChangesFeed(Feed):
    title = _("crmcompare: recent price and plan changes")
    description = _("Price and plan changes of the CRMs compared on crmcompare, newest first.")

    def link(self):
        return reverse("comparisons:recent_changes")

    def items(self):
        return recent_plan_changes(limit=FEED_LIMIT)

    def item_title(self, item: PlanChange):
        return f"{item.vendor_name} – {item.plan_name}: {item.kind_label}"

    def item_description(self, item: PlanChange):
        return "; ".join(
            gettext("%(label)s: %(old)s → %(new)s")
            % {"label": change.label, "old": change.old, "new": change.new}
            for change in item.changes
        )

    def item_link(self, item: PlanChange):
        return reverse("comparisons:recent_changes") + f"#change-{item.history_id}"

    def item_guid(self, item: PlanChange):
        return f"crmcompare-plan-change-{item.history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: PlanChange):
        return item.date

    def item_updateddate(self, item: PlanChange):
        return item.date


class RecentChangesAtomFeed(RecentChangesFeed):
    feed_type = Atom1Feed
    subtitle = RecentChangesFeed.description
