from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("专委会")

    def ready(self):
        from accounts.roles import Role, grant
        from common.registry import registry

        from . import signals
        from .search import search_committees
        from .sitemaps import CommitteeSitemap

        signals.connect()
        # Staff manage everything here; a committee officer edits their own committee's record
        # and officers (CommitteeScopedAdminMixin limits the rows), never adds or deletes committees.
        grant(Role.SECRETARIAT, "committees.committee")
        grant(Role.SECRETARIAT, "committees.officer")
        grant(Role.SECRETARIAT, "committees.committeeofficeraccount")
        grant(Role.COMMITTEE_OFFICER, "committees.committee", ("view", "change"))
        grant(Role.COMMITTEE_OFFICER, "committees.officer")
        registry.register_search("committees", search_committees)
        registry.register_sitemap("committees", CommitteeSitemap)
