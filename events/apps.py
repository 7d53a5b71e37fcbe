from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("赛事活动")

    def ready(self):
        from accounts.roles import Role, grant
        from common.registry import registry

        from . import hooks
        from .models import AgeGroup, Award, Entry, Event, Festival, Item

        for model in ("festival", "event", "agegroup", "item", "entry", "entrymember", "award"):
            grant(Role.SECRETARIAT, f"events.{model}")
        # Officers run their committee's events: items, age groups, entries and results.
        grant(Role.COMMITTEE_OFFICER, "events.event", ("view", "change"))
        for model in ("agegroup", "item", "award"):
            grant(Role.COMMITTEE_OFFICER, f"events.{model}")
        grant(Role.COMMITTEE_OFFICER, "events.entry", ("view", "change"))
        grant(Role.COMMITTEE_OFFICER, "events.entrymember", ("view",))
        grant(Role.COORDINATOR, "events.entry", ("view", "add", "change"))

        registry.register_search("events", hooks.search_events)

        from common.recycle_bin import recycle_bin

        # An entry deleted in the admin comes back from the bin with its members (and awards).
        recycle_bin.register(Entry)
        registry.register_workbench("events", hooks.workbench_tasks)
        registry.register_sitemap("events", hooks.EventSitemap)
        registry.register_sitemap("festivals", hooks.FestivalSitemap)

        # A renamed project changes the description of its events' stored VEVENTs.
        post_save.connect(hooks.refresh_project_calendar, sender="grassroots.Project", dispatch_uid="events-project-ical")
        for model in (Festival, Event, AgeGroup, Item, Entry, Award):
            post_save.connect(hooks.bump_events, sender=model, dispatch_uid=f"events-bump-save-{model.__name__}")
            post_delete.connect(hooks.bump_events, sender=model, dispatch_uid=f"events-bump-delete-{model.__name__}")
