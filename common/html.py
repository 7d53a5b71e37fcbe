"""The one HTML allowlist for every rich-text body (articles, documents, about pages), applied with nh3.

django-prose-editor sanitises only in forms and full_clean(), so models also call sanitize_rich_text() in
save(): objects.create(), imports and admin actions are covered too.
"""

import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# No style or class attribute anywhere: inline styles can hide text (display:none, font-size:0).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
    strip_comments=True,
)

# What the editor may produce (django-prose-editor extensions); the allowlist above covers it.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


def sanitize_rich_text(html: str) -> str:
    cleaned = _cleaner.clean(html or "").strip()
    # ProseMirror always leaves one empty paragraph; an empty body should be empty.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def html_to_text(html: str) -> str:
    """Plain text of a body for summaries, search and feeds."""
    from html import unescape

    text = html or ""
    for tag in ("</p>", "<br>", "</li>", "</h2>", "</h3>", "</h4>", "</tr>", "</blockquote>"):
        text = text.replace(tag, tag + "\n")
    return unescape(strip_tags(text)).strip()


def text_to_html(text: str) -> str:
    """Plain text (e.g. the seed document) to paragraphs."""
    from django.utils.html import escape

    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
