"""What every report says about itself, and what shapes it.

A report is read later than it is made — archived, mailed, attached to a ticket — and its verdicts
depend on the tool's version and on the day the approvals were judged against (`--as-of`), so each
report states when it was made, by which version, and as of which day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class About:
    made: dt.datetime  # with its time zone: a report read in another office must not be an hour off
    version: str
    as_of: dt.date

    @classmethod
    def now(cls, as_of: dt.date | None = None) -> About:
        from .. import __version__

        made = dt.datetime.now().astimezone().replace(microsecond=0)
        return cls(made, __version__, as_of or made.date())

    def as_dict(self) -> dict:
        return {"made": self.made.isoformat(), "version": self.version, "as_of": self.as_of.isoformat()}

    def line(self) -> str:
        return (f"compliance {self.version} · 生成于 / made {self.made.isoformat()} · "
                f"检查日期 / as of {self.as_of.isoformat()}")


@dataclass(frozen=True)
class ReportOptions:
    about: About = field(default_factory=About.now)
    fail_on: str = "error"  # JUnit: findings at or above it are failures, the rest notes
    quiet: bool = False  # text: only files with findings, without the header and summary lines
    verbose: bool = False  # json, html: how each file was read, recognised, and how long it took
