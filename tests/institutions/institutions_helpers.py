"""What the institutions tests share: reading a page, its errors and tables; the events of a plan by title."""

import lxml.html

from accord.institutions.models import PlanEvent


def html(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    """The one-line reasons the page gives for a refused action."""
    return [text(item) for item in html(response).cssselect("#errors li")]


def event(title: str) -> PlanEvent:
    """The demo's event with this English title (in the plan for 2021 when two years have one)."""
    return PlanEvent.objects.filter(titles__en=title).order_by("-plan__year").first()


def counts(page, table_id: str) -> dict[str, dict[str, int]]:
    """A dashboard table as {row key: {status: count, "total": n}}; the key is the row's data attribute."""
    rows = {}
    for row in page.cssselect(f"table#{table_id} tbody tr"):
        key = row.get("data-dimension") or row.get("data-state") or row.get("data-year")
        if key is None:
            continue
        cells = {cell.get("data-status"): int(text(cell)) for cell in row.cssselect("td[data-status]")}
        cells["total"] = int(text(row.cssselect("td.total")[0]))
        rows[key] = cells
    return rows
