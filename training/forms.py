from django import forms
from django.utils.translation import gettext_lazy as _


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_gender_display()}，{obj.birth_date:%Y}年生，{obj.organisation.name}）"


class NominationForm(forms.Form):
    people = PersonChoiceField(
        label=_("推荐人员"), queryset=None, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("请至少选择一名人员。"), "invalid_choice": _("所选人员不在可推荐名单中（可能已被推荐，或不属于本单位）。")},
        help_text=_("只列出本单位尚未推荐参加这个培训班的人员。"),
    )

    def __init__(self, *args, people_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people_queryset


class RosterImportForm(forms.Form):
    file = forms.FileField(label=_("花名册 Excel 文件（.xlsx）"), help_text=_("第1行为培训班编号，第2行为表头；可先导出花名册作为模板。"))
