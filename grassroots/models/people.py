from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from common.choices import Gender
from common.identity import mask_id_number, mask_mobile, normalise_id_number, normalise_mobile, parse_id_number, validate_mobile

from .organisations import Organisation, acting_unit


class PersonRole(models.TextChoices):
    MEMBER = "member", _("会员")
    ACTIVIST = "activist", _("健身骨干")
    INSTRUCTOR = "instructor", _("社会体育指导员")
    CAPTAIN = "captain", _("队长")
    REFEREE = "referee", _("裁判员")
    COACH = "coach", _("教练员")
    OFFICER = "officer", _("协会工作人员")


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """People of the organisations the user may act for (see Organisation.for_user)."""
        if is_secretariat(user):
            return self
        unit = acting_unit(user)
        if unit is None:
            return self.none()
        return self.filter(member_unit_id=unit.pk)


class Person(models.Model):
    """A member or activist. Personal data here (ID, phone, birth date) never reaches public pages."""

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True, validators=[validate_mobile])
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属组织"), on_delete=models.PROTECT, related_name="people"
    )
    member_unit = models.ForeignKey(
        Organisation, verbose_name=_("所属会员单位"), on_delete=models.PROTECT, related_name="+",
        null=True, editable=False,
    )
    role = models.CharField(_("身份"), max_length=20, choices=PersonRole.choices, default=PersonRole.MEMBER)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ("member_unit_id", "name", "pk")  # walks the (member_unit, name) index; see bench/README.md
        constraints = [
            models.UniqueConstraint(
                fields=("id_number",), condition=~Q(id_number=""), name="person_unique_id_number",
                violation_error_message=_("这个身份证号已经登记过。"),
            ),
        ]
        indexes = [models.Index(fields=("member_unit", "name")), models.Index(fields=("organisation", "name"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.id_number = normalise_id_number(self.id_number)
        self.member_unit_id = self.organisation.member_unit_id if self.organisation_id else None
        super().save(*args, **kwargs)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def masked_phone(self) -> str:
        return mask_mobile(self.phone) if self.phone else ""

    def clean(self):
        super().clean()
        self.id_number = normalise_id_number(self.id_number)
        self.phone = normalise_mobile(self.phone)
        errors = {}
        if self.id_number:
            try:
                facts = parse_id_number(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
            else:
                if self.birth_date and self.birth_date != facts.birth_date:
                    errors["birth_date"] = _("出生日期与身份证号不一致：身份证号显示为 %(date)s。") % {
                        "date": facts.birth_date.isoformat()
                    }
                if self.gender and self.gender != facts.gender:
                    errors["gender"] = _("性别与身份证号不一致：身份证号显示为%(gender)s。") % {
                        "gender": Gender(facts.gender).label
                    }
        if errors:
            raise ValidationError(errors)
