"""The fixed header: line, user, clock, PLC health, alarm banner; and the lost-PLC banner.

The alarm banner shows the alarm engine's summary (hmi.alarms: ISA-18.2 states, the most
urgent unacknowledged alarm first). A panel without a plant database has no engine; there
the banner falls back to annunciating the tags beyond their configured limits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hmi.alarms import AlarmSummary as EngineSummary
from hmi.alarms import AlarmView
from hmi.config.schema import LineConfig, TagConfig
from hmi.core.tags import TagValue
from hmi.forward import LinkStatus
from hmi.security import User
from hmi.ui import presenters
from widgets.alarm_banner import AlarmBanner, BannerAlarm
from widgets.quality import format_age
from widgets.retranslating import Retranslating
from widgets.status_lamp import ConnectionState, LampState, StatusLamp
from widgets.theme import AlarmPriority, metrics, palette

_LINK_STATES = {
    "connected": ConnectionState.CONNECTED,
    "connecting": ConnectionState.CONNECTING,
    "lost": ConnectionState.LOST,
}


class AlarmSummary:
    """Tags beyond their configured limits, worst first (the banner without an engine)."""

    def __init__(self, tags: Mapping[str, TagConfig]) -> None:
        self._tags = {tag_id: tag for tag_id, tag in tags.items() if tag.alarm is not None}
        self.active: dict[str, tuple[AlarmPriority, str]] = {}

    def update(self, changed: Mapping[str, TagValue]) -> None:
        for tag_id, value in changed.items():
            tag = self._tags.get(tag_id)
            if tag is None:
                continue
            priority, text = presenters.alarm_state(tag, value.value)
            if priority is not None and value.quality.is_live:
                self.active[tag_id] = (priority, text)
            else:
                self.active.pop(tag_id, None)

    def worst(self) -> tuple[str, AlarmPriority, str] | None:
        if not self.active:
            return None
        tag_id, (priority, text) = min(self.active.items(), key=lambda item: item[1][0].value)
        return tag_id, priority, text

    def counts(self) -> dict[AlarmPriority, int]:
        counts = dict.fromkeys(AlarmPriority, 0)
        for priority, _ in self.active.values():
            counts[priority] += 1
        return counts


class Header(Retranslating, QFrame):
    def __init__(self, config: LineConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self._config = config
        m = metrics()
        outer = QVBoxLayout(self)
        gap = m.gap_px(self)
        outer.setContentsMargins(gap, gap // 2, gap, gap // 2)
        row = QHBoxLayout()
        outer.addLayout(row)
        self.line_label = QLabel(config.line.name)
        self.line_label.setStyleSheet("font-weight: bold; font-size: 130%;")
        # Long names wrap: the header row must fit a 1024 px panel in any language.
        self.line_label.setWordWrap(True)
        self.user_label = QLabel()
        # Two lines rather than a header wider than a 1024 px panel (German says more);
        # a touch-height row holds two.
        self.user_label.setWordWrap(True)
        self._user: User | None = None
        self._locked = True
        self.sign_in_button = QPushButton()
        self.clock_label = QLabel()
        # Night shift: the same meanings on dark grey (widgets.theme.NIGHT), one touch away.
        self.theme_button = QPushButton()
        self.theme_button.setCheckable(True)
        # English / Deutsch / 中文, one touch away (MainWindow opens the picker).
        self.language_button = QPushButton()
        # The operator help of the screen on show (hmi.ui.help_wiring), from every screen.
        self.help_button = QPushButton()
        self.help_button.setStyleSheet("font-weight: bold;")
        self.help_button.setMinimumSize(m.button_px(self), m.button_px(self))  # gloves
        self._reasons_needed = 0
        # Stops longer than the minor-stop time wait for the operator's reason (OEE).
        self.reason_button = QPushButton()
        self.reason_button.setVisible(False)
        row.addWidget(self.line_label)
        row.addSpacing(gap * 2)
        row.addWidget(self.user_label)
        row.addWidget(self.sign_in_button)
        row.addStretch(1)
        row.addWidget(self.theme_button)
        row.addWidget(self.language_button)
        row.addWidget(self.help_button)
        row.addWidget(self.clock_label)
        # Second row: the alarm banner takes what the PLC lamps leave (a 1024 px panel
        # has no room for both beside the line name).
        status_row = QHBoxLayout()
        outer.addLayout(status_row)
        self.alarm_banner = AlarmBanner(idle_text=self.tr("No limit alarms"))
        # The alarm text needs the room more than the link lamps' names: they shrink first.
        self.alarm_banner.setMinimumWidth(m.px(90, self))
        status_row.addWidget(self.alarm_banner, 1)
        # Beside the alarms, as the other thing waiting for the operator (and off the top
        # row, which German and a signed-in name fill).
        status_row.addWidget(self.reason_button)
        # Conflicts open on the plant database (a forwarded record a person must review):
        # one touch opens the Conflicts screen (hmi.ui.panel connects it).
        self.conflicts_button = QPushButton()
        self.conflicts_button.setMinimumHeight(m.button_px(self))  # a touch target, gloved
        self.conflicts_button.setVisible(False)
        status_row.addWidget(self.conflicts_button)
        self.lamps: dict[str, StatusLamp] = {}
        for connection in config.connections:
            lamp = StatusLamp(connection.id)
            self.lamps[connection.id] = lamp
            status_row.addWidget(lamp)
        self.lost_banner = QLabel()
        self.lost_banner.setObjectName("lostBanner")
        self.lost_banner.setWordWrap(True)
        self.lost_banner.hide()
        outer.addWidget(self.lost_banner)
        self.insecure_banner = QLabel()  # OPC UA with security None, as the config asked
        self.insecure_banner.setObjectName("lostBanner")
        self.insecure_banner.setWordWrap(True)
        self.insecure_banner.hide()
        outer.addWidget(self.insecure_banner)
        self.history_banner = QLabel()  # samples dropped, writes failing: history has holes
        self.history_banner.setObjectName("lostBanner")
        self.history_banner.setWordWrap(True)
        self.history_banner.hide()
        outer.addWidget(self.history_banner)
        # The plant database away (store-and-forward): the line runs on and records here.
        self.plant_banner = QLabel()
        self.plant_banner.setObjectName("plantBanner")
        self.plant_banner.setWordWrap(True)
        self.plant_banner.hide()
        outer.addWidget(self.plant_banner)
        self._plant_status: Callable[[], LinkStatus] | None = None
        self._plant_shown: LinkStatus | None = None
        self.alarms = AlarmSummary({t.id: t for t in config.tags})
        self._engine_fed = False  # once the alarm engine speaks, limits no longer do
        self._summary: EngineSummary | None = None
        self._health: dict[str, Any] = {}
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self.retranslate()
        self._on_clock_timeout()

    def retranslate(self) -> None:
        """Every text of the header again, in the language now installed."""
        self.theme_button.setText(self.tr("Night"))
        self.theme_button.setToolTip(self.tr("Night shift: the same colour meanings on dark grey"))
        # Short, so German and Chinese leave the header room on a 1024 px panel; the
        # picker names every language in its own words.
        self.language_button.setText(self.tr("EN ▾", "this language's short name"))
        self.language_button.setToolTip(self.tr("English · Deutsch · 中文"))
        self.help_button.setText(self.tr("? Help"))
        self.alarm_banner.set_idle_text(
            self.tr("No unacknowledged alarms") if self._engine_fed else self.tr("No limit alarms"))
        self.show_user(self._user, self._locked)
        self.show_reasons_needed(self._reasons_needed)
        if self._health:
            self.show_health(self._health)
        if self._plant_shown is not None:
            shown, self._plant_shown = self._plant_shown, None
            self.show_plant_link(shown)
        if self._summary is not None:
            self.show_alarm_summary(self._summary)
        elif self.alarms.active:
            self._show_limit_alarms()

    def show_values(self, changed: Mapping[str, TagValue]) -> None:
        if self._engine_fed:
            return
        before = dict(self.alarms.active)
        self.alarms.update(changed)
        if self.alarms.active != before:
            self._show_limit_alarms()

    def show_alarm_summary(self, summary: EngineSummary) -> None:
        """The alarm engine's summary (after every change): lead with the most urgent
        unacknowledged alarm, count the unacknowledged ones per priority."""
        self._summary = summary  # re-shown in another language
        if not self._engine_fed:
            self._engine_fed = True
            self.alarm_banner.set_idle_text(self.tr("No unacknowledged alarms"))
        worst = summary.worst_unacked()
        standing = sum(1 for a in summary.active if not a.unacked)
        self.alarm_banner.show_alarms(
            None if worst is None else _banner_alarm(worst), summary.unacked_by_priority,
            standing)

    def _show_limit_alarms(self) -> None:
        worst = self.alarms.worst()
        if worst is None:
            self.alarm_banner.show_alarms(None, {})
            return
        tag_id, priority, text = worst
        tag = self._config.tag(tag_id)
        self.alarm_banner.show_alarms(
            # Limits have no acknowledgement: shown steady, never flashing.
            BannerAlarm(priority, f"{tag.description or tag_id} {text}", unacked=False),
            self.alarms.counts())

    def show_health(self, health: Mapping[str, Any]) -> None:
        self._health = dict(health)
        for connection_id, lamp in self.lamps.items():
            item = health.get(connection_id)
            if item is None:
                continue
            state = _LINK_STATES.get(item.state, ConnectionState.CONNECTING)
            if state is ConnectionState.CONNECTED:
                lamp.set_state(LampState.NORMAL, connection_id)
            elif state is ConnectionState.CONNECTING:
                lamp.set_state(
                    LampState.TRANSITION, self.tr("{0} connecting").format(connection_id),
                    item.since.timestamp()
                )
            else:
                lamp.set_state(
                    LampState.ALARM,
                    self.tr("{0} LOST").format(connection_id),
                    item.since.timestamp(),
                    AlarmPriority.P2,
                )
            rtt = (f"{item.rtt_ms:.0f} ms" if item.rtt_ms is not None
                   else self.tr("no round trip yet"))
            lamp.setToolTip(f"{connection_id}: {item.state}, {rtt}; {item.last_error}")
        self._show_lost_banner()
        insecure = sorted(cid for cid, h in health.items() if getattr(h, "insecure", False))
        self.insecure_banner.setText(
            self.tr("⚠ No OPC UA security on {0}: values and writes travel unsigned and "
                    "unencrypted (the line config says security None).").format(
                ", ".join(insecure)) if insecure else ""
        )
        self.insecure_banner.setVisible(bool(insecure))

    def show_user(self, user: User | None, locked: bool) -> None:
        """Who acts at this panel (None: nobody signed in); a locked or empty panel says so
        in bold (it cannot act)."""
        self._user, self._locked = user, locked
        if user is None:
            text = self.tr("Not signed in: sign in to act")
        elif locked:
            text = self.tr("Locked ({0}): sign in to act").format(user.username)
        else:
            text = f"{user.full_name} ({user.grants_text})"
        self.user_label.setText(text)
        self.user_label.setStyleSheet("font-weight: bold;" if locked else "")
        self.sign_in_button.setText(self.tr("Sign in") if locked else self.tr("User…"))

    def show_reasons_needed(self, count: int) -> None:
        self._reasons_needed = count
        self.reason_button.setText(self.tr("%n stop(s) need a reason", "", count))
        # Its whole text, always (the style sheet's touch min-width would let the link
        # lamps squeeze it): they give way instead.
        self.reason_button.ensurePolished()
        self.reason_button.setMinimumWidth(self.reason_button.sizeHint().width())
        self.reason_button.setVisible(count > 0)

    def show_history_problem(self, problem: str) -> None:
        self.history_banner.setText(problem)
        self.history_banner.setVisible(bool(problem))

    def watch_plant_link(self, status: Callable[[], LinkStatus]) -> None:
        """Follow the store-and-forward link (hmi.forward.PlantLink.status: cheap, never
        waits for the database) once a second, with the clock."""
        self._plant_status = status
        self.show_plant_link(status())

    def show_plant_link(self, status: LinkStatus) -> None:
        """Offline since when and how many records wait on this HMI; forwarding after the
        database is back; gone once everything is forwarded (report by exception)."""
        if status == self._plant_shown:
            return
        self._plant_shown = status
        parts = []
        if not status.online:
            since = status.offline_since
            parts.append(self.tr("Plant database offline since {0} · %n record(s) waiting",
                                 "", status.pending).format(
                since.astimezone().strftime("%H:%M") if since is not None else "?"))
        elif status.pending:
            parts.append(self.tr("Plant database back: forwarding %n record(s)", "",
                                 status.pending))
        self.conflicts_button.setText(self.tr("%n forwarded record(s) to review", "",
                                              status.conflicts))
        self.conflicts_button.ensurePolished()  # its whole text; the lamps give way
        self.conflicts_button.setMinimumWidth(self.conflicts_button.sizeHint().width())
        self.conflicts_button.setVisible(status.conflicts > 0)
        if status.problem:
            parts.append(status.problem)
        self.plant_banner.setText(" · ".join(parts))
        p = palette()
        # ISA-101: colour only for the abnormal; the diagnostic hue (a system fault, not a
        # process alarm), bold, as wide as the header: readable from arm's length.
        self.plant_banner.setStyleSheet(
            f"QLabel#plantBanner {{ border: 3px solid {p.diagnostic}; background: {p.panel};"
            f" font-weight: bold; padding: 4px; }}")
        self.plant_banner.setVisible(bool(parts))

    def _show_lost_banner(self) -> None:
        now = datetime.now().astimezone()
        lost = [
            self.tr("{0} lost for {1}").format(cid, format_age((now - h.since).total_seconds()))
            + (f" ({h.last_error})" if h.last_error else "")
            for cid, h in self._health.items()
            if h.state == "lost"
        ]
        if lost:
            self.lost_banner.setText(
                self.tr("PLC connection lost: {0}. Its values are greyed and not live.").format(
                    "; ".join(lost))
            )
            self.lost_banner.show()
        else:
            self.lost_banner.hide()

    def _on_clock_timeout(self) -> None:
        now = datetime.now().astimezone()
        # Time over zone: half the width of one line, for the header's buttons.
        self.clock_label.setText(now.strftime("%H:%M:%S\nUTC%z"))
        if self._health:
            self._show_lost_banner()
        if self._plant_status is not None:
            self.show_plant_link(self._plant_status())


def _banner_alarm(view: AlarmView) -> BannerAlarm:
    since = view.since or view.changed_at
    text = view.description if view.active else QCoreApplication.translate(
        "Header", "{0} (cleared)").format(view.description)
    return BannerAlarm(AlarmPriority(view.priority), text,
                       None if since is None else since.timestamp())
