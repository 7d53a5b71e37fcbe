"""Small helpers to make news rows in tests."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, ArticleStatus, Document, Section

_counter = itertools.count(1)


def section(slug="dongtai"):
    return Section.objects.get(slug=slug)


def article(*, title=None, status=ArticleStatus.PUBLISHED, section_slug="dongtai", published_at=None, **extra):
    n = next(_counter)
    if status == ArticleStatus.PUBLISHED and published_at is None:
        published_at = timezone.now() - timezone.timedelta(minutes=n)
    return Article.objects.create(
        title=title or f"测试新闻{n}",
        section=section(section_slug),
        body=extra.pop("body", f"<p>第{n}篇测试新闻的正文。</p>"),
        status=status,
        published_at=published_at,
        **extra,
    )


def document(*, serial=None, prefix="晋市老体字", year=2023, **extra):
    n = next(_counter)
    return Document.objects.create(
        prefix=prefix,
        year=year,
        serial=serial or n,
        title=extra.pop("title", f"测试文件{n}"),
        body=extra.pop("body", "<p>文件正文。</p>"),
        **extra,
    )


def image_upload(name="photo.jpg", size=(800, 450), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#b22222").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="file.pdf"):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
