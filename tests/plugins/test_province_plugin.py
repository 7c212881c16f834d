"""The example province plugin, installed as a package and found through its entry point.

The package in ``examples/province-plugin`` is installed into a temporary folder (with
uv or pip, whichever the environment has); fresh interpreters with that folder on
their path discover it exactly as a province's deployment would.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "province-plugin"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    uv = shutil.which("uv")
    if uv:
        command = [uv, "pip", "install", "--quiet", "--no-deps", "--python", sys.executable]
    else:
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*command, "--target", str(target), str(EXAMPLE)], check=True)  # noqa: S603
    return target


def python(site, code, tmp_path, **env):
    environment = {
        **{k: v for k, v in os.environ.items() if k != "ONESTOP_DISABLE_PLUGIN_AUTOLOAD"},
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "ONESTOP_HOME": str(tmp_path),
        **env,
    }
    result = subprocess.run(  # noqa: S603 - our own code, in a fresh interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    return result.stdout


def test_onestop_plugins_lists_the_installed_plugin(site, tmp_path):
    out = python(site, "from onestop.cli import main; main(['plugins', '--json'])", tmp_path)
    plugins = {p["name"]: p for p in json.loads(out)}
    assert plugins["tinh-mau"]["distribution"] == "onestop-tinh-mau"
    assert plugins["tinh-mau"]["version"] == "1.0.0"
    assert not plugins["tinh-mau"]["builtin"]
    assert plugins["tinh-mau"]["hooks"] == [
        "onestop_calendar",
        "onestop_dossier_event",
        "onestop_fee_book",
        "onestop_procedures",
    ]


OFFICE = """
import json
from datetime import date, datetime
from onestop import Actor, Applicant, Channel, Role
from onestop.office import open_office

office = open_office()
clerk = Actor("Cán bộ", {Role.RECEPTION_CLERK}, "000.00.12.H38")
citizen = Applicant("Lê Thị B", phone="0912345678")
at = datetime(2026, 10, 14, 9)  # the day before Tỉnh Mẫu Day
in_person = office.receive("1.004222", citizen, actor=clerk,
                           components=["Tờ khai thay đổi thông tin cư trú"], at=at)
online = office.submit("1.004222", citizen, agency="000.00.12.H38",
                       actor=Actor.applicant("Lê Thị B"), at=at)
online = office.receive_submitted(online.dossier.id, actor=clerk,
                                  components=["Tờ khai thay đổi thông tin cư trú"], at=at)
local = office.catalog.get("2.002180")
print(json.dumps({
    "fee": in_person.assessment.total,
    "online_fee": online.assessment.total,
    "appointment": in_person.appointment.isoformat(),
    "day_off": office.calendar.is_working_day(date(2026, 10, 15)),
    "summer": str(office.calendar.office_hours_on(date(2026, 6, 1))),
    "winter": str(office.calendar.office_hours_on(date(2026, 12, 1))),
    "local": local.name,
}))
"""


def test_the_plugin_shapes_the_office_through_its_entry_point(site, tmp_path):
    sms = tmp_path / "sms.jsonl"
    out = python(site, OFFICE, tmp_path, TINH_MAU_SMS_LOG=str(sms))
    facts = json.loads(out)
    assert facts["fee"] == 15_000  # the province's override
    assert facts["online_fee"] == 7_500  # with the national online reduction
    assert facts["day_off"] is False
    # 7 working days from Wednesday 14/10/2026, skipping the provincial day off
    # (Thursday 15/10): due Monday 26/10 at the close of office (17:00 in summer hours).
    assert facts["appointment"] == "2026-10-26T17:00:00"
    assert facts["summer"] == "07:00-11:30, 13:30-17:00"
    assert facts["winter"] == "07:30-12:00, 13:00-16:30"
    assert facts["local"] == "Cấp giấy phép tổ chức lễ hội cấp tỉnh"
    messages = [json.loads(line) for line in sms.read_text().splitlines()]
    assert [m["to"] for m in messages] == ["0912345678", "0912345678"]
    assert "da duoc tiep nhan" in messages[0]["text"]


def test_the_autoload_switch_turns_the_plugin_off(site, tmp_path):
    code = "from onestop.cli import main; main(['plugins', '--json'])"
    out = python(site, code, tmp_path, ONESTOP_DISABLE_PLUGIN_AUTOLOAD="1")
    assert "tinh-mau" not in {p["name"] for p in json.loads(out)}


def test_the_deadline_and_calendar_commands_use_the_province_calendar(site, tmp_path):
    # One calendar: Tỉnh Mẫu's day off (Thursday 15/10/2026) moves the CLI's deadline as
    # it moves the office's appointment; the national calendar alone would give 15/10.
    code = (
        "from onestop.cli import main; "
        "main(['deadline', '2026-10-14T10:00', '1 ngày làm việc', '--json'])"
    )
    deadline = json.loads(python(site, code, tmp_path))
    assert deadline["deadline"] == "2026-10-16T17:00:00+07:00"
    assert [s["date"] for s in deadline["skipped"]] == ["2026-10-15"]
    national = json.loads(python(site, code, tmp_path, ONESTOP_DISABLE_PLUGIN_AUTOLOAD="1"))
    assert national["deadline"] == "2026-10-15T17:00:00+07:00"
    code = "from onestop.cli import main; main(['calendar', '2026', '--json'])"
    year = json.loads(python(site, code, tmp_path))
    day_off = {c["date"]: c for c in year["changes"]}["2026-10-15"]
    assert day_off["name"] == "Tỉnh Mẫu Day"
    assert year["seasons"]  # the province's summer and winter hours
