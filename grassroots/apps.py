from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "grassroots"
    verbose_name = _("基层组织")

    def ready(self):
        from accounts.roles import Role, grant
        from common.registry import registry

        from . import hooks, signals  # noqa: F401 - connects the finder's cache clearing

        for model in ("organisation", "person", "venue", "team"):
            grant(Role.SECRETARIAT, f"grassroots.{model}")
        grant(Role.SECRETARIAT, "grassroots.project")
        grant(Role.SECRETARIAT, "grassroots.unitassignment")
        for model in ("organisation", "person", "venue", "team"):
            grant(Role.COORDINATOR, f"grassroots.{model}", ("view", "add", "change"))
        grant(Role.COMMITTEE_OFFICER, "grassroots.person", ("view",))
        grant(Role.COMMITTEE_OFFICER, "grassroots.project", ("view",))
        for model in ("standard", "standarditem", "campaign", "selfcheck", "selfcheckanswer", "evidencephoto",
                      "inspection", "inspectionscore", "rectification"):
            grant(Role.SECRETARIAT, f"grassroots.{model}")
        for model in ("selfcheck", "selfcheckanswer", "evidencephoto"):
            grant(Role.COORDINATOR, f"grassroots.{model}", ("view", "add", "change"))
        grant(Role.COORDINATOR, "grassroots.rectification", ("view", "change"))

        registry.register_search("grassroots", hooks.search_venues_and_teams)

        from common.recycle_bin import recycle_bin

        from .models import Person

        # A person without dependent records may be deleted in the admin; the bin brings them back.
        recycle_bin.register(Person)
        registry.register_workbench("grassroots", hooks.workbench_tasks)
        registry.register_sitemap("grassroots", hooks.FinderSitemap)
