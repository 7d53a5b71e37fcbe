"""news/bulk.py: articles with shared covers and search text computed like save(), at a tiny scale."""

import io

from django.core.management import call_command
from django.db import connection

from common.search import run_query
from news import bulk
from news.models import Article, Document


def seed(*extra):
    call_command("seed_bulk", "--scale", "0.002", "--force", "--quiet-progress", *extra, stdout=io.StringIO())


def test_counts_follow_the_scale():
    assert bulk.counts(1) == {"articles": 20_000, "documents": 2_000}


def test_bulk_articles_match_what_save_would_store(db):
    seed()
    assert bulk.bulk_counts() == {"articles": 40, "documents": 4}
    covers = set(Article.objects.filter(byline__endswith=bulk.MARK).exclude(cover="").values_list("cover", flat=True))
    assert 0 < len(covers) <= bulk.COVER_COUNT  # a few files shared, not one per article
    article = Article.objects.filter(byline__endswith=bulk.MARK).order_by("pk").first()
    stored = (article.search_text, article.search_vector if connection.vendor == "postgresql" else None)
    article.save()  # the real path recomputes both
    article.refresh_from_db()
    assert article.search_text.split() == stored[0].split()
    if connection.vendor == "postgresql":
        assert article.search_vector == stored[1]
    assert len(article.body_text) > 300  # realistic length
    document = Document.objects.filter(signing_body__endswith=bulk.MARK).order_by("pk").first()
    text = document.search_text
    document.save()
    document.refresh_from_db()
    assert document.search_text.split() == text.split()
    assert run_query(Article.objects.published(), "老年人体育").exists()


def test_reset_keeps_other_articles(db):
    from news.models import Section

    own = Article.objects.create(title="自己的稿件", section=Section.objects.first(), body="<p>正文</p>", byline="通讯员")
    seed()
    call_command("seed_bulk", "--delete", "--force", stdout=io.StringIO())
    assert not bulk.has_data()
    assert list(Article.objects.values_list("pk", flat=True)) == [own.pk]
