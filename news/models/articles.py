"""Articles (新闻稿件): written by correspondents, coordinators or staff, reviewed, published."""

import html
import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from common.cache import bump
from common.html import RICH_TEXT_EXTENSIONS, html_to_text, sanitize_rich_text
from common.paths import object_path
from common.search import index_text, vector_expression
from common.uploads import validate_image_upload

from .attachments import AttachmentBase
from .counters import COUNTER_FIELDS, without_counters
from .sections import Section


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("退回")


_TAG = re.compile(r"<[^>]*>?")

# What a list row shows (ArticleQuerySet.for_list): the body, its search text and vector stay out
# (``lead`` reads ``body_head``), and fewer columns are also less SQL for Django to compile.
LIST_FIELDS = (
    "pk", "title", "summary", "cover", "published_at", "updated_at", "pinned", "status", "byline", "section_id", "unit_id",
    "section__name", "section__slug", "unit__name", "unit__short_name",
)
# Enough HTML for a 90-character lead even when the body opens with tags.
LEAD_SOURCE_CHARS = 600
LEAD_CHARS = 90
# What Django's Truncator ends a cut text with in zh-hans (its translation of "%(truncated_text)s…"
# is "%(truncated_text)s..."): the leads stay what they were when Truncator made them.
LEAD_ELLIPSIS = "..."

# States in which the writer may still edit and (re)send the article.
EDITABLE_STATUSES = (ArticleStatus.DRAFT, ArticleStatus.RETURNED)


def cut_lead(text: str, limit: int = LEAD_CHARS) -> str:
    """``Truncator(text).chars(limit)`` of whitespace-collapsed text, without its cost (a lazy object
    and a translation lookup per call, 0.05 ms; 16 per list page): ``limit`` characters at most,
    the last ones being the ellipsis. Text with combining marks, which Truncator counts differently,
    goes to Truncator itself."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= limit:
        return text
    if any(map(unicodedata.combining, text[: limit + 1])):
        from django.utils.text import Truncator

        return Truncator(text).chars(limit)
    return text[: limit - len(LEAD_ELLIPSIS)] + LEAD_ELLIPSIS


def lead_of(summary: str, body_head: str) -> str:
    """The summary, or the start of an article's HTML as plain text (tags out, entities decoded).
    A regular expression does it; Django's strip_tags runs an HTML parser and cost 3 ms a list page."""
    if summary:
        return summary
    return cut_lead(" ".join(html.unescape(_TAG.sub(" ", body_head or "")).split()))


def body_lead(body: str) -> str:
    """cut_lead() of the body's plain text (html_to_text: an HTML parser, 0.1 ms for a short article),
    read from the paragraphs that hold its first LEAD_CHARS characters when they do: the lead is the
    same, the parser reads less."""
    end = (body or "").find("</p>", LEAD_SOURCE_CHARS // 3)
    if end >= 0:
        text = " ".join(html_to_text(body[: end + len("</p>")]).split())
        if len(text) > LEAD_CHARS:
            return cut_lead(text)
    return cut_lead(" ".join(html_to_text(body).split()))


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a future publication time means scheduled, not shown yet."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def newest_first(self):
        return self.order_by("-pinned", "-published_at", "-pk")

    def by_writer(self, user):
        """A writer's own articles; nobody else's, whatever their role."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(author_id=user.pk)

    def pending_review(self):
        return self.filter(status=ArticleStatus.PENDING)

    def titles(self):
        """Rows for a list of titles with their dates (the home page): nothing else is read."""
        return self.only("pk", "title", "published_at", "cover", "cover_caption", "pinned", "section_id", "summary")

    def for_list(self):
        """Rows for a list: without the body, its search text and vector (several kilobytes each,
        read from TOAST and sent for nothing), but with the body's start for ``lead``."""
        return (
            self.select_related("section", "unit")
            .only(*LIST_FIELDS)
            .annotate(body_head=Left("body", LEAD_SOURCE_CHARS))
        )


class Article(models.Model):
    title = models.CharField(_("标题"), max_length=120)
    section = models.ForeignKey(Section, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="articles")
    summary = models.CharField(
        _("摘要"), max_length=200, blank=True, help_text=_("列表和微信分享里显示的一两句话；不填则取正文开头。")
    )
    body = ProseEditorField(_("正文"), config={"extensions": RICH_TEXT_EXTENSIONS}, sanitize=sanitize_rich_text, blank=True)
    cover = models.ImageField(
        _("封面图片"),
        upload_to="news/covers/%Y/%m/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPG、PNG 或 WebP 照片，横图最好，不超过 8 MB。"),
    )
    cover_caption = models.CharField(_("图片说明"), max_length=120, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_articles",
    )
    byline = models.CharField(
        _("署名"), max_length=60, blank=True, help_text=_("页面上显示的作者或来源，例如“泽州县老体协 张三”。")
    )
    unit = models.ForeignKey(
        "grassroots.Organisation",
        verbose_name=_("发布单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_articles",
    )
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("相关专委会"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("相关赛事活动"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("报道某项赛事时选择它，文章会出现在该赛事页面的“相关新闻”里。"),
    )
    status = models.CharField(_("状态"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    review_note = models.TextField(_("审核意见"), blank=True, help_text=_("退回时写明要修改什么，作者能看到。"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("送审时间"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("发布时间"), null=True, blank=True, db_index=True, help_text=_("填将来的时间即为定时发布，到时才显示。")
    )
    pinned = models.BooleanField(_("置顶"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Search: raw and segmented text (icontains / trigram), and the weighted tsvector (PostgreSQL).
    search_text = models.TextField(_("检索文本"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # How many photos and attachments the article has (news.models.counters keeps them): the page
    # asks for them only when there are some, and most articles have none.
    photo_count = models.PositiveSmallIntegerField(_("照片数"), default=0, editable=False)
    attachment_count = models.PositiveSmallIntegerField(_("附件数"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector", *COUNTER_FIELDS])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("新闻稿件")
        verbose_name_plural = _("新闻稿件")
        ordering = ("-pinned", "-published_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("已发布的稿件必须有发布时间。"),
            ),
        ]
        indexes = [
            # The article page's previous and next links read (status, published_at, id) in order
            # (news.selectors.article_links), as do the feeds and sitemaps by publication time.
            models.Index(fields=("status", "published_at", "id"), name="article_status_pub"),
            # The lists' order (-pinned, -published_at, -pk) for published rows: a backward scan
            # reads one page instead of sorting 20,000 articles (bench, issue 9).
            models.Index(fields=("status", "pinned", "published_at", "id"), name="article_list_order"),
            models.Index(fields=("section", "status", "published_at", "id"), name="article_section_pub"),
            models.Index(fields=("author", "status"), name="article_author_status"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Sanitise here so that every path (forms, admin, import, objects.create) is covered.
        self.body = sanitize_rich_text(self.body)
        self.title = (self.title or "").strip()
        self.search_text = index_text(self.title, f"{self.summary}\n{self.body_text}")
        super().save(*args, **without_counters(self, kwargs))
        if connections[self._state.db or "default"].vendor == "postgresql":
            type(self).objects.filter(pk=self.pk).update(
                search_vector=vector_expression(self.title, f"{self.summary}\n{self.body_text}")
            )
        bump("news")

    def get_absolute_url(self):
        return object_path("news:article_detail", self.pk)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump("news")
        return result

    def get_share_url(self):
        return object_path("news:short", self.pk)

    @property
    def body_text(self) -> str:
        return html_to_text(self.body)

    @property
    def lead(self) -> str:
        """The summary, or the start of the body (from ``body_head`` on a list row, whose body was
        not loaded: reading it would cost one query per row)."""
        if self.summary:
            return self.summary
        if "body" in self.__dict__:
            return body_lead(self.body)
        return lead_of("", getattr(self, "body_head", ""))

    @property
    def is_live(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_editable_by_writer(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ArticleAttachment(AttachmentBase):
    article = models.ForeignKey(Article, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("稿件附件")
        verbose_name_plural = _("稿件附件")

    def get_absolute_url(self):
        return object_path("news:article_attachment", self.pk)


class ArticlePhoto(models.Model):
    """More photos of an article, shown under the text (the cover is the first photo)."""

    article = models.ForeignKey(Article, verbose_name=_("稿件"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("照片"),
        upload_to="news/photos/%Y/%m/",
        validators=[validate_image_upload],
        help_text=_("JPG、PNG 或 WebP 照片，不超过 8 MB。"),
    )
    caption = models.CharField(_("照片说明"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("稿件照片")
        verbose_name_plural = _("稿件照片")
        ordering = ("sort_order", "pk")

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        bump("news")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump("news")
        return result
