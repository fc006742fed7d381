"""Dependency label sets the resolution and relation rules read (spaCy's English labels).

Closed word lists are data: `kg/data/wordsets.toml`, loaded by `kg.wordsets`.
"""

from __future__ import annotations

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
AGENT_DEPS = frozenset({"agent"})
PREP_DEPS = frozenset({"prep"})
POBJ_DEPS = frozenset({"pobj", "pcomp"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
POSS_DEPS = frozenset({"poss"})
NEG_DEPS = frozenset({"neg"})
AUX_DEPS = frozenset({"aux", "auxpass"})
# clauses that share the subject of their head (subject control, coordination, adjuncts)
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
# how a clause hangs on a verb that does not govern it: coordination and adjuncts
UNGOVERNED_DEPS = frozenset({"conj", "advcl", "parataxis", "npadvmod", "appos"})

__all__ = sorted(name for name in list(globals()) if name.isupper())
