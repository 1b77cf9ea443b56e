"""Lineside: line-side HMI and commissioning tool for lithium-ion cell production lines."""

__version__ = "0.1.0"
