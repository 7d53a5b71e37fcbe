from django import template

from common.thumbs import thumbnail

register = template.Library()


@register.simple_tag
def thumb(file, geometry, **options):
    """{% thumb article.cover "240x180" crop="center" format="JPEG" as im %}: im.url, im.width,
    im.height, or None (common/thumbs.py)."""
    return thumbnail(file, geometry, **options)
