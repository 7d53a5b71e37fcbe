from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("培训工作")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.roles import Role, grant
        from common.cache import bump
        from common.registry import registry

        from . import registry_hooks
        from .models import Course

        for model in ("course", "nomination", "qualification"):
            grant(Role.SECRETARIAT, f"training.{model}")
        registry.register_search("training", registry_hooks.search_courses)
        registry.register_workbench("training", registry_hooks.workbench_tasks)
        registry.register_sitemap("training", registry_hooks.CourseSitemap)

        def course_changed(sender, **kwargs):
            bump("training")

        post_save.connect(course_changed, sender=Course, weak=False, dispatch_uid="training_course_saved")
        post_delete.connect(course_changed, sender=Course, weak=False, dispatch_uid="training_course_deleted")
