"""kg.consolidate: one real-world person, one entity across the articles of a build."""

from __future__ import annotations

from kg.consolidate import consolidate, person_names
from kg.records import Article, ArticleResult, Entity, Evidence, Relation


def _res(art: str, *triples: tuple[Entity, str, Entity]) -> ArticleResult:
    rels = tuple(
        Relation(s, p, o, Evidence(art, "s", i, i + 1), 0.9, "test.rule.v1")
        for i, (s, p, o) in enumerate(triples)
    )
    ents = tuple(dict.fromkeys(e for s, _, o in triples for e in (s, o)))
    return ArticleResult(Article(id=art, text="s"), ents, rels)


US = Entity("United States", "Country", "USA")
RU = Entity("Russia", "Country", "RUS")


def _p(name: str, country: str | None = None) -> Entity:
    return Entity(name, "Person", country)


def test_consolidate_surname_joins_the_only_full_name():
    plan = person_names(["Mitt Romney", "Mitt Romney", "Romney"])
    assert plan == {"Romney": "Mitt Romney"}


def test_consolidate_short_forms_and_middle_names():
    assert person_names(["Steven Mnuchin", "Steven Mnuchin", "Steve Mnuchin", "Mnuchin"]) == {
        "Steve Mnuchin": "Steven Mnuchin",
        "Mnuchin": "Steven Mnuchin",
    }
    # a tie goes to the shorter form, the one news uses most
    assert person_names(["William Burns", "Bill Burns"]) == {"William Burns": "Bill Burns"}
    assert person_names(["James M. Inhofe", "Jim Inhofe"]) == {"James M. Inhofe": "Jim Inhofe"}
    assert person_names(["Eric Holder Jr.", "Eric Holder"]) == {"Eric Holder Jr.": "Eric Holder"}
    assert person_names(["Bernard Sanders", "Bernie Sanders"]) == {"Bernard Sanders": "Bernie Sanders"}


def test_consolidate_different_people_sharing_a_surname_stay_apart():
    assert person_names(["Mark Warner", "John Warner", "Warner"]) == {}
    assert (
        person_names(["Hunter Biden", "Rielle Hunter", "Rielle Hunter", "Hunter"]) == {}
    )  # a first name too
    assert person_names(["Adam Khan", "Khan"]) == {}  # a full name seen once is no anchor
    assert person_names(["George W. Bush", "George H. W. Bush"]) == {}
    assert person_names(["Hillary Clinton", "Bill Clinton"]) == {}


def test_consolidate_renames_relations_and_keeps_countries():
    a = _res("a1", (_p("Mitt Romney", "USA"), "criticizes", RU))
    c = _res("a3", (_p("Mitt Romney", "USA"), "visits", US))
    b = _res("a2", (_p("Romney"), "visits", RU), (_p("Romney"), "officialOf", US))
    out = consolidate([a, b, c])
    names = {(r.subject.name, r.subject.country, r.predicate) for res in out for r in res.relations}
    assert names == {
        ("Mitt Romney", "USA", "criticizes"),
        ("Mitt Romney", "USA", "visits"),
        ("Mitt Romney", "USA", "officialOf"),
    }
    assert {e.name for e in out[1].entities} == {"Mitt Romney", "Russia", "United States"}


def test_consolidate_does_not_depend_on_article_order():
    a = _res("a1", (_p("Steve Mnuchin"), "visits", RU))
    b = _res("a2", (_p("Steven Mnuchin"), "visits", US), (_p("Steven Mnuchin"), "meetsWith", _p("Mnuchin")))
    one = consolidate([a, b])
    two = consolidate([b, a])
    assert sorted(r.key for res in one for r in res.relations) == sorted(
        r.key for res in two for r in res.relations
    )
    assert all(r.subject.name != r.object.name for res in one for r in res.relations)  # no self-relation left
