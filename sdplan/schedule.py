"""Warnings against the schedule (序时进度): how far a figure's completion lags the time-proportional path.

For a judged progress (a complete figure of the target's year against the scope's own target,
:mod:`sdplan.progress`), the expected completion at the figure's date is the share of the target's
time gone by (:func:`sdplan.meaning.schedule_share`); the completion is the figure's share of the way
to the target. The lag (expected minus completion, in percentage points) gives the light:

- green: the target is met, or the lag is under the yellow threshold (ahead of schedule included);
- yellow: the lag is from the yellow threshold up to the red one (both included);
- red: the lag is beyond the red threshold.

Thresholds are settings (``SDPLAN_SCHEDULE_YELLOW``, default 10; ``SDPLAN_SCHEDULE_RED``, default 30).
Anything :mod:`sdplan.progress` does not judge (partial coverage, another year, no own target, no data)
stays unjudged here too, with its reason; a light resting on a sample figure or a sample sub-target is
marked as such wherever it is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .i18n import t
from .meaning import JUDGED, schedule_share
from .progress import Progress
from .settings import schedule_thresholds
from .units import format_number

LIGHTS = ("green", "yellow", "red")
LIGHT_COLORS = {"green": "#009E73", "yellow": "#E69F00", "red": "#D55E00", "unjudged": "#9e9e9e"}


@dataclass(frozen=True)
class Schedule:
    """Where a progress stands against the time-proportional schedule."""

    light: str  # green, yellow, red, or unjudged
    expected: float | None = None  # % of the target expected by the figure's date
    completion: float | None = None  # % of the target reached
    reason: str | None = None  # why unjudged: the progress's status (partial, other_year, province_only, no_data)
    sample: bool = False  # it rests on a sample figure or a sample sub-target

    @property
    def lag(self) -> float | None:
        """Percentage points behind the schedule (negative: ahead)."""
        if self.expected is None or self.completion is None:
            return None
        return self.expected - self.completion

    @property
    def judged(self) -> bool:
        return self.light in LIGHTS


def completion(p: Progress) -> float | None:
    """The share of the way to the scope's own target, in % (not capped: 120 is beyond it); None unjudged."""
    if p.target_value is None or math.isnan(p.value) or not p.complete:
        return None
    return completion_percent(p.target.sense, p.value, p.target_value)


def completion_percent(sense: str, value: float, target: float) -> float:
    """How far ``value`` has come towards ``target`` in the target's ``sense``, in % (100 is reached)."""
    if sense == "zero":
        return 100.0 if value <= 0 else 0.0
    if sense == "at_most":
        return 100.0 if value <= 0 else target * 100 / value
    return 100.0 if target == 0 else value * 100 / target


def schedule_of(p: Progress, thresholds: tuple[float, float] | None = None) -> Schedule:
    """The light of ``p`` against the schedule; unjudged (with the reason) where ``p`` has no verdict."""
    if p.status not in JUDGED:
        return Schedule("unjudged", reason=p.status)
    yellow, red = thresholds or schedule_thresholds()
    expected = schedule_share(p.target, p.period) * 100
    done = completion(p)
    lag = expected - done
    if p.status == "met" or lag < yellow:
        light = "green"
    elif lag <= red:
        light = "yellow"
    else:
        light = "red"
    return Schedule(light, expected, done, sample=p.on_sample)


def light_text(schedule: Schedule, lang: str = "zh") -> str:
    """'黄灯 · 落后序时进度 12.3 个百分点' / 'red · 35.0 points behind schedule' / '未评判(部分数据)': the light
    in words (never colour alone), marked where it rests on sample values."""
    if not schedule.judged:
        return t("schedule_unjudged", lang, reason=t(f"status.{schedule.reason}", lang))
    word = t(f"schedule_light.{schedule.light}", lang)
    lag = schedule.lag
    if lag > 0:
        detail = t("schedule_behind", lang, points=format_number(lag, 1))
    else:
        detail = t("schedule_ahead", lang, points=format_number(-lag, 1))
    text = t("schedule_line", lang, light=word, detail=detail)
    return t("verdict_sample", lang, status=text) if schedule.sample else text
