from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.models import Person

from .models import Item


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        # A person registered without an ID number has no masked number: no empty part, no stray comma.
        parts = (person.get_gender_display(), f"{person.birth_date:%Y年%m月}", person.masked_id_number)
        return f"{person.name}（{'，'.join(part for part in parts if part)}）"


class EntryForm(forms.Form):
    """A team entry: the item, the team, its members, and optionally one person added on the spot."""

    item = forms.ModelChoiceField(queryset=Item.objects.none(), label=_("比赛项目"), empty_label=_("请选择项目"))
    team_name = forms.CharField(label=_("队名"), max_length=100, help_text=_("例如：泽州县柔力球队"))
    routine_title = forms.CharField(label=_("自选套路名称"), max_length=60, required=False, help_text=_("自选套路请填写，例如《兵哥哥》"))
    leader_name = forms.CharField(label=_("领队"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("领队手机"), max_length=20, required=False)
    members = MemberChoiceField(
        queryset=Person.objects.none(), label=_("队员"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("从本单位登记的人员中勾选"),
    )
    new_name = forms.CharField(label=_("新队员姓名"), max_length=50, required=False)
    new_id_number = forms.CharField(
        label=_("新队员身份证号"), max_length=18, required=False,
        help_text=_("名单里没有的人可在这里登记：出生日期和性别按身份证号自动填写"),
    )
    new_phone = forms.CharField(label=_("新队员手机号"), max_length=20, required=False)

    def __init__(self, *args, items, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: item.display_name + (f"（{item.age_group}）" if item.age_group_id else "")
        self.fields["members"].queryset = people
        for name, field in self.fields.items():
            if name != "members":
                field.widget.attrs.setdefault("class", "form-select" if name == "item" else "form-control")
        self.fields["new_id_number"].widget.attrs["autocomplete"] = "off"
        self.fields["contact_phone"].widget.attrs["inputmode"] = "tel"
        self.fields["new_phone"].widget.attrs["inputmode"] = "tel"

    def clean(self):
        data = super().clean()
        if bool(data.get("new_name")) != bool(data.get("new_id_number")):
            if not data.get("new_name"):
                self.add_error("new_name", _("登记新队员请同时填写姓名和身份证号。"))
            else:
                self.add_error("new_id_number", _("登记新队员请同时填写姓名和身份证号。"))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("退回原因"), max_length=200)


class ResultsImportForm(forms.Form):
    file = forms.FileField(label=_("成绩表（Excel .xlsx）"), help_text=_("列：项目、单位、队名、奖项、名次、成绩。有一行出错则整表不导入。"))
