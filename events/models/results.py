"""Results and awards: an award type plus an optional rank and score, on one entry."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.chinese import chinese_ordinal
from common.choices import labels

from .entries import Entry
from .events import Event


class AwardType(models.TextChoices):
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    WINNER = "winner", _("优胜奖")
    EXCELLENT = "excellent", _("优秀奖")
    TEAM_EXCELLENT = "team_excellent", _("团体优秀奖")
    SPORTSMANSHIP = "sportsmanship", _("体育道德风尚奖")
    ORGANISATION = "organisation", _("集体优秀组织奖")
    CHOREOGRAPHY = "choreography", _("最佳编排")
    INNOVATION = "innovation", _("最佳创新")
    SHOW = "show", _("最佳展示")
    RANK_ONLY = "rank", _("名次")
    OTHER = "other", _("其他")


AWARD_ORDER = {value: order for order, value in enumerate(AwardType.values)}


class AwardQuerySet(models.QuerySet):
    def for_results(self):
        return self.select_related("entry__unit", "entry__item__age_group", "person").order_by(
            "entry__item__sort_order", "entry__item_id", "award_sort", "rank_sort", "entry__team_name"
        )

    def annotate_sort(self):
        whens = [models.When(award_type=value, then=models.Value(order)) for value, order in AWARD_ORDER.items()]
        return self.annotate(
            award_sort=models.Case(*whens, default=models.Value(99), output_field=models.IntegerField()),
            rank_sort=models.functions.Coalesce("rank", models.Value(999)),
        )


class Award(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("赛事"), on_delete=models.CASCADE, related_name="awards")
    entry = models.ForeignKey(Entry, verbose_name=_("报名队伍"), on_delete=models.CASCADE, related_name="awards")
    award_type = models.CharField(_("奖项"), max_length=16, choices=AwardType.choices)
    other_name = models.CharField(_("其他奖项名称"), max_length=40, blank=True, help_text=_("奖项选“其他”时填写"))
    rank = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True, help_text=_("例如 5 表示第五名；可与奖项同时填写"))
    score = models.DecimalField(_("成绩/得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    person = models.ForeignKey(
        "grassroots.Person", verbose_name=_("获奖个人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("个人奖项时填写；公开页面只显示姓名"),
    )
    certificate_number = models.CharField(_("证书编号"), max_length=30, blank=True, editable=False)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("成绩与奖项")
        verbose_name_plural = _("成绩与奖项")
        ordering = ("event", "entry__item", "rank", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("certificate_number",), condition=~Q(certificate_number=""), name="award_unique_certificate_number"
            ),
            models.UniqueConstraint(
                fields=("entry", "award_type", "other_name"), name="award_unique_type_per_entry",
                violation_error_message=_("这支队伍已经有这个奖项。"),
            ),
            models.CheckConstraint(
                condition=~Q(award_type="other") | ~Q(other_name=""),
                name="award_other_has_name", violation_error_message=_("奖项选“其他”时请填写奖项名称。"),
            ),
            models.CheckConstraint(
                condition=~Q(award_type="rank") | Q(rank__isnull=False),
                name="award_rank_only_has_rank", violation_error_message=_("只记名次时请填写名次。"),
            ),
        ]

    def __str__(self):
        return f"{self.entry.team_name} {self.label}"

    def save(self, *args, **kwargs):
        if self.entry_id and not self.event_id:
            self.event_id = self.entry.event_id
        super().save(*args, **kwargs)
        if not self.certificate_number:
            # Unique by construction: the year of the event and the award's own key.
            year = self.event.start_date.year if self.event_id else 0
            self.certificate_number = f"JCLT-{year}-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(certificate_number=self.certificate_number)

    def clean(self):
        super().clean()
        errors = {}
        if self.entry_id and self.event_id and self.entry.event_id != self.event_id:
            errors["entry"] = _("这支队伍报的是“%(other)s”，不是本赛事的队伍。") % {"other": self.entry.event.title}
        if self.award_type == AwardType.OTHER and not self.other_name:
            errors["other_name"] = _("奖项选“其他”时请填写奖项名称。")
        if self.award_type == AwardType.RANK_ONLY and not self.rank:
            errors["rank"] = _("只记名次时请填写名次。")
        if self.person_id and self.entry_id and not self.entry.members.filter(person_id=self.person_id).exists():
            errors["person"] = _("获奖个人必须是这支队伍的队员。")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        """优胜奖, 第五名, 优胜奖第一名, or the other award's own name."""
        return award_label(self.award_type, self.other_name, self.rank)


def award_label(award_type: str, other_name: str, rank: int | None) -> str:
    """Award.label from its three columns (the results table reads them without model instances)."""
    if award_type == AwardType.OTHER:
        name = other_name
    elif award_type == AwardType.RANK_ONLY:
        name = ""
    else:
        # Translated once per language, not per row of a results table (common.choices.labels).
        name = labels(AwardType).get(award_type, award_type)
    if rank:
        name += f"{chinese_ordinal(rank)}名"
    return name
