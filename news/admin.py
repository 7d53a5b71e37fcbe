"""Staff review news in the admin: publish, return with a note, withdraw; every version kept."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from common.admin_paging import CappedCountPaginator
from common.admin_rows import PlainActionCheckbox
from grassroots.admin import MemberUnitFilter

from . import services
from .csp import allow_editor
from .forms import DocumentForm, ReturnForm
from .models import Article, ArticleAttachment, ArticlePhoto, ArticleStatus, Document, DocumentAttachment, Section


class EditorAdminMixin:
    """The prose editor's import map is an inline script: allow its hash on the change form."""

    def changeform_view(self, request, *args, **kwargs):
        return allow_editor(super().changeform_view)(request, *args, **kwargs)


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "slug")


class ArticleResource(resources.ModelResource):
    class Meta:
        model = Article
        fields = ("id", "title", "section", "summary", "body", "byline", "unit", "committee", "event", "status", "published_at", "pinned")


class ArticleAttachmentInline(admin.TabularInline):
    model = ArticleAttachment
    extra = 0
    fields = ("title", "file", "sort_order")


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    fields = ("image", "caption", "sort_order")


class ArticleUnitFilter(MemberUnitFilter):
    """The eight member units, not every organisation of the tree (thousands at scale)."""

    parameter_name = "unit__id__exact"
    lookup = "unit_id"


@admin.register(Article)
class ArticleAdmin(PlainActionCheckbox, EditorAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ArticleResource]
    list_display = ("title", "section", "status", "unit", "author", "published_at", "pinned", "updated_at")
    list_filter = ("status", "section", "pinned", ArticleUnitFilter)
    list_select_related = ("section", "unit", "author")
    show_full_result_count = False
    paginator = CappedCountPaginator
    search_fields = ("title", "summary", "byline")
    date_hierarchy = "published_at"
    autocomplete_fields = ("author", "committee", "event")
    inlines = [ArticlePhotoInline, ArticleAttachmentInline]
    actions = ["publish_selected", "return_selected", "withdraw_selected"]
    readonly_fields = ("submitted_at", "reviewed_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "section", "summary", "body")}),
        (_("图片"), {"fields": ("cover", "cover_caption")}),
        (_("发布"), {"fields": ("status", "review_note", "published_at", "pinned")}),
        (_("来源"), {"fields": ("byline", "author", "unit", "committee", "event")}),
        (_("记录"), {"classes": ("collapse",), "fields": ("submitted_at", "reviewed_by", "created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        if obj.status == ArticleStatus.PUBLISHED:
            obj.published_at = obj.published_at or timezone.now()
            obj.reviewed_by = request.user
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("发布所选稿件"))
    def publish_selected(self, request, queryset):
        for article in queryset:
            services.article_publish(article=article, user=request.user)
        self.message_user(request, _("已发布 %(n)d 篇。") % {"n": queryset.count()}, messages.SUCCESS)

    @admin.action(description=_("退回所选稿件（需写审核意见）"))
    def return_selected(self, request, queryset):
        form = ReturnForm(request.POST if "review_note" in request.POST else None)
        if form.is_bound and form.is_valid():
            for article in queryset:
                services.article_return(article=article, user=request.user, note=form.cleaned_data["review_note"])
            self.message_user(request, _("已退回 %(n)d 篇，作者会看到审核意见。") % {"n": queryset.count()}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("退回稿件"),
            "form": form,
            "articles": queryset,
            "action": "return_selected",
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "news/admin/return_articles.html", context)

    @admin.action(description=_("撤下所选已发布稿件"))
    def withdraw_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=ArticleStatus.PUBLISHED):
            try:
                services.article_withdraw(article=article, user=request.user)
                count += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        self.message_user(request, _("已撤下 %(n)d 篇。") % {"n": count}, messages.SUCCESS)


class DocumentAttachmentInline(admin.TabularInline):
    model = DocumentAttachment
    extra = 1
    fields = ("title", "file", "sort_order")


@admin.register(Document)
class DocumentAdmin(EditorAdminMixin, SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ("number_display", "title", "signed_on", "is_published")
    list_filter = ("year", "prefix", "is_published")
    search_fields = ("title", "prefix", "addressees")
    inlines = [DocumentAttachmentInline]

    @admin.display(description=_("文号"), ordering="year")
    def number_display(self, obj):
        return obj.number
