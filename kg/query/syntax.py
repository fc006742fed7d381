""":mod:`kg.query.syntax`: turn pyoxigraph's SPARQL parse errors into one line a person can act on.

pyoxigraph reports where its parser gave up and what it expected there, which is often far from the
mistake (`SELEC * WHERE ...` gets "expected CONSTRUCT"). This module reads the query itself: a word
that is no SPARQL keyword but close to one is named with the keyword it was probably meant to be, an
undeclared prefix is named with the declared ones, and otherwise the token at the error position is
named with a readable list of what was expected.

>>> describe_syntax_error("SELEC * WHERE { ?s ?p ?o }", "error at 1:10: expected CONSTRUCT")
"malformed SPARQL query at line 1, column 1: unexpected 'SELEC'; did you mean SELECT?"
>>> describe_syntax_error("SELECT * WHERE { ?s foo:p ?o }", "error at 1:26: expected one of Prefix not found")
"malformed SPARQL query at line 1, column 21: unknown prefix 'foo:'; declare it with PREFIX foo: <...>"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

__all__ = ["KEYWORDS", "describe_syntax_error", "words"]

KEYWORDS = frozenset(
    (
        "SELECT",
        "CONSTRUCT",
        "DESCRIBE",
        "ASK",
        "WHERE",
        "FROM",
        "NAMED",
        "PREFIX",
        "BASE",
        "DISTINCT",
        "REDUCED",
        "AS",
        "GROUP",
        "BY",
        "ORDER",
        "ASC",
        "DESC",
        "HAVING",
        "LIMIT",
        "OFFSET",
        "VALUES",
        "OPTIONAL",
        "UNION",
        "MINUS",
        "GRAPH",
        "SERVICE",
        "SILENT",
        "FILTER",
        "BIND",
        "UNDEF",
        "EXISTS",
        "NOT",
        "IN",
        "A",
        "TRUE",
        "FALSE",
        "LATERAL",
        "STR",
        "LANG",
        "LANGMATCHES",
        "DATATYPE",
        "BOUND",
        "IRI",
        "URI",
        "BNODE",
        "RAND",
        "ABS",
        "CEIL",
        "FLOOR",
        "ROUND",
        "CONCAT",
        "STRLEN",
        "UCASE",
        "LCASE",
        "ENCODE_FOR_URI",
        "CONTAINS",
        "STRSTARTS",
        "STRENDS",
        "STRBEFORE",
        "STRAFTER",
        "YEAR",
        "MONTH",
        "DAY",
        "HOURS",
        "MINUTES",
        "SECONDS",
        "TIMEZONE",
        "TZ",
        "NOW",
        "UUID",
        "STRUUID",
        "MD5",
        "SHA1",
        "SHA256",
        "SHA384",
        "SHA512",
        "COALESCE",
        "IF",
        "STRLANG",
        "STRDT",
        "SAMETERM",
        "ISIRI",
        "ISURI",
        "ISBLANK",
        "ISLITERAL",
        "ISNUMERIC",
        "REGEX",
        "SUBSTR",
        "REPLACE",
        "COUNT",
        "SUM",
        "MIN",
        "MAX",
        "AVG",
        "SAMPLE",
        "GROUP_CONCAT",
        "SEPARATOR",
        "TRIPLE",
        "SUBJECT",
        "PREDICATE",
        "OBJECT",
        "ISTRIPLE",
        "INSERT",
        "DELETE",
        "DATA",
        "LOAD",
        "CLEAR",
        "CREATE",
        "DROP",
        "COPY",
        "MOVE",
        "ADD",
        "WITH",
        "USING",
        "DEFAULT",
        "ALL",
        "INTO",
        "TO",
    )
)
# Strings, IRIs and comments are blanked out (offsets kept) before words are looked at.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>\s]*>|#[^\n]*'
)
_WORD = re.compile(r"(?<![\w?$@:.\-])([A-Za-z_][\w\-]*)(?![\w:\-])")
_PREFIXED = re.compile(r"(?<![\w?$@:.\-<])([A-Za-z][\w\-.]*)?:(?=[\w\-%\\]|[\s;,.)\]}])")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w\-.]*)?:", re.IGNORECASE)
_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")
_TOKEN = re.compile(r"[?$]?[\w\-.:]+|<[^>\s]*>?|\"[^\"\n]*\"?|\S")


def _blank(text: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length, same offsets)."""
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    if line - 1 >= len(starts):
        return len(text)
    return min(starts[line - 1] + max(column - 1, 0), len(text))


def words(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, word) for every bare word: no variable, prefixed name, string, IRI or comment."""
    for match in _WORD.finditer(_blank(text)):
        yield match.start(1), match.group(1)


def _prefixes_used(blank: str) -> Iterator[tuple[int, str]]:
    declared_at = {m.start() for m in _DECLARED.finditer(blank)}
    for match in _PREFIXED.finditer(blank):
        if any(start <= match.start() < start + 8 + len(match.group(0)) for start in declared_at):
            continue  # the name in a PREFIX declaration itself
        yield match.start(), match.group(1) or ""


def _unknown_prefix(text: str, known: Iterable[str], before: int) -> tuple[int, str] | None:
    blank = _blank(text)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(blank)} | set(known)
    found = [(at, name) for at, name in _prefixes_used(blank) if name not in declared and at <= before]
    return found[-1] if found else None


def _misspelt(text: str, before: int) -> tuple[int, str, str] | None:
    """The last bare word at or before `before` that is no keyword but close to one."""
    found = None
    for at, word in words(text):
        if at > before:
            break
        upper = word.upper()
        if upper in KEYWORDS:
            continue
        close = difflib.get_close_matches(upper, sorted(KEYWORDS), n=1, cutoff=0.75)
        if close:
            found = (at, word, close[0])
    return found


def _expected(message: str) -> str:
    """pyoxigraph's list of expected tokens without its character classes."""
    rest = message.split("expected", 1)[1] if "expected" in message else ""
    rest = rest.replace("one of", "", 1)
    items = re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\s][^,]*', rest)
    plain = [i.strip() for i in items if not i.startswith("[") and "Prefix not found" not in i]
    return ", ".join(plain[:8])


def _previous_token(text: str, at: int) -> str:
    """The last token before offset `at` (strings and IRIs included), or ''."""
    tokens = list(_TOKEN.finditer(_blank(text)[:at]))
    return text[tokens[-1].start() : tokens[-1].end()] if tokens else ""


def describe_syntax_error(text: str, message: str, *, prefixes: Iterable[str] = ()) -> str:
    """Return one line for a SPARQL parse error: what is wrong, where, and the likely fix.

    text (str): the query as sent.
    message (str): pyoxigraph's SyntaxError message ("error at LINE:COL: expected ...").
    prefixes (Iterable[str]): prefixes predeclared for the query (kg's `geo:`, `ent:` ...).
    RETURNS (str): "malformed SPARQL query at line L, column C: ..." on one line.
    """
    match = _POSITION.match(message)
    at = _offset(text, int(match.group(1)), int(match.group(2))) if match else len(text)
    if "Prefix not found" in message:
        unknown = _unknown_prefix(text, prefixes, at)
        if unknown is not None:
            offset, name = unknown
            line, col = _line_col(text, offset)
            return (
                f"malformed SPARQL query at line {line}, column {col}: unknown prefix '{name}:'; "
                f"declare it with PREFIX {name}: <...>"
                + (f" (predeclared: {', '.join(sorted(prefixes))})" if prefixes else "")
            )
    misspelt = _misspelt(text, at)
    if misspelt is not None:
        offset, word, keyword = misspelt
        line, col = _line_col(text, offset)
        return (
            f"malformed SPARQL query at line {line}, column {col}: unexpected '{word}'; "
            f"did you mean {keyword}?"
        )
    token = _TOKEN.match(text, at) if at < len(text) else None
    if match is None:
        return f"malformed SPARQL query: {' '.join(message.split())[:200]}"
    line, col = int(match.group(1)), int(match.group(2))
    if token is not None:
        found = f"unexpected '{token.group()[:40]}'"
    else:
        previous = _previous_token(text, at)
        found = f"unexpected end of query after '{previous[:40]}'" if previous else "empty query"
    expected = _expected(message)
    return f"malformed SPARQL query at line {line}, column {col}: {found}" + (
        f"; expected {expected}" if expected else ""
    )
