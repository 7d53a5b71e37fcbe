"""Specialist committees (专委会) and the logins tied to them."""

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_secretariat
from common.chinese import chinese_ordinal
from common.paths import object_path
from common.uploads import validate_image_upload
from grassroots.models import Project


class CommitteeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, query: str):
        """Committees whose name, short name, introduction or one of whose projects' names contains
        the query. The projects are matched in the link table by a subquery, so that a committee
        with two matching projects is one row without DISTINCT over whole committee rows."""
        by_project = Committee.projects.through.objects.filter(project__name__icontains=query).values("committee_id")
        q = models.Q(name__icontains=query) | models.Q(short_name__icontains=query) | models.Q(introduction__icontains=query)
        return self.filter(q | models.Q(pk__in=by_project))

    def for_user(self, user):
        """Staff: every committee. A committee officer: only the committee they are tied to."""
        if is_secretariat(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(officer_accounts__user_id=user.pk)


class Committee(models.Model):
    name = models.CharField(_("名称"), max_length=60, unique=True, help_text=_("例如：门球专项委员会"))
    short_name = models.CharField(_("简称"), max_length=20, blank=True, help_text=_("例如：门球专委会"))
    slug = models.SlugField(_("网址代号"), max_length=40, unique=True, help_text=_("用于网址，例如 menqiu"))
    projects = models.ManyToManyField(Project, verbose_name=_("负责项目"), blank=True, related_name="committees")
    introduction = models.TextField(_("简介"), blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    current_term = models.PositiveSmallIntegerField(_("当前届次"), default=1, help_text=_("第几届，例如 7 表示第七届"))
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True, help_text=_("公开显示的办公电话"))
    photo = models.ImageField(
        _("标志或照片"), upload_to="committees/%Y/", blank=True, validators=[validate_image_upload],
        help_text=_("JPG、PNG 或 WebP 图片；公开页面显示缩略图。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在设"), default=True)
    history = HistoricalRecords(m2m_fields=[projects])

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("专委会")
        verbose_name_plural = _("专委会")
        ordering = ("sort_order", "name")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return object_path("committees:committee_detail", self.slug, "slug")

    @property
    def term_label(self) -> str:
        return f"{chinese_ordinal(self.current_term)}届"

    @property
    def introduction_summary(self) -> str:
        """The introduction cut to 90 characters for the page's meta description (Django's truncatechars)."""
        return Truncator(self.introduction).chars(90)


class CommitteeOfficerAccount(models.Model):
    """Ties a login in the 专委会 group to the one committee it may manage in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="committee_account"
    )
    committee = models.ForeignKey(Committee, verbose_name=_("专委会"), on_delete=models.CASCADE, related_name="officer_accounts")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("专委会管理账号")
        verbose_name_plural = _("专委会管理账号")

    def __str__(self):
        return f"{self.user} · {self.committee}"


def officer_committee(user):
    """The committee a committee officer manages, or None. Cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_officer_committee_cache"):
        account = CommitteeOfficerAccount.objects.select_related("committee").filter(user_id=user.pk).first()
        user._officer_committee_cache = account.committee if account else None
    return user._officer_committee_cache
