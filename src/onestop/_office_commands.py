"""The ``onestop`` subcommands of an office, on its store and through its plugins.

``plugins``, ``outbox [drain|serve]``, ``verify``, ``checkpoint``, ``report``, ``lookup`` and
``verify-receipt``. They act on the store the settings name (``ONESTOP_STORE``, or
``--store``) through the office :func:`onestop.office.open_office` builds — the one
front door every caller uses — and print text or ``--json``.

The ``onestop`` command builds its parser from :func:`add_office_commands` every time
it starts, so this module imports the store, the plugins and the reports only when one
of its commands runs: ``onestop deadline`` does not pay for them.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._exit_status import CHECK_FAILED
from onestop._file_io import read_file
from onestop._file_io import write_atomically
from onestop._shown import shown
from onestop.exceptions import OfficeError
from onestop.storage._arguments import MAX_WAIT

if TYPE_CHECKING:
    from onestop.office._service import OneStopOffice
    from onestop.plugins._manager import PluginHost
    from onestop.portal._sync import OutboxSync
    from onestop.portal._sync import SyncReport
    from onestop.settings import Settings

__all__ = ["add_office_commands"]


def _settings(args: argparse.Namespace) -> Settings:
    from onestop.settings import Settings  # noqa: PLC0415 - loaded when a command runs

    settings = Settings.from_env()
    return attrs.evolve(settings, store=args.store) if args.store else settings


def _host() -> PluginHost:
    from onestop.plugins._manager import plugin_host  # noqa: PLC0415 - loaded when a command runs

    return plugin_host()


def _office(args: argparse.Namespace, *, create: bool = False) -> OneStopOffice:
    """The office the settings describe (:func:`onestop.office.open_office`), as every caller.

    Only ``onestop migrate`` creates a store file: for every other command a file that
    does not exist is a mistyped path, and answering it with an empty store would
    report zeros as if they were true.
    """
    from onestop.office._setup import open_office  # noqa: PLC0415 - loaded when a command runs

    settings = _settings(args)
    path = settings.store_path
    if not create and path is not None and path != ":memory:" and not _is_file(path):
        raise OfficeError(
            f"no store at {shown(path)}: check --store or ONESTOP_STORE "
            "(onestop migrate creates a new one)"
        )
    return open_office(settings, plugins=_host())


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):  # a name too long, a NUL: no such file either
        return False


def _print(args: argparse.Namespace, data: Any, lines: list[str]) -> None:  # noqa: ANN401
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(lines))


def _plugins(args: argparse.Namespace) -> int:
    plugins = _host().plugins()
    data = [attrs.asdict(plugin) for plugin in plugins]
    lines = [
        f"{p.name:<16} {p.distribution} {p.version}{' (built-in)' if p.builtin else ''}\n"
        f"{'':<16} {', '.join(p.hooks)}"
        for p in plugins
    ]
    _print(args, data, lines)
    return 0


def _outbox(args: argparse.Namespace) -> int:
    office = _office(args)
    try:
        messages = office.store.outbox(include_delivered=args.all)
    finally:
        office.close()
    data = [
        {**attrs.asdict(m, filter=lambda a, _: a.name != "body"), "body": m.body.decode()}
        for m in messages
    ]
    pending = sum(1 for m in messages if m.delivered_at is None)
    lines = [f"{pending} message(s) waiting"]
    for m in messages:
        state = f"delivered {m.delivered_at:%d/%m/%Y %H:%M}" if m.delivered_at else "waiting"
        retry = f", retry after {m.not_before:%d/%m %H:%M:%S}" if m.not_before else ""
        if m.claimed_until is not None:
            retry += f", held by {m.claimed_by} until {m.claimed_until:%d/%m %H:%M:%S}"
        error = f", last error: {m.last_error}" if m.last_error else ""
        lines.append(f"{m.id:>6} {m.key} {m.kind:<20} {state}, {m.attempts} failed{retry}{error}")
    _print(args, data, lines)
    return 0


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_WAIT.total_seconds():
        raise argparse.ArgumentTypeError(
            f"{shown(text)} is not a number of seconds from 0 to "
            f"{MAX_WAIT.total_seconds():.0f} (30 days)"
        )
    return seconds


def _sync(args: argparse.Namespace, office: OneStopOffice) -> OutboxSync:
    return office.outbox_sync(worker=args.worker, lease=timedelta(seconds=args.lease))


def _sync_lines(report: SyncReport) -> list[str]:
    return [
        (
            f"delivered {report.delivered}, failed attempts {report.failed}, "
            f"still waiting {report.pending}"
        ),
        *(f"  error: {error}" for error in report.errors),
    ]


def _drain(args: argparse.Namespace) -> int:
    office = _office(args)
    try:
        report = _sync(args, office).drain(timeout=args.timeout)
    finally:
        office.close()
    _print(args, attrs.asdict(report), _sync_lines(report))
    return 0 if report.pending == 0 else CHECK_FAILED


def _serve(args: argparse.Namespace) -> int:
    office = _office(args)
    stop = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
    try:
        sync = _sync(args, office)
        print(f"worker {sync.worker} delivering; stop with SIGTERM or Ctrl-C", file=sys.stderr)
        report = sync.serve(stop, idle=args.idle)
    finally:
        office.close()
    _print(args, attrs.asdict(report), _sync_lines(report))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from onestop.storage._checkpoint_file import checkpoints_from_json  # noqa: PLC0415

    kept = None
    if args.against is not None:
        kept = checkpoints_from_json(read_file(args.against, "checkpoint", OfficeError))
    office = _office(args)
    try:
        report = office.store.verify_all(office.signer, against=kept)
        checkpoints = len(kept) if kept is not None else len(office.store.checkpoints())
    finally:
        office.close()
    authenticated = office.signer is not None
    lines = [f"checked {report.checked} dossier(s): " + ("all intact" if report.ok else "")]
    lines += [f"  {problem}" for problem in report.problems]
    source = f"kept in {args.against}" if kept is not None else "in the store"
    if not authenticated:
        lines.append(
            f"{checkpoints} checkpoint(s) {source} NOT AUTHENTICATED: no signing key is "
            "configured, so their roots were only recomputed, which whoever can rewrite "
            "the store can match"
        )
    else:
        lines.append(f"{checkpoints} checkpoint(s) {source}: signatures verified")
    data = {**attrs.asdict(report), "checkpoints": checkpoints, "authenticated": authenticated}
    _print(args, data, lines)
    return 0 if report.ok else CHECK_FAILED


def _migrate(args: argparse.Namespace) -> int:
    office = _office(args, create=True)  # opening a store brings its schema up to date
    try:
        version = getattr(office.store, "schema_version", None)
    finally:
        office.close()
    line = f"schema version {version}" if version is not None else "this store has no schema"
    _print(args, {"schema_version": version}, [line])
    return 0


def _checkpoint(args: argparse.Namespace) -> int:
    from onestop.storage._checkpoint_file import checkpoints_to_json  # noqa: PLC0415

    office = _office(args)
    try:
        checkpoint = office.store.checkpoint(office.now(), office.signer)
        every = office.store.checkpoints()
    finally:
        office.close()
    if args.export is not None:
        text = checkpoints_to_json(every).encode()
        write_atomically(args.export, text, "checkpoint", OfficeError)
    data = {**checkpoint.statement(), "signature": checkpoint.signature}
    signed = "signed" if checkpoint.signature else "unsigned (no signing key configured)"
    lines = [
        (
            f"checkpoint {checkpoint.number}: {checkpoint.size} dossier(s), "
            f"root {checkpoint.root.hex()}, {signed}"
        )
    ]
    _print(args, data, lines)
    return 0


def _report(args: argparse.Namespace) -> int:
    from onestop.office._reports import period  # noqa: PLC0415 - loaded when run

    bounds = period(args.year, quarter=args.quarter, month=args.month)
    office = _office(args)
    try:
        if args.quality:
            score = office.quality(*bounds)
            print(score.to_json() if args.json else score.to_text())
            return 0
        table = office.statistics(*bounds)
    finally:
        office.close()
    if args.csv:
        print(table.to_csv(), end="")
    elif args.json:
        print(table.to_json())
    else:
        print(table.to_text())
    return 0


def _lookup(args: argparse.Namespace) -> int:
    office = _office(args)
    try:
        status = office.lookup(args.code)
    finally:
        office.close()
    if args.json:
        print(status.to_json())
        return 0
    appointment = f"{status.appointment:%H:%M %d/%m/%Y}" if status.appointment else "—"
    lines = [
        f"Hồ sơ:          {status.code}",
        f"Thủ tục:        {status.procedure}",
        f"Trạng thái:     {status.status_vi} ({status.status_code})",
        f"Hẹn trả kết quả: {appointment}",
        "Quá trình xử lý:",
        *(f"  {step.at:%H:%M %d/%m/%Y}  {step.label_vi} — {step.agency}" for step in status.steps),
    ]
    print("\n".join(lines))
    return 0


def _verify_receipt(args: argparse.Namespace) -> int:
    from onestop.signing._documents import SignedDocument  # noqa: PLC0415 - needs the extra
    from onestop.signing._keys import CertificateVerifier  # noqa: PLC0415 - the same

    content = read_file(args.file, "receipt", OfficeError)
    certificate = read_file(args.certificate, "certificate", OfficeError)
    if content.startswith(b"%PDF"):
        from onestop.signing._pdf import verify_pdf  # noqa: PLC0415 - the forms extra

        info = verify_pdf(content, certificate)
        print(f"Chữ ký hợp lệ: {info.subject} ({info.algorithm}) — {Path(args.file).name}")
        return 0
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise OfficeError(f"{args.file} is neither a signed PDF nor a JSON document") from None
    document = SignedDocument.from_json(text)
    info = document.verify(CertificateVerifier(certificate))
    data = document.data
    print(
        f"Chữ ký hợp lệ: {info.subject} ({info.algorithm}) — "
        f"{data.get('document', '?')} {data.get('code', '')}"
    )
    return 0


def _form(args: argparse.Namespace) -> int:
    from onestop.domain.model._rule_set import FormKind  # noqa: PLC0415 - loaded when run

    kind = FormKind(args.kind)
    office = _office(args)
    try:
        form = office.form(office.store.find(args.code).id, kind, place=args.place)
    finally:
        office.close()
    if args.pdf is None:
        print(form.html)
        return 0
    signer = office.signer
    data = form.signed_pdf(signer, location=args.place or "Việt Nam") if signer else form.to_pdf()
    write_atomically(args.pdf, data, "form", OfficeError)
    signed = "signed" if signer else "unsigned (no signing key configured)"
    print(f"{form.number or form.title}: {args.pdf}, {signed}")
    return 0


def add_office_commands(
    commands: argparse._SubParsersAction[Any], parser_class: type[argparse.ArgumentParser]
) -> None:
    """Add the office subcommands to the ``onestop`` command's subparsers."""
    common = parser_class(add_help=False)
    common.add_argument("--store", help="the store (default: ONESTOP_STORE or the default file)")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    plugins = commands.add_parser("plugins", help="list the plugins and the hooks each implements")
    plugins.add_argument("--json", action="store_true", help="print JSON instead of text")
    plugins.set_defaults(run=_plugins)
    outbox = commands.add_parser("outbox", parents=[common], help="show the portal outbox")
    outbox.add_argument("--all", action="store_true", help="include delivered messages")
    outbox.set_defaults(run=_outbox)
    actions = outbox.add_subparsers(dest="action")
    worker = parser_class(add_help=False)
    worker.add_argument("--worker", help="the name claims are held under (default: host:pid:n)")
    worker.add_argument(
        "--lease", type=_seconds, default=300.0, help="seconds a claim holds a message"
    )
    drain = actions.add_parser(
        "drain", parents=[common, worker], help="deliver the outbox to the portal, then stop"
    )
    drain.add_argument("--timeout", type=_seconds, default=60.0, help="seconds to keep trying")
    drain.set_defaults(run=_drain)
    serve = actions.add_parser(
        "serve",
        parents=[common, worker],
        help="keep delivering until SIGTERM: one of any number of workers on the store",
    )
    serve.add_argument(
        "--idle", type=_seconds, default=1.0, help="longest wait for new messages, in seconds"
    )
    serve.set_defaults(run=_serve)
    verify = commands.add_parser(
        "verify", parents=[common], help="verify every hash chain and checkpoint of the store"
    )
    verify.add_argument(
        "--against",
        metavar="FILE",
        help="check the checkpoints kept in FILE (onestop checkpoint --export) instead",
    )
    verify.set_defaults(run=_verify)
    migrate = commands.add_parser(
        "migrate", parents=[common], help="bring the store's schema up to date and print it"
    )
    migrate.set_defaults(run=_migrate)
    checkpoint = commands.add_parser(
        "checkpoint", parents=[common], help="take a (signed) checkpoint of every dossier's head"
    )
    checkpoint.add_argument(
        "--export",
        metavar="FILE",
        help="also write every checkpoint to FILE, to keep where the store cannot be rewritten",
    )
    checkpoint.set_defaults(run=_checkpoint)
    report = commands.add_parser(
        "report", parents=[common], help="the periodic statistics table per agency and field"
    )
    report.add_argument("year", type=int, help="the year, e.g. 2026")
    report.add_argument("--quarter", type=int, help="only this quarter (1-4)")
    report.add_argument("--month", type=int, help="only this month (1-12)")
    report.add_argument("--csv", action="store_true", help="print CSV with Vietnamese headings")
    report.add_argument(
        "--quality", action="store_true", help="Decision 766's indicators instead of the table"
    )
    report.set_defaults(run=_report)
    lookup = commands.add_parser(
        "lookup", parents=[common], help="what a citizen sees of a dossier, by its code"
    )
    lookup.add_argument("code", help="the dossier code, e.g. 000.00.12.H38-260302-0001")
    lookup.set_defaults(run=_lookup)
    form = commands.add_parser(
        "form", parents=[common], help="a one-stop form of a dossier, as HTML or signed PDF"
    )
    form.add_argument("code", help="the dossier code")
    form.add_argument(
        "kind",
        choices=[
            "receipt",
            "supplement_request",
            "refusal",
            "apology",
            "stop_notice",
            "control_slip",
        ],
        help="which form",
    )
    form.add_argument("--pdf", metavar="FILE", help="write a PDF (signed when a key is set)")
    form.add_argument("--place", default="", help="the place the form is dated at")
    form.set_defaults(run=_form)
    receipt = commands.add_parser(
        "verify-receipt", help="check a signed receipt (JSON) or form (PDF) against a certificate"
    )
    receipt.add_argument("file", help="the signed document: JSON as the office wrote it, or PDF")
    receipt.add_argument("--certificate", required=True, help="the office's PEM certificate")
    receipt.set_defaults(run=_verify_receipt)
