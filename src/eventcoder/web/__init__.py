"""The web layer: ``create_app`` builds the FastAPI app behind ``eventcoder serve`` (API and explorer page)."""

from eventcoder.web.app import create_app

__all__ = ["create_app"]
