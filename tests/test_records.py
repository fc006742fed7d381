"""Typed record values: entity classes are the ontology's, modalities and mention kinds are strings."""

from __future__ import annotations

import json
from dataclasses import asdict

from kg.ontology import entity_classes
from kg.records import Entity, EntityClass, Evidence, Modality, Relation
from kg.resolve import ACTOR_TYPES, PLACE_TYPES, MentionKind, RoleKind


def test_records_entity_classes_are_the_ontology_classes():
    assert {str(c) for c in EntityClass} == set(entity_classes())


def test_records_actor_and_place_types_come_from_the_ontology():
    assert sorted(ACTOR_TYPES) == ["Bloc", "Country", "Organization", "Person"]
    assert sorted(PLACE_TYPES) == ["City", "Country", "Facility", "Place", "Region"]


def test_records_typed_values_equal_and_serialise_as_their_strings():
    typed = Entity("Russia", EntityClass.COUNTRY, "RUS")
    assert typed == Entity("Russia", "Country", "RUS") and hash(typed) == hash(
        Entity("Russia", "Country", "RUS")
    )
    rel = Relation(typed, "sanctions", typed, Evidence("a", "s", 0, 1), 0.9, "r", Modality.HEDGED)
    assert json.loads(json.dumps(asdict(rel)))["modality"] == "hedged"
    assert [str(k) for k in MentionKind] == ["name", "led", "nominal", "pronoun", "description", "thing"]
    assert [str(k) for k in RoleKind] == ["leader", "official", "member"]
