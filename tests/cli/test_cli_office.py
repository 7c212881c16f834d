"""The office's subcommands: plugins, outbox (and drain), verify, checkpoint."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest

from onestop.cli import main
from onestop.domain.time._local_time import now as vietnam_now
from onestop.storage import SQLiteStore
from onestop.storage._sqlite_schema import SCHEMA_VERSION
from onestop.testing.certificates import pkcs12_bytes
from onestop.testing.certificates import self_signed
from onestop.testing.conformance import sample_dossiers
from onestop.testing.portal import StandInPortal
from onestop.testing.strategies import RECEIVING_AGENCY


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    monkeypatch.setenv("ONESTOP_HOME", str(tmp_path))
    monkeypatch.setenv("ONESTOP_DISABLE_PLUGIN_AUTOLOAD", "1")
    for name in ("ONESTOP_STORE", "ONESTOP_PORTAL_URL", "ONESTOP_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "onestop.sqlite3"
    with SQLiteStore(path) as store:
        for dossier in sample_dossiers(3):
            store.append(None, 0, dossier.events)
    return path


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_plugins_lists_the_built_ins_and_their_hooks(capsys, store_path):
    status, out, _ = run(capsys, "plugins", "--json")
    assert status == 0
    plugins = {p["name"]: p for p in json.loads(out)}
    assert set(plugins) == {"national", "storage", "signing", "portal"}
    assert plugins["storage"]["hooks"] == ["onestop_dossier_store"]
    assert all(p["builtin"] for p in plugins.values())


def test_outbox_shows_the_waiting_messages_of_the_default_store(capsys, store_path):
    status, out, _ = run(capsys, "outbox")
    assert status == 0
    total = sum(len(d) for d in sample_dossiers(3))
    assert out.splitlines()[0] == f"{total} message(s) waiting"
    status, out, _ = run(capsys, "outbox", "--json")
    assert len(json.loads(out)) == total


def test_outbox_drain_delivers_to_the_configured_portal(capsys, store_path, monkeypatch):
    with StandInPortal(lifetime=60) as portal:
        monkeypatch.setenv("ONESTOP_PORTAL_URL", portal.url)
        monkeypatch.setenv("ONESTOP_PORTAL_USER", portal.user)
        monkeypatch.setenv("ONESTOP_PORTAL_PASSWORD", portal.password)
        monkeypatch.setenv("ONESTOP_PORTAL_AGENCY", RECEIVING_AGENCY)
        status, out, _ = run(capsys, "outbox", "drain", "--timeout", "30")
    assert status == 0
    assert out.startswith(f"delivered {len(portal.deliveries)}, failed attempts 0, still waiting 0")
    assert run(capsys, "outbox")[1].splitlines()[0] == "0 message(s) waiting"


def test_outbox_serve_delivers_what_is_appended_until_sigterm(store_path, tmp_path):
    with StandInPortal(lifetime=120) as portal:
        environment = {
            **os.environ,
            "ONESTOP_HOME": str(tmp_path),
            "ONESTOP_DISABLE_PLUGIN_AUTOLOAD": "1",
            "ONESTOP_PORTAL_URL": portal.url,
            "ONESTOP_PORTAL_USER": portal.user,
            "ONESTOP_PORTAL_PASSWORD": portal.password,
            "ONESTOP_PORTAL_AGENCY": RECEIVING_AGENCY,
        }
        command = ["outbox", "serve", "--worker", "desk-1", "--json"]
        worker = subprocess.Popen(  # noqa: S603 - onestop's own command
            [sys.executable, "-m", "onestop.cli", *command],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert "worker desk-1 delivering" in worker.stderr.readline()
            with SQLiteStore(store_path) as store:  # another process appends while it serves
                for dossier in sample_dossiers(8)[3:]:
                    store.append(None, 0, dossier.events)
                total = len(store.outbox(include_delivered=True))
                for _ in range(600):  # until everything arrived, 60 s at most
                    if not store.outbox():
                        break
                    time.sleep(0.1)
                assert not store.outbox()
            worker.send_signal(signal.SIGTERM)
            out, _ = worker.communicate(timeout=60)
        finally:
            worker.kill()
            worker.communicate()
    assert worker.returncode == 0
    assert json.loads(out)["delivered"] == total == len(portal.deliveries)
    assert portal.duplicates == 0


def test_outbox_lists_who_holds_a_message(capsys, store_path):
    with SQLiteStore(store_path) as store:
        store.claim(vietnam_now(), "desk-2", timedelta(hours=1), limit=1)
    lines = run(capsys, "outbox")[1].splitlines()
    assert sum("held by desk-2 until" in line for line in lines) == 1


@pytest.mark.parametrize("bad", ["0", "-1", "x", "nan", "inf", "1e300", "1e10"])
@pytest.mark.parametrize("option", ["--lease", "--idle"])
def test_outbox_worker_times_are_checked(capsys, store_path, option, bad):
    status, _out, err = run(capsys, "outbox", "serve", option, bad)
    assert status == 2
    assert "is not a number of seconds from 0 to 2592000 (30 days)" in err
    assert "Traceback" not in err


def test_a_report_over_edited_rows_fails_naming_them(capsys, store_path):
    db = sqlite3.connect(store_path)
    db.execute("UPDATE dossiers SET received_at = 'soon' WHERE position = 1")
    db.commit()
    db.close()
    status, out, err = run(capsys, "report", "2026")
    assert (status, out) == (2, "")
    assert "hold times that are not times" in err
    assert sample_dossiers(3)[0].id in err


@pytest.mark.parametrize(
    "command",
    [["verify"], ["report", "2026"], ["lookup", "X"], ["outbox"], ["checkpoint"]],
)
def test_a_command_given_a_store_that_does_not_exist_refuses_it(capsys, tmp_path, command):
    missing = tmp_path / "typo" / "x.sqlite3"
    status, out, err = run(capsys, *command, "--store", str(missing))
    assert (status, out) == (2, "")
    assert err.startswith(f"onestop: error: no store at '{missing}'")
    assert not missing.parent.exists()  # nothing was created


def test_drain_without_a_portal_is_a_one_line_error(capsys, store_path):
    status, _out, err = run(capsys, "outbox", "drain")
    assert status == 2
    assert err.startswith("onestop: error: no portal is configured")
    assert "Traceback" not in err


def test_verify_and_checkpoint_find_tampering(capsys, store_path, tmp_path, monkeypatch):
    key, certificate = self_signed()
    (tmp_path / "key.p12").write_bytes(pkcs12_bytes(key, certificate))
    monkeypatch.setenv("ONESTOP_SIGNING_KEY", str(tmp_path / "key.p12"))
    assert run(capsys, "verify")[0] == 0
    status, out, _ = run(capsys, "checkpoint", "--json")
    assert status == 0
    assert json.loads(out)["size"] == 3
    assert json.loads(out)["signature"].count(".") == 2
    db = sqlite3.connect(store_path)
    db.execute("UPDATE events SET body = replace(body, '2026', '2025') WHERE position = 1")
    db.commit()
    db.close()
    status, out, _ = run(capsys, "verify")
    assert status == 1
    assert "event 1 (received) does not match its hash" in out
    assert "checkpoint 1" not in out  # the head of that dossier is unchanged


def test_checkpoints_kept_elsewhere_catch_a_rewritten_store(capsys, store_path, tmp_path):
    kept = tmp_path / "elsewhere" / "checkpoints.json"
    kept.parent.mkdir()
    assert run(capsys, "checkpoint", "--export", str(kept))[0] == 0
    status, out, _ = run(capsys, "verify", "--against", str(kept))
    assert status == 0
    assert "1 checkpoint(s) kept in" in out
    assert "NOT AUTHENTICATED: no signing key is configured" in out
    status, out, _ = run(capsys, "verify", "--json")
    assert json.loads(out)["authenticated"] is False
    db = sqlite3.connect(store_path)
    db.execute("DELETE FROM checkpoints")
    db.execute("DELETE FROM outbox WHERE dossier = 1")
    db.execute("DELETE FROM events WHERE dossier = 1")
    db.execute("DELETE FROM dossiers WHERE position = 1")  # a dossier gone without a trace
    db.commit()
    db.close()
    assert run(capsys, "verify")[0] == 0  # the store alone cannot tell
    status, out, _ = run(capsys, "verify", "--against", str(kept))
    assert status == 1
    assert "checkpoint 1 kept elsewhere is missing from the store" in out
    assert "no longer hash to its root" in out


def test_lookup_shows_status_appointment_and_steps_without_names(capsys, store_path):
    dossier = sample_dossiers(3)[1]  # received, then transferred
    status, out, _ = run(capsys, "lookup", str(dossier.code))
    assert status == 0
    assert f"Hồ sơ:          {dossier.code}" in out
    assert "Trạng thái:     Đang xử lý (4)" in out
    assert "Tiếp nhận hồ sơ" in out
    assert "Chuyển xử lý — 000.00.13.H38" in out
    assert dossier.applicant.name not in out
    assert dossier.events[0].actor.name not in out
    status, out, _ = run(capsys, "lookup", str(dossier.code), "--json")
    assert json.loads(out)["status_code"] == 4
    status, _, err = run(capsys, "lookup", "000.00.12.H38-260101-9999")
    assert status == 2
    assert "no stored dossier has the code" in err


def test_verify_receipt_checks_a_signed_document(capsys, tmp_path, store_path):
    from onestop.signing import sign_document
    from onestop.signing._keys import KeySigner
    from onestop.testing.certificates import pem_files

    key, certificate = self_signed()
    signer = KeySigner(key, certificate)
    document = sign_document({"document": "receipt", "code": "000.00.12.H38-260302-0001"}, signer)
    (tmp_path / "receipt.json").write_text(document.to_json(), encoding="utf-8")
    (tmp_path / "office.pem").write_bytes(pem_files(key, certificate)[1])
    status, out, _ = run(
        capsys,
        "verify-receipt",
        str(tmp_path / "receipt.json"),
        "--certificate",
        str(tmp_path / "office.pem"),
    )
    assert status == 0
    assert out.startswith("Chữ ký hợp lệ: C=VN,O=UBND tỉnh Thử nghiệm,CN=Bộ phận Một cửa")
    forged = json.loads(document.to_json())
    forged["document"]["code"] = "000.00.12.H38-260302-0002"
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    status, _, err = run(
        capsys,
        "verify-receipt",
        str(tmp_path / "forged.json"),
        "--certificate",
        str(tmp_path / "office.pem"),
    )
    assert status == 1  # the check ran and found a forgery
    assert "does not match this document" in err
    status, _, err = run(
        capsys,
        "verify-receipt",
        str(tmp_path / "missing.json"),
        "--certificate",
        str(tmp_path / "office.pem"),
    )
    assert status == 2
    assert "cannot read" in err


def test_migrate_brings_the_schema_up_to_date(capsys, store_path):
    status, out, _ = run(capsys, "migrate")
    assert status == 0
    assert out.strip() == f"schema version {SCHEMA_VERSION}"
    status, out, _ = run(capsys, "migrate", "--json", "--store", "memory:")
    assert status == 0
    assert json.loads(out) == {"schema_version": None}
