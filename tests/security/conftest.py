"""Fixtures of the security tests: the demo loaded once per module.

The demo is loaded once for each module inside a transaction rolled back when the module ends; each test runs in a
savepoint of its own, and each request of the authorization matrix in a savepoint of its own inside it, so that what
one request writes is gone before the next.
"""

import pytest


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""
