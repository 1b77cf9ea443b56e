"""The fuzz suite: `pytest tests/fuzz --hypothesis-profile=long` (or LINESIDE_FUZZ=long)
explores with random seeds and many more examples than the derandomized CI run."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("long", deadline=None)
