"""What training offers the site-wide pages: search hits, workbench tasks, a sitemap."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator, is_secretariat
from common.choices import Level, labels
from common.compiled import CompiledQuery
from common.paths import object_path
from common.registry import SearchHit, WorkbenchTask
from grassroots.models.organisations import acting_unit

from .models import Course
from .selectors import expiring_qualifications


def _courses_matching(text):
    return (
        Course.objects.published().filter(title__icontains=text)
        .order_by("-starts_on", "-pk")
        .values_list("pk", "title", "level", "organiser", "starts_on")
    )


# Compiled once per process (common/compiled.py); the query's text is escaped into the LIKE pattern.
_COURSES = CompiledQuery(_courses_matching)


def search_courses(request, query, limit):
    levels = labels(Level)
    kind = _("培训")
    return [
        SearchHit(kind=kind, title=title, url=object_path("training:course_detail", pk),
                  snippet=f"{levels.get(level, level)} · {organiser}", date=starts_on)
        for pk, title, level, organiser, starts_on in _COURSES.first(limit, text=query)
    ]


def workbench_tasks(request):
    user = request.user
    staff = is_secretariat(user)
    if not staff and not (is_coordinator(user) and acting_unit(user) is not None):
        return []
    tasks = []
    today = timezone.localdate()
    for course in Course.objects.open_for_nomination(today).order_by("nomination_closes")[:10]:
        tasks.append(WorkbenchTask(
            title=_("推荐人员参加：%(title)s") % {"title": course.title},
            url=reverse("training_portal:nominate", args=[course.pk]), due=course.nomination_closes, kind=_("培训"),
        ))
    # The earliest expiry is the task's date, so the workbench sorts it and send_reminders mails it.
    expiring = expiring_qualifications(user, today).order_by().aggregate(n=Count("id"), first=Min("expires_on"))
    if expiring["n"]:
        tasks.append(WorkbenchTask(
            title=_("%(n)d项资格证书将在90天内到期") % {"n": expiring["n"]}, url=reverse("training_portal:reminders"), kind=_("培训"),
            due=expiring["first"],
            note=_("请提醒本人及时复训或换证。"),
        ))
    return tasks


class CourseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Course.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, course):
        return course.updated_at
