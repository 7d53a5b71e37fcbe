from .articles import Article, ArticleAttachment, ArticleQuerySet, ArticleStatus
from .documents import Document, DocumentAttachment, DocumentQuerySet
from .sections import Section

__all__ = [
    "Article",
    "ArticleAttachment",
    "ArticleQuerySet",
    "ArticleStatus",
    "Document",
    "DocumentAttachment",
    "DocumentQuerySet",
    "Section",
]
