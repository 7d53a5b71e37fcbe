"""Rich text: one editor configuration and one sanitiser, applied on every path that saves HTML.

django-prose-editor sanitises only in forms and full_clean(), so models call sanitize_rich_text()
in save() as well: objects.create(), imports and admin actions are covered too.
"""

import nh3

# What the editor offers; the sanitiser allows exactly what these produce.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False},
    "Image": True,
    "Table": True,
    "HardBreak": True,
}

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "u", "s", "h2", "h3", "ul", "ol", "li", "blockquote", "hr", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes=_ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_rich_text(html: str) -> str:
    """Strip scripts, event handlers, javascript: links, inline styles and frames; keep the text."""
    if not html:
        return ""
    cleaned = _CLEANER.clean(html).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned
