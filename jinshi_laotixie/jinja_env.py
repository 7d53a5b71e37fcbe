"""The Jinja2 environment of the public pages.

Why two template engines: at scale the public pages spent 30-60 % of their server time in Django's
template engine (bench.profile): the news list 5.3 of 9.2 ms, the events list 10 of 19 ms. Jinja2
compiles a template to Python once per process and renders the same markup several times faster,
so the public pages, which every reader requests, are Jinja2 templates in ``templates/jinja2/``; the admin,
the coordinators' portal and the login pages keep Django templates in ``templates/`` (crispy forms
and the admin need them). Both share one page skeleton: ``templates/base.html`` hands its blocks to
``templates/jinja2/base.html`` through the ``{% jinja_layout %}`` tag (``site_tags``).

What the public templates have besides Jinja2's own: the globals ``url``, ``static``, ``thumb``,
``object_path``, ``_``/``gettext``/``ngettext`` (with %(name)s formatting) and the filters ``date``
(Django's date formats), ``urlencode``, ``linebreaks``, ``linebreaksbr``, ``highlight`` and
``default_if_none``. Django's safe strings (``mark_safe``, form widgets) carry ``__html__`` and are
not escaped twice.
"""

import functools

from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.html import linebreaks as _linebreaks
from django.utils.safestring import SafeData
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup, escape

from common.paths import object_path
from common.search import highlight as mark_words
from common.thumbs import thumbnail


@functools.lru_cache(maxsize=1024)
def _reversed(name: str, args: tuple, kwargs: tuple, script_prefix: str) -> str:
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def url(name: str, *args, **kwargs) -> str:
    """{{ url('news:section', 'dongtai') }}: reverse() with positional or keyword arguments.

    Remembered per process: the URLconf does not change while a process runs, and the header and
    footer alone reverse 11 routes on every page (common/paths.py does the same for object links)."""
    try:
        return _reversed(name, args, tuple(sorted(kwargs.items())), get_script_prefix())
    except TypeError:  # an unhashable argument: reverse it the long way
        return reverse(name, args=args or None, kwargs=kwargs or None)


# The formats the public pages use most, written out: Django's dateformat builds a formatter object
# and resolves lazy translations for every call (0.1 ms each, 20 per list page).
_FAST_DATE_FORMATS = {
    "Y年n月j日": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "n月j日": lambda d: f"{d.month}月{d.day}日",
    "Y-m-d": lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
    "c": lambda d: d.isoformat(),
    "Y年n月j日 H:i": lambda d: f"{d.year}年{d.month}月{d.day}日 {d.hour:02d}:{d.minute:02d}",
}


# {{ static('css/site.css') }}, remembered per process: the manifest of hashed names is read once when
# a process starts, and every page looks up six files.
static_url = functools.lru_cache(maxsize=512)(static)


_translated: dict[tuple[str | None, str], str] = {}


def gettext_remembered(message: str) -> str:
    """gettext, remembered per language and message: catalogues are loaded once per process, and
    every page translates its header and footer (19 lookups) on each request."""
    key = (get_language(), message)
    try:
        return _translated[key]
    except KeyError:
        text = _translated[key] = gettext(message)
        return text


_translated_markup: dict[tuple[str | None, str, bool], Markup] = {}


def translate(message: str, **variables) -> Markup:
    """{{ _('…') }} and {{ _('每队 %(n)s 人', n=…) }}: what Jinja's newstyle gettext returns, the
    translation as markup formatted with its variables escaped (always formatted, so that "%%" reads
    the same with and without variables), in one call. Jinja's own ``_`` passes through three calls
    of its context and formats the markup again each time, and a public page translates 20-60
    messages (py-spy: 5-6 % of the event page's and the finder's CPU). Remembered per language."""
    key = (get_language(), message, not variables)
    markup = _translated_markup.get(key)
    if markup is None:
        markup = Markup(gettext(message))
        if not variables:
            markup = markup % {}
        _translated_markup[key] = markup
    return markup % variables if variables else markup


def date(value, format_string: str = "Y年n月j日") -> str:
    """Django's |date: the same format characters, local time for aware datetimes; '' for None."""
    if value in (None, ""):
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    fast = _FAST_DATE_FORMATS.get(format_string)
    if fast is not None:
        return fast(value)
    return dateformat.format(value, format_string)


def urlencode(value) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="/")


def linebreaks(value) -> Markup:
    """Paragraphs and <br> from plain text, escaped first (Django's |linebreaks)."""
    return Markup(_linebreaks(str(value or ""), autoescape=True))


def linebreaksbr(value) -> Markup:
    text = normalize_newlines(str(escape(value or "")))
    return Markup(text.replace("\n", "<br>"))


def highlight(text, query) -> str:
    """The query's words marked in a hit (search page): safe HTML from the news provider
    is kept as it is, plain text is escaped first."""
    if isinstance(text, SafeData):
        return text
    return mark_words(str(text or ""), str(query or ""))


def default_if_none(value, default=""):
    return default if value is None else value


_fragments: dict[tuple, Markup] = {}


@pass_context
def fixed_include(context, template_name: str, *key) -> Markup:
    """{{ fixed_include("includes/header.html", request.path == url('home')) }}: an include whose
    markup depends only on the language, the site's name and contact, the URLconf and ``key``,
    rendered once per process for each. The header and footer are the same on every public page
    and took 0.2-0.3 ms of each one's rendering (25 translations, 12 links)."""
    fragment_key = (
        template_name, get_language(), get_script_prefix(), context.get("SITE_NAME"),
        repr(context.get("SITE_CONTACT")), key,
    )
    markup = _fragments.get(fragment_key)
    if markup is None:
        html = context.environment.get_template(template_name).render(context.get_all())
        markup = _fragments.setdefault(fragment_key, Markup(html))
    return markup


def environment(**options) -> Environment:
    # Lenient like Django's templates, with DEBUG on or off: a missing value renders empty, also along
    # a chain (a.b.c). (Django's backend would pick DebugUndefined or Undefined by DEBUG.)
    options["undefined"] = ChainableUndefined
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext_remembered, ngettext, newstyle=True)
    # Templates autoescape (Django's Jinja2 backend), which translate() assumes.
    env.globals["_"] = translate
    env.globals.update(url=url, static=static_url, thumb=thumbnail, object_path=object_path, fixed_include=fixed_include)
    env.filters.update(
        date=date, urlencode=urlencode, linebreaks=linebreaks, linebreaksbr=linebreaksbr,
        highlight=highlight, default_if_none=default_if_none,
    )
    return env
