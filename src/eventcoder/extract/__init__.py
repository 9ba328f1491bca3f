"""Extraction stages: actors, events, dates and places from parsed sentences."""
