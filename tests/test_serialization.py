"""One converter round-trips every public onestop value through JSON (cattrs' simple round trip)."""

import inspect
import json
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import onestop
from onestop import Clock
from onestop import DayChange
from onestop import DayKind
from onestop import Duration
from onestop import OfficeHours
from onestop import Outcome
from onestop import Resolution
from onestop import SeasonalHours
from onestop import Standing
from onestop import StepReport
from onestop import Timeliness
from onestop.catalogs import sample_catalog
from onestop.domain.time._clock import Pause
from onestop.national._decrees import DECREE_61_2018
from onestop.national._decrees import DECREE_118_2025
from onestop.serialization import describe_error
from onestop.serialization import make_converter
from onestop.testing import strategies as ost
from onestop.testing.strategies import national_calendar

CONVERTER = make_converter()
CAL = national_calendar()


def round_trip(value):
    text = json.dumps(CONVERTER.unstructure(value), ensure_ascii=False)
    return CONVERTER.structure(json.loads(text), type(value))


EXAMPLES = [
    CAL.with_season(
        (4, 16), (10, 15), "07:00-11:30, 13:30-17:00", name="summer"
    ).with_reception_cutoff(time(16, 30)),
    Clock.start(CAL, datetime(2026, 1, 5, 9), Duration.working_days(3)).pause(
        datetime(2026, 1, 6, 9), "x"
    ),
    Pause(datetime(2026, 1, 6, 9), "supplement", datetime(2026, 1, 7, 9)),
    DayChange(date(2026, 1, 2), DayKind.DAY_OFF, "Day off", "Ngày nghỉ", "12729/VPCP-KGVX"),
    OfficeHours.parse("07:30-11:30, 13:00-17:00"),
    SeasonalHours((11, 1), (3, 31), OfficeHours.parse("07:30-12:00, 13:00-16:30"), "winter"),
    Resolution(
        Outcome.LATE, datetime(2026, 3, 4, 17), datetime(2026, 3, 9, 16), timedelta(hours=23)
    ),
    Timeliness(Standing.OVERDUE, datetime(2026, 3, 4, 17), -timedelta(hours=1, minutes=30)),
    StepReport(
        "000.00.31.H38",
        "appraisal",
        datetime(2026, 2, 9, 10),
        None,
        timedelta(hours=64),
        timedelta(hours=33),
    ),
    Duration.parse("0,5 ngày làm việc"),
    Duration.same_day(),
    DECREE_61_2018,
    DECREE_118_2025,
    sample_catalog(),
    onestop.ProcedureResult("Giấy chứng nhận đăng ký xe", "KQ.G01.000014"),
    onestop.ProcedureResult("Văn bản trả lời"),
    onestop.BoundaryFreeList(
        "Quyết định 2449/QĐ-UBND", {"1.001193", "2.000815"}, valid_from=date(2025, 11, 20)
    ),
    onestop.HandOverRule(
        electronic_cutoff=time(16, 0),
        paper_working_days=2,
        deadline_from=onestop.DeadlineStart.HAND_OVER,
        source="Quyết định 1/QĐ-UBND",
    ),
    onestop.HandOverReport(
        "000.00.12.H38",
        "000.00.14.H38",
        datetime(2026, 11, 17, 17),
        datetime(2026, 11, 18, 9),
        timedelta(hours=1),
    ),
]


@pytest.mark.parametrize("value", EXAMPLES, ids=lambda v: type(v).__name__)
def test_examples_round_trip(value):
    assert round_trip(value) == value


def test_every_public_attrs_class_is_covered():
    covered = {type(v) for v in EXAMPLES} | {
        onestop.Agency,
        onestop.AgencyDirectory,
        onestop.Procedure,
        onestop.Component,
        onestop.AgencyShare,
        onestop.Dossier,
        onestop.Applicant,
        onestop.Actor,
        onestop.DossierCode,
        onestop.Calendar,
        onestop.Terms,
        onestop.ChannelTerms,
        onestop.Validity,
        onestop.Indicator,
    }
    public = {
        obj
        for name in onestop.__all__
        if inspect.isclass(obj := getattr(onestop, name)) and attrs.has(obj)
    }
    derived = {onestop.DossierState}  # folded from the events, never stored
    assert public - covered - derived == set()


@given(ost.dossiers())
def test_dossiers_and_everything_in_them_round_trip(dossier):
    assert round_trip(dossier) == dossier
    for event in dossier.events:
        assert round_trip(event) == event
    assert round_trip(dossier.applicant.masked()) == dossier.applicant.masked()


@given(st.timedeltas(timedelta(days=-400), timedelta(days=400)))
def test_office_time_round_trips_as_iso_8601(delta):
    text = CONVERTER.unstructure(delta)
    assert text.lstrip("-").startswith("PT")
    assert CONVERTER.structure(text, timedelta) == delta


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("PT23H", timedelta(hours=23)),
        ("-PT1H30M", -timedelta(hours=1, minutes=30)),
        ("PT0S", timedelta()),
        ("PT0.5S", timedelta(milliseconds=500)),
        ("P1DT2H", timedelta(hours=26)),
    ],
)
def test_iso_durations(text, delta):
    assert CONVERTER.structure(text, timedelta) == delta


@pytest.mark.parametrize("text", ["", "P", "PT", "8h", "PT-1H", 8])
def test_bad_iso_durations_are_refused(text):
    with pytest.raises(ValueError, match="ISO 8601 duration"):
        CONVERTER.structure(text, timedelta)


def test_errors_name_their_path():
    data = json.loads(json.dumps(CONVERTER.unstructure(EXAMPLES[0])))
    data["seasons"][0]["hours"]["intervals"][0][0] = "8 giờ"
    try:
        CONVERTER.structure(data, type(EXAMPLES[0]))
    except Exception as error:  # noqa: BLE001 - describing whatever cattrs raises
        messages = describe_error(error)
    assert any("@ $.seasons[0].hours.intervals[0][0]" in m for m in messages)
