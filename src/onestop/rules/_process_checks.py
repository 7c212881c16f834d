"""Checks on ISO 9001 process definitions, and their rendering as a published table.

:func:`check` returns itemized :class:`Finding` s, empty when the definition passes:

* along every path, the steps' time fits within the procedure's legal time, and
  within the time the province committed to;
* every step names a responsible unit and role;
* the flow starts with reception at the one-stop department and ends with the return
  of the result;
* every form a step uses is defined by the process;
* the revision history's versions increase and end at the definition's version.

:func:`check_versions` checks several versions of one process: issue numbers
increase and effective periods do not overlap. :func:`render_markdown` writes the
process as the step table provinces publish.

References:
    * Decree 61/2018/NĐ-CP (processes must fit the procedure's time limit);
      Decision 19/2014/QĐ-TTg and TCVN ISO 9001:2015 (the process document).
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from onestop.domain._process import ProcessDefinition
from onestop.domain._process import ProcessStep
from onestop.domain._process import StepKind
from onestop.domain._validators import require
from onestop.domain._validators import to_tuple
from onestop.domain.model._procedure import Procedure
from onestop.domain.time._duration import DurationUnit
from onestop.exceptions import InvalidProcessError

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = ["Finding", "check", "check_versions", "render_markdown"]


@attrs.frozen
class Finding:
    """One problem found in a process definition.

    :param rule: which check, e.g. ``"fits-legal-time"``.
    :param message: what is wrong, in words.
    :param where: the step, path or field concerned.
    """

    rule: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        """``rule: message (where)``."""
        return f"{self.rule}: {self.message}" + (f" ({self.where})" if self.where else "")


def _hours(time: timedelta) -> str:
    return f"{time / timedelta(hours=1):g} h"


def _legal_limit(procedure: Procedure) -> timedelta | None:
    duration = procedure.processing_time
    if duration.unit in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS):
        return duration.office_time
    if duration.unit is DurationUnit.SAME_DAY:
        return timedelta(hours=8)
    return None  # calendar days: no office-time equivalent


def _path_name(path: tuple[ProcessStep, ...]) -> str:
    return " → ".join(step.name for step in path)


def _limits(
    definition: ProcessDefinition, procedure: Procedure | None, findings: list[Finding]
) -> list[tuple[str, timedelta, str]]:
    limits: list[tuple[str, timedelta, str]] = []
    if procedure is not None:
        if procedure.code != definition.procedure:
            findings.append(
                Finding("same-procedure", f"documents {definition.procedure}, not {procedure.code}")
            )
        legal = _legal_limit(procedure)
        if legal is None:
            findings.append(
                Finding(
                    "fits-legal-time",
                    f"the legal {procedure.processing_time} cannot be compared with office time",
                )
            )
        else:
            limits.append(("fits-legal-time", legal, f"the legal {procedure.processing_time}"))
    if definition.committed_time is not None:
        committed = definition.committed_time
        limits.append(("fits-committed-time", committed.office_time, f"the committed {committed}"))
    return limits


def _check_path(
    path: tuple[ProcessStep, ...], limits: list[tuple[str, timedelta, str]]
) -> list[Finding]:
    findings = []
    total = sum((step.office_time for step in path), timedelta())
    where = _path_name(path)
    for rule, limit, label in limits:
        if total > limit:
            message = f"steps take {_hours(total)}, more than {label} ({_hours(limit)})"
            findings.append(Finding(rule, message, where))
    if path[0].kind is not StepKind.RECEPTION:
        findings.append(Finding("starts-with-reception", "the first step is not reception", where))
    if path[-1].kind is not StepKind.RETURN:
        findings.append(Finding("ends-with-return", "the last step is not the return", where))
    return findings


def _check_steps(definition: ProcessDefinition) -> list[Finding]:
    findings = []
    defined = {form.code for form in definition.forms}
    for step in definition.all_steps():
        if not step.unit.strip() or not step.role.strip():
            message = "the step names no responsible unit and role"
            findings.append(Finding("responsible-role", message, step.name))
        findings.extend(
            Finding(
                "forms-defined", f"uses form {code}, which the process does not define", step.name
            )
            for code in step.forms
            if code not in defined
        )
    return findings


def _check_revisions(definition: ProcessDefinition) -> list[Finding]:
    versions = [revision.version for revision in definition.revisions]
    findings = []
    if versions != sorted(set(versions)):
        findings.append(
            Finding("versions-increase", f"revision versions do not increase: {versions}")
        )
    if versions and versions[-1] != definition.version:
        message = f"the last revision is version {versions[-1]}, the document {definition.version}"
        findings.append(Finding("versions-increase", message))
    return findings


def check(definition: ProcessDefinition, procedure: Procedure | None = None) -> tuple[Finding, ...]:
    """Every finding about ``definition``; empty when it passes.

    :param procedure: the procedure it documents; without it the legal-time check is
        skipped.
    """
    require(definition, ProcessDefinition, InvalidProcessError, "definition")
    if procedure is not None:
        require(procedure, Procedure, InvalidProcessError, "procedure")
    findings: list[Finding] = []
    limits = _limits(definition, procedure, findings)
    for path in definition.paths():
        findings.extend(_check_path(path, limits))
    findings.extend(_check_steps(definition))
    findings.extend(_check_revisions(definition))
    return tuple(findings)


def check_versions(definitions: Iterable[ProcessDefinition]) -> tuple[Finding, ...]:
    """Findings across versions of one process: increasing issues, no overlapping periods."""
    items = to_tuple(definitions, InvalidProcessError)
    for definition in items:
        require(definition, ProcessDefinition, InvalidProcessError, "each definition")
    ordered = sorted(items, key=lambda d: d.effective_date)
    findings = []
    for earlier, later in itertools.pairwise(ordered):
        if later.version <= earlier.version:
            findings.append(
                Finding(
                    "versions-increase",
                    f"version {later.version} takes effect after version {earlier.version}",
                    later.code,
                )
            )
        if earlier.valid_until is None or later.effective_date <= earlier.valid_until:
            message = (
                f"version {earlier.version} is still in force when version {later.version} "
                f"starts on {later.effective_date}"
            )
            findings.append(Finding("no-overlap", message, later.code))
    return tuple(findings)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(definition: ProcessDefinition) -> str:
    """The process as a Markdown document with its step table, like published processes."""
    require(definition, ProcessDefinition, InvalidProcessError, "definition")
    lines = [
        f"# {definition.code} — {definition.title}",
        "",
        (
            f"Thủ tục: {definition.procedure} · Lần ban hành: {definition.version} · "
            f"Ngày ban hành: {definition.issue_date:%d/%m/%Y} · "
            f"Hiệu lực: {definition.effective_date:%d/%m/%Y} · Phê duyệt: {definition.approver}"
        ),
        "",
        "| Bước | Nội dung công việc | Trách nhiệm | Thời gian | Biểu mẫu / Kết quả |",
        "|---|---|---|---|---|",
    ]
    number = itertools.count(1)

    def rows(items: tuple[ProcessStep | object, ...], prefix: str = "") -> None:
        for item in items:
            if isinstance(item, ProcessStep):
                time = item.time.format("vi") if item.time else "—"
                produced = ", ".join((*item.forms, *item.records)) or "—"
                who = f"{_cell(item.unit)} — {_cell(item.role)}"
                lines.append(
                    f"| B{next(number)} | {prefix}{_cell(item.name)} | {who} "
                    f"| {time} | {_cell(produced)} |"
                )
            else:
                for branch in item.branches:  # type: ignore[attr-defined]
                    rows(branch.steps, f"{prefix}[{_cell(branch.condition)}] ")

    rows(definition.steps)
    total = definition.longest_time()
    lines += [
        "",
        (
            f"Tổng thời gian (đường dài nhất): {total / timedelta(hours=8):g} ngày làm việc "
            f"({_hours(total)})"
        ),
    ]
    if definition.revisions:
        lines += ["", "| Lần | Ngày | Nội dung sửa đổi |", "|---|---|---|"]
        lines += [
            f"| {r.version} | {r.date:%d/%m/%Y} | {_cell(r.change)} |" for r in definition.revisions
        ]
    return "\n".join(lines) + "\n"
