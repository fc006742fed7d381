"""First names: whether two given names can name the same person ("Jim" and "James", "Steve" and "Steven")."""

from __future__ import annotations

__all__ = ["SHORT_FORMS", "same_first"]

# common English short forms of first names (both directions count)
SHORT_FORMS: dict[str, frozenset[str]] = {
    k: frozenset(v)
    for k, v in {
        "william": {"bill", "billy", "will", "willie"},
        "robert": {"bob", "bobby", "rob", "robby"},
        "richard": {"dick", "rick", "ricky", "rich"},
        "michael": {"mike", "mick"},
        "james": {"jim", "jimmy", "jamie"},
        "joseph": {"joe", "joey"},
        "thomas": {"tom", "tommy"},
        "charles": {"chuck", "charlie"},
        "edward": {"ed", "eddie", "ted", "ned"},
        "theodore": {"ted", "teddy"},
        "elizabeth": {"liz", "beth", "betsy", "libby"},
        "katherine": {"kate", "kathy", "katie"},
        "catherine": {"kate", "cathy"},
        "margaret": {"maggie", "peggy", "meg"},
        "patricia": {"pat", "patty", "tricia"},
        "anthony": {"tony"},
        "antony": {"tony"},
        "nicholas": {"nick"},
        "alexander": {"alex"},
        "benjamin": {"ben"},
        "daniel": {"dan", "danny"},
        "david": {"dave"},
        "donald": {"don"},
        "gerald": {"gerry", "jerry"},
        "jacob": {"jack", "jake"},
        "john": {"jack"},
        "lawrence": {"larry"},
        "matthew": {"matt"},
        "peter": {"pete"},
        "ronald": {"ron"},
        "samuel": {"sam"},
        "stephen": {"steve"},
        "steven": {"steve"},
        "timothy": {"tim"},
        "zachary": {"zach"},
        "christopher": {"chris"},
        "kenneth": {"ken"},
        "andrew": {"andy", "drew"},
        "gregory": {"greg"},
        "jeffrey": {"jeff"},
        "frederick": {"fred"},
        "douglas": {"doug"},
        "nancy": {"nan"},
        "bernard": {"bernie"},
        "mitchell": {"mitch"},
        "jennifer": {"jen", "jenny"},
        "susan": {"sue", "susie"},
    }.items()
}


def same_first(a: str, b: str) -> bool:
    """True when two lower-case first names may be one person's: equal, one a prefix of the other
    (three letters at least) or a common short form of the other."""
    a, b = a.strip("."), b.strip(".")
    if a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))):
        return True
    return (
        b in SHORT_FORMS.get(a, ())
        or a in SHORT_FORMS.get(b, ())
        or bool(SHORT_FORMS.get(a, frozenset()) & SHORT_FORMS.get(b, frozenset()))
    )
