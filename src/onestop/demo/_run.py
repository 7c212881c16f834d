"""``onestop demo``: a province's year on the embedded store, and what it leaves behind.

:func:`run_demo` builds an office the way a province would — the built-in plugins'
calendar, catalog and fee book (with the procedures the national-database loader
reads), the SQLite store in the output folder, receipts signed with a throwaway
certificate — and runs :func:`~onestop.demo.simulate_year` through it. At
the end of every working day the outbox is synchronised with a stand-in national
portal on loopback, which goes down for two weeks in the middle of the year: the
events wait in the outbox and arrive, in order, when it is back.

It writes, in the folder: the store (``onestop.sqlite3``), the yearly report page
(``bao-cao-YEAR.html``), the statistics table as CSV and JSON, the Decision 766
indicators, a few signed receipts with the certificate that verifies them, a citizen's
lookup of one dossier, and in ``bieu-mau/`` each one-stop form the year produced as a
PAdES-signed PDF, with January's log book of the centre.

Why tqdm draws the progress bar: it is the common choice, writes to standard error
(so the output stays clean when piped), and degrades to plain lines without a
terminal.
"""

from __future__ import annotations

import logging
import random
import sys
import tempfile
import time
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from typing import TextIO

import attrs

from onestop._shown import shown
from onestop._vietnamese_numbers import vi_count
from onestop.catalogs import sample_records
from onestop.demo._simulation import AGENCY_NAMES
from onestop.demo._simulation import PLACE
from onestop.demo._simulation import PROVINCE
from onestop.demo._simulation import YearOutline
from onestop.demo._simulation import simulate_year
from onestop.demo._simulation import working_days
from onestop.domain._validators import typed
from onestop.domain.model._agency import Level
from onestop.domain.model._rule_set import FormKind
from onestop.exceptions import MissingExtraError
from onestop.exceptions import UsageError
from onestop.plugins import hookimpl
from onestop.portal._sync import SyncReport
from onestop.storage._store_values import DossierQuery

if TYPE_CHECKING:
    from onestop.domain.model._procedure import Procedure
    from onestop.office._reports import StatisticsTable
    from onestop.office._service import OfficeResult
    from onestop.office._service import OneStopOffice
    from onestop.portal._sync import OutboxSync
    from onestop.rules._indicators import QualityScore


__all__ = ["DemoResult", "run_demo"]

_log = logging.getLogger(__name__)

#: The files of a previous run that a new run replaces.
_STORE_FILES = ("onestop.sqlite3", "onestop.sqlite3-wal", "onestop.sqlite3-shm")
#: How many signed receipts the demo writes out.
_RECEIPTS = 3
#: How long the stand-in portal stays down.
_OUTAGE = timedelta(days=14)
#: What a run writes beside the store, by name: removed before a run, so that the
#: folder holds one run's results only.
_OUTPUTS = (
    "bao-cao-*.html",
    "thong-ke-*.csv",
    "thong-ke-*.json",
    "thong-ke-*.txt",
    "chi-so-766-*.json",
    "chung-thu-so.pem",
    "bien-nhan-*.json",
    "tra-cuu.json",
    "bieu-mau/*",
)


@attrs.frozen(kw_only=True)
class DemoResult:
    """What a demo run did and wrote.

    :param folder: where it wrote.
    :param outline: the simulated year, counted.
    :param sync: the portal synchronisation over the year.
    :param outage: the days the stand-in portal was down (first, last).
    :param delivered: records the stand-in portal holds at the end.
    :param files: the files written, by what they are.
    :param seconds: how long the run took.
    """

    folder: Path = attrs.field(validator=typed(Path, UsageError))
    outline: YearOutline = attrs.field(validator=typed(YearOutline, UsageError))
    sync: SyncReport = attrs.field(validator=typed(SyncReport, UsageError))
    outage: tuple[date, date] = attrs.field(validator=typed(tuple, UsageError))
    delivered: int = attrs.field(validator=typed(int, UsageError))
    files: dict[str, Path] = attrs.field(validator=typed(dict, UsageError))
    seconds: float = attrs.field(validator=typed(float, UsageError))


def _prepared(folder: Path) -> Path:
    """``folder``, made, without a previous run's store and results.

    A previous run's results go too, since this run may not write them all again
    (fewer forms, another year): the folder then holds one run only.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in _STORE_FILES:
            (folder / name).unlink(missing_ok=True)
        for pattern in _OUTPUTS:
            for stale in folder.glob(pattern):
                stale.unlink()
    except OSError as error:
        raise UsageError(f"cannot write the demo folder {folder}: {error.strerror}") from None
    return folder


def run_demo(  # noqa: PLR0915 - one run, step by step
    folder: str | Path,
    *,
    seed: int = 2026,
    dossiers: int = 1_500,
    year: int = 2026,
    progress: bool = True,
    out: TextIO | None = None,
    store: str | None = None,
) -> DemoResult:
    """Simulate ``year`` with ``dossiers`` dossiers and write the results in ``folder``.

    The same ``seed`` gives the same year. A previous run's store in ``folder`` is
    replaced. Needs the ``demo`` extra (signing, portal, reports, tqdm, testing).

    :param store: a store setting to run on instead of the folder's SQLite file, e.g.
        a PostgreSQL URL (``postgresql://…``); it must hold no dossier yet.

    :raises UsageError: for a negative count, a year outside 2016..2034, or a folder
        that cannot be written.
    """
    try:
        from tqdm import tqdm  # noqa: PLC0415 - the demo extra
    except ImportError as missing:
        raise MissingExtraError("demo", "onestop demo", missing) from None

    from onestop.office._quality_score import quality_score  # noqa: PLC0415
    from onestop.office._reports import period  # noqa: PLC0415
    from onestop.office._reports import statistics_table  # noqa: PLC0415
    from onestop.office._setup import open_office  # noqa: PLC0415
    from onestop.office._year_report import year_report  # noqa: PLC0415
    from onestop.plugins._manager import plugin_host  # noqa: PLC0415
    from onestop.portal._national_portal import NationalPortal  # noqa: PLC0415
    from onestop.portal._sync import OutboxSync  # noqa: PLC0415
    from onestop.settings import Settings  # noqa: PLC0415
    from onestop.signing._keys import CertificateVerifier  # noqa: PLC0415
    from onestop.testing.certificates import pem_files  # noqa: PLC0415
    from onestop.testing.certificates import self_signed  # noqa: PLC0415
    from onestop.testing.portal import StandInPortal  # noqa: PLC0415

    _check_arguments(dossiers, year, seed, store)
    began = time.perf_counter()
    out = out if out is not None else sys.stdout
    folder = _prepared(Path(folder))

    # The demo's procedures (the real records of the national database) come in as a
    # plugin, and the office is built where every caller builds it (open_office).
    host = plugin_host(plugins=[("demo", _DemoCatalog())])
    key, certificate = self_signed("Bộ phận Một cửa (demo)", "UBND tỉnh Mẫu")
    key_pem, certificate_pem = pem_files(key, certificate)
    with tempfile.TemporaryDirectory() as keys:  # the throwaway key never lands in folder
        key_file, certificate_file = Path(keys) / "demo-key.pem", Path(keys) / "demo.pem"
        key_file.write_bytes(key_pem)
        certificate_file.write_bytes(certificate_pem)
        settings = Settings(
            store=store if store is not None else str(folder / "onestop.sqlite3"),
            signing_key=str(key_file),
            signing_certificate=str(certificate_file),
        )
        office = open_office(settings, plugins=host)
    if store is not None and office.store.count(DossierQuery()):
        office.close()
        raise UsageError(f"the demo runs on an empty store; {store} holds dossiers")
    calendar, dossier_store = office.calendar, office.store
    procedures = tuple(p for p in office.catalog if p.level is not Level.CENTRAL)
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not a secret
    outage_first = date(year, 5, 1) + timedelta(days=rng.randrange(90))
    outage = (outage_first, outage_first + _OUTAGE - timedelta(days=1))
    clock = [datetime(year, 1, 1)]
    receipts: list[OfficeResult] = []
    examples: dict[str, str] = {}  # the first dossier of each kind of event
    report = SyncReport()
    with StandInPortal(lifetime=3_600) as portal:
        adapter = NationalPortal(
            portal.url,
            user=portal.user,
            password=portal.password,
            agency=PROVINCE,
            calendar=calendar,
        )
        sync = OutboxSync(
            dossier_store,
            adapter,
            now=lambda: clock[0],
            base_delay=timedelta(minutes=15),
            max_delay=timedelta(hours=12),
        )
        days = working_days(calendar, year)
        bar = tqdm(total=len(days), disable=not progress, unit=" ngày", desc=f"Năm {year}")

        def end_of_day(day: date, closing: datetime) -> None:
            nonlocal report
            clock[0] = closing
            portal.down = outage[0] <= day <= outage[1]
            report += _sync_pass(sync)
            bar.update(1)
            bar.set_postfix_str(f"{day:%d/%m} · hộp thư {report.pending}", refresh=False)

        def keep(result: OfficeResult) -> None:
            if result.signed is not None and len(receipts) < _RECEIPTS:
                receipts.append(result)
            examples.setdefault(result.event.kind, result.dossier.id)

        outline = simulate_year(
            office,
            year=year,
            dossiers=dossiers,
            seed=seed,
            procedures=procedures,
            on_day=end_of_day,
            on_result=keep,
        )
        bar.close()
        clock[0] = datetime(year + 1, 1, 2, 8)  # after the year, the portal is up
        portal.down = False
        report += _sync_pass(sync)
        delivered = len(portal.deliveries)
        adapter.close()

    quality = quality_score(dossier_store, *period(year))
    files = _write(
        folder,
        year=year,
        quality=quality,
        table=statistics_table(dossier_store, *period(year)),
        page=year_report(dossier_store, calendar, year).to_html(),
        receipts=receipts,
        certificate_pem=certificate_pem,
        lookup=office.lookup(str(receipts[0].dossier.code)).to_json() if receipts else None,
    )
    files.update(_write_forms(folder, office, year, examples, certificate_pem))
    # The receipts written verify against the certificate written beside them.
    for receipt in receipts:
        assert receipt.signed is not None  # noqa: S101 - kept only when signed
        receipt.signed.verify(CertificateVerifier(certificate_pem))
    office.close()
    result = DemoResult(
        folder=folder,
        outline=outline,
        sync=report,
        outage=outage,
        delivered=delivered,
        files=files,
        seconds=time.perf_counter() - began,
    )
    _print(result, statistics_table_text=files["table_text"].read_text(encoding="utf-8"), out=out)
    return result


#: The forms the demo writes: from the first dossier that had each event.
_FORMS = (
    ("received", FormKind.RECEIPT),
    ("supplement_requested", FormKind.SUPPLEMENT_REQUEST),
    ("refused", FormKind.REFUSAL),
    ("apologized", FormKind.APOLOGY),
    ("stopped", FormKind.STOP_NOTICE),
    ("transferred", FormKind.CONTROL_SLIP),
)


def _write_forms(
    folder: Path,
    office: OneStopOffice,
    year: int,
    examples: dict[str, str],
    certificate_pem: bytes,
) -> dict[str, Path]:
    """A signed PDF of each form the year produced, and January's log book of the centre."""
    from onestop.office._reports import period  # noqa: PLC0415 - with the office
    from onestop.signing._pdf import verify_pdf  # noqa: PLC0415 - the forms extra

    forms = folder / "bieu-mau"
    forms.mkdir(exist_ok=True)
    files: dict[str, Path] = {}
    for event, kind in _FORMS:
        if event not in examples:
            continue
        form = office.form(examples[event], kind, names=AGENCY_NAMES, place=PLACE)
        try:
            signed = form.signed_pdf(office.signer, location=PLACE)
        except UsageError as error:  # no Pango here: the forms are written as HTML
            if not any(p.suffix == ".html" for p in files.values()):
                _log.warning("forms written as HTML, not PDF: %s", error)
            path = forms / f"{kind.value}.html"
            path.write_text(form.html, encoding="utf-8")
        else:
            verify_pdf(signed, certificate_pem)  # what is written verifies
            path = forms / f"{kind.value}.pdf"
            path.write_bytes(signed)
        files[f"form_{kind.value}"] = path
    book = office.log_book(PROVINCE, *period(year, month=1), names=AGENCY_NAMES)
    files["log_book"] = forms / "log_book.html"
    files["log_book"].write_text(book.html, encoding="utf-8")
    return files


def _check_arguments(dossiers: object, year: object, seed: object, store: object) -> None:
    if type(dossiers) is not int or dossiers < 0:
        raise UsageError(f"dossiers is a count (0 or more), got {shown(dossiers)}")
    if type(year) is not int or not 2016 <= year <= 2034:
        raise UsageError(f"the demo year is 2016..2034 (the calendar's data), got {shown(year)}")
    if type(seed) is not int:
        raise UsageError(f"the seed is an int, got {shown(seed)}")
    if store is not None and (not isinstance(store, str) or not store.strip()):
        raise UsageError(f"store is a store setting (a path or a URL) or None, got {shown(store)}")


class _DemoCatalog:
    """The demo's plugin: the real records of the national database, as procedures."""

    @staticmethod
    @hookimpl
    def onestop_procedures() -> tuple[Procedure, ...]:
        """The records' procedures (the sample catalog is the national plugin's)."""
        return sample_records().catalog.procedures


def _sync_pass(sync: OutboxSync) -> SyncReport:
    """Passes until one delivers nothing: everything ready now is sent, or the portal is down."""
    report = sync.run_once(limit=1_000)
    total = report
    while report.delivered:
        report = sync.run_once(limit=1_000)
        total += report
    return total


def _write(
    folder: Path,
    *,
    year: int,
    quality: QualityScore,
    table: StatisticsTable,
    page: str,
    receipts: list[OfficeResult],
    certificate_pem: bytes,
    lookup: str | None,
) -> dict[str, Path]:
    files = {
        "report": folder / f"bao-cao-{year}.html",
        "table_csv": folder / f"thong-ke-{year}.csv",
        "table_json": folder / f"thong-ke-{year}.json",
        "table_text": folder / f"thong-ke-{year}.txt",
        "quality": folder / f"chi-so-766-{year}.json",
        "certificate": folder / "chung-thu-so.pem",
    }
    files["report"].write_text(page, encoding="utf-8")
    files["table_csv"].write_text(table.to_csv(), encoding="utf-8")
    files["table_json"].write_text(table.to_json(), encoding="utf-8")
    files["table_text"].write_text(
        table.to_text() + "\n\n" + quality.to_text() + "\n", encoding="utf-8"
    )
    files["quality"].write_text(quality.to_json(), encoding="utf-8")
    files["certificate"].write_bytes(certificate_pem)
    for number, receipt in enumerate(receipts, 1):
        assert receipt.signed is not None  # noqa: S101 - kept only when signed
        path = folder / f"bien-nhan-{number}.json"
        path.write_text(receipt.signed.to_json(), encoding="utf-8")
        files[f"receipt_{number}"] = path
    if lookup is not None:
        files["lookup"] = folder / "tra-cuu.json"
        files["lookup"].write_text(lookup, encoding="utf-8")
    return files


def _print(result: DemoResult, *, statistics_table_text: str, out: TextIO) -> None:
    outline, sync = result.outline, result.sync
    first, last = result.outage
    n = vi_count
    lines = [
        statistics_table_text.rstrip("\n"),
        "",
        (
            f"{n(outline.arrived)} hồ sơ, {n(outline.calls)} lượt xử lý: {n(outline.resolved)} "
            f"đã giải quyết, {n(outline.supplements)} yêu cầu bổ sung, {n(outline.apologies)} "
            f"thư xin lỗi, {n(outline.rated)} lượt đánh giá, {n(outline.open_at_end)} còn mở "
            "cuối năm."
        ),
        (
            f"Đồng bộ cổng quốc gia: {n(sync.delivered)} bản ghi đã gửi ({n(result.delivered)} "
            f"cổng nhận), {n(sync.failed)} lần gửi lỗi khi cổng ngừng {first:%d/%m}–{last:%d/%m},"
            f" {n(sync.pending)} còn chờ."
        ),
        f"Thời gian chạy: {result.seconds:.1f} s".replace(".", ","),
        "",
        f"Kết quả trong {result.folder}:",
        *(f"  {path.relative_to(result.folder)}" for path in result.files.values()),
    ]
    print("\n".join(lines), file=out)
