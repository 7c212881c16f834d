"""Every public value round-trips through the one converter, and the JSON is readable."""

import json

from hypothesis import given

from onestop import Catalog
from onestop.domain.model._dossier import Dossier
from onestop.domain.model._procedure import Procedure
from onestop.serialization import make_converter
from onestop.testing import strategies as ost

CONVERTER = make_converter()


def round_trip(value, kind):
    text = json.dumps(CONVERTER.unstructure(value), ensure_ascii=False)
    return CONVERTER.structure(json.loads(text), kind)


@given(ost.dossiers())
def test_dossiers_round_trip(dossier):
    back = round_trip(dossier, Dossier)
    assert back == dossier
    assert back.status is dossier.status


@given(ost.procedures())
def test_procedures_round_trip(procedure):
    assert round_trip(procedure, Procedure) == procedure


@given(ost.agencies())
def test_agencies_round_trip(agency):
    from onestop import Agency

    assert round_trip(agency, Agency) == agency


@given(ost.dossiers())
def test_events_are_tagged_on_the_wire(dossier):
    data = CONVERTER.unstructure(dossier)
    assert [event["event"] for event in data["events"]] == [event.kind for event in dossier.events]


def test_the_converter_is_private():
    import cattrs

    assert make_converter() is not make_converter()
    assert make_converter() is not cattrs.global_converter
    assert Catalog() == round_trip(Catalog(), Catalog)
