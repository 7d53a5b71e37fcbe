from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def can_use_recycle_bin(user) -> bool:
    """Whether the admin index offers the 回收站 link (the page itself checks again)."""
    from jinshi_laotixie.recycle_bin_views import bin_models_for

    return bool(bin_models_for(user))


# ---------------------------------------------------------------- Django pages inside the Jinja2 skeleton
# Public pages are Jinja2 templates (jinshi_laotixie/jinja_env.py); the portal, admin extras and login
# pages stay Django templates. These tags let the latter use the one skeleton, header, footer and pager.


class SlotNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        return self.nodelist.render(context)


class JinjaLayoutNode(template.Node):
    child_nodelists = ("nodelist",)  # so that {% extends %} finds the {% block %}s inside the slots

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        slots = {node.name: mark_safe(node.render(context)) for node in self.nodelist.get_nodes_by_type(SlotNode)}
        return render_jinja("includes/django_page.html", {"slots": slots}, context)


@register.tag
def jinja_layout(parser, token):
    """{% jinja_layout %}{% slot "title" %}…{% endslot %}…{% endjinja_layout %}: renders
    templates/jinja2/includes/django_page.html with each slot's output (templates/base.html)."""
    nodelist = parser.parse(("endjinja_layout",))
    parser.delete_first_token()
    return JinjaLayoutNode(nodelist)


@register.tag
def slot(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% slot \"name\" %} takes one quoted name")
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(bits[1].strip("\"'"), nodelist)


@register.simple_tag(takes_context=True)
def jinja_include(context, name):
    """{% jinja_include "includes/pagination.html" %}: a Jinja2 partial with this page's context."""
    return render_jinja(name, context.flatten(), context)


def render_jinja(name: str, values: dict, context) -> str:
    from django.template import engines

    request = context.get("request")
    return mark_safe(engines["jinja2"].get_template(name).render(values, request))
