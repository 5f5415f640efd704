"""Signing in: the authentication backend, demo users, and the throttle on failed logins.

The throttle counts failed logins per user name and per client address in the database, so it holds across
several server processes: after ``ACCORD_LOGIN_ATTEMPTS`` failures within ``ACCORD_LOGIN_WINDOW_SECONDS``, that user
name from that address cannot log in, even with the right password, until the window has passed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from .models import LoginFailure, User


def client_address(request) -> str:
    """The client's address as the server saw it (behind a proxy, the proxy must set REMOTE_ADDR)."""
    return (request.META.get("REMOTE_ADDR") or "unknown")[:45] if request is not None else "unknown"


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.ACCORD_LOGIN_WINDOW_SECONDS)


def login_blocked(username: str, address: str) -> bool:
    """True when this user name from this address has failed too often within the window."""
    recent = LoginFailure.objects.filter(username=username.casefold(), address=address, at__gte=_window_start())
    return recent.count() >= settings.ACCORD_LOGIN_ATTEMPTS


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username=username.casefold(), address=address)


class AccordBackend(ModelBackend):
    """Django's model backend, with the throttle and without demo users outside demo mode."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return None
        address = client_address(request)
        if login_blocked(username, address):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(username, address)
        return user

    def get_user(self, user_id):
        """The signed-in user of a request, with the State they belong to: every page asks what it may show them."""
        try:
            user = User.objects.select_related("delegation__state").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.ACCORD_DEMO_MODE:
            return False
        return super().user_can_authenticate(user)
