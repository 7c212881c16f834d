"""Records from the National Database on Administrative Procedures, turned into a catalog.

The national database's pages (as crawled from its public portal) give each procedure
as flat text fields: ``ma_thu_tuc``, ``ten_thu_tuc``, ``linh_vuc``, ``cap_thuc_hien``,
``co_quan_thuc_hien``, ``doi_tuong_thuc_hien``, ``ket_qua_xu_ly``, ``can_cu_phap_ly``,
``thanh_phan_ho_so`` and ``cach_thuc_thuc_hien`` — the last one the portal's table of
channels ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"), each with its processing
time, fee and description, concatenated without separators.

:func:`catalog_from_records` reads what it can and reports every field it could not
read, and why, as :class:`RecordProblem` values; it never guesses. In particular:

* a channel's time is read with :meth:`Duration.parse <onestop.Duration.parse>`; a
  cell with no unit ("1"), zero, or "Không có thông tin" is reported and that channel
  left out, as is a channel listed several times with different times (the time then
  depends on the case);
* a procedure with no channel whose time could be read is left out of the catalog;
* fees in đồng are reported per channel as :class:`RecordFee`; fees in foreign
  currency, fees per page or per copy, and amounts that disagree with their own note
  (the portal shows "20 VNĐ (20.000 vnđ/tờ khai)") are reported, not read. The record
  carries no effective date, so fees are not turned into dated schedules here;
* a procedure carried out at several levels keeps the first and reports the others.

The record is the national database's text, unmodified; onestop's reading of it is
the loader's, tested on the 22 records shipped in
``onestop/national/procedure-records.json`` (:func:`onestop.catalogs.sample_records`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

import attrs

from onestop._file_io import file_path
from onestop._file_io import read_file
from onestop._shown import shown
from onestop.catalogs._record_components import read_components
from onestop.domain._validators import MAX_MONEY
from onestop.domain._validators import money
from onestop.domain._validators import text
from onestop.domain._validators import typed
from onestop.domain.model._agency import Level
from onestop.domain.model._catalog import Catalog
from onestop.domain.model._procedure import Channel
from onestop.domain.model._procedure import ChannelTerms
from onestop.domain.model._procedure import Component
from onestop.domain.model._procedure import Procedure
from onestop.domain.model._procedure import ProcedureResult
from onestop.domain.model._procedure import check_procedure_code
from onestop.domain.time._duration import Duration
from onestop.exceptions import CatalogError
from onestop.exceptions import DurationError
from onestop.exceptions import InvalidProcedureError
from onestop.exceptions import SerializationError
from onestop.serialization import parse_json

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

__all__ = ["RecordFee", "RecordProblem", "RecordsLoad", "catalog_from_records", "load_records"]

_CHANNELS = {
    "Trực tiếp": Channel.IN_PERSON,
    "Trực tuyến": Channel.ONLINE,
    "Dịch vụ bưu chính": Channel.POSTAL,
}
_LEVELS = {
    "cấp bộ": Level.CENTRAL,
    "cấp tỉnh": Level.PROVINCE,
    "cấp huyện": Level.DISTRICT,
    "cấp xã": Level.COMMUNE,
    "cơ quan khác": Level.OTHER,
}
_NO_INFORMATION = "Không có thông tin"
_TABLE_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_ROW_START = re.compile(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin)")
_TIME = re.compile(
    r"^(\d+(?:[.,]\d+)?(?: (?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng))?|Không có thông tin)"
)
_FEE = re.compile(
    r"^(Miễn phí|Không có thông tin|(?P<amount>[\d.,]+) (?P<currency>Việt Nam Đồng|VNĐ|USD))"
)
# An amount stated in a fee's note: "250.000 đồng", "250,000 đồng", "10000đ"; the unit
# must end there ("khoản 2 Điều 24" states no amount of 2 đ).
_NOTE_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|vnđ|đ)(?!\w)", re.IGNORECASE
)
# The issuers of legal documents a procedure rests on, as their numbers write them
# (Decree 34/2016/NĐ-CP Art. 58, Law 80/2015/QH13 on legal documents). The portal glues
# the next cell onto a number ("25/2021/TT-BTCThông tư…", "NĐ-CPQUY ĐỊNH"), so an issuer
# is read only from this list, longest first, never as "whatever letters follow".
_ISSUERS = (
    "BNNPTNT", "BLĐTBXH", "BVHTTDL", "UBTVQH", "VKSNDTC", "TANDTC", "BGDĐT", "BKHĐT",
    "BKHCN", "BTNMT", "BTTTT", "BNNMT", "BGTVT", "NHNN", "VPCP", "BHXH", "BTC", "BCA",
    "BTP", "BYT", "BXD", "BCT", "BNV", "BQP", "BNG", "BDTTG", "KTNN", "TTCP", "TTg", "CP",
    "QH",
)  # fmt: skip
_KINDS = ("TTLT", "NQLT", "QĐLT", "TT", "NĐ", "QĐ", "NQ", "CT", "PL", "L")
_ISSUER = "|".join(sorted(_ISSUERS, key=len, reverse=True))
# A document number: 47/2014/QH13, 25/2021/TT-BTC, 66.7/2025/NQ-CP, 09/2015/TTLT-BCA-
# BYT-BTC, 2222/QĐ-BHXH (a decision written without its year), PL-UBTVQH11.
_LEGAL_CODE = re.compile(
    r"(?P<number>\d+(?:\.\d{1,3})?)/(?:(?P<year>(?:19|20)\d{2})/)?"
    rf"(?P<kind>QH\d{{2}}|(?:{'|'.join(_KINDS)})-(?:{_ISSUER})(?:-(?:{_ISSUER}))*(?:\d{{2}})?)"
)


# The words an agency's name begins with: a list of agencies is split at a comma only
# where such a word follows, so "Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam" and
# "Ủy ban nhân dân xã, phường, thị trấn" stay one agency each.
_AGENCY_HEADS = frozenset(
    [
        "Bộ",
        "Cục",
        "Tổng",
        "Sở",
        "Chi",
        "Phòng",
        "Ban",
        "Ủy",
        "Uỷ",
        "UBND",
        "Công",
        "Bảo",
        "Ngân",
        "Văn",
        "Cảng",
        "Hải",
        "Biên",
        "Kho",
        "Thanh",
        "Tòa",
        "Toà",
        "Viện",
        "Trung",
        "Cơ",
        "Đơn",
        "Các",
        "Chủ",
        "Khu",
        "Thuế",
        "Hội",
        "Đài",
        "Trường",
        "Bệnh",
        "Quỹ",
        "Kiểm",
        "Cảnh",
        "Đội",
        "Trạm",
        "Lực",
        "Cấp",
        "Người",
        "Tổ",
    ]
)


def _agency_names(text: str) -> tuple[str, ...]:
    """The agencies a record lists, split only at commas that start a new agency's name."""
    names: list[str] = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        if names and part.split(" ", 1)[0] not in _AGENCY_HEADS:
            names[-1] = f"{names[-1]}, {part}"  # the comma was inside one name
        else:
            names.append(part)
    return tuple(names)


def _legal_codes(text: str) -> tuple[str, ...]:
    """Every document number in ``text``, each once, in order.

    A number glued after a year ("năm 201102/2011/QH13", "sửa đổi 202323/2023/QH15")
    loses the year's digits: a document's number has at most four digits before its
    year, and the digits before those are the year the sentence named.
    """
    found = []
    for match in _LEGAL_CODE.finditer(text):
        number, year = match["number"], match["year"]
        whole = number.split(".")[0]
        if len(whole) > 4 and whole[:2] in {"19", "20"}:
            number = number[4:]  # the year of "năm 2011" glued onto "02/2011/QH13"
        elif len(whole) > 4:
            continue  # no document number has five digits: a misreading, not a code
        found.append(f"{number}/{year}/{match['kind']}" if year else f"{number}/{match['kind']}")
    return tuple(dict.fromkeys(found))


# A result and its code, as the portal lists several: "Biển số xeMã: KQ.G01.000015".
_RESULT = re.compile(r"(?P<name>.+?)Mã:\s*(?P<code>KQ\.[A-Z]\d{2}\.\d{6})", re.DOTALL)


@attrs.frozen
class RecordProblem:
    """A field of a record that the loader could not read.

    :param code: the record's procedure code (or its position when the code is bad).
    :param field: the record's field, e.g. ``"cach_thuc_thuc_hien"``.
    :param value: the text that could not be read (shortened).
    :param reason: why, in words.

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=typed(str, CatalogError))
    field: str = attrs.field(validator=text(CatalogError))
    value: str = attrs.field(validator=typed(str, CatalogError))
    reason: str = attrs.field(validator=text(CatalogError))

    def __str__(self) -> str:
        """``code field: reason (value)``."""
        return f"{self.code} {self.field}: {self.reason} ({shown(self.value)})"


@attrs.frozen
class RecordFee:
    """A fee read from a record: a channel's amount in whole đồng, with its note.

    :param code: the procedure code.
    :param channel: the channel the fee is listed for.
    :param amount: whole đồng (0 when free).
    :param note: the record's own words about the fee.

    .. versionadded:: 0.2
    """

    code: str = attrs.field(validator=text(CatalogError))
    channel: Channel = attrs.field(validator=typed(Channel, CatalogError))
    amount: int = attrs.field(validator=money(CatalogError))
    note: str = attrs.field(validator=typed(str, CatalogError))


@attrs.frozen
class RecordsLoad:
    """What :func:`catalog_from_records` read, and what it could not.

    :param catalog: the procedures that could be built.
    :param fees: the fees read, per procedure and channel.
    :param problems: every field not read, with the reason.

    .. versionadded:: 0.2
    """

    catalog: Catalog
    fees: tuple[RecordFee, ...]
    problems: tuple[RecordProblem, ...]


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@attrs.define
class _Reader:
    """Reads one record, collecting problems."""

    record: Mapping[str, Any]
    code: str
    problems: list[RecordProblem] = attrs.field(factory=list)
    fees: list[RecordFee] = attrs.field(factory=list)

    def text(self, field: str) -> str:
        value = self.record.get(field, "")
        if not isinstance(value, str):
            self.problem(field, repr(value), "expected text")
            return ""
        return value.strip()

    def problem(self, field: str, value: str, reason: str) -> None:
        self.problems.append(RecordProblem(self.code, field, _short(value), reason))

    def level(self) -> Level:
        text = self.text("cap_thuc_hien")
        parts = [part.strip().lower() for part in text.split(",") if part.strip()]
        levels = [_LEVELS[part] for part in parts if part in _LEVELS]
        if not levels or len(levels) < len(parts):
            self.problem("cap_thuc_hien", text, "unknown level; kept 'other'")
            return Level.OTHER
        if len(levels) > 1:
            first = levels[0].value
            self.problem("cap_thuc_hien", text, f"several levels; kept the first ({first})")
        return levels[0]

    def agencies(self) -> tuple[str, ...]:
        for field in ("co_quan_thuc_hien", "co_quan_co_tham_quyen"):
            text = self.text(field)
            if text and text != _NO_INFORMATION:
                return _agency_names(text)
        self.problem("co_quan_thuc_hien", _NO_INFORMATION, "no implementing agency stated")
        return ()

    def results(self) -> tuple[ProcedureResult, ...]:
        """Every result the record lists with its code (``Giấy …Mã: KQ.G01.000014``)."""
        text = self.text("ket_qua_xu_ly").split("Từ khóa", 1)[0]
        return tuple(
            ProcedureResult(match["name"].strip(" .;"), match["code"])
            for match in _RESULT.finditer(text)
            if match["name"].strip(" .;")
        )

    def result(self) -> str:
        text = self.text("ket_qua_xu_ly").split("Mã:", 1)[0].strip()
        if not text or text == _NO_INFORMATION:
            self.problem("ket_qua_xu_ly", text, "no result stated")
            return _NO_INFORMATION
        return text

    def legal_bases(self) -> tuple[str, ...]:
        text = self.text("can_cu_phap_ly")
        codes = _legal_codes(text)
        if text and not codes:
            self.problem("can_cu_phap_ly", text, "no document number found")
        return codes

    def components(self) -> tuple[Component, ...]:
        text = self.text("thanh_phan_ho_so")
        read = read_components(text)
        for row, reason in read.left_out:
            self.problem("thanh_phan_ho_so", row, f"row not kept: {reason}")
        if text and not read.components:
            self.problem("thanh_phan_ho_so", text, "no component with a count found")
        return read.components

    def channels(self) -> dict[Channel, tuple[Duration, str]]:
        """Each readable channel's time and the cell it came from."""
        field = "cach_thuc_thuc_hien"
        text = self.text(field).replace(_TABLE_HEADER, "", 1)
        starts = list(_ROW_START.finditer(text))
        if not starts:
            self.problem(field, text, "no channel row found")
        times: dict[Channel, list[tuple[Duration | None, str]]] = {}
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            channel = _CHANNELS[start.group(1)]
            row = text[start.end() : end]
            cell = _TIME.match(row)
            time_text = cell.group(1) if cell else ""
            try:
                duration: Duration | None = Duration.parse(time_text)
            except DurationError as error:
                self.problem(field, f"{start.group(1)}: {time_text}", str(error))
                duration = None
            times.setdefault(channel, []).append((duration, time_text))
            self.fee(channel, row[len(time_text) :])
        read: dict[Channel, tuple[Duration, str]] = {}
        for channel, rows in times.items():
            durations = {duration for duration, _ in rows}
            if None in durations:
                continue
            if len(durations) > 1:
                listed = ", ".join(text for _, text in rows)
                self.problem(
                    field,
                    f"{channel.value}: {listed}",
                    "several times for one channel (they depend on the case); channel left out",
                )
                continue
            duration, time_text = rows[0]
            assert duration is not None  # noqa: S101 - None was skipped above
            read[channel] = (duration, time_text)
        return read

    def fee(self, channel: Channel, rest: str) -> None:
        field = "cach_thuc_thuc_hien"
        match = _FEE.match(rest)
        if match is None:
            self.problem(field, rest, f"no fee found for {channel.value}")
            return
        note = _balanced_note(rest[match.end() :])
        if match.group(1) == "Miễn phí":
            self.fees.append(RecordFee(self.code, channel, 0, note))
            return
        if match.group(1) == _NO_INFORMATION:
            self.problem(field, f"{channel.value}: {_NO_INFORMATION}", "no fee stated")
            return
        amount = int(match["amount"].replace(",", "").replace(".", ""))
        unread = _unread_fee(match, note, amount)
        if unread is not None:
            value, reason = unread
            self.problem(field, value, reason)
            return
        self.fees.append(RecordFee(self.code, channel, amount, note))


def _unread_fee(match: re.Match[str], note: str, amount: int) -> tuple[str, str] | None:
    """Why a stated fee is not kept as whole đồng (the text and the reason), or ``None``."""
    if match["currency"] == "USD" or re.search(rf"(?<![\d.,]){amount}\s*USD\b", note):
        # the record's own note may give the listed amount in dollars ("155 VNĐ(… 155 USD)")
        return match.group(1), "fee in USD; money is kept in whole đồng"
    if amount > MAX_MONEY:
        return match.group(1), "an amount past 10^15 đ is no fee: misread?"
    if note.startswith("/") and not note.lower().startswith("/lần"):
        return f"{match.group(1)}{note}", "fee per unit; write it as a PerUnit rule"
    stated = _NOTE_AMOUNT.search(note)
    if stated and int(re.sub(r"[.,]", "", stated.group(1))) != amount:
        return (
            f"{match.group(1)} ({note})",
            f"amount {amount:,} đ disagrees with its note ({stated.group(0)})",
        )
    return None


def _balanced_note(text: str) -> str:
    """The parenthesised note at the start of ``text`` (nested parentheses kept), or ''."""
    if not text.startswith("("):
        return ""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[1:index]
    return text[1:]


def _procedure(reader: _Reader) -> Procedure | None:
    channels = reader.channels()
    if not channels:
        reader.problem(
            "cach_thuc_thuc_hien",
            reader.text("cach_thuc_thuc_hien"),
            "no channel with a readable processing time; procedure left out",
        )
        return None
    listed = list(channels.items())
    time = listed[0][1][0]
    cells = "; ".join(f"{channel.value}: {cell}" for channel, (_, cell) in channels.items())
    try:
        return Procedure(
            code=reader.code,
            name=reader.text("ten_thu_tuc") or _NO_INFORMATION,
            field=reader.text("linh_vuc") or _NO_INFORMATION,
            level=reader.level(),
            agencies=reader.agencies(),
            processing_time=time,
            processing_time_text=cells,
            result=reader.result(),
            results=reader.results(),
            components=reader.components(),
            legal_bases=reader.legal_bases(),
            applicants=tuple(
                p.strip() for p in reader.text("doi_tuong_thuc_hien").split(",") if p.strip()
            ),
            channels=tuple(channels),
            channel_terms=tuple(
                ChannelTerms(channel, duration)
                for channel, (duration, _) in listed[1:]
                if duration != time
            ),
            notes=(f"Read from the national database ({reader.text('so_quyet_dinh')}).",),
        )
    except InvalidProcedureError as error:
        reader.problem("record", reader.code, str(error))
        return None


def catalog_from_records(records: Iterable[Mapping[str, Any]], *, name: str = "") -> RecordsLoad:
    """Read national-database records into a catalog, reporting what could not be read.

    :raises CatalogError: when ``records`` is not a list of objects (nothing is read).
    """
    if isinstance(records, str | bytes) or not hasattr(records, "__iter__"):
        raise CatalogError(f"records are a list of objects, got {shown(records)}")
    procedures: list[Procedure] = []
    problems: list[RecordProblem] = []
    fees: list[RecordFee] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise CatalogError(f"record {index} is not an object: {shown(record)}")
        raw_code = record.get("ma_thu_tuc")
        try:
            code = check_procedure_code(raw_code)  # type: ignore[arg-type]
        except InvalidProcedureError as error:
            problems.append(
                RecordProblem(f"records[{index}]", "ma_thu_tuc", repr(raw_code), str(error))
            )
            continue
        if code in seen:
            problems.append(
                RecordProblem(code, "ma_thu_tuc", code, "listed twice; second left out")
            )
            continue
        seen.add(code)
        reader = _Reader(record, code)
        procedure = _procedure(reader)
        if procedure is not None:
            procedures.append(procedure)
        problems.extend(reader.problems)
        fees.extend(reader.fees)
    return RecordsLoad(Catalog(procedures, name=name), tuple(fees), tuple(problems))


def load_records(path: str | os.PathLike[str]) -> RecordsLoad:
    """Read a JSON file of records: a list, or an object with a ``"records"`` list.

    :raises CatalogError: when the file cannot be read or is not such JSON.
    """
    name = file_path(path, "records", CatalogError)
    try:
        data = parse_json(
            read_file(name, "records", CatalogError), f"records file {shown(str(name))}"
        )
    except SerializationError as error:
        raise CatalogError(str(error)) from None
    records = data.get("records") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise CatalogError(f"records file {shown(str(name))} holds no list of records")
    return catalog_from_records(records, name=name.stem)
