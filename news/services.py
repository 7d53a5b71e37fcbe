"""Workflow of an article: write, send for review, publish or return with a note, withdraw."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator, is_correspondent, is_secretariat

from .models import Article, ArticleStatus
from .models.articles import EDITABLE_STATUSES


def can_write(user) -> bool:
    """Correspondents, coordinators and staff may write drafts in the portal."""
    return is_correspondent(user) or is_coordinator(user) or is_secretariat(user)


def can_review(user) -> bool:
    return is_secretariat(user)


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """The writer sends a draft (or a returned article) for review. Sending twice is harmless."""
    article = _locked(article)
    if article.author_id != user.pk:
        raise PermissionDenied
    if article.status == ArticleStatus.PENDING:
        return article
    if article.status not in EDITABLE_STATUSES:
        raise ValidationError(_("这篇稿件已经发布，不能再送审。"))
    if not article.body.strip():
        raise ValidationError({"body": _("正文是空的，请写好正文再送审。")})
    article.status = ArticleStatus.PENDING
    article.submitted_at = timezone.now()
    article.full_clean()
    article._change_reason = "送审"
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, user, published_at: dt.datetime | None = None) -> Article:
    """Staff publish; a future time schedules it. Keeps an earlier time when re-publishing."""
    if not can_review(user):
        raise PermissionDenied
    article = _locked(article)
    if article.status == ArticleStatus.PUBLISHED and published_at is None:
        return article
    article.status = ArticleStatus.PUBLISHED
    article.published_at = published_at or article.published_at or timezone.now()
    article.reviewed_by = user
    article.full_clean()
    article._change_reason = "发布"
    article.save()
    return article


@transaction.atomic
def article_return(*, article: Article, user, note: str) -> Article:
    """Staff send the article back to its writer with a note saying what to change."""
    if not can_review(user):
        raise PermissionDenied
    note = (note or "").strip()
    if not note:
        raise ValidationError({"review_note": _("退回时请写明审核意见，告诉作者要改什么。")})
    article = _locked(article)
    article.status = ArticleStatus.RETURNED
    article.review_note = note
    article.reviewed_by = user
    article.full_clean()
    article._change_reason = "退回"
    article.save()
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user, note: str = "") -> Article:
    """Staff take a published article off the site; it goes back to its writer as returned."""
    if not can_review(user):
        raise PermissionDenied
    article = _locked(article)
    article.status = ArticleStatus.RETURNED
    article.review_note = (note or "").strip() or _("已撤下。")
    article.reviewed_by = user
    article._change_reason = "撤下"
    article.save()
    return article
