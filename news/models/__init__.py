from .articles import Article, ArticleAttachment, ArticlePhoto, ArticleQuerySet, ArticleStatus
from .documents import Document, DocumentAttachment, DocumentQuerySet
from .sections import Section

__all__ = [
    "Article",
    "ArticleAttachment",
    "ArticlePhoto",
    "ArticleQuerySet",
    "ArticleStatus",
    "Document",
    "DocumentAttachment",
    "DocumentQuerySet",
    "Section",
]
