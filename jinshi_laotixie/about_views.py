from django.shortcuts import get_object_or_404, render

from common.cache import public_page

from .models import SitePage


@public_page("site")
def about_page(request, slug):
    page = get_object_or_404(SitePage.objects.published(), slug=slug)
    siblings = SitePage.objects.published().only("slug", "title")
    return render(request, "about_page.html", {"page": page, "siblings": siblings})
