"""The benchmark's baseline: a view that does nothing, behind the full middleware stack.

Its requests per second are the ceiling of this server on this machine; `make bench` states every
public page as a fraction of it, measured in the same run.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def baseline(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
