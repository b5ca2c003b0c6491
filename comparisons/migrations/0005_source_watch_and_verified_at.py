"""Source watch settings and results on Source; the precise moment each fact was verified.

Existing facts count as verified at the start of their `last_verified` day in
the site's time zone: the earliest moment that day allows, so a source change
later that day flags them (an editor can clear it by verifying again).
"""

from datetime import datetime, time

import comparisons.models.facts
import comparisons.validators
import django.utils.timezone
from django.db import migrations, models
from django.utils import timezone


FACT_MODELS = [
    "assessment",
    "featureavailability",
    "historicalassessment",
    "historicalfeatureavailability",
    "historicalplan",
    "plan",
    "procon",
]


def fill_verified_at(apps, schema_editor):
    """verified_at = start of last_verified (site time zone): one UPDATE per model and day."""
    for name in FACT_MODELS:
        model = apps.get_model("comparisons", name)
        days = model.objects.order_by().values_list("last_verified", flat=True).distinct()
        for day in list(days):
            start = timezone.make_aware(datetime.combine(day, time.min))
            model.objects.filter(last_verified=day).update(verified_at=start)


class Migration(migrations.Migration):

    dependencies = [
        ('comparisons', '0004_text_length_limits'),
    ]

    operations = [
        migrations.AddField(
            model_name='assessment',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='featureavailability',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='historicalassessment',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='historicalfeatureavailability',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='plan',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='procon',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(editable=False, null=True, verbose_name='verified at'),
        ),
        migrations.AddField(
            model_name='source',
            name='changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='watched part last changed'),
        ),
        migrations.AddField(
            model_name='source',
            name='checked_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last checked automatically'),
        ),
        migrations.AddField(
            model_name='source',
            name='watch_ignore',
            field=models.TextField(blank=True, help_text='One regular expression a line; text it matches (dates, counters...) is left out of the comparison. E.g. \\d+ users online', validators=[comparisons.validators.validate_ignore_patterns], verbose_name='text to ignore'),
        ),
        migrations.AddField(
            model_name='source',
            name='watch_selector',
            field=models.CharField(blank=True, help_text="E.g. #pricing or .plan-card. Blank: the page's whole visible text.", max_length=300, validators=[comparisons.validators.validate_css_selector], verbose_name='watched part (CSS selector)'),
        ),
        migrations.AddField(
            model_name='source',
            name='watch_url',
            field=models.URLField(blank=True, help_text="An http or https page checked automatically for changes, often the vendor's pricing page (it may differ from the URL cited). Blank: not watched.", max_length=500, validators=[comparisons.validators.validate_watch_url], verbose_name='watched page'),
        ),
        migrations.AddField(
            model_name='source',
            name='watched_amounts',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='amounts on the watched page'),
        ),
        migrations.AddField(
            model_name='source',
            name='watched_since',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='watched since'),
        ),
        migrations.RunPython(fill_verified_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='assessment',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='featureavailability',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='historicalassessment',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='historicalfeatureavailability',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='historicalplan',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='plan',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
        migrations.AlterField(
            model_name='procon',
            name='verified_at',
            field=comparisons.models.facts.VerificationMomentField(default=django.utils.timezone.now, editable=False, verbose_name='verified at'),
        ),
    ]
