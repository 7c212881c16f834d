"""Every argument of every command, replaced in turn by what people mistype: no traceback.

Each command line below works as written (a test checks it). Each of its arguments
is then replaced by each value of :data:`HOSTILE` — text the shell hands over from
undecodable bytes, numbers past every range, impossible dates, folders and devices
where a file belongs — and the command must end with an exit status (0, 1 or 2) and
a one-line message, never a Python traceback.
"""

import os
import tempfile
from pathlib import Path

import pytest

from onestop import Actor
from onestop import Applicant
from onestop import Role
from onestop.catalogs import sample_catalog
from onestop.cli import main
from onestop.national import VIETNAM_FEES
from onestop.office import OneStopOffice
from onestop.signing import KeySigner
from onestop.signing import sign_document
from onestop.storage import SQLiteStore
from onestop.testing.certificates import pem_files
from onestop.testing.certificates import self_signed
from onestop.testing.strategies import national_calendar

CLERK = Actor("Nguyễn Văn Tiếp", {Role.RECEPTION_CLERK}, "000.00.12.H38")
CITIZEN = Applicant("Lê Thị Bình", "001090012345", "0912345678", "12 Hàng Bạc, Hà Nội")
FOLDER = Path(tempfile.mkdtemp(prefix="onestop-cli-hostile-"))
STORE = FOLDER / "onestop.sqlite3"
KEY, CERTIFICATE = self_signed()
KEY_PEM, CERTIFICATE_PEM = pem_files(KEY, CERTIFICATE)
(FOLDER / "certificate.pem").write_bytes(CERTIFICATE_PEM)
_store = SQLiteStore(STORE, calendar=national_calendar())
_office = OneStopOffice(
    _store, calendar=national_calendar(), catalog=sample_catalog(), fee_book=VIETNAM_FEES
)
CODE = str(
    _office.receive(
        "1.004222", CITIZEN, actor=CLERK, components=["Tờ khai thay đổi thông tin cư trú"]
    ).dossier.code
)
_store.close()
(FOLDER / "receipt.json").write_text(
    sign_document({"số": CODE}, KeySigner(KEY, CERTIFICATE)).to_json(), encoding="utf-8"
)

#: What people and scripts pass by mistake.
HOSTILE = [
    "",
    " ",
    "\udcff",  # an argument whose bytes were not UTF-8 (Python's surrogateescape)
    "-1",
    "0",
    "1e300",
    "nan",
    "9" * 40,
    "2026-02-30T10:00",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-12:00",
    "x" * 10_000,
    "/",
    "/dev/null",
    str(FOLDER),
    "memory:",
    "sqlite:///",
    "%s%n",
]

#: Command lines that work: the command's words, then its arguments (each value is
#: replaced in turn; option names are kept).
COMMANDS = {
    "deadline": (["deadline"], ["2026-03-23T10:00", "3 ngày làm việc", "--office-hours",
                                "07:30-11:30,13:30-17:00", "--reception-cutoff", "16:00"]),
    "calendar": (["calendar"], ["2026"]),
    "report": (["report"], ["2026", "--store", str(STORE), "--quarter", "1"]),
    "report-month": (["report"], ["2026", "--store", str(STORE), "--month", "3"]),
    "lookup": (["lookup"], [CODE, "--store", str(STORE)]),
    "form": (["form"], [CODE, "receipt", "--store", str(STORE), "--place", "Hà Nội"]),
    "form-pdf": (["form"], [CODE, "receipt", "--store", str(STORE),
                            "--pdf", str(FOLDER / "receipt.pdf")]),
    "verify": (["verify"], ["--store", str(STORE)]),
    "outbox": (["outbox"], ["--store", str(STORE)]),
    "drain": (["outbox", "drain"], ["--store", str(STORE), "--worker", "w1", "--lease", "60",
                                    "--timeout", "1"]),
    "verify-receipt": (["verify-receipt"], [str(FOLDER / "receipt.json"), "--certificate",
                                            str(FOLDER / "certificate.pem")]),
}  # fmt: skip
#: Exit statuses of a good command line: the drain has no portal configured (2).
GOOD_STATUS = {"drain": 2}


def _argv(name):
    words, arguments = COMMANDS[name]
    return [*words, *arguments]


def _slots(name):
    words, arguments = COMMANDS[name]
    return [len(words) + i for i, word in enumerate(arguments) if not word.startswith("--")]


def _run(argv, capsys):
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse refusing an argument
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_plugins_or_settings(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # a mistyped --pdf "0" writes a file named 0: not here
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("ONESTOP_HOME", str(FOLDER))
    for name in [n for n in os.environ if n.startswith("ONESTOP_") and n != "ONESTOP_HOME"]:
        if name != "ONESTOP_DISABLE_PLUGIN_AUTOLOAD":
            monkeypatch.delenv(name)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_line_works(name, capsys):
    status, _, err = _run(_argv(name), capsys)
    assert status == GOOD_STATUS.get(name, 0), err


CASES = [
    (name, slot, value) for name in sorted(COMMANDS) for slot in _slots(name) for value in HOSTILE
]


@pytest.mark.parametrize(("name", "slot", "value"), CASES, ids=lambda x: str(x)[:20])
def test_a_mistyped_argument_is_a_message_not_a_traceback(name, slot, value, capsys):
    argv = _argv(name)
    argv[slot] = value
    try:
        status, out, err = _run(argv, capsys)
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"onestop {argv!r:.300} raised {type(error).__name__}: {error}")
    assert status in {0, 1, 2}, (argv, status)
    assert "Traceback" not in out + err
    if status == 2:
        assert err.count("\n") <= 3, err[:500]  # argparse's usage line and its message


def test_every_value_reaches_every_command():
    assert len(CASES) >= 20 * len(HOSTILE)
