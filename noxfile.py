"""Developer and CI sessions: `nox -s ci` is what CI runs (see README and .ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True

CHROMIUM = "/usr/bin/chromium"


def _ensure_chromium(session: nox.Session) -> None:
    """Install Debian's Chromium for the browser test of the HTML report when it is missing."""
    if os.path.exists(CHROMIUM):
        return
    if shutil.which("apt-get") is None:
        session.warn("apt-get not found: install Chromium by hand for the browser test")
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    # Noto CJK so Chinese and Korean render in the report screenshots.
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"], check=True, env=env)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff over the sources and tests."""
    session.install("ruff>=0.5")
    session.run("ruff", "check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Mypy (strict) over the package."""
    session.install("-e", ".[test]")
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, browser test included."""
    _ensure_chromium(session)
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def ci(session: nox.Session) -> None:
    """Everything CI gates on, in one environment: ruff, mypy, pytest."""
    _ensure_chromium(session)
    session.install("-e", ".[test]")
    session.run("ruff", "check", ".")
    session.run("mypy")
    session.run("pytest", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"})


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput, incremental, scaling and memory figures into bench/results.json."""
    session.install("-e", ".[test]")
    session.run("python", "bench/run_bench.py", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Fuzz ingest + extract with atheris for a fixed time (default 5 minutes)."""
    session.install("-e", ".[test]", "atheris")
    args = session.posargs or ["-max_total_time=300"]
    session.run("python", "fuzz/fuzz_extract.py", *args)


@nox.session
def docs(session: nox.Session) -> None:
    """Generate the check documentation from the check modules' docstrings."""
    session.install("-e", ".")
    session.run("python", "-m", "factcheck.docs", "docs/checks")
