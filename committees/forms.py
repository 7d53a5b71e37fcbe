from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grassroots.models import Project

from .models import Committee
from .services import check_committee_projects


class CommitteeAdminForm(forms.ModelForm):
    # All projects, retired ones included, so a retired one gets our explanation, not "invalid choice".
    projects = forms.ModelMultipleChoiceField(
        label=_("负责项目"),
        queryset=Project.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("项目库中没有“%(value)s”这个项目，请从列表中选择。"),
            "invalid_pk_value": _("“%(pk)s”不是有效的项目编号。"),
        },
    )

    class Meta:
        model = Committee
        fields = (
            "name", "short_name", "slug", "projects", "introduction", "photo", "founded_on", "current_term",
            "contact_person", "contact_phone", "sort_order", "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer active projects and those already linked; a retired one posted anyway gets clean_projects' message.
        linked = set(self.instance.projects.values_list("pk", flat=True)) if self.instance.pk else set()
        self.fields["projects"].widget.choices = [
            (p.pk, p.name if p.is_active else _("%(name)s（已停用）") % {"name": p.name})
            for p in Project.objects.all()
            if p.is_active or p.pk in linked
        ]

    def clean_projects(self):
        projects = self.cleaned_data.get("projects")
        if projects:
            try:
                check_committee_projects(committee=self.instance, projects=projects)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["projects"]) from None
        return projects
