"""Quotes (who says what) and directed relations between actors (who does what to whom)."""
