"""Screens built the first time they are asked for, then kept.

A plant-sized line has a thousand stations or more; building every station screen at start
took most of the panel's start-up (tests/bench/startup.py) for screens an operator may never
open in a shift. `LazyScreens` is the main window's name -> screen mapping: every name is
known from the start (navigation, help, `show_screen` check them), a screen is built on its
first lookup, and only built screens ever see a value update.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

W = TypeVar("W")


class LazyScreens(Mapping[str, W], Generic[W]):
    """Names in their order; `build(name)` makes a screen not built yet (and is called
    once per name)."""

    def __init__(self, build: Callable[[str], W]) -> None:
        self._build = build
        self._order: dict[str, None] = {}  # every name, in order (a dict keeps it and looks up)
        self._built: dict[str, W] = {}
        self._lazy: set[str] = set()

    def add(self, name: str, screen: W) -> None:
        """A screen built already (the fixed screens: overview, trends, alarms, ...)."""
        self._order[name] = None
        self._built[name] = screen

    def add_lazy(self, name: str) -> None:
        """A screen built on its first lookup."""
        self._order[name] = None
        self._lazy.add(name)

    def __getitem__(self, name: str) -> W:
        screen = self._built.get(name)
        if screen is not None:
            return screen
        if name not in self._lazy:
            raise KeyError(name)
        screen = self._build(name)
        self._built[name] = screen
        self._lazy.discard(name)
        return screen

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def is_built(self, name: str) -> bool:
        return name in self._built

    def built(self) -> dict[str, W]:
        """The screens built so far (a copy: building one more does not change it)."""
        return dict(self._built)


class ScreenSubset(Mapping[str, W], Generic[W]):
    """A view of some of a LazyScreens' names (the main window's `stations`): looking one
    up builds it as the full mapping would."""

    def __init__(self, screens: LazyScreens[W], names: Mapping[str, object]) -> None:
        self._screens = screens
        self._names = names

    def __getitem__(self, name: str) -> W:
        if name not in self._names:
            raise KeyError(name)
        return self._screens[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def built(self) -> dict[str, W]:
        return {n: w for n, w in self._screens.built().items() if n in self._names}
