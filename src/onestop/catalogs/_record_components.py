"""A national-database record's dossier components (``thanh_phan_ho_so``), read as rows.

The portal flattens its table of documents into one string: a header
(``Tên giấy tờMẫu đơn, tờ khaiSố lượng``), then each row's name, its form's file name and
its count glued together (``Tờ khai (Mẫu số 03).Mẫu 03.TT41.doc1 bản chính``). A record
with several cases repeats the header, each time after the case's heading
(``Đối với trường hợp cấp lại:``). What this module decides, from the 322 records read:

* A **row's count** is the cell ``N bản chính[,M bản sao]``, glued to the row's text: the
  portal writes it unpadded, and in every record read it is one digit. A count written
  *inside* a row's text is zero-padded (``nộp 01 bản chính; bản fax``) and is text, not a
  row's end. Digits glued before the count belong to the name (``Mẫu số 13`` +
  ``1 bản chính``).
* Each **table's heading** is the text between the previous table's last count and its
  header. A heading naming a case (*trường hợp*, *đối với*, *nếu*), or numbered among
  several (``a)``, ``b)``), makes its rows conditional on it; any other heading
  (``* Giấy tờ phải nộp:``) only groups. A header
  glued inside a row's name (the text after it starts in lower case) is cut out of it.
* A row's **form** is the file name at the end of its name, from the last place where the
  description ends without a space (``…Bộ Công an.NA11.doc``, ``…(Mẫu số 05A);Mẫu
  05A.TT41.doc``); several files glued together are listed with ``; ``.
* Rows without a word (``0``, ``.``, ``)``), a dossier count (``Số lượng hồ sơ: 01 bộ``),
  a note (``Lưu ý: …``, ``Ghi chú: …``) and a row listed twice under one heading are left
  out, each reported. Leading list marks (``a)``, ``-``, ``2.3.``) are not part of a name.
"""

from __future__ import annotations

import itertools
import re

import attrs

from onestop.domain.model._procedure import Component
from onestop.domain.model._procedure import Requirement

__all__ = ["HEADER", "ComponentsRead", "read_components"]

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_COUNT = re.compile(r"(?P<digits>\d+) bản chính(?:,(?P<copies>\d+) bản sao)?")
_CASE = re.compile(r"trường hợp|đối với|\bnếu\b", re.IGNORECASE)
_IF_ANY = re.compile(r"\(nếu có\)$", re.IGNORECASE)
_DOSSIER_COUNT = re.compile(r"(?:số lượng|sl)\s*hồ sơ", re.IGNORECASE)
_NOTE = re.compile(r"(?:lưu ý|ghi chú)\b", re.IGNORECASE)
_EXTENSION = r"(?>\.(?:docx|doc|pdf|xlsx|xls|rar|zip))"
_ENDS_WITH_FILE = re.compile(rf"{_EXTENSION}$", re.IGNORECASE)
_FILE = re.compile(rf"\W*\w.*?{_EXTENSION}$", re.IGNORECASE | re.DOTALL)
_AN_EXTENSION = re.compile(_EXTENSION, re.IGNORECASE)
_GLUED_FILES = re.compile(rf"({_EXTENSION})(?=\S)", re.IGNORECASE)
_FORM_WORD = re.compile(r"Mẫu|Mau|mẫu|mau|Phụ lục|PHỤ LỤC|Phu luc")
_NUMBERED_FORM = re.compile(r"\d+-Mẫu")
# "05A.TT41": a form's own number, its "." not a phrase's end.
_FORM_NUMBER = re.compile(r"\d[A-ZĐ]\.[A-ZĐ]{2}")
# Failing all, the last word, with a copy's "(1)": "…30/6/2023.NA5 (1).doc".
_LAST_WORD = re.compile(rf"[^\W\d_][^\s/]*(?:\s\(\d+\))?{_EXTENSION}$", re.IGNORECASE)
_ENUMERATOR = re.compile(r"^(?:[-*+•]+|\(?[a-zđ]{1,4}\d?(?:\.\d+)?[.)]|\(?\d+(?:\.\d+)*[.)])\s*")
_EDGES = " \t\n;:-+*,."


@attrs.frozen
class ComponentsRead:
    """The components read from one record, and what was left out.

    :param components: the rows, in the record's order.
    :param left_out: ``(text, reason)`` for each row not kept.
    """

    components: tuple[Component, ...]
    left_out: tuple[tuple[str, str], ...]


@attrs.define
class _Table:
    heading: str
    body: str


def read_components(text: str) -> ComponentsRead:
    """Read every row of a record's ``thanh_phan_ho_so`` cell (see the module's rules)."""
    kept: list[Component] = []
    left_out: list[tuple[str, str]] = []
    seen: set[Component] = set()
    tables = _tables(text)
    several = sum(1 for table in tables if _words(table.heading)) > 1
    for table in tables:
        condition = _condition(table.heading, several=several)
        for name, originals, copies in _rows(table.body):
            component = _component(name, originals, copies, condition, left_out)
            if component is None:
                continue
            if component in seen:
                left_out.append((component.name, "listed twice; kept once"))
                continue
            seen.add(component)
            kept.append(component)
    return ComponentsRead(tuple(kept), tuple(left_out))


def _tables(text: str) -> list[_Table]:
    """Split at every header: each table with the heading written before it."""
    parts = text.split(HEADER)
    if len(parts) == 1:
        return [_Table("", text)]
    tables: list[_Table] = []
    heading = parts[0]
    for part in parts[1:]:
        if tables and part[:1].islower() and not heading.rstrip().endswith(":"):
            # The header fell inside a row's name: join the name back, same table.
            tables[-1].body += heading + part
        else:
            tables.append(_Table(heading, part))
        last = tables[-1].body
        counts = list(_COUNT.finditer(last))
        end = counts[-1].end() if counts else 0
        heading = last[end:]
        tables[-1].body = last[:end]
    return tables


def _rows(body: str) -> list[tuple[str, int, int]]:
    """Each row's text and counts, skipping counts written inside the text."""
    rows: list[tuple[str, int, int]] = []
    start = 0
    for match in _COUNT.finditer(body):
        digits = match["digits"]
        if len(digits) == 2 and digits.startswith("0"):
            continue  # "nộp 01 bản chính; bản fax": a count in the row's text
        name = body[start : match.start()] + digits[:-1]
        rows.append((name, int(digits[-1]), int(match["copies"] or 0)))
        start = match.end()
    return rows


def _component(
    text: str, originals: int, copies: int, condition: str, left_out: list[tuple[str, str]]
) -> Component | None:
    name, form = _name_and_form(text.strip(_EDGES))
    name = _ENUMERATOR.sub("", name.strip(_EDGES)).strip(_EDGES)
    if not any(character.isalpha() for character in name):
        left_out.append((text.strip() or "(empty)", "a row with no words"))
        return None
    if _DOSSIER_COUNT.match(name):
        left_out.append((name, "the number of dossiers, not a document"))
        return None
    if _NOTE.match(name):
        left_out.append((name, "a note, not a document"))
        return None
    if condition:
        return Component(name, originals, copies, Requirement.CONDITIONAL, condition, form)
    if _IF_ANY.search(name):
        return Component(name, originals, copies, Requirement.CONDITIONAL, "nếu có", form)
    return Component(name, originals, copies, form=form)


def _name_and_form(text: str) -> tuple[str, str | None]:
    """Cut the form's file name off the end of a row's text."""
    if not _ENDS_WITH_FILE.search(text):
        return text, None
    strong, weak = _form_starts(text)
    last_slash = text.rfind("/")  # a legal number's: no file name holds one
    for start in [*reversed(strong), *weak]:
        if start > last_slash and _FILE.fullmatch(text, start):
            return text[:start], _GLUED_FILES.sub(r"\1; ", text[start:].strip(_EDGES))
    last = _LAST_WORD.search(text)
    if last:
        return text[: last.start()], last.group()
    return text, None


def _form_starts(text: str) -> tuple[list[int], list[int]]:
    """Where a description may end and a file name start without a space.

    First (the last one is tried first) where a phrase ends: after ``;`` or ``)``
    (``…(Mẫu số 05A);Mẫu 05A.TT41``); after ``,`` before a digit or letter (``TRÚ,33-Mẫu``);
    after a ``.`` ending a word (``Công an.NA11``, ``NĐ-CP.Mau52``) — not the ``.`` of a
    form's own number (``05A.TT41``) nor of a file's extension. Then, only where none of
    those fits (the first one first), a word glued onto the next: a lower-case letter before
    a capital (``giải tríMẫu``, ``chínhTTHC1``); a capital before a capitalised word
    (``NĐ-CPĐơn``); a form's first word after a capital or a digit (``NĐ-CPMau35``,
    ``2026Mau``, ``dân32-Mẫu``). A file name holding a ``.`` of its own after a word
    (``Thuyet minh.dang ky.docx``) is cut there: nothing in the text tells the two apart.
    """
    strong: list[int] = []
    weak: list[int] = []
    for index, (character, following) in enumerate(itertools.pairwise(text)):
        before = text[index - 1] if index else " "
        if (
            (character in ";)" and not following.isspace())
            or (character == "," and following.isalnum() and not before.isdigit())
            or (
                character == "."
                and before.isalpha()
                and following.isalpha()
                and not _AN_EXTENSION.match(text, index)
                and not _FORM_NUMBER.match(text, max(index - 2, 0))
            )
        ):
            strong.append(index + 1)
        elif (
            (character.isalpha() and character.islower() and following.isupper())
            or (
                character.isupper()
                and following.isupper()
                and text[index + 2 : index + 3].islower()
                and not _FORM_WORD.match(text, index + 2)
            )
            or (character.isupper() and _FORM_WORD.match(text, index + 1))
            or (character.isalnum() and following.isupper() and _FORM_WORD.match(text, index + 1))
            or (character.isalpha() and _NUMBERED_FORM.match(text, index + 1))
        ):
            weak.append(index + 1)
    return strong, weak


def _words(text: str) -> str:
    return " ".join(text.split()).strip(_EDGES)


def _condition(heading: str, *, several: bool) -> str:
    """The case a table's heading names, or ``""`` when it only groups rows.

    A heading names a case when it says so (*trường hợp*, *đối với*, *nếu*), or when it is
    numbered (``a)``, ``2.3.1.``, ``(ii)``) among several headed tables: the record's
    alternatives, one per sub-procedure.
    """
    words = _words(heading)
    unnumbered = _ENUMERATOR.sub("", words).strip(_EDGES)
    if _CASE.search(unnumbered) or (several and unnumbered != words and unnumbered):
        return unnumbered
    return ""
