"""Writers' pages under /portal/news/: their own drafts only (another writer's answers 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.models.organisations import acting_unit

from . import services
from .csp import allow_editor
from .forms import ArticleDraftForm, PhotoFormSet
from .models import Article
from .selectors import writer_articles


def _writer_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not services.can_write(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_writer_required
def draft_list(request):
    return render(request, "news/portal/draft_list.html", {"articles": writer_articles(request.user)})


def _save_and_maybe_submit(request, form, photos):
    with transaction.atomic():
        article = form.save(commit=False)
        if article.pk is None:
            article.author = request.user
            article.unit = acting_unit(request.user)
            if not article.byline:
                article.byline = request.user.display_name
        article.save()
        photos.instance = article
        photos.save()
    if "submit" in request.POST or request.GET.get("send") == "1":
        try:
            services.article_submit(article=article, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("news_portal:draft_edit", pk=article.pk)
        messages.success(request, _("已送审，审核结果会显示在“我的稿件”里。"))
    else:
        messages.success(request, _("草稿已保存。"))
    return redirect("news_portal:draft_list")


@_writer_required
@allow_editor
def draft_create(request):
    form = ArticleDraftForm(request.POST or None, request.FILES or None)
    photos = PhotoFormSet(request.POST or None, request.FILES or None, instance=Article())
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        return _save_and_maybe_submit(request, form, photos)
    return render(request, "news/portal/draft_form.html", {"form": form, "photos": photos, "article": None})


@_writer_required
@allow_editor
def draft_edit(request, pk):
    article = get_object_or_404(Article.objects.by_writer(request.user), pk=pk)
    if not article.is_editable_by_writer:
        messages.info(request, _("这篇稿件在审核中或已发布，不能再修改；如需修改请联系秘书处。"))
        return redirect("news_portal:draft_list")
    form = ArticleDraftForm(request.POST or None, request.FILES or None, instance=article)
    photos = PhotoFormSet(request.POST or None, request.FILES or None, instance=article)
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        return _save_and_maybe_submit(request, form, photos)
    return render(request, "news/portal/draft_form.html", {"form": form, "photos": photos, "article": article})


@_writer_required
@require_POST
def draft_submit(request, pk):
    article = get_object_or_404(Article.objects.by_writer(request.user), pk=pk)
    try:
        services.article_submit(article=article, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已送审。"))
    return redirect("news_portal:draft_list")


@_writer_required
def draft_preview(request, pk):
    article = get_object_or_404(Article.objects.by_writer(request.user).select_related("section", "unit"), pk=pk)
    return render(request, "news/portal/draft_preview.html", {"article": article})
