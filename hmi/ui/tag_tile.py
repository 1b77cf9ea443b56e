"""TagTile: a ValueTile bound to one configured tag."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from hmi.config.schema import TagConfig
from hmi.core.tags import Quality, TagValue
from hmi.ui import presenters
from widgets.value_tile import ValueTile


class TagTile(ValueTile):
    def __init__(
        self,
        tag: TagConfig,
        enums: dict[str, dict[int, str]],
        *,
        label: str | None = None,
        sparkline: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        numeric = tag.data_type in ("float", "int")
        super().__init__(
            label or tag.description or tag.id,
            tag.unit,
            decimals=presenters.decimals_for(tag),
            parent=parent,
            # A counter has no normal band: a bar would say nothing.
            show_deviation_bar=tag.data_type == "float" and tag.range is not None,
            show_sparkline=sparkline and numeric,
        )
        self.tag = tag
        self._enums = enums
        if tag.range is not None:
            self.set_scale(*tag.range)
        self.set_normal_band(*presenters.normal_band(tag))
        self.set_alarm_limits(*presenters.trip_limits(tag))
        self._why = ""  # why the value is not good, as the driver said; "" when it is
        self._named = f"{tag.id}: "
        self.setToolTip(self._tip())

    def _tip(self) -> str:
        tip = self.tr("{0}: double-click or long-press for its trend").format(self.tag.id)
        # Why a value is not good, in the driver's words (the PLC's own, untranslated).
        return f"{tip}\n{self._why}" if self._why else tip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setToolTip(self._tip())
        super().changeEvent(event)

    def show_value(self, value: TagValue) -> None:
        shown = value.value
        if self.tag.data_type == "enum" or isinstance(shown, bool):
            shown = presenters.value_text(self.tag, shown, self._enums)
        # The tile is labelled with its tag: a status that names it says the rest.
        status = value.status.removeprefix(self._named)
        self.set_value(
            shown,
            presenters.display_quality(value.quality),
            presenters.epoch_s(value),
            status,
        )
        why = "" if value.quality is Quality.GOOD else status
        if why != self._why:
            self._why = why
            self.setToolTip(self._tip())
        if value.quality.is_live:
            self.set_alarm(*presenters.alarm_state(self.tag, value.value))
        else:
            self.set_alarm(None)
