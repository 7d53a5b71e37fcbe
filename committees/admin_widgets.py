"""A person picker for the officer forms that does not depend on grassroots' Person admin.

Django's autocomplete needs the Person admin and the view_person permission; committee officers
have neither (people belong to the units' coordinators), yet they must pick a person to appoint.
This widget reuses the admin's select2 autocomplete with our own JSON view, which returns names,
organisations and masked ID numbers only.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import reverse

from grassroots.models import Person

PAGE_SIZE = 20


class PersonAutocompleteSelect(AutocompleteSelect):
    url_name = "%s:committees_officer_person_autocomplete"

    def get_url(self):
        return reverse(self.url_name % self.admin_site.name)


def person_label(person) -> str:
    parts = [person.name, str(person.organisation)]
    if person.id_number:
        parts.append(person.masked_id_number)
    return " · ".join(parts)


def person_autocomplete_view(model_admin):
    def view(request):
        if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
            raise PermissionDenied
        term = (request.GET.get("term") or "").strip()[:50]
        if not term:
            return JsonResponse({"results": [], "pagination": {"more": False}})
        queryset = (
            Person.objects.active().filter(name__icontains=term).select_related("organisation").order_by("name", "pk")
        )
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page") or 1)
        return JsonResponse({
            "results": [{"id": str(p.pk), "text": person_label(p)} for p in page.object_list],
            "pagination": {"more": page.has_next()},
        })

    return view
