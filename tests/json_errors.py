"""What every API test asks of an error: its status, a JSON body, and a one-line ``detail``."""


def assert_json_error(response, status: int) -> str:
    """``response`` is a JSON error with ``status`` and a one-line ``detail``; returns the detail."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail
