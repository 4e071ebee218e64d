"""What an assessment asks: a framework of domains and items scored on a 1–4 scale.

The seeded texts are English msgids listed in `capacity/framework_texts.py`; `label()` runs
them through gettext at display time, so a seeded text shows in the reader's language and a
text a site admin writes in admin shows as written.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SCALE = (1, 2, 3, 4)


def label(text: str) -> str:
    return gettext(text) if text else text


class Framework(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active frameworks can be used in new rounds.")
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")

    def __str__(self):
        return label(self.name)

    @property
    def display_name(self) -> str:
        return label(self.name)


class Level(models.Model):
    """One step of the framework's 1–4 scale, with what it looks like in practice."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"), choices=[(v, str(v)) for v in SCALE])
    name = models.CharField(_("name"), max_length=100)
    descriptor = models.TextField(_("descriptor"))

    class Meta:
        ordering = ["value"]
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        constraints = [
            models.UniqueConstraint(fields=["framework", "value"], name="one_level_per_value"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=4), name="level_value_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.value}. {label(self.name)}"

    @property
    def display_name(self) -> str:
        return label(self.name)

    @property
    def display_descriptor(self) -> str:
        return label(self.descriptor)


class Domain(models.Model):
    class AppliesTo(models.TextChoices):
        ALL = "all", _("Every organisation")
        INTERNATIONAL = "international", _("International organisations, as seen by partners")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    applies_to = models.CharField(
        _("applies to"), max_length=20, choices=AppliesTo.choices, default=AppliesTo.ALL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("capacity domain")
        verbose_name_plural = _("capacity domains")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_domain_code"),
        ]

    def __str__(self):
        return label(self.name)

    @property
    def display_name(self) -> str:
        return label(self.name)


class Item(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items")
    text = models.TextField(_("item"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active items go into new rounds.")
    )

    class Meta:
        ordering = ["domain__order", "order", "pk"]
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")

    def __str__(self):
        return label(self.text)[:80]

    @property
    def display_text(self) -> str:
        return label(self.text)
