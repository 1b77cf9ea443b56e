"""Alembic migrations of the plant database, run by `open_plant_db` (never by hand)."""
