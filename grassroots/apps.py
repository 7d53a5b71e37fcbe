from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "grassroots"
    verbose_name = _("基层组织")

    def ready(self):
        from accounts.roles import Role, grant

        for model in ("organisation", "person", "venue", "team"):
            grant(Role.SECRETARIAT, f"grassroots.{model}")
        grant(Role.SECRETARIAT, "grassroots.project")
        grant(Role.SECRETARIAT, "grassroots.unitassignment")
        for model in ("organisation", "person", "venue", "team"):
            grant(Role.COORDINATOR, f"grassroots.{model}", ("view", "add", "change"))
        grant(Role.COMMITTEE_OFFICER, "grassroots.person", ("view",))
        grant(Role.COMMITTEE_OFFICER, "grassroots.project", ("view",))
