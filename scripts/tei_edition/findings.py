"""Findings: located messages about a file, and the one place they are formatted.

Every check in the project (well-formedness, schemas, stylesheets, build steps)
reports problems as ``Finding`` objects so that the command line prints them the
same way: ``PATH:LINE:COL: error: message [rule]``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    col: int | None
    severity: str  # 'error' or 'warning'
    rule: str
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict:
        return asdict(self)


def _one_line(text: str) -> str:
    # Each finding is printed on a line of its own, whatever the checker said.
    return re.sub(r"\s+", " ", text).strip()


def format_text(f: Finding) -> str:
    """``PATH:LINE:COL: severity: message [rule]``; LINE and COL are left out when unknown."""
    where = f.path
    if f.line is not None:
        where += f":{f.line}"
        if f.col is not None:
            where += f":{f.col}"
    return f"{where}: {f.severity}: {_one_line(f.message)} [{f.rule}]"


def to_json_list(findings: Iterable[Finding]) -> list[dict]:
    return [f.to_dict() for f in findings]


def format_json(findings: Iterable[Finding]) -> str:
    """The findings as a JSON array of objects with the dataclass's field names."""
    import json  # here: the command line prints text unless asked for JSON

    return json.dumps(to_json_list(findings), ensure_ascii=False, indent=2)


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class BuildError(Exception):
    """A build step failed. Carries located findings when the cause has a place
    (a stylesheet line, say), or just a message."""

    def __init__(self, problem: str | Iterable[Finding]):
        if isinstance(problem, str):
            self.findings: list[Finding] = []
            message = problem
        else:
            self.findings = list(problem)
            message = "\n".join(format_text(f) for f in self.findings)
        super().__init__(message)
