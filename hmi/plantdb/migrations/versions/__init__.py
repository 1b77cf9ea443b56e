"""Revisions: one file each, applied in order up to head."""
