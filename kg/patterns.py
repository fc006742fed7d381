"""Dependency label sets and closed word lists the resolution and relation rules read.

Every label and lemma list used by the rules lives here, never inline.
"""

from __future__ import annotations

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
AGENT_DEPS = frozenset({"agent"})
PREP_DEPS = frozenset({"prep"})
POBJ_DEPS = frozenset({"pobj", "pcomp"})
CONJ_DEPS = frozenset({"conj", "appos"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
POSS_DEPS = frozenset({"poss"})
NEG_DEPS = frozenset({"neg"})
AUX_DEPS = frozenset({"aux", "auxpass"})
# clauses that share the subject of their head (subject control, coordination, adjuncts)
SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "ROOT", "parataxis"})

# verbs whose object, not subject, controls the embedded clause ("urged X to ...")
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "allow", "persuade", "force", "order", "encourage", "invite", "tell"}
)

# verbs that carry an event noun as their object: "impose sanctions on", "made a visit to"
LIGHT_VERBS = frozenset(
    {
        "be",
        "become",
        "remain",
        "make",
        "pay",
        "hold",
        "conduct",
        "impose",
        "levy",
        "slap",
        "announce",
        "launch",
        "sign",
        "conclude",
        "reach",
        "strike",
        "forge",
        "seal",
        "deepen",
        "strengthen",
        "bolster",
        "boost",
        "expand",
        "enhance",
        "upgrade",
        "build",
        "establish",
        "develop",
        "seek",
        "express",
        "voice",
        "pledge",
        "offer",
        "provide",
        "give",
        "lend",
        "extend",
        "wage",
        "carry",
        "stage",
        "mount",
        "open",
        "renew",
        "resume",
        "continue",
        "increase",
        "escalate",
        "have",
        "begin",
        "start",
        "plan",
        "finalize",
        "finalise",
        "secure",
        "restore",
        "cement",
        "solidify",
        "intensify",
        "step",
        "ramp",
        "broaden",
        "promote",
        "unveil",
        "approve",
        "tighten",
        "issue",
        "deliver",
        "lead",
        "join",
        "enter",
        "agree",
        "complete",
        "undertake",
        "lodge",
        "file",
        "register",
        "host",
    }
)

# speculation, and obligations or advice ("Obama should condemn ...") that assert no event
MODAL_HEDGES = frozenset({"could", "might", "may", "should", "must", "ought"})
HEDGE_GOVERNORS = frozenset(
    {
        "expect",
        "anticipate",
        "likely",
        "unlikely",
        "possible",
        "poise",
        "speculate",
        "rumor",
        "rumour",
        "consider",
        "mull",
        "weigh",
        "predict",
        "forecast",
        "threaten",
        "warn",
        "want",
        "hope",
        "wish",
    }
)
# appeals and proposals: what one urges, asks or proposes others to do has not happened ("urged Iraq to
# provide the tribes with arms", "recommended expelling U.S. officials"); "call" only as "call on/for"
APPEAL_VERBS = frozenset(
    {
        "urge",
        "encourage",
        "recommend",
        "advise",
        "propose",
        "suggest",
        "ask",
        "request",
        "appeal",
        "plead",
        "demand",
        "implore",
        "exhort",
    }
)
APPEAL_CALL_PREPS = frozenset({"on", "upon", "for"})
# how a clause hangs on a verb that does not govern it: coordination and adjuncts
UNGOVERNED_DEPS = frozenset({"conj", "advcl", "parataxis", "npadvmod", "appos"})
HEDGE_ADVERBS = frozenset({"possibly", "perhaps", "potentially", "maybe", "allegedly", "likely", "probably"})
HEDGE_ADJECTIVES = frozenset(
    {
        "purported",
        "suspected",
        "unconfirmed",
        "potential",
        "possible",
        "likely",
        "hypothetical",
        "rumored",
        "rumoured",
        "alleged",
    }
)
NEGATIVE_GOVERNORS = frozenset(
    {
        "refuse",
        "fail",
        "decline",
        "deny",
        "avoid",
        "cancel",
        "halt",
        "suspend",
        "sever",
        "scrap",
        "abandon",
        "terminate",
    }
)
NEGATIVE_DETERMINERS = frozenset({"no", "neither", "never"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# a threat is conditional by nature: "threatened to walk out unless Washington ..." is asserted, and the
# one whose action the condition names is the one threatened
THREAT_TRIGGERS = frozenset({"threaten", "warn", "threat", "ultimatum"})
THREAT_CONDITION_MARKS = frozenset({"if", "unless"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})

# nouns that stand for the country of their demonym or name modifier ("Russian forces")
GROUP_NOUNS = frozenset(
    {
        "advisor",
        "adviser",
        "aide",
        "secretary",
        "representative",
        "helicopter",
        "bulldozer",
        "warplane",
        "drone",
        "artillery",
        "militiaman",
        "paratrooper",
        "marine",
        "sailor",
        "pilot",
        "agent",
        "spy",
        "lawmaker",
        "senator",
        "court",
        "prosecutor",
        "patrol",
        "official",
        "government",
        "force",
        "troop",
        "army",
        "military",
        "authority",
        "diplomat",
        "ministry",
        "negotiator",
        "soldier",
        "navy",
        "delegation",
        "side",
        "administration",
        "regime",
        "parliament",
        "envoy",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "embassy",
        "cabinet",
        "leadership",
        "state",
        "officer",
        "general",
        "commander",
        "warship",
        "jet",
        "aircraft",
        "tank",
        "militia",
        "intelligence",
        "police",
        "ruler",
        "guard",
        "coast",
        "aviation",
        "air",
        "counterpart",
        "team",
        "junta",
        "president",
        "leader",
        "minister",
        "premier",
        "chancellor",
        "king",
        "emir",
        "prince",
    }
)
# generic heads after an organisation's name that still mean the organisation ("the Hamas movement")
ORG_HEAD_NOUNS = frozenset(
    {
        "faction",
        "movement",
        "group",
        "militia",
        "organisation",
        "organization",
        "network",
        "party",
        "alliance",
    }
)
# words that with a group noun make a generic government body ("Foreign Ministry", "Defence Department")
GOVERNMENT_BODY_WORDS = frozenset(
    {
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "justice",
        "trade",
        "economy",
        "affairs",
        "home",
        "national",
        "security",
        "department",
        "office",
        "council",
        "committee",
        "agency",
        "service",
        "general",
        "staff",
        "joint",
        "chief",
    }
)

# nouns naming a collective of actors of one class ("both countries", "the two leaders")
COUNTRY_DESCRIPTIONS = frozenset(
    {"country", "nation", "state", "side", "neighbor", "neighbour", "power", "government"}
)
PERSON_DESCRIPTIONS = frozenset({"leader", "president", "head", "counterpart", "man", "statesman"})
SINGULAR_COUNTRY_DESCRIPTIONS = frozenset({"nation", "country", "state", "regime", "kingdom", "republic"})
PAIR_DETERMINERS = frozenset({"both", "two"})

# words that make a noun phrase the time or backdrop of a clause, not its event ("ahead of the summit")
SCENE_WORDS = frozenset({"ahead", "before", "after", "during", "following", "since", "until", "prior"})

# people, who are sent or handed over but never supplied
PEOPLE_NOUNS = frozenset(
    {
        "chief",
        "deputy",
        "person",
        "people",
        "man",
        "woman",
        "staff",
        "staffer",
        "worker",
        "citizen",
        "national",
    }
)

# what one actor gives another when it supports it (besides goods and TIES_NOUNS)
AID_NOUNS = frozenset(
    {
        "help",
        "backing",
        "endorsement",
        "protection",
        "asylum",
        "refuge",
        "guarantee",
        "boost",
        "money",
        "cash",
        "grant",
        "donation",
        "subsidy",
        "relief",
        "fund",
    }
)

# what is launched or fired at a target
WEAPON_NOUNS = frozenset(
    {
        "missile",
        "rocket",
        "drone",
        "shell",
        "bomb",
        "grenade",
        "mortar",
        "torpedo",
        "projectile",
        "salvo",
        "barrage",
        "strike",
        "airstrike",
        "attack",
        "raid",
        "assault",
        "offensive",
        "munition",
    }
)

# what is imposed on a country when it is sanctioned: "imposed tariffs on", "slapped an embargo on"
PENALTY_NOUNS = frozenset(
    {
        "sanction",
        "tariff",
        "embargo",
        "penalty",
        "restriction",
        "ban",
        "fine",
        "levy",
        "duty",
        "measure",
        "curb",
        "blockade",
        "control",
        "limit",
        "freeze",
        "boycott",
        "quota",
        "cap",
    }
)

# verbs whose direct object is the topic, so "X and Y negotiated a deal" still pairs X and Y
TOPIC_OBJECT_VERBS = frozenset({"negotiate", "discuss"})

# things said, shown or dealt, not goods: "provided answers to", "delivered the address", "dealt a blow"
INFORMATION_NOUNS = frozenset(
    {
        "answer",
        "information",
        "detail",
        "evidence",
        "assurance",
        "guarantee",
        "explanation",
        "update",
        "briefing",
        "testimony",
        "response",
        "reply",
        "account",
        "advice",
        "comment",
        "view",
        "opinion",
        "reassurance",
        "address",
        "speech",
        "remark",
        "message",
        "lecture",
        "keynote",
        "sermon",
        "eulogy",
        "verdict",
        "ruling",
        "blow",
        "warning",
        "apology",
        "news",
        "vote",
        "letter",
        "note",
        "invitation",
        "greeting",
        "condolence",
        "wish",
        "congratulation",
        "signal",
        "thanks",
        "regard",
        "platform",
        "ten",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "time",
        "chance",
        "opportunity",
        "permission",
        "credit",
        "attention",
        "excess",
        "rest",
        "remainder",
        "amount",
        "share",
        "part",
        "portion",
    }
)

# nouns whose possessor is the real argument ("Russia's actions", "Putin's moves")
ACTION_NOUNS = frozenset(
    {
        "action",
        "effort",
        "move",
        "policy",
        "plan",
        "activity",
        "operation",
        "conduct",
        "behavior",
        "behaviour",
        "decision",
        "campaign",
        "program",
        "programme",
        "statement",
        "proposal",
        "stance",
        "position",
        "aggression",
        "involvement",
        "role",
        "change",
        "request",
        "offer",
        "demand",
        "call",
        "mediation",
        "ultimatum",
        "initiative",
        "pressure",
        "claim",
        "idea",
        "bid",
        "suggestion",
        "overture",
        "intervention",
        "right",
        "interest",
        "sovereignty",
        "independence",
        "integrity",
        "attempt",
        "deployment",
        "attack",
        "raid",
        "strike",
        "airstrike",
        "bombing",
        "shelling",
        "invasion",
        "occupation",
        "annexation",
        "incursion",
        "suppression",
        "crackdown",
        "repression",
        "persecution",
        "test",
        "violation",
    }
)

# what an actor holds, named by an "of" phrase: "the right of Russian troops to", "the sovereignty of Ukraine"
HELD_NOUNS = frozenset({"right", "interest", "sovereignty", "independence", "integrity"})

LEADER_TITLES = frozenset(
    {
        "president",
        "leader",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "monarch",
        "chairman",
        "chairwoman",
        "chair",
        "secretary-general",
        "dictator",
        "supremo",
        "ayatollah",
        "sheikh",
        "prince",
        "shah",
        "taoiseach",
        "head",
    }
)
LEADER_COMPOUND_TITLES = frozenset(
    {("prime", "minister"), ("supreme", "leader"), ("secretary", "general"), ("head", "of")}
)
OFFICIAL_TITLES = frozenset(
    {
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "general",
        "senator",
        "diplomat",
        "official",
        "adviser",
        "advisor",
        "commander",
        "negotiator",
        "governor",
        "deputy",
        "lawmaker",
        "mp",
        "representative",
        "admiral",
        "marshal",
        "colonel",
        "chief",
        "director",
        "mayor",
        "speaker",
        "attorney",
        "vice",
        "prosecutor",
        "lieutenant",
        "aide",
        "counselor",
        "counsellor",
        "sen",
        "rep",
        "congressman",
        "congresswoman",
    }
)
# nouns naming an office whose holder may follow in apposition ("the head of the IAEA, Rafael Grossi")
TITLE_NOUNS = frozenset({"head", "chief", "leader", "president", "chairman", "director", "secretary-general"})
MEMBER_NOUNS = frozenset({"ally", "member", "partner", "signatory"})
FACILITY_WORDS = frozenset(
    {
        "house",
        "palace",
        "hotel",
        "airport",
        "square",
        "hall",
        "base",
        "port",
        "stadium",
        "museum",
        "centre",
        "center",
        "building",
        "tower",
        "bridge",
        "plant",
        "station",
        "embassy",
        "residence",
        "compound",
        "camp",
        "prison",
        "mall",
        "university",
        "hospital",
        "cathedral",
        "mosque",
        "temple",
        "kremlin",
        "bay",
        "dam",
        "reactor",
        "complex",
        "facility",
        "guesthouse",
    }
)
# nouns for people, places and goods of a country that can be the target of an action
# ("Afghan civilians", "Iraqi towns"); only used as objects, never as actors
TARGET_NOUNS = frozenset(
    {
        "republic",
        "region",
        "province",
        "enclave",
        "population",
        "community",
        "minority",
        "camp",
        "area",
        "settlement",
        "adviser",
        "advisor",
        "student",
        "man",
        "woman",
        "child",
        "protester",
        "demonstrator",
        "hostage",
        "lorry",
        "truck",
        "office",
        "building",
        "helicopter",
        "jet",
        "navy",
        "army",
        "military",
        "militant",
        "guerrilla",
        "peacekeeper",
        "officer",
        "authority",
        "government",
        "leader",
        "policy",
        "faction",
        "group",
        "civilian",
        "people",
        "refugee",
        "detainee",
        "prisoner",
        "immigrant",
        "national",
        "citizen",
        "town",
        "village",
        "city",
        "home",
        "position",
        "target",
        "territory",
        "good",
        "ship",
        "vessel",
        "soldier",
        "troop",
        "force",
        "base",
        "border",
        "interest",
        "embassy",
        "consulate",
        "diplomat",
        "official",
        "worker",
        "journalist",
        "activist",
        "fisherman",
        "airliner",
        "plane",
        "aircraft",
        "facility",
        "site",
        "infrastructure",
        "port",
        "export",
        "import",
        "product",
        "company",
        "firm",
        "bank",
        "entity",
    }
)
# heads whose "of" phrase names the actors ("a group of Moroccan diplomats")
PARTITIVE_NOUNS = frozenset(
    {
        "group",
        "number",
        "delegation",
        "team",
        "contingent",
        "unit",
        "batch",
        "patch",
        "couple",
        "pair",
        "some",
        "many",
        "all",
        "both",
        "most",
        "several",
        "dozen",
        "hundred",
        "thousand",
        "member",
        "representative",
        "one",
        "two",
        "three",
    }
)

# what a state can halt, cut or suspend towards another as a penalty ("halted aid to Serbia")
TIES_NOUNS = frozenset(
    {
        "aid",
        "assistance",
        "support",
        "tie",
        "relation",
        "link",
        "flight",
        "trade",
        "export",
        "import",
        "supply",
        "loan",
        "funding",
        "cooperation",
        "contact",
        "talk",
        "shipment",
        "delivery",
        "credit",
    }
)

# small words inside multi-word names that stay lower case ("Bashar al-Assad", "Bank of England")
NAME_FUNCTION_WORDS = frozenset(
    {
        "&",
        "'s",
        "-",
        "al",
        "and",
        "at",
        "bin",
        "da",
        "de",
        "der",
        "di",
        "du",
        "e",
        "el",
        "for",
        "ibn",
        "in",
        "la",
        "le",
        "of",
        "on",
        "the",
        "to",
        "van",
        "von",
        "y",
    }
)

# English personal pronouns by the class of their antecedent
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "state", "claim", "confirm", "add", "note"})
# verbs whose subject commits itself in the clause they govern: "Israel vowed that they would ..."
COMMITMENT_VERBS = frozenset({"vow", "pledge", "promise", "insist", "warn", "threaten", "declare"})

# verbs of a purpose clause whose object is the beneficiary ("supplies munitions to support X")
PURPOSE_VERBS = frozenset({"support", "help", "aid", "assist", "back", "bolster", "arm", "sustain", "equip"})

# what one is held to be for a wrong: "held Russia responsible for the attack"
BLAME_ADJECTIVES = frozenset({"responsible", "accountable", "liable", "culpable"})

# common nouns for a kind of place, whose modifiers may name its country ("the Syrian city of Raqqa")
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "port",
        "resort",
        "province",
        "region",
        "capital",
        "district",
        "island",
        "enclave",
        "territory",
        "county",
        "municipality",
        "suburb",
        "neighborhood",
        "neighbourhood",
        "base",
        "governorate",
        "stronghold",
    }
)
# compass words between "in" and a country ("in southwest England")
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)

# the two US parties by the adjective a politician's title carries ("Republican Sen. ...")
US_PARTIES = {
    "republican": "Republican Party",
    "gop": "Republican Party",
    "democratic": "Democratic Party",
    "democrat": "Democratic Party",
}
# titles a party adjective may qualify ("the Democratic front-runner", "a Republican senator")
PARTY_ROLE_NOUNS = frozenset(
    {
        "sen.",
        "senator",
        "rep.",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "nominee",
        "candidate",
        "front-runner",
        "frontrunner",
        "leader",
        "governor",
        "gov.",
        "whip",
        "chairman",
        "chairwoman",
        "member",
        "president",
        "speaker",
    }
)

# words that make a name a part of a larger body ("the Senate Armed Services Committee")
SUB_BODY_WORDS = frozenset({"committee", "subcommittee", "commission", "panel", "caucus"})

# titles whose "for" phrase names where or what they serve, not whose they are ("envoy for Iran",
# "inspector general for Afghanistan reconstruction"; a "spokesman for China" is China's)
FOR_DESTINATION_TITLES = frozenset({"envoy", "representative", "coordinator", "general", "commissioner"})

# diplomats a government summons to hear a protest ("summoned the US ambassador")
ENVOY_NOUNS = frozenset(
    {"ambassador", "envoy", "diplomat", "charge", "chargé", "consul", "attache", "emissary"}
)

# what a frame's object or passive subject must be, by the name a lexicon `theme:<name>` flag gives
THEME_NOUNS = {
    "ties": TIES_NOUNS,
    "penalty": PENALTY_NOUNS,
    "aid": TIES_NOUNS | AID_NOUNS,  # goods count too (see kg.relations.extract)
    "weapon": WEAPON_NOUNS,
    "envoy": ENVOY_NOUNS,
    "item": frozenset(),  # only goods the gazetteer knows (weapons, commodities)
}

__all__ = sorted(name for name in list(globals()) if name.isupper())
