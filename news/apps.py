from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("新闻与文件")

    def ready(self):
        from accounts.roles import Role, grant
        from common.registry import registry

        from . import search, sitemaps

        for model in ("section", "article", "articleattachment", "document", "documentattachment"):
            grant(Role.SECRETARIAT, f"news.{model}")
        registry.register_search("news", search.search_articles)

        from common.recycle_bin import recycle_bin

        from .models import Article
        from .models.counters import connect

        connect()  # photo and attachment counts (news.models.counters)
        # An article deleted in the admin comes back from the bin with its attachments and photos.
        recycle_bin.register(Article)
        registry.register_search("documents", search.search_documents)
        registry.register_sitemap("news-sections", sitemaps.SectionSitemap)
        registry.register_sitemap("news-articles", sitemaps.ArticleSitemap)
        registry.register_sitemap("news-documents", sitemaps.DocumentSitemap)
        registry.register_workbench("news", workbench_tasks)


def workbench_tasks(request):
    """Returned drafts for their writer; articles waiting for review for staff."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accounts.roles import is_secretariat
    from common.registry import WorkbenchTask

    from .models import Article, ArticleStatus

    user = request.user
    tasks = [
        WorkbenchTask(
            title=_("稿件被退回：%(title)s") % {"title": article.title},
            url=reverse("news_portal:draft_edit", kwargs={"pk": article.pk}),
            due=article.updated_at,
            kind=_("新闻"),
            note=article.review_note,
        )
        for article in Article.objects.by_writer(user).filter(status=ArticleStatus.RETURNED)[:20]
    ]
    if is_secretariat(user):
        tasks += [
            WorkbenchTask(
                title=_("待审核稿件：%(title)s") % {"title": article.title},
                url=reverse("admin:news_article_change", args=[article.pk]),
                due=article.submitted_at,
                kind=_("新闻"),
            )
            for article in Article.objects.pending_review().order_by("submitted_at")[:20]
        ]
    return tasks
