"""Clear the cached committee pages (and the about page's leadership) whenever their content changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from common.cache import bump


def bump_committees(sender, **kwargs):
    bump("committees")


def bump_if_officer(sender, instance, **kwargs):
    # A renamed person shows under the new name on committee pages.
    if instance.pk and instance.officer_positions.exists():
        bump("committees")


def connect():
    from grassroots.models import Person, Project

    from .models import Committee, Officer

    for model in (Committee, Officer):
        post_save.connect(bump_committees, sender=model, dispatch_uid=f"committees.bump.save.{model.__name__}")
        post_delete.connect(bump_committees, sender=model, dispatch_uid=f"committees.bump.delete.{model.__name__}")
    m2m_changed.connect(bump_committees, sender=Committee.projects.through, dispatch_uid="committees.bump.projects")
    post_save.connect(bump_committees, sender=Project, dispatch_uid="committees.bump.project")
    post_save.connect(bump_if_officer, sender=Person, dispatch_uid="committees.bump.person")
