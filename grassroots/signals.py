"""Clear the finder's cached pages whenever what it shows changes (admin edits included)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from common.cache import bump

from .models import Organisation, Project, Team, Venue


@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=Venue)
@receiver(post_save, sender=Team)
@receiver(post_save, sender=Project)
@receiver(post_delete, sender=Venue)
@receiver(post_delete, sender=Team)
@receiver(m2m_changed, sender=Venue.projects.through)
def finder_changed(sender, **kwargs):
    bump("grassroots")
