"""The first article after a changeover, judged on a station's SPC charts (the hmi side of
recipes.first_article: SpcMonitor.first_article_status uses this).

For each characteristic of the station, the first `subgroups` points after the download:
- fewer yet: waiting ("waiting for first article on coater: 0/1 subgroups (coat_weight)");
- any value outside the spec (LSL/USL), or a run rule firing at one of those points
  (judged with the points before them, as the live chart does), or the spread beyond its
  limit: failed, naming the rule or the limit;
- else passed. Without control limits yet (the baseline is not complete) the points are
  judged against the spec only, and the text says so: a new line must be able to change
  over before it has 25 subgroups of history.

Each line is a Said (recipes.user_text): its English for every reader, its template kept
for the changeover journal, so the wizard says it in the panel's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hmi.config.production import Characteristic
from hmi.production.capability import Limits
from hmi.production.spc_rules import RuleViolation
from hmi.production.subgroups import Point
from recipes.first_article import FirstArticleStatus
from recipes.user_text import QT_TRANSLATE_NOOP, Said, UserText, joined, user_text


@dataclass(frozen=True, slots=True)
class ChartState:
    char: Characteristic
    points: Sequence[Point]  # oldest first
    limits: Limits | None
    violations: Sequence[RuleViolation]  # over `points` (their indices)


def first_article_status(station: str, charts: Sequence[ChartState], since: datetime,
                         subgroups: int) -> FirstArticleStatus:
    if not charts:
        return FirstArticleStatus("passed", Said.of(user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{station} has no SPC characteristics"), station=station)))
    waiting: list[UserText | str] = []
    failed: list[UserText | str] = []
    passed: list[UserText | str] = []
    for chart in charts:
        verdict, text = _judge_one(chart, since, subgroups)
        {"waiting": waiting, "failed": failed, "passed": passed}[verdict].append(text)
    if failed:
        return FirstArticleStatus("failed", Said.of(joined(failed)))
    if waiting:
        return FirstArticleStatus("waiting", Said.of(user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "waiting for first article on {station}: {charts}"),
            station=station, charts=joined(waiting, ", "))))
    return FirstArticleStatus("passed", Said.of(joined(passed)))


def _judge_one(chart: ChartState, since: datetime, subgroups: int) -> tuple[str, UserText]:
    char = chart.char
    first = next((i for i, p in enumerate(chart.points) if p.at >= since), len(chart.points))
    new = list(chart.points[first: first + subgroups])
    if len(new) < subgroups:
        return "waiting", user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{count}/{subgroups} subgroups ({char})"),
            count=len(new), subgroups=subgroups, char=char.id)
    unit = f" {char.unit}" if char.unit else ""
    values = [v for p in new for v in p.values]
    if char.lsl is not None and min(values) < char.lsl:
        return "failed", user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{char} {value}{unit} below LSL {lsl}"), char=char.id,
            value=f"{min(values):.4g}", unit=unit, lsl=f"{char.lsl:g}")
    if char.usl is not None and max(values) > char.usl:
        return "failed", user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{char} {value}{unit} above USL {usl}"), char=char.id,
            value=f"{max(values):.4g}", unit=unit, usl=f"{char.usl:g}")
    shown = ", ".join(f"{p.value:.4g}" for p in new)
    if chart.limits is None:
        return "passed", user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{char} {values}{unit} within spec (no control limits yet: judged "
            "against the spec only)"), char=char.id, values=shown, unit=unit)
    last = first + len(new) - 1
    fired = [v for v in chart.violations if first <= v.index <= last]
    if fired:
        rule = fired[0]
        return "failed", user_text(QT_TRANSLATE_NOOP(
            "FirstArticle", "{char}: rule {rule} {description} ({values}{unit})"),
            char=char.id, rule=rule.rule, description=rule.description, values=shown,
            unit=unit)
    return "passed", user_text(QT_TRANSLATE_NOOP(
        "FirstArticle", "{char} {values}{unit} in control and in spec"), char=char.id,
        values=shown, unit=unit)
