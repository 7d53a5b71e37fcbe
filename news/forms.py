from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticlePhoto, Document, Section
from .numbers import parse_number


class ArticleDraftForm(forms.ModelForm):
    """What a correspondent or coordinator writes in the portal."""

    class Meta:
        model = Article
        fields = ("title", "section", "summary", "body", "cover", "cover_caption", "byline")
        widgets = {"cover": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.active()
        self.fields["body"].required = True
        self.fields["body"].error_messages["required"] = _("请写正文。")
        self.fields["title"].error_messages["required"] = _("请填写标题。")


class ReturnForm(forms.Form):
    review_note = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)


class DocumentForm(forms.ModelForm):
    """The number is typed as one string (any common bracket style) and parsed into its parts."""

    number = forms.CharField(
        label=_("文号"), max_length=60, help_text=_("例如 晋市老体字〔2023〕1号；[2023]、(2023)、﹝2023﹞ 及“第1号”也能识别。")
    )

    class Meta:
        model = Document
        fields = ("number", "title", "addressees", "signing_body", "signed_on", "body", "is_published", "published_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["number"] = self.instance.number

    def clean_number(self):
        parsed = parse_number(self.cleaned_data["number"])
        duplicate = Document.objects.filter(prefix=parsed.prefix, year=parsed.year, serial=parsed.serial)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError(
                _("文号 %(number)s 已经用过了（%(title)s），请核对序号。") % {"number": parsed, "title": duplicate.first().title},
                code="number_duplicate",
            )
        self.instance.prefix, self.instance.year, self.instance.serial = parsed.prefix, parsed.year, parsed.serial
        return str(parsed)


class PhotoForm(forms.ModelForm):
    class Meta:
        model = ArticlePhoto
        fields = ("image", "caption")
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}


PhotoFormSet = forms.inlineformset_factory(
    Article, ArticlePhoto, form=PhotoForm, extra=2, max_num=8, validate_max=True, can_delete=True
)
