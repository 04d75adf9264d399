"""A smoke run written out: the JSON of ``--report``, the JUnit XML of ``--junit``, and the summary table."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from scaffold.errors import SmokeError
from scaffold.smoke.results import SmokeReport, StepResult


def to_json(report: SmokeReport) -> str:
    """The report as JSON: every project with every step (name, status, seconds, command, reason, output)."""
    return report.model_dump_json(indent=2)


def to_junit(report: SmokeReport) -> str:
    """The report as JUnit XML: a test suite per project, a test case per step (a refusal is a case too)."""
    suites = ET.Element("testsuites", name="scaffold smoke", time=f"{report.seconds:.2f}")
    for project in report.projects:
        suite = _suite(suites, project.name, project.steps)
        suite.set("file", project.source)
    if report.refusals:
        refusals = ET.SubElement(suites, "testsuite", name="invalid combinations", tests=str(len(report.refusals)))
        failures = 0
        for refusal in report.refusals:
            case = ET.SubElement(refusals, "testcase", classname="invalid combinations", name=refusal.name, time="0")
            if not refusal.passed:
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"expected a refusal on {refusal.field}")
                failure.text = refusal.reason
        refusals.set("failures", str(failures))
    _totals(suites)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _suite(parent: ET.Element, name: str, steps: tuple[StepResult, ...]) -> ET.Element:
    suite = ET.SubElement(parent, "testsuite", name=name, tests=str(len(steps)))
    counts = {"failed": 0, "not run": 0}
    for step in steps:
        case = ET.SubElement(suite, "testcase", classname=name, name=step.name, time=f"{step.seconds:.2f}")
        if step.status == "failed":
            failure = ET.SubElement(case, "failure", message=step.reason or "failed")
            failure.text = step.output
        elif step.status == "not run":
            ET.SubElement(case, "skipped", message=step.reason)
        if step.status in counts:
            counts[step.status] += 1
    suite.set("failures", str(counts["failed"]))
    suite.set("skipped", str(counts["not run"]))
    suite.set("time", f"{sum(s.seconds for s in steps):.2f}")
    return suite


def _totals(suites: ET.Element) -> None:
    for total in ("tests", "failures", "skipped"):
        suites.set(total, str(sum(int(s.get(total, "0")) for s in suites)))


def check_report_files(files: dict[str, Path | None]) -> None:
    """Refuse, before a run of many minutes, report files that could not be written after it.

    ``files`` maps each option (``--report``) to its file. A file must be a regular file or not
    exist yet, in a folder that can be made and written to, and two options need two files.
    """
    given = {option: path for option, path in files.items() if path is not None}
    for option, path in given.items():
        _check_writable(path, option)
    resolved = [path.resolve() for path in given.values()]
    if len(set(resolved)) < len(resolved):
        raise SmokeError(f"{' and '.join(given)} name the same file; give each report its own")


def _check_writable(path: Path, option: str) -> None:
    if str(path) in ("", "."):
        raise SmokeError(f"{option} needs a file name")
    if path.is_dir():
        raise SmokeError(f"{option} {path} is a folder; give a file name for the report")
    if path.exists() and not path.is_file():
        raise SmokeError(f"{option} {path} is not a regular file (a pipe or a device); give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            if not os.access(path, os.W_OK):
                raise PermissionError(13, "permission denied", str(path))
        else:
            path.touch()
            path.unlink()
    except OSError as exc:
        raise SmokeError(f"{option} {path} cannot be written: {_reason(exc)}") from None


def write(text: str, path: Path) -> None:
    """Write a report file, its folder made if missing; a ``SmokeError`` when it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SmokeError(f"{path} was not written: {_reason(exc)}") from None


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def table_lines(report: SmokeReport) -> list[str]:
    """The summary: a row per project and step (result, seconds), then the refusals and the values covered."""
    rows = [("project", "step", "result", "seconds")]
    rows += [(p.name, s.name, s.status, f"{s.seconds:.1f}") for p in report.projects for s in p.steps]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    for refusal in report.refusals:
        verdict = "refused" if refusal.passed else f"NOT refused on {refusal.field}"
        lines.append(f"invalid combination {refusal.name!r}: {verdict}: {refusal.reason}")
    if report.coverage:
        missing = [f"{name}: {', '.join(c.missing)}" for name, c in report.coverage.items() if c.missing]
        values = sum(len(c.values) for c in report.coverage.values())
        covered = values - sum(len(c.missing) for c in report.coverage.values())
        lines.append(
            f"values covered: {covered} of {values} ({len(report.coverage)} answers)"
            + (f"; not covered: {'; '.join(missing)}" if missing else "")
        )
    passed = sum(p.passed for p in report.projects)
    lines.append(
        f"{passed} of {len(report.projects)} projects passed in {report.seconds:.0f} s ({report.jobs} at a time)"
    )
    return lines


def failure_lines(report: SmokeReport) -> list[str]:
    """For each failed step: the project, the step and why, its last output lines, and where the project was kept."""
    lines: list[str] = []
    for project in report.projects:
        failed = [step for step in project.steps if step.status == "failed"]
        for step in failed:
            lines.append(f"FAILED {project.name}: {step.name}: {step.reason}")
            lines += [f"    {line}" for line in step.output.splitlines()]
        if failed and project.path:
            logs = f" (logs in {project.logs})" if project.logs else ""
            lines.append(f"  {project.name} is kept in {project.path}{logs}")
    return lines
