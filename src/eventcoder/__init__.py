"""eventcoder: news articles in, PLOVER political events out."""

__version__ = "0.1.0"
