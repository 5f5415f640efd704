"""How the API's lists are paged: ``?limit=`` (default 100) and ``?offset=``, each bounded.

django-ninja's own limit-offset pagination bounds neither from above, and a number past the database's 64-bit integers
(``?limit=10**25``) reached the SQL and failed there (500). Here the schema says how far each goes, and a value beyond
is refused like any other parameter of the wrong shape (422). ``NINJA_PAGINATION_CLASS`` in the settings names it.
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 10_000  # items in one page
MAX_OFFSET = 1_000_000_000  # more rows than any table of a forum will hold


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
