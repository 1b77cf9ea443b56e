"""Dew point and humidity ratio, Magnus formula over ice (DOMAIN.md 1.1 dew-point table).

Coefficients 6.112 hPa, 22.46, 272.62 °C (Sonntag/WMO, over ice); at 1013.25 hPa they give
-40 °C td = 0.079 g/kg and -60 °C td = 0.0066 g/kg, the table's values.
"""

from __future__ import annotations

import math

P_ATM_HPA = 1013.25
_E0_HPA = 6.112
_A = 22.46
_B_C = 272.62
_EPSILON = 0.622  # molar mass ratio water / dry air


def vapour_pressure_hpa(dew_point_c: float) -> float:
    return _E0_HPA * math.exp(_A * dew_point_c / (_B_C + dew_point_c))


def humidity_ratio_kg_kg(dew_point_c: float, pressure_hpa: float = P_ATM_HPA) -> float:
    """kg water per kg dry air at this dew point."""
    e_hpa = vapour_pressure_hpa(dew_point_c)
    return _EPSILON * e_hpa / (pressure_hpa - e_hpa)


def dew_point_c(humidity_ratio: float, pressure_hpa: float = P_ATM_HPA) -> float:
    """The inverse of `humidity_ratio_kg_kg`."""
    ratio = max(humidity_ratio, 1e-9)
    e_hpa = ratio * pressure_hpa / (_EPSILON + ratio)
    x = math.log(e_hpa / _E0_HPA)
    return _B_C * x / (_A - x)


def ppmv(humidity_ratio: float) -> float:
    return humidity_ratio / _EPSILON * 1e6
