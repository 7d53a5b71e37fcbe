import io

import pytest
from django.core.management import call_command
from PIL import Image

from news.models import Article, Document, Section

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_covers_every_section():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    counts = (Article.objects.count(), Document.objects.count())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (Article.objects.count(), Document.objects.count()) == counts
    published = Article.objects.published()
    for section in Section.objects.all():
        assert published.filter(section=section).exists(), section.slug
    assert all(article.cover for article in published)
    with Image.open(published.first().cover) as image:
        assert image.size == (1200, 675)
    document = Document.objects.get(prefix="晋市老体字", year=2023, serial=1)
    assert document.number == "晋市老体字〔2023〕1号"
    assert document.signed_on_chinese == "二〇二三年三月三日"
    assert "晋城市第五届老年文体艺术节" in document.body and "奋力推进老年体育事业再上新台阶" in document.body
    assert document.addressees.startswith("各县（市、区）")
    from common.uploads import sniff_attachment

    attachment = document.attachments.get()
    with attachment.file.open("rb") as handle:
        assert sniff_attachment(handle) == "docx"
