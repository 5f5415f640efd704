"""The REST API (django-ninja) under ``/api/``; its schema is served at ``/api/openapi.json``."""

from ninja import NinjaAPI

api = NinjaAPI(title="Accord", version="1", urls_namespace="api")
