"""Pages of a long public list without counting it.

Django's Paginator runs ``COUNT(*)`` over the whole filtered list on every page view. Over 20,000
articles or 5,000 events that count was the largest single cost of the list pages at scale (3.8 ms
of a 15 ms news page, after VACUUM; 19 ms before), and readers never needed the total: they read
the first pages and go on with 下一页. A page here fetches one row more than it shows, which says
whether there is a next page. The pager then reads 第 N 页 without 共 M 页 (includes/pagination.html).
"""

from collections.abc import Sequence

from django.http import Http404
from django.utils.translation import gettext as _


class CountlessPage(Sequence):
    """What templates use of Django's Page: iteration, object_list, number, has_next/previous and
    their numbers. ``paginator`` is None, which tells the pager that the total is unknown."""

    paginator = None

    def __init__(self, object_list: list, number: int, per_page: int, has_next: bool):
        self.object_list = object_list
        self.number = number
        self.per_page = per_page
        self._has_next = has_next

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def page_number(value) -> int:
    """The requested page: anything that is not a positive whole number means the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


# Far beyond any real list: such a number is a typo or a probe (and an offset past 2**63 is an
# error in the database, not an empty page).
MAX_PAGE = 100_000


def requested_page(value) -> int:
    """page_number(), and 404 for a number past MAX_PAGE."""
    number = page_number(value)
    if number > MAX_PAGE:
        raise Http404(_("没有这一页。"))
    return number


def page_from_rows(rows: list, number: int, per_page: int) -> CountlessPage:
    """The page from up to per_page + 1 rows fetched at its offset (the extra row says there is a
    next page). A page past the end answers 404, as a page that does not exist should; an empty
    first page is an empty list."""
    if not rows and number > 1:
        raise Http404(_("没有这一页。"))
    return CountlessPage(rows[:per_page], number, per_page, has_next=len(rows) > per_page)


def countless_page(queryset, number, per_page: int) -> CountlessPage:
    """One page of ``queryset`` (which must be ordered) in one query."""
    number = requested_page(number)
    offset = (number - 1) * per_page
    return page_from_rows(list(queryset[offset : offset + per_page + 1]), number, per_page)
