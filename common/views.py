from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def placeholder(request, title=None, **kwargs):
    """A plain page for a section that is not built yet, so no navigation link ever fails."""
    return render(request, "placeholder.html", {"title": title or _("此栏目")}, status=200)
