"""The predicate lexicon (ontology/lexicon.tsv): parses, names only ontology properties, rejects bad lines."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.records import Article
from kg.relations.component import extract_doc
from kg.relations.lexicon import ObjectKind, load_lexicon, parse_lexicon
from kg.vocab import GEO


def test_lexicon_shipped_file_parses_with_ontology_predicates():
    lex = load_lexicon()
    frames = [f for group in (*lex.verbs.values(), *lex.nouns.values()) for f in group]
    assert len(frames) > 150
    for f in frames:
        assert GEO[f.predicate] is not None
        assert 0.0 < f.confidence <= 1.0


def test_lexicon_theme_flags():
    lex = parse_lexicon("verb\timpose\tsanctions\tprep:on\tactor\t0.75\ttheme:penalty,theme:ties\n")
    assert lex.verbs["impose"][0].themes == ("penalty", "ties")


def test_lexicon_requires_and_excludes_flags():
    lex = parse_lexicon(
        "verb\tfire\tattacks\tprep:at\ttarget\t0.8\texcludes:prt:back\n"
        "verb\tfire\tcriticizes\tprep:at\tactor\t0.75\trequires:prt:back\n"
    )
    attack, criticise = lex.verbs["fire"]
    assert attack.excludes == (("prt", "back"),) and not attack.requires
    assert criticise.requires == (("prt", "back"),) and not criticise.excludes


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("verb\tfire\tattacks\tprep:at\ttarget\t0.8", "expected 7 tab-separated columns"),
        ("adj\tfire\tattacks\tprep:at\ttarget\t0.8\t-", "pos must be verb or noun"),
        ("verb\tfire\tbefriends\tprep:at\ttarget\t0.8\t-", "'befriends' is not a property"),
        ("verb\tfire\tattacks\tsomewhere\ttarget\t0.8\t-", "unknown slot 'somewhere'"),
        ("verb\tfire\tattacks\tprep:at\ttarget\t0.8\tloud", "unknown flag 'loud'"),
        ("verb\tfire\tattacks\tprep:at\ttarget\t0.8\ttheme:fruit", "unknown theme 'fruit'"),
        ("verb\tfire\tattacks\tprep:at\tweapon\t0.8\t-", "kind must be one of"),
    ],
)
def test_lexicon_bad_line_names_file_and_line(line, message):
    with pytest.raises(ConfigError, match=message) as err:
        parse_lexicon("# comment\n" + line + "\n", source="my.tsv")
    assert "my.tsv:2" in str(err.value)


def test_lexicon_attacks_objects_are_actors_or_places():
    """What is attacked is an actor or a place, never a programme or a weapon: the lexicon says so in its
    `kind` column (place, or victim: actor or place); no rule overrides it."""
    lex = load_lexicon()
    frames = [f for group in (*lex.verbs.values(), *lex.nouns.values()) for f in group]
    assert {f.kind for f in frames if f.predicate == "attacks"} == {ObjectKind.PLACE, ObjectKind.VICTIM}
    assert parse_lexicon("verb\tbomb\tattacks\tdobj\tvictim\t0.9\t-\n").verbs["bomb"][0].kind == "victim"


_DISMISSAL = [
    ("Vladimir Putin dismissed Barack Obama as a weak leader.", ("Vladimir Putin", "Barack Obama"), True),
    ("The State Department dismissed the Syrian offer as a stalling tactic.", None, True),
    ("Mitch McConnell ripped Nancy Pelosi for delaying the bill.", ("Mitch McConnell", "Nancy Pelosi"), True),
    ("Vladimir Putin dismissed Barack Obama's adviser on Monday.", ("Vladimir Putin", "Barack Obama"), False),
    ("Donald Trump ripped up the nuclear deal with Iran.", ("Donald Trump", "Iran"), False),
]


@pytest.mark.parametrize(("text", "pair", "hostile"), _DISMISSAL)
def test_lexicon_dismissing_as_and_ripping_someone_are_criticism(nlp, text, pair, hostile):
    res = extract_doc(nlp(text), Article(id="t", text=text), source="rules")
    found = {(r.subject.name, r.object.name) for r in res.relations if r.predicate == "criticizes"}
    if pair is None:  # a thing of an actor ("the Syrian offer") is criticism of the actor
        assert ("United States Department of State", "Syria") in found
    elif hostile:
        assert pair in found
    else:  # dismissing someone without "as ...", ripping up an agreement: no criticism
        assert pair not in found
