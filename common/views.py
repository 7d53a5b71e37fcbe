from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def placeholder(request, title=_("此栏目"), **kwargs):
    """A plain page for a section that is not built yet, so no navigation link ever fails."""
    return render(request, "placeholder.html", {"title": title}, status=200)
