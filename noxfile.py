"""Automation for onestop: ``nox`` runs the default sessions (tests, lint, typecheck, docs).

Every session installs what it needs from ``pyproject.toml`` (the package and its
PEP 735 dependency groups), so a machine with only Python runs them all:
``python3 bootstrap.py test`` puts nox and uv in a virtual environment and runs nox.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["tests", "lint", "typecheck", "docs"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
# The Pythons CI machines have; add more here when a machine provides them.
PYTHONS = ["3.11"]


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install onestop (extras ``demo`` and ``postgres``: every optional part) and the groups."""
    session.install(*nox.project.dependency_groups(PYPROJECT, *groups))
    session.install(".[demo,postgres]")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite, the executed docs and the doctests, under coverage."""
    install_groups(session, "tests")
    session.run(
        "coverage",
        "run",
        "--parallel-mode",
        "-m",
        "pytest",
        *session.posargs,
        env={"COVERAGE_FILE": ".coverage"},
    )
    session.notify("coverage")


@nox.session(python=PYTHONS)
def quick(session: nox.Session) -> None:
    """Everything but the real-part tests (PostgreSQL, PDF, browser), two processes at once."""
    install_groups(session, "tests")
    session.install("pytest-xdist")
    session.run(
        "pytest",
        "-m",
        "not postgres and not pdf and not browser",
        "-n",
        "2",
        "--dist",
        "loadfile",  # a document's examples run in order, in one process
        *session.posargs,
    )


@nox.session
def coverage(session: nox.Session) -> None:
    """Combine coverage data from the test sessions and report it."""
    session.install("coverage[toml]")
    session.run("coverage", "combine", success_codes=[0, 1])
    session.run("coverage", "report", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff: lint and format check."""
    install_groups(session, "lint")
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Mypy, strict, on src/."""
    install_groups(session, "typing")
    session.run("mypy", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the Sphinx documentation with warnings as errors."""
    install_groups(session, "docs")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark onestop against numpy, pandas, holidays, replays, scans, json and raw sqlite3."""
    install_groups(session, "bench")
    session.run("python", "benchmarks/bench_calendar.py", *session.posargs)
    session.run("python", "benchmarks/bench_domain.py", *session.posargs)
    session.run("python", "benchmarks/bench_storage.py", *session.posargs)
    session.run("python", "benchmarks/bench_reports.py", *session.posargs)
    session.run("python", "benchmarks/bench_office.py", *session.posargs)
