"""News rows for the authorization matrix (issue 10) and the expected status per role."""

from django.urls import reverse

from news.models import Article, ArticleAttachment, ArticleStatus, Document, DocumentAttachment, Section


def make_world(world: dict) -> None:
    from django.utils import timezone

    from .factories import pdf_upload

    section = Section.objects.get(slug="jiceng")
    world["article_zezhou"] = Article.objects.create(
        title="泽州县老体协活动",
        section=section,
        body="<p>公开的新闻。</p>",
        unit=world["zezhou"],
        author=world["correspondent"],
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=1),
    )
    world["article_attachment"] = ArticleAttachment.objects.create(article=world["article_zezhou"], file=pdf_upload("报名表.pdf"))
    world["draft_correspondent"] = Article.objects.create(
        title="泽州通讯员的草稿",
        section=section,
        body="<p>草稿正文。</p>",
        unit=world["zezhou"],
        author=world["correspondent"],
        status=ArticleStatus.DRAFT,
    )
    world["draft_gaoping"] = Article.objects.create(
        title="高平联络员的草稿",
        section=section,
        body="<p>草稿正文。</p>",
        unit=world["gaoping"],
        author=world["gaoping_coord"],
        status=ArticleStatus.DRAFT,
    )
    world["document"] = Document.objects.create(prefix="晋市老体字", year=2023, serial=99, title="公开文件", body="<p>正文</p>")
    world["document_attachment"] = DocumentAttachment.objects.create(document=world["document"], file=pdf_upload("附件.pdf"))


_PUBLIC = {"anonymous": 200, "no_role": 200, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 200, "staff": 200}
_WRITERS = {"anonymous": 302, "no_role": 403, "zezhou": 200, "gaoping": 200, "correspondent": 200, "committee": 403, "staff": 200}
# The correspondent's own draft: only its writer; everyone else who may write gets 404.
_OWN_DRAFT = {
    "anonymous": 302,
    "no_role": 403,
    "zezhou": 404,
    "gaoping": 404,
    "correspondent": 200,
    "committee": 403,
    "staff": 404,
}


def _public(kwargs=None):
    return {"kwargs": kwargs or (lambda w: {}), "get": dict(_PUBLIC), "post": None}


AUTHZ_ROWS = {
    # django-import-export answers a GET of process_import with 405 before it checks permissions, so
    # the committee officer (staff, without news permissions) gets 405 there, and 403 on POST.
    "admin:news_article_process_import": {
        "get": {**dict.fromkeys(_PUBLIC, 302), "committee": (403, 405), "staff": (200, "redirect", 400, 405)},
        "post": {**dict.fromkeys(_PUBLIC, 302), "committee": 403, "staff": (200, "redirect", 400)},
    },
    "news:article_list": _public(),
    "news:feed": _public(),
    "news:section": _public(lambda w: {"slug": "jiceng"}),
    "news:section_feed": _public(lambda w: {"slug": "jiceng"}),
    "news:article_detail": _public(lambda w: {"pk": w["article_zezhou"].pk}),
    "news:article_attachment": _public(lambda w: {"pk": w["article_attachment"].pk}),
    "news:short": {
        "kwargs": lambda w: {"pk": w["article_zezhou"].pk},
        "get": dict.fromkeys(_PUBLIC, "redirect"),  # to the article, not to a login page
        "post": None,
    },
    "news:document_list": _public(),
    "news:document_detail": _public(lambda w: {"pk": w["document"].pk}),
    "news:document_attachment": _public(lambda w: {"pk": w["document_attachment"].pk}),
    "news_portal:draft_list": {"kwargs": lambda w: {}, "get": dict(_WRITERS), "post": None},
    # An empty POST re-shows the form with its errors (200).
    "news_portal:draft_create": {"kwargs": lambda w: {}, "get": dict(_WRITERS), "post": dict(_WRITERS)},
    "news_portal:draft_edit": {
        "kwargs": lambda w: {"pk": w["draft_correspondent"].pk},
        "get": dict(_OWN_DRAFT),
        "post": dict(_OWN_DRAFT),
    },
    "news_portal:draft_preview": {"kwargs": lambda w: {"pk": w["draft_correspondent"].pk}, "get": dict(_OWN_DRAFT), "post": None},
    # POST only: a GET is 405 for writers; the writer's POST sends it for review and redirects.
    "news_portal:draft_submit": {
        "kwargs": lambda w: {"pk": w["draft_correspondent"].pk},
        "get": {**_OWN_DRAFT, "zezhou": 405, "gaoping": 405, "correspondent": 405, "staff": 405},
        "post": {**_OWN_DRAFT, "correspondent": "redirect"},
    },
}

# Free-text fields shown on pages (the body is sanitised HTML by design: Article.save() cleans it).
XSS_TARGETS = [
    {
        "object": "article_zezhou",
        "fields": ["title", "summary", "byline", "cover_caption"],
        "urls": [
            lambda w: reverse("news:article_detail", args=[w["article_zezhou"].pk]),
            lambda w: reverse("news:article_list"),
        ],
        "role": "anonymous",
    },
    {
        "object": "draft_correspondent",
        "fields": ["title", "review_note"],
        "urls": [lambda w: reverse("news_portal:draft_list")],
        "role": "correspondent",
    },
    {
        "object": "document",
        "fields": ["title", "addressees", "signing_body"],
        "urls": [lambda w: reverse("news:document_detail", args=[w["document"].pk]), lambda w: reverse("news:document_list")],
        "role": "anonymous",
    },
]
FILTER_PARAMS = [
    {"url": lambda w: reverse("news:article_list"), "params": ["page"], "statuses": (200, 404)},
    {"url": lambda w: reverse("news:section", args=["jiceng"]), "params": ["page"], "statuses": (200, 404)},
    {"url": lambda w: reverse("news:document_list"), "params": ["page"], "statuses": (200, 404)},
]
