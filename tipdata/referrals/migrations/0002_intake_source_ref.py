# The submitting agency's own identifier (issue 5: idempotent imports).

from django.db import migrations, models


def _source_ref() -> models.CharField:
    return models.CharField(
        blank=True,
        help_text="The submitting agency's identifier; re-imports update by it.",
        max_length=64,
        verbose_name="agency's own reference",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="referral", name="source_ref", field=_source_ref()),
        migrations.AddField(model_name="servicedelivery", name="source_ref", field=_source_ref()),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_ref", ""), _negated=True),
                fields=("from_organisation", "source_ref"),
                name="referrals_referral_source_ref_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicedelivery",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_ref", ""), _negated=True),
                fields=("provider", "source_ref"),
                name="referrals_servicedelivery_source_ref_unique",
            ),
        ),
    ]
