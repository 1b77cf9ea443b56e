"""Reusable Qt widgets for Lineside, in the ISA-101 style (grey unless abnormal, sizes in mm).

Never imports ``hmi`` or ``recipes`` (import-linter contract): the app converts its own
types at the boundary (e.g. ``DisplayQuality(tag_value.quality.value)``).

Modules: theme (palette, priorities, mm_to_px, TouchMetrics, app_stylesheet), quality,
value_tile, deviation_bar, sparkline, status_lamp, numeric_keypad, trend_plot (with
trend_pen, trend_axes, trend_toolbar), ring_buffer, long_press, age_clock, painting.
Import the module you need: this package does not import pyqtgraph until trend_plot is used.
"""
