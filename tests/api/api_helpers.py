"""What the REST API tests share: bearer tokens made by the real `accord token` command, error checks, uploads."""

import io
from pathlib import Path

from django.core.management import call_command

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"

# A small declaration no other test imports, for uploads that should succeed.
STATEMENT = """SWG/2021/DRAFT/1

**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**

We, the members of the Special Working Group,

*Recalling* the Almaty Act of 2002,

1. *Welcome* the progress made in the implementation of confidence building measures;

2. *Decide* to meet again in 2022.
""".encode()


def bearer_headers(username: str) -> dict[str, str]:
    """``Authorization: Bearer …`` with a new token printed by `accord token USERNAME`."""
    out = io.StringIO()
    call_command("token", username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}


def assert_json_error(response, status: int) -> str:
    """``response`` is a JSON error with ``status`` and a one-line ``detail``; returns the detail."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail
