"""Portal forms. Each takes the acting user and offers only what that user may act for."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image

from accounts.roles import is_secretariat
from common.identity import normalise_id_number, normalise_mobile
from common.uploads import validate_attachment_upload, validate_image_upload

from . import services
from .models import Organisation, OrgLevel, OrgStatus, Person, Project, SelfCheck, Team, Venue

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MAX_PHOTOS_PER_ITEM = 6


class ScopedFormMixin:
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    @property
    def staff(self) -> bool:
        return is_secretariat(self.user)

    def scoped_orgs(self, levels):
        return (
            Organisation.objects.for_user(self.user)
            .filter(level__in=levels, status=OrgStatus.ACTIVE)
            .select_related("parent")
            .order_by("member_unit__sort_order", "level", "sort_order", "name")
        )


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.level >= OrgLevel.VILLAGE and obj.parent_id:
            return f"{obj.parent.name} · {obj.name}"
        return obj.name


class OrganisationForm(ScopedFormMixin, forms.ModelForm):
    parent = OrgChoiceField(label=_("上级组织"), queryset=Organisation.objects.none())

    class Meta:
        model = Organisation
        fields = (
            "level", "parent", "name", "address", "contact_person", "contact_phone", "phone_public", "founded_on",
            "office_area_m2", "funding_mode", "has_sign", "rules_on_wall", "team_count", "activist_count", "introduction",
        )
        widgets = {"founded_on": DATE_WIDGET, "introduction": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"level": _("乡镇/街道的上级是县（市、区）老体协；行政村/社区的上级是乡镇/街道。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(OrgLevel.TOWNSHIP, OrgLevel.TOWNSHIP.label), (OrgLevel.VILLAGE, OrgLevel.VILLAGE.label)]
        self.fields["parent"].queryset = self.scoped_orgs((OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP))
        self.fields["contact_phone"].help_text = _("11位手机号。勾选“公开联系电话”后才会显示在“健身去哪儿”页面上。")

    def clean_contact_phone(self):
        return normalise_mobile(self.cleaned_data.get("contact_phone", ""))

    def clean(self):
        cleaned = super().clean()
        parent, name = cleaned.get("parent"), cleaned.get("name")
        if parent and name:
            clash = Organisation.objects.filter(parent=parent, name=name.strip())
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("“%(parent)s”下已有名为“%(name)s”的组织，请换一个名称。") % {"parent": parent.name, "name": name})
        return cleaned

    def validate_unique(self):
        # The duplicate name is reported on the name field in clean(); skip Django's generic message.
        exclude = self._get_validation_exclusions()
        exclude.update({"parent", "name"})
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)


class DissolveForm(forms.Form):
    dissolved_on = forms.DateField(label=_("撤销日期"), widget=DATE_WIDGET)
    confirm = forms.BooleanField(label=_("我确认撤销这个组织（记录会保留，不会删除）"))


class PersonForm(ScopedFormMixin, forms.ModelForm):
    organisation = OrgChoiceField(label=_("所属组织"), queryset=Organisation.objects.none())

    class Meta:
        model = Person
        fields = ("name", "gender", "birth_date", "id_number", "phone", "organisation", "role", "note", "is_active")
        widgets = {"birth_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.scoped_orgs((OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP, OrgLevel.VILLAGE))
        self.fields["id_number"].help_text = _("18位，最后一位可以是X。出生日期和性别须与身份证号一致。")
        self.keeps_hidden_id = bool(self.instance.pk and self.instance.id_number and not self.staff)
        if self.keeps_hidden_id:
            # A coordinator never gets the full number back, not even in the edit form.
            self.initial["id_number"] = ""
            self.fields["id_number"].help_text = _("已登记：%(masked)s。留空表示不修改；如需更正请输入完整的新号码。") % {
                "masked": self.instance.masked_id_number
            }
        if self.instance.pk and self.instance.phone and not self.staff:
            self.initial["phone"] = self.instance.phone

    def clean_id_number(self):
        value = normalise_id_number(self.cleaned_data.get("id_number", ""))
        if not value and self.keeps_hidden_id:
            return self.instance.id_number
        if value:
            message = services.duplicate_id_message(id_number=value, user=self.user, exclude_pk=self.instance.pk)
            if message:
                raise ValidationError(message)
        return value

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data.get("phone", ""))

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("id_number")  # reported by clean_id_number with a scoped message
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)


class VenueForm(ScopedFormMixin, forms.ModelForm):
    organisation = OrgChoiceField(label=_("所属组织"), queryset=Organisation.objects.none())
    projects = forms.ModelMultipleChoiceField(
        label=_("适合项目"), queryset=Project.objects.active(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Venue
        fields = ("organisation", "name", "address", "kind", "area_m2", "projects", "opening_hours", "is_public")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.scoped_orgs((OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP, OrgLevel.VILLAGE))

    def clean(self):
        cleaned = super().clean()
        org, name = cleaned.get("organisation"), cleaned.get("name")
        if org and name:
            clash = Venue.objects.filter(organisation=org, name=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("“%(org)s”已登记了名为“%(name)s”的场地。") % {"org": org.name, "name": name})
        return cleaned

    def validate_unique(self):
        exclude = self._get_validation_exclusions() | {"organisation", "name"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)


WEEKDAY_CHOICES = [(str(n), label) for n, label in enumerate(["周一", "周二", "周三", "周四", "周五", "周六", "周日"], start=1)]


class TeamForm(ScopedFormMixin, forms.ModelForm):
    organisation = OrgChoiceField(label=_("所属组织"), queryset=Organisation.objects.none())
    weekdays = forms.MultipleChoiceField(label=_("活动日"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Team
        fields = ("organisation", "project", "name", "leader", "member_count", "venue", "weekdays", "start_time", "end_time", "is_active")
        widgets = {"start_time": TIME_WIDGET, "end_time": TIME_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.scoped_orgs((OrgLevel.MEMBER_UNIT, OrgLevel.TOWNSHIP, OrgLevel.VILLAGE))
        self.fields["project"].queryset = Project.objects.active()
        self.fields["venue"].queryset = Venue.objects.for_user(self.user).order_by("name")
        self.fields["leader"].queryset = Person.objects.for_user(self.user).active().order_by("name")
        self.fields["leader"].required = False
        if self.instance.pk:
            self.initial["weekdays"] = list(self.instance.weekdays)

    def clean_weekdays(self):
        return "".join(sorted(self.cleaned_data.get("weekdays") or []))

    def clean(self):
        cleaned = super().clean()
        org, venue, leader = cleaned.get("organisation"), cleaned.get("venue"), cleaned.get("leader")
        if org and venue and venue.organisation.member_unit_id != org.member_unit_id:
            self.add_error("venue", _("请选择本单位的场地。"))
        if org and leader and leader.member_unit_id != org.member_unit_id:
            self.add_error("leader", _("请选择本单位的人员担任队长。"))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("结束时间必须晚于开始时间。"))
        name = cleaned.get("name")
        if org and name:
            clash = Team.objects.filter(organisation=org, name=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("“%(org)s”已有名为“%(name)s”的队伍。") % {"org": org.name, "name": name})
        return cleaned

    def validate_unique(self):
        exclude = self._get_validation_exclusions() | {"organisation", "name"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)


def refuse_pixel_bomb(upload) -> None:
    """Pillow refuses an absurd pixel count before common.uploads can measure it; say why."""
    try:
        upload.seek(0)
        with Image.open(upload):
            pass
    except Image.DecompressionBombError:
        raise ValidationError(
            _("图片像素过大，请缩小到 %(limit)d 万像素以内再上传。") % {"limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 10000},
            code="image_pixels",
        )
    except Exception:
        pass
    finally:
        upload.seek(0)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleImageInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_PHOTOS_PER_ITEM:
            raise ValidationError(_("每项最多上传 %(n)d 张照片。") % {"n": MAX_PHOTOS_PER_ITEM})
        errors, cleaned = [], []
        for upload in files:
            try:
                refuse_pixel_bomb(upload)
                validate_image_upload(upload)
            except ValidationError as exc:
                errors.append(ValidationError(_("“%(name)s”：%(error)s") % {"name": upload.name, "error": " ".join(exc.messages)}))
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


YES_NO_BLANK = [("", _("未填")), ("yes", _("达标")), ("no", _("未达标"))]
QUESTION_YES_NO = [("", _("未答")), ("yes", _("是")), ("no", _("否"))]


def _to_bool(value):
    return {"yes": True, "no": False}.get(value)


def _from_bool(value):
    return {True: "yes", False: "no"}.get(value, "")


class SelfCheckForm(forms.Form):
    """One page: a block per standard item (met, note, photos), then the questionnaire."""

    def __init__(self, *args, selfcheck: SelfCheck, items, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.selfcheck = selfcheck
        self.items = list(items)
        for item in self.items:
            answer = answers.get(item.pk)
            self.fields[f"met_{item.pk}"] = forms.ChoiceField(
                label=item.title, choices=YES_NO_BLANK, required=False, widget=forms.RadioSelect,
                initial=_from_bool(answer.met if answer else None),
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("说明"), required=False, max_length=300, initial=answer.note if answer else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"photos_{item.pk}"] = MultipleImageField(
                label=_("佐证照片"), help_text=_("JPG、PNG 或 WebP，每项最多 %(n)d 张。") % {"n": MAX_PHOTOS_PER_ITEM}
            )
        for name in SelfCheck.QUESTIONNAIRE:
            model_field = SelfCheck._meta.get_field(name)
            value = getattr(selfcheck, name)
            if isinstance(model_field, models.BooleanField):
                self.fields[name] = forms.ChoiceField(
                    label=model_field.verbose_name, choices=QUESTION_YES_NO, required=False, widget=forms.RadioSelect,
                    initial=_from_bool(value),
                )
            else:
                self.fields[name] = forms.IntegerField(label=model_field.verbose_name, required=False, min_value=0, max_value=9999, initial=value)
        self.fields["summary"] = forms.CharField(
            label=_("自查小结"), required=False, widget=forms.Textarea(attrs={"rows": 4}), initial=selfcheck.summary
        )

    def item_blocks(self):
        for item in self.items:
            yield {"item": item, "met": self[f"met_{item.pk}"], "note": self[f"note_{item.pk}"], "photos": self[f"photos_{item.pk}"]}

    def questionnaire_fields(self):
        return [self[name] for name in SelfCheck.QUESTIONNAIRE]

    def answers(self) -> dict[int, dict]:
        return {
            item.pk: {"met": _to_bool(self.cleaned_data.get(f"met_{item.pk}")), "note": self.cleaned_data.get(f"note_{item.pk}", "")}
            for item in self.items
        }

    def questionnaire(self) -> dict:
        data = {}
        for name in SelfCheck.QUESTIONNAIRE:
            value = self.cleaned_data.get(name)
            data[name] = _to_bool(value) if isinstance(self.fields[name], forms.ChoiceField) else value
        data["summary"] = self.cleaned_data.get("summary", "")
        return data

    def photos(self) -> list[tuple]:
        result = []
        for item in self.items:
            for upload in self.cleaned_data.get(f"photos_{item.pk}") or []:
                result.append((upload, item, item.title))
        return result


class RectificationReportForm(forms.Form):
    report = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"), help_text=_("请先下载模板，按模板的列填写。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_attachment_upload(upload)
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("请上传 Excel（.xlsx）文件。"))
        return upload
