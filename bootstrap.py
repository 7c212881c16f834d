"""The README's two commands: ``python3 bootstrap.py demo`` and ``python3 bootstrap.py test``.

Both work from a fresh clone with nothing but ``python3``, Debian's and Ubuntu's
included, whose Python refuses a bare ``pip install`` (PEP 668) and may come without
``ensurepip``: everything goes into a virtual environment, ``.venv`` beside this file.
When the interpreter has no ``ensurepip`` (Debian without ``python3-venv``), the
environment is made without pip, and pip's own wheel, fetched from PyPI, installs pip
into it (a wheel is a zip Python can run pip from).

* ``demo`` installs onestop with its ``demo`` extra and runs ``onestop demo`` (any
  further arguments are passed on: ``python3 bootstrap.py demo --dossiers 300``);
* ``test`` installs nox and uv and runs nox's default sessions: the tests, the lint,
  the type check and the documentation (further arguments go to nox).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PIP_RELEASES = "https://pypi.org/pypi/pip/json"


def _bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    return VENV / folder / name


def _environment() -> Path:
    """The virtual environment's Python, made (with pip) on first use."""
    python = _bin("python")
    if (
        python.exists()
        and subprocess.run(  # noqa: S603 - the environment's own Python
            [str(python), "-m", "pip", "--version"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        return python
    has_ensurepip = importlib.util.find_spec("ensurepip") is not None
    venv.EnvBuilder(with_pip=has_ensurepip, clear=True).create(VENV)
    if not has_ensurepip:
        _pip_from_its_wheel(python)
    return python


def _pip_from_its_wheel(python: Path) -> None:
    """Install pip into the environment from pip's latest wheel on PyPI."""
    with urllib.request.urlopen(PIP_RELEASES, timeout=120) as answer:
        release = json.load(answer)
    wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        url = urllib.parse.urljoin(PIP_RELEASES, wheel["url"])  # a mirror may give it relative
        if not url.startswith("https://"):
            raise SystemExit(f"pip's wheel is offered from {url}, not over https")
        with urllib.request.urlopen(url, timeout=300) as answer:  # noqa: S310 - https, checked
            path.write_bytes(answer.read())
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != wheel["digests"]["sha256"]:
            raise SystemExit(f"pip's wheel from PyPI does not match its digest: {digest}")
        subprocess.run(  # noqa: S603 - pip run from its own wheel
            [str(python), str(path / "pip"), "install", "--quiet", str(path)], check=True
        )


def _install(python: Path, *requirements: str) -> None:
    subprocess.run(  # noqa: S603 - pip of the project's own environment
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", *requirements],
        check=True,
        cwd=ROOT,
    )


def main(arguments: list[str]) -> int:
    """Run ``demo`` or ``test``; returns the exit status."""
    if not arguments or arguments[0] not in {"demo", "test"}:
        sys.stderr.write("usage: python3 bootstrap.py demo|test [arguments...]\n")
        return 2
    command, rest = arguments[0], arguments[1:]
    python = _environment()
    if command == "demo":
        _install(python, ".[demo]")
        program = [str(_bin("onestop")), "demo", *rest]
    else:
        _install(python, "pip", "nox", "uv")
        program = [str(_bin("nox")), *rest]
    # as if the environment were activated: its tools (uv for nox) come first on PATH
    environment = {
        **os.environ,
        "VIRTUAL_ENV": str(VENV),
        "PATH": os.pathsep.join([str(_bin("python").parent), os.environ.get("PATH", "")]),
    }
    return subprocess.run(program, cwd=ROOT, env=environment, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
