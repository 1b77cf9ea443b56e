"""Tests of the `lineside` commissioning commands."""
