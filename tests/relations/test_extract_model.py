"""Sentence -> triples cases for kg.relations.extract on the real spaCy model.

Every case follows /work/shared/eval/GUIDELINES.md (the extraction spec). Sentences are written
for these tests (no sample or gold sentence). Positive cases check that the expected triples are
among the asserted ones (extra harmless triples are allowed); negative cases check that a triple
is absent from the default output. A case the current code gets wrong but the guidelines clearly
require is kept as `xfail(strict=True)` so the gap stays visible.
"""

from __future__ import annotations

import pytest

from kg.ontology import symmetric
from kg.records import ASSERTED, HEDGED, NEGATED, Article, ArticleResult
from kg.relations.extract import extract_article


def _key(s: str, p: str, o: str) -> tuple:
    """A triple to compare; symmetric predicates compare as unordered pairs."""
    return (p, frozenset((s, o))) if p in symmetric() else (s, p, o)


def _extract(nlp, text: str, *, place: str = "", keep_hedged: bool = False) -> ArticleResult:
    return extract_article(nlp(text), Article(id="t", text=text, place=place), keep_hedged=keep_hedged)


def _triples(result: ArticleResult) -> set[tuple]:
    return {_key(r.subject.name, r.predicate, r.object.name) for r in result.relations}


POSITIVE = [
    # ---------------------------------------------------------------- leaderOf / officialOf
    pytest.param(
        "Indian Prime Minister Narendra Modi arrived in Brasilia on Tuesday.",
        [("Narendra Modi", "leaderOf", "India"), ("Narendra Modi", "visits", "Brasília")],
        id="leaderOf-demonym-prime-minister",
    ),
    pytest.param(
        "German Chancellor Friedrich Merz traveled to Warsaw.",
        [("Friedrich Merz", "leaderOf", "Germany"), ("Friedrich Merz", "visits", "Warsaw")],
        id="leaderOf-chancellor",
    ),
    pytest.param(
        "Polish President Andrzej Duda met Ukrainian President Volodymyr Zelenskyy in Kyiv.",
        [
            ("Andrzej Duda", "leaderOf", "Poland"),
            ("Volodymyr Zelenskyy", "leaderOf", "Ukraine"),
            ("Andrzej Duda", "meetsWith", "Volodymyr Zelenskyy"),
        ],
        id="leaderOf-two-titles",
    ),
    pytest.param(
        "Kenya's president William Ruto criticized the African Union.",
        [("William Ruto", "leaderOf", "Kenya"), ("William Ruto", "criticizes", "African Union")],
        id="leaderOf-possessive-title",
    ),
    pytest.param(
        "NATO Secretary-General Mark Rutte praised Finland.",
        [("Mark Rutte", "supports", "Finland")],
        id="supports-titled-official",
    ),
    pytest.param(
        "NATO Secretary-General Mark Rutte praised Finland.",
        [("Mark Rutte", "leaderOf", "NATO")],
        id="leaderOf-secretary-general",
    ),
    pytest.param(
        "Brazilian President João Costa spoke. The Brazilian president later visited Lima.",
        [("João Costa", "leaderOf", "Brazil"), ("João Costa", "visits", "Lima")],
        id="leaderOf-invented-person-description",
    ),
    pytest.param(
        "Subrahmanyam Jaishankar, India's foreign minister, criticized Canada.",
        [
            ("Subrahmanyam Jaishankar", "officialOf", "India"),
            ("Subrahmanyam Jaishankar", "criticizes", "Canada"),
        ],
        id="officialOf-apposition",
    ),
    pytest.param(
        "Carlos Mendes, Brazil's foreign minister, visited Lima.",
        [("Carlos Mendes", "officialOf", "Brazil"), ("Carlos Mendes", "visits", "Lima")],
        id="officialOf-apposition-invented",
    ),
    pytest.param(
        "Japanese Foreign Minister Toshimitsu Motegi criticized Beijing.",
        [("Toshimitsu Motegi", "officialOf", "Japan"), ("Toshimitsu Motegi", "criticizes", "China")],
        id="officialOf-demonym-title",
    ),
    pytest.param(
        "The Japanese ambassador, Kenji Tanaka, visited Seoul.",
        [("Kenji Tanaka", "officialOf", "Japan"), ("Kenji Tanaka", "visits", "Seoul")],
        id="officialOf-ambassador-apposition",
    ),
    pytest.param(
        "Mao Ning, a spokeswoman for the Chinese foreign ministry, condemned the sanctions.",
        [("Mao Ning", "officialOf", "China"), ("Mao Ning", "condemns", "sanctions")],
        id="officialOf-spokeswoman",
    ),
    # ---------------------------------------------------------------- memberOf
    pytest.param("Sweden joined NATO last year.", [("Sweden", "memberOf", "NATO")], id="memberOf-joined"),
    pytest.param("Turkey is a member of NATO.", [("Turkey", "memberOf", "NATO")], id="memberOf-member-of"),
    pytest.param(
        "Germany is a member of the European Union and NATO.",
        [("Germany", "memberOf", "European Union"), ("Germany", "memberOf", "NATO")],
        id="memberOf-coordinated-objects",
    ),
    pytest.param(
        "NATO ally Turkey bought air defense systems from Russia.",
        [("Turkey", "memberOf", "NATO")],
        id="memberOf-nato-ally",
    ),
    pytest.param(
        "Sweden's membership in NATO was approved.", [("Sweden", "memberOf", "NATO")], id="memberOf-nominal"
    ),
    # ---------------------------------------------------------------- locatedIn ("City, Country")
    pytest.param(
        "The summit took place in Osaka, Japan.",
        [("Osaka", "locatedIn", "Japan")],
        id="locatedIn-city-country",
    ),
    pytest.param(
        "The ministers met in Lyon, France, on Friday.",
        [("Lyon", "locatedIn", "France")],
        id="locatedIn-city-country-midsentence",
    ),
    # ---------------------------------------------------------------- visits
    pytest.param("Modi visited Tokyo in August.", [("Narendra Modi", "visits", "Tokyo")], id="visits-active"),
    pytest.param(
        "Erdogan traveled to Tehran.", [("Recep Tayyip Erdoğan", "visits", "Tehran")], id="visits-travel-to"
    ),
    pytest.param(
        "Modi's visit to Berlin was brief.", [("Narendra Modi", "visits", "Berlin")], id="visits-nominal"
    ),
    pytest.param(
        "Modi flew to Moscow for talks.",
        [("Narendra Modi", "visits", "Moscow")],
        id="visits-capital-stays-city",
    ),
    pytest.param(
        "Putin arrived in Beijing on Thursday.",
        [("Vladimir Putin", "visits", "Beijing")],
        id="visits-arrive-in",
    ),
    pytest.param(
        "Modi will visit Washington next month.",
        [("Narendra Modi", "visits", "Washington")],
        id="visits-firm-plan",
    ),
    pytest.param(
        "Turkey welcomed Lula, who later visited Ankara.",
        [("Luiz Inácio Lula da Silva", "visits", "Ankara")],
        id="visits-relative-clause",
    ),
    # ---------------------------------------------------------------- meetsWith
    pytest.param(
        "Olaf Scholz met Narendra Modi in New Delhi.",
        [("Olaf Scholz", "meetsWith", "Narendra Modi")],
        id="meetsWith-active",
    ),
    pytest.param(
        "Mark Carney was welcomed by Emmanuel Macron at the Elysee Palace.",
        [("Emmanuel Macron", "meetsWith", "Mark Carney")],
        id="meetsWith-passive-by-agent",
    ),
    pytest.param(
        "The talks between Brazil and Argentina ended without a statement.",
        [("Brazil", "meetsWith", "Argentina")],
        id="meetsWith-talks-between",
    ),
    pytest.param(
        "Japan and South Korea held talks in Seoul.",
        [("Japan", "meetsWith", "South Korea")],
        id="meetsWith-coordinated-subject-light-verb",
    ),
    pytest.param(
        "US officials met Chinese officials in Geneva.",
        [("United States", "meetsWith", "China")],
        id="meetsWith-demonym-officials",
    ),
    pytest.param(
        "The Kremlin hosted Indian Prime Minister Narendra Modi.",
        [("Russia", "meetsWith", "Narendra Modi")],
        id="meetsWith-kremlin-hosts",
    ),
    pytest.param(
        "Turkey welcomed Lula, who later visited Ankara.",
        [("Turkey", "meetsWith", "Luiz Inácio Lula da Silva")],
        id="meetsWith-welcome",
    ),
    pytest.param(
        "Modi arrived in Tokyo on Friday. He met Japanese Prime Minister Fumio Kishida.",
        [("Narendra Modi", "meetsWith", "Fumio Kishida"), ("Fumio Kishida", "leaderOf", "Japan")],
        id="meetsWith-pronoun-he",
    ),
    pytest.param(
        "Erdogan visited Moscow. The Turkish leader met Putin there.",
        [("Recep Tayyip Erdoğan", "meetsWith", "Vladimir Putin")],
        id="meetsWith-description-leader",
    ),
    # ---------------------------------------------------------------- cooperatesWith
    pytest.param(
        "India and Japan agreed to cooperate on semiconductors.",
        [("India", "cooperatesWith", "Japan")],
        id="cooperatesWith-control-chain",
    ),
    pytest.param(
        "The deal between Iran and Turkey covers natural gas.",
        [("Iran", "cooperatesWith", "Turkey")],
        id="cooperatesWith-deal-between",
    ),
    pytest.param(
        "India signed a trade deal with Britain.",
        [("India", "cooperatesWith", "United Kingdom")],
        id="cooperatesWith-light-verb-deal-with",
    ),
    pytest.param(
        "India and Japan signed a partnership agreement.",
        [("India", "cooperatesWith", "Japan")],
        id="cooperatesWith-coordinated-signatories",
    ),
    # ---------------------------------------------------------------- alliedWith
    pytest.param(
        "Japan and Australia formed an alliance.",
        [("Japan", "alliedWith", "Australia")],
        id="alliedWith-formed-alliance",
    ),
    pytest.param(
        "Australia's alliance with the United States is strong.",
        [("Australia", "alliedWith", "United States")],
        id="alliedWith-possessive",
    ),
    pytest.param(
        "The alliance between Japan and the Philippines deepened.",
        [("Japan", "alliedWith", "Philippines")],
        id="alliedWith-between",
    ),
    pytest.param(
        "South Korea and Japan are close allies.",
        [("South Korea", "alliedWith", "Japan")],
        id="alliedWith-are-allies",
    ),
    # ---------------------------------------------------------------- tradesWith
    pytest.param("Brazil trades with China.", [("Brazil", "tradesWith", "China")], id="tradesWith-verb"),
    pytest.param(
        "Trade between India and Brazil rose sharply.",
        [("India", "tradesWith", "Brazil")],
        id="tradesWith-between",
    ),
    # ---------------------------------------------------------------- supports
    pytest.param("Germany supports Ukraine.", [("Germany", "supports", "Ukraine")], id="supports-active"),
    pytest.param(
        "Ukraine is supported by Poland.", [("Poland", "supports", "Ukraine")], id="supports-passive"
    ),
    pytest.param(
        "Japan's support for the Philippines was welcomed.",
        [("Japan", "supports", "Philippines")],
        id="supports-nominal",
    ),
    pytest.param(
        "Germany pledged to support Ukraine.",
        [("Germany", "supports", "Ukraine")],
        id="supports-control-chain",
    ),
    pytest.param(
        "Brazil backed India's bid for a permanent seat.",
        [("Brazil", "supports", "India")],
        id="supports-possessor-of-action",
    ),
    pytest.param(
        "Iran backed Hamas and Hezbollah.",
        [("Iran", "supports", "Hamas"), ("Iran", "supports", "Hezbollah")],
        id="supports-coordinated-objects",
    ),
    pytest.param(
        "The European Union endorsed the ceasefire.",
        [("European Union", "supports", "ceasefire")],
        id="supports-policy",
    ),
    # ---------------------------------------------------------------- supplies / suppliesTo
    pytest.param(
        "Iran supplies drones to Russia.",
        [("Iran", "supplies", "drones"), ("Iran", "suppliesTo", "Russia")],
        id="supplies-to",
    ),
    pytest.param(
        "Iran supplied Russia with drones.",
        [("Iran", "supplies", "drones"), ("Iran", "suppliesTo", "Russia")],
        id="supplies-with",
    ),
    pytest.param(
        "Germany delivered tanks to Ukraine.",
        [("Germany", "supplies", "tanks"), ("Germany", "suppliesTo", "Ukraine")],
        id="supplies-deliver",
    ),
    pytest.param(
        "Canada sells uranium to India.",
        [("Canada", "supplies", "uranium"), ("Canada", "suppliesTo", "India")],
        id="supplies-sell",
    ),
    pytest.param(
        "Germany and France supplied tanks to Ukraine.",
        [("Germany", "suppliesTo", "Ukraine"), ("France", "suppliesTo", "Ukraine")],
        id="suppliesTo-coordinated-subject",
    ),
    pytest.param(
        "The delivery of tanks to Ukraine by Germany was delayed.",
        [("Germany", "suppliesTo", "Ukraine")],
        id="suppliesTo-nominal",
    ),
    pytest.param(
        "Turkey bought air defense systems from Russia.",
        [("Russia", "suppliesTo", "Turkey")],
        id="suppliesTo-buys-from-reversed",
    ),
    pytest.param(
        "Brazil buys fertilizer from Russia.",
        [("Russia", "suppliesTo", "Brazil")],
        id="suppliesTo-buys-from-present",
    ),
    pytest.param(
        "India decided to buy oil from Russia.",
        [("Russia", "suppliesTo", "India")],
        id="suppliesTo-control-buy-from",
    ),
    pytest.param(
        "France sold fighter jets to India.",
        [("France", "supplies", "fighter jets")],
        id="supplies-sell-item",
    ),
    pytest.param(
        "France sold fighter jets to India.",
        [("France", "suppliesTo", "India")],
        id="suppliesTo-sell-dative-to",
    ),
    pytest.param(
        "Argentina sells beef to China.",
        [("Argentina", "suppliesTo", "China")],
        id="suppliesTo-sell-dative-to-2",
    ),
    pytest.param(
        "China provided Pakistan with fighter jets.",
        [("China", "suppliesTo", "Pakistan"), ("China", "supplies", "fighter jets")],
        id="supplies-provide-with",
    ),
    pytest.param(
        "Iran supplies drones to Russia, which is at war with Ukraine.",
        [("Iran", "suppliesTo", "Russia")],
        id="suppliesTo-pp-attached-to-object",
    ),
    pytest.param(
        "NATO ally Turkey bought air defense systems from Russia.",
        [("Russia", "suppliesTo", "Turkey")],
        id="suppliesTo-appositive-subject",
    ),
    pytest.param(
        "Russia sold Su-35 jets to Iran.",
        [("Russia", "supplies", "Su-35")],
        id="supplies-named-product",
    ),
    pytest.param(
        "Egypt's purchase of wheat from Russia grew.",
        [("Russia", "suppliesTo", "Egypt")],
        id="suppliesTo-nominal-purchase-from",
    ),
    # ---------------------------------------------------------------- opposes
    pytest.param("China opposes the sanctions.", [("China", "opposes", "sanctions")], id="opposes-policy"),
    pytest.param(
        "The sanctions were opposed by China.", [("China", "opposes", "sanctions")], id="opposes-passive"
    ),
    pytest.param(
        "India rejected Pakistan's claims.",
        [("India", "opposes", "Pakistan")],
        id="opposes-possessor-of-claim",
    ),
    pytest.param(
        "Iran vowed to resist the United States.",
        [("Iran", "opposes", "United States")],
        id="opposes-vowed-to-resist",
    ),
    pytest.param(
        "Iran vowed to resist American pressure.",
        [("Iran", "opposes", "United States")],
        id="opposes-demonym-action-noun",
    ),
    # ---------------------------------------------------------------- condemns
    pytest.param(
        "Japan condemned North Korea.", [("Japan", "condemns", "North Korea")], id="condemns-active"
    ),
    pytest.param(
        "Japan and South Korea condemned North Korea.",
        [("Japan", "condemns", "North Korea"), ("South Korea", "condemns", "North Korea")],
        id="condemns-coordinated-subject",
    ),
    pytest.param(
        "China condemned Japan and the Philippines.",
        [("China", "condemns", "Japan"), ("China", "condemns", "Philippines")],
        id="condemns-coordinated-object",
    ),
    pytest.param(
        "The Indian government condemned Pakistan.",
        [("India", "condemns", "Pakistan")],
        id="condemns-demonym-government",
    ),
    pytest.param(
        "Iran condemned Israel's attack on Syria.",
        [("Iran", "condemns", "Israel"), ("Israel", "attacks", "Syria")],
        id="condemns-attack-nominal",
    ),
    pytest.param(
        "Japan's condemnation of North Korea was swift.",
        [("Japan", "condemns", "North Korea")],
        id="condemns-nominal",
    ),
    pytest.param(
        "Iran and Turkey held talks in Ankara. Both countries condemned Israel.",
        [("Iran", "condemns", "Israel"), ("Turkey", "condemns", "Israel"), ("Iran", "meetsWith", "Turkey")],
        id="condemns-both-countries",
    ),
    pytest.param(
        "India and Japan signed a deal. They also condemned North Korea.",
        [("India", "condemns", "North Korea"), ("Japan", "condemns", "North Korea")],
        id="condemns-pronoun-they",
    ),
    pytest.param(
        "Japan, which condemned North Korea, called for calm.",
        [("Japan", "condemns", "North Korea")],
        id="condemns-relative-clause",
    ),
    pytest.param(
        "Erdogan met Pezeshkian in Ankara. They condemned Israel.",
        [("Recep Tayyip Erdoğan", "condemns", "Israel"), ("Masoud Pezeshkian", "condemns", "Israel")],
        id="condemns-they-after-meeting",
    ),
    # ---------------------------------------------------------------- criticizes
    pytest.param(
        "Brazil criticized the United States.",
        [("Brazil", "criticizes", "United States")],
        id="criticizes-active",
    ),
    pytest.param(
        "India accused Pakistan of sponsoring terrorism.",
        [("India", "criticizes", "Pakistan")],
        id="criticizes-accuse",
    ),
    pytest.param(
        "China blamed Washington for the tensions.",
        [("China", "criticizes", "United States")],
        id="criticizes-metonymy-object",
    ),
    pytest.param(
        "Beijing criticized Tokyo.", [("China", "criticizes", "Japan")], id="criticizes-capitals-act"
    ),
    pytest.param(
        "The White House criticized Beijing.",
        [("United States", "criticizes", "China")],
        id="criticizes-white-house",
    ),
    pytest.param(
        "Pakistan was criticized by India.", [("India", "criticizes", "Pakistan")], id="criticizes-passive"
    ),
    pytest.param(
        "India's criticism of Canada angered Ottawa.",
        [("India", "criticizes", "Canada")],
        id="criticizes-nominal",
    ),
    pytest.param(
        "Lula met Milei in Buenos Aires. The two leaders criticized the IMF.",
        [
            ("Luiz Inácio Lula da Silva", "criticizes", "International Monetary Fund"),
            ("Javier Milei", "criticizes", "International Monetary Fund"),
        ],
        id="criticizes-the-two-leaders",
    ),
    # ---------------------------------------------------------------- sanctions
    pytest.param(
        "The United States imposed sanctions on Iran.",
        [("United States", "sanctions", "Iran")],
        id="sanctions-impose-on",
    ),
    pytest.param(
        "The EU sanctioned Belarus.", [("European Union", "sanctions", "Belarus")], id="sanctions-verb"
    ),
    pytest.param(
        "Iran was sanctioned by the European Union.",
        [("European Union", "sanctions", "Iran")],
        id="sanctions-passive",
    ),
    pytest.param(
        "Sanctions imposed by Japan on North Korea took effect.",
        [("Japan", "sanctions", "North Korea")],
        id="sanctions-imposed-by",
    ),
    pytest.param(
        "The sanctions that Washington imposed on Iran were lifted.",
        [("United States", "sanctions", "Iran")],
        id="sanctions-object-relative-clause",
    ),
    # ---------------------------------------------------------------- threatens
    pytest.param("Iran threatened Israel.", [("Iran", "threatens", "Israel")], id="threatens-active"),
    pytest.param(
        "Germany threatened Hungary with sanctions.",
        [("Germany", "threatens", "Hungary")],
        id="threatens-with",
    ),
    pytest.param(
        "China warned Taiwan of consequences.",
        [("China", "threatens", "Taiwan")],
        id="threatens-warn-of-consequences",
    ),
    pytest.param(
        "Washington warned Beijing.", [("United States", "threatens", "China")], id="threatens-metonymy"
    ),
    pytest.param(
        "Japan was threatened by North Korea.",
        [("North Korea", "threatens", "Japan")],
        id="threatens-passive",
    ),
    pytest.param(
        "North Korea tested a missile. The reclusive nation threatened Japan.",
        [("North Korea", "threatens", "Japan")],
        id="threatens-the-reclusive-nation",
    ),
    # ---------------------------------------------------------------- attacks
    pytest.param("Israel attacked Iran.", [("Israel", "attacks", "Iran")], id="attacks-active"),
    pytest.param("Russia invaded Ukraine in 2022.", [("Russia", "attacks", "Ukraine")], id="attacks-invade"),
    pytest.param("Iran was attacked by Israel.", [("Israel", "attacks", "Iran")], id="attacks-passive"),
    pytest.param(
        "Russian forces attacked Ukraine.", [("Russia", "attacks", "Ukraine")], id="attacks-demonym-forces"
    ),
    pytest.param("Israel's war on Hamas continued.", [("Israel", "attacks", "Hamas")], id="attacks-war-on"),
    pytest.param(
        "The invasion of Ukraine by Russia began in 2022.",
        [("Russia", "attacks", "Ukraine")],
        id="attacks-nominal-by",
    ),
    pytest.param(
        "Azerbaijan launched an offensive against Armenia.",
        [("Azerbaijan", "attacks", "Armenia")],
        id="attacks-light-verb",
    ),
    pytest.param(
        "Officials said Israel attacked Iran.", [("Israel", "attacks", "Iran")], id="attacks-reported-speech"
    ),
    pytest.param(
        "The Kremlin said Ukraine attacked Russia.",
        [("Ukraine", "attacks", "Russia")],
        id="attacks-reported-by-kremlin",
    ),
    pytest.param(
        "Pakistan struck targets in India.",
        [("Pakistan", "attacks", "India")],
        id="attacks-targets-in",
    ),
    # ---------------------------------------------------------------- hasTensionWith
    pytest.param(
        "Tensions between India and China rose.",
        [("India", "hasTensionWith", "China")],
        id="hasTensionWith-between",
    ),
    pytest.param(
        "China has a territorial dispute with Japan.",
        [("China", "hasTensionWith", "Japan")],
        id="hasTensionWith-dispute-with",
    ),
    pytest.param(
        "India clashed with China on the border.",
        [("India", "hasTensionWith", "China")],
        id="hasTensionWith-clash",
    ),
    pytest.param(
        "The Philippines has a standoff with China over the shoal.",
        [("Philippines", "hasTensionWith", "China")],
        id="hasTensionWith-standoff",
    ),
    # ---------------------------------------------------------------- titles whose office the gazetteer knows
    pytest.param(
        "Prime Minister Narendra Modi spoke in Parliament.",
        [("Narendra Modi", "leaderOf", "India")],
        id="leaderOf-bare-title-known-office",
    ),
    pytest.param(
        "President Trump spoke to reporters.",
        [("Donald Trump", "leaderOf", "United States")],
        id="leaderOf-title-inside-a-gazetteer-alias",
    ),
    pytest.param(
        "The head of the World Health Organization, Tedros Adhanom Ghebreyesus, visited Kinshasa.",
        [
            ("Tedros Adhanom Ghebreyesus", "leaderOf", "World Health Organization"),
            ("Tedros Adhanom Ghebreyesus", "visits", "Kinshasa"),
        ],
        id="leaderOf-head-of-org-comma-name",
    ),
    # ---------------------------------------------------------------- threats with a condition
    pytest.param(
        "Turkey threatened to close its airspace unless Sweden extradited the suspects.",
        [("Turkey", "threatens", "Sweden")],
        id="threatens-unless-clause-subject",
    ),
    pytest.param(
        "Venezuela warned that it would cut oil exports if Colombia deployed troops to the border.",
        [("Venezuela", "threatens", "Colombia")],
        id="threatens-warn-that-if",
    ),
    # ---------------------------------------------------------------- a collective reporting its own act
    pytest.param(
        "Argentine officials said they would boycott all talks with Britain.",
        [("Argentina", "opposes", "United Kingdom")],
        id="they-is-the-reporting-collective",
    ),
    # ---------------------------------------------------------------- the owner of a condemned act
    pytest.param(
        "Jordan complained to the United Nations about Syrian air raids.",
        [("Jordan", "criticizes", "Syria")],
        id="criticizes-complain-about-owner-of-raids",
    ),
    pytest.param(
        "Ghana condemned the Malian crackdown on protesters.",
        [("Ghana", "condemns", "Mali")],
        id="condemns-owner-of-crackdown",
    ),
    pytest.param(
        "Chile lodged a formal protest with Bolivia.",
        [("Chile", "opposes", "Bolivia")],
        id="opposes-lodge-a-protest-with",
    ),
    pytest.param(
        "Austria rejected repeated calls by Serbia's rulers for a summit.",
        [("Austria", "opposes", "Serbia")],
        id="opposes-calls-by-rulers",
    ),
    pytest.param(
        "Serbia and Hungary negotiated a new gas deal.",
        [("Serbia", "meetsWith", "Hungary")],
        id="meetsWith-negotiated-a-topic",
    ),
    pytest.param(
        "Despite growing tensions, Greece and Turkey resumed talks.",
        [("Greece", "hasTensionWith", "Turkey")],
        id="hasTensionWith-despite-tensions",
    ),
    pytest.param(
        "Emmanuel Macron walked out of a meeting with Olaf Scholz.",
        [("Emmanuel Macron", "meetsWith", "Olaf Scholz")],
        id="meetsWith-in-a-meeting-with",
    ),
    pytest.param(
        "Olaf Scholz fired back at Viktor Orbán on Friday.",
        [("Olaf Scholz", "criticizes", "Viktor Orbán")],
        id="criticizes-fired-back-at",
    ),
    pytest.param(
        "Pedro Sánchez attended the Davos forum in Switzerland.",
        [("Pedro Sánchez", "visits", "Switzerland")],
        id="visits-attend-an-event-in",
    ),
    pytest.param(
        "Giorgia Meloni attended the Paris Olympics.",
        [("Giorgia Meloni", "visits", "Paris")],
        id="visits-attend-a-named-place-event",
    ),
    pytest.param(
        "Narendra Modi is scheduled to travel to Kenya next month.",
        [("Narendra Modi", "visits", "Kenya")],
        id="visits-passive-raising-scheduled-to",
    ),
    pytest.param(
        "Norway banned arms exports to Israel.",
        [("Norway", "sanctions", "Israel")],
        id="sanctions-ban-exports-to",
    ),
    pytest.param(
        "The World Bank withheld loans from Mali.",
        [("World Bank", "sanctions", "Mali")],
        id="sanctions-withhold-loans-from",
    ),
    pytest.param(
        "Syria launched rockets at Jordan on Friday.",
        [("Syria", "attacks", "Jordan")],
        id="attacks-launch-rockets-at",
    ),
    pytest.param(
        "Vietnam protested to China over the collision.",
        [("Vietnam", "opposes", "China")],
        id="opposes-protest-to",
    ),
    pytest.param(
        "Lula greeted Xi Jinping at the airport.",
        [("Luiz Inácio Lula da Silva", "meetsWith", "Xi Jinping")],
        id="meetsWith-greet",
    ),
    pytest.param(
        "Narendra Modi and Anthony Albanese discussed trade by phone.",
        [("Narendra Modi", "meetsWith", "Anthony Albanese")],
        id="meetsWith-coordinated-subjects-discussed",
    ),
    pytest.param(
        "Saudi Arabia and Iran restored diplomatic relations.",
        [("Saudi Arabia", "cooperatesWith", "Iran")],
        id="cooperatesWith-diplomatic-relations",
    ),
    pytest.param(
        "Olaf Scholz is in Beijing for talks.",
        [("Olaf Scholz", "visits", "Beijing")],
        id="visits-a-person-is-in-a-foreign-city",
    ),
    pytest.param(
        "President Joe Biden spoke after Senator Lindsey Graham. The US leader then met Kim Jong Un.",
        [("Joe Biden", "meetsWith", "Kim Jong Un")],
        id="the-us-leader-is-the-known-leader-not-the-latest-american",
    ),
    pytest.param(
        "Olaf Scholz spoke on Monday. A German minister later criticized Hungary.",
        [("Germany", "criticizes", "Hungary")],
        id="an-unnamed-minister-stands-for-the-country",
    ),
    pytest.param(
        "Norway will give Malawi a grant of ten million dollars.",
        [("Norway", "aids", "Malawi")],
        id="aids-give-a-grant",
    ),
    pytest.param(
        "Japan's Foreign Ministry accused China of provocations.",
        [("Japan", "criticizes", "China")],
        id="criticizes-a-countrys-foreign-ministry-acts-for-it",
    ),
    pytest.param(
        "Canada imposed tariffs on Chinese goods.",
        [("Canada", "sanctions", "China")],
        id="sanctions-impose-tariffs-on",
    ),
    pytest.param(
        "An embargo was imposed on Cuba by the United States.",
        [("United States", "sanctions", "Cuba")],
        id="sanctions-passive-embargo-imposed",
    ),
    pytest.param(
        "The Iraqi government welcomed Turkey's involvement in the talks.",
        [("Iraq", "supports", "Turkey")],
        id="supports-welcomed-an-act-of",
    ),
    pytest.param(
        "The Government of Chile condemned Bolivia.",
        [("Chile", "condemns", "Bolivia")],
        id="condemns-the-government-of-a-country",
    ),
    pytest.param(
        "Russia invaded Ukraine in 2022 and has bombed it ever since.",
        [("Russia", "attacks", "Ukraine")],
        id="attacks-it-is-the-country-just-named",
    ),
    # ---------------------------------------------------------------- session 3: titles, parties, places
    pytest.param(
        "Rep. Laura Finch, R-Ohio, criticized the trade deal.",
        [
            ("Laura Finch", "officialOf", "United States House of Representatives"),
            ("Laura Finch", "memberOf", "Republican Party"),
        ],
        id="rep-and-party-designation",
    ),
    pytest.param(
        "Democratic Sen. Paul Ortega arrived in Kyiv on Monday.",
        [
            ("Paul Ortega", "officialOf", "United States Senate"),
            ("Paul Ortega", "memberOf", "Democratic Party"),
            ("Paul Ortega", "visits", "Kyiv"),
        ],
        id="party-adjective-before-senator",
    ),
    pytest.param(
        "Treasury Secretary Dana Whitfield said new penalties were coming.",
        [("Dana Whitfield", "officialOf", "United States")],
        id="office-only-one-country-has",
    ),
    pytest.param(
        "Home Secretary Alan Price defended the new border rules.",
        [("Alan Price", "officialOf", "United Kingdom")],
        id="british-office",
    ),
    pytest.param(
        "Rep. Tom Hale, chairman of the House Armed Services Committee, praised the plan.",
        [
            ("Tom Hale", "leaderOf", "United States House Committee on Armed Services"),
            ("Tom Hale", "officialOf", "United States House of Representatives"),
        ],
        id="committee-chair-is-not-chamber-leader",
    ),
    pytest.param(
        "U.S. Ambassador to Japan Karen Doyle praised the agreement.",
        [("Karen Doyle", "officialOf", "United States")],
        id="ambassador-to-is-the-destination",
    ),
    pytest.param(
        "Erdogan spoke by phone with U.S. rival Chinese President Xi Jinping on Friday.",
        [("Xi Jinping", "leaderOf", "China")],
        id="nearest-country-word-names-the-office",
    ),
    pytest.param(
        "Erdogan met Putin in Sochi on Friday.",
        [
            ("Recep Tayyip Erdoğan", "visits", "Sochi"),
            ("Recep Tayyip Erdoğan", "meetsWith", "Vladimir Putin"),
        ],
        id="the-one-met-abroad-visits",
    ),
    pytest.param(
        "Angela Merkel and Emmanuel Macron will meet in Warsaw next week.",
        [
            ("Angela Merkel", "visits", "Warsaw"),
            ("Emmanuel Macron", "visits", "Warsaw"),
            ("Angela Merkel", "meetsWith", "Emmanuel Macron"),
        ],
        id="meet-in-a-foreign-city",
    ),
    pytest.param(
        "Troops entered the northern Iraqi city of Kirkuk.",
        [("Kirkuk", "locatedIn", "Iraq")],
        id="the-demonym-city-of",
    ),
    pytest.param(
        "Heavy rain flooded villages near Lahore in Pakistan.",
        [("Lahore", "locatedIn", "Pakistan")],
        id="place-in-country",
    ),
    pytest.param(
        "Ukraine holds Russia responsible for the strike.",
        [("Ukraine", "criticizes", "Russia")],
        id="hold-responsible",
    ),
    pytest.param(
        "Egypt summoned the Israeli ambassador on Monday.",
        [("Egypt", "criticizes", "Israel")],
        id="summon-an-envoy",
    ),
    pytest.param(
        "Canada suspended part of its military aid to Rwanda.",
        [("Canada", "sanctions", "Rwanda")],
        id="suspend-part-of-aid",
    ),
    pytest.param(
        "Washington punished Caracas with new tariffs.",
        [("United States", "sanctions", "Venezuela")],
        id="punish",
    ),
    pytest.param(
        "Russian troops recaptured the city of Kherson.",
        [("Russia", "attacks", "Kherson")],
        id="recapture-a-town",
    ),
    pytest.param(
        "The European Union defended the right of Moldova to choose its allies.",
        [("European Union", "supports", "Moldova")],
        id="the-right-of",
    ),
    pytest.param(
        "Bahrain opened an embassy in Baghdad.",
        [("Bahrain", "cooperatesWith", "Iraq")],
        id="open-an-embassy",
    ),
    pytest.param(
        "Kenya and Ethiopia reached a consensus on the border.",
        [("Kenya", "cooperatesWith", "Ethiopia")],
        id="reach-a-consensus",
    ),
    pytest.param(
        "Qatar's foreign minister met with Egyptian envoy Karim Mansour Monday.",
        [("Qatar", "meetsWith", "Karim Mansour")],
        id="weekday-parsed-as-the-head",
    ),
    pytest.param(
        "The United States imposed sanctions on the Hezbollah militant group.",
        [("United States", "sanctions", "Hezbollah")],
        id="organisation-name-before-generic-head",
    ),
    pytest.param(
        "Kenyan-led troops captured the port of Kismayo.",
        [("Kenya", "attacks", "Kismayo")],
        id="split-led-modifier",
    ),
    pytest.param(
        "Iraq's oil fields burned during the 2003 American-led invasion of the country.",
        [("United States", "attacks", "Iraq")],
        id="the-country-is-not-the-invader",
    ),
    pytest.param(
        "Albania blamed Iran's cyberattack on Albania for the outage.",
        [("Iran", "attacks", "Albania")],
        id="cyberattack",
    ),
    pytest.param(
        "After he met Narendra Modi in Delhi, Olaf Scholz flew to Tokyo.",
        [("Olaf Scholz", "meetsWith", "Narendra Modi")],
        id="pronoun-before-its-name",
    ),
    pytest.param(
        "Officials said that Norway will send aid to Sudan and that it will criticize Ethiopia.",
        [("Norway", "criticizes", "Ethiopia")],
        id="it-is-the-subject-of-the-parallel-clause",
    ),
    pytest.param(
        '"Putin cannot win this war," Zelensky said on Monday. He later travelled to Warsaw.',
        [("Volodymyr Zelenskyy", "visits", "Warsaw")],
        id="he-is-the-speaker-not-the-quoted",
    ),
    pytest.param(
        "Iran denied any role in the attack, accusing Washington of lying.",
        [("Iran", "criticizes", "United States")],
        id="adjunct-clause-is-not-under-the-denial",
    ),
    pytest.param(
        "Officials asked the police to review security during Macron's visit to Algeria.",
        [("Emmanuel Macron", "visits", "Algeria")],
        id="scene-event-is-presupposed",
    ),
    pytest.param(
        "GOP mega-donor John Jordan decided to back Rubio.",
        [("John Jordan", "supports", "Marco Rubio")],
        id="given-name-before-a-country-name",
    ),
    pytest.param(
        "Israeli soldiers beat up Palestinian detainees.",
        [("Israel", "attacks", "Palestine")],
        id="beat-up",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_extract_model_positive(nlp, text, expected):
    found = _triples(_extract(nlp, text))
    missing = {_key(*t) for t in expected} - found
    assert not missing, f"missing {missing}; found {found}"


NEGATIVE = [
    # negation
    pytest.param("India did not condemn Russia.", ("India", "condemns", "Russia"), id="did-not"),
    pytest.param("Brazil never criticized China.", ("Brazil", "criticizes", "China"), id="never"),
    pytest.param(
        "Japan has not imposed sanctions on Russia.", ("Japan", "sanctions", "Russia"), id="has-not"
    ),
    pytest.param(
        "Germany refused to support the embargo.", ("Germany", "supports", "embargo"), id="refused-to"
    ),
    pytest.param("Germany failed to condemn Israel.", ("Germany", "condemns", "Israel"), id="failed-to"),
    pytest.param("Pakistan denied attacking India.", ("Pakistan", "attacks", "India"), id="denied"),
    pytest.param(
        "There were no talks between India and Pakistan.", ("India", "meetsWith", "Pakistan"), id="no-talks"
    ),
    pytest.param(
        "Brazil has no trade with North Korea.", ("Brazil", "tradesWith", "North Korea"), id="no-trade"
    ),
    # speculation
    pytest.param("Turkey might attack Syria.", ("Turkey", "attacks", "Syria"), id="might"),
    pytest.param("Iran may supply missiles to Russia.", ("Iran", "suppliesTo", "Russia"), id="may"),
    pytest.param("Japan could impose sanctions on China.", ("Japan", "sanctions", "China"), id="could"),
    pytest.param("Hungary might veto the sanctions.", ("Hungary", "opposes", "sanctions"), id="might-veto"),
    pytest.param(
        "Germany will possibly deliver tanks to Ukraine.", ("Germany", "suppliesTo", "Ukraine"), id="possibly"
    ),
    pytest.param(
        "Japan is expected to impose sanctions on China.",
        ("Japan", "sanctions", "China"),
        id="is-expected-to",
    ),
    pytest.param(
        "Modi is expected to visit Washington next month.",
        ("Narendra Modi", "visits", "Washington"),
        id="is-expected-to-visit",
    ),
    pytest.param("Turkey is likely to attack Syria.", ("Turkey", "attacks", "Syria"), id="is-likely-to"),
    pytest.param(
        "India and Pakistan may hold talks.", ("India", "meetsWith", "Pakistan"), id="may-hold-talks"
    ),
    pytest.param(
        "Turkey is considering buying fighter jets from the United States.",
        ("United States", "suppliesTo", "Turkey"),
        id="considering",
    ),
    pytest.param("Officials said Iran may attack Israel.", ("Iran", "attacks", "Israel"), id="reported-may"),
    pytest.param(
        "It is likely that Iran will attack Israel.",
        ("Iran", "attacks", "Israel"),
        id="it-is-likely-that",
    ),
    # questions
    pytest.param("Will China invade Taiwan?", ("China", "attacks", "Taiwan"), id="question-will"),
    pytest.param("Did India condemn Russia?", ("India", "condemns", "Russia"), id="question-did"),
    pytest.param(
        "Is Japan allied with the Philippines?", ("Japan", "alliedWith", "Philippines"), id="question-is"
    ),
    pytest.param(
        "Could Germany supply tanks to Ukraine?", ("Germany", "suppliesTo", "Ukraine"), id="question-could"
    ),
    # conditionals
    pytest.param(
        "If Iran attacks Israel, the United States will respond.",
        ("Iran", "attacks", "Israel"),
        id="conditional-if-clause",
    ),
    pytest.param(
        "If China invades Taiwan, Japan will impose sanctions on China.",
        ("Japan", "sanctions", "China"),
        id="conditional-main-clause",
    ),
    # direction and metonymy (precision)
    pytest.param(
        "Iran supplies drones to Russia.", ("Russia", "suppliesTo", "Iran"), id="direction-supplies"
    ),
    pytest.param(
        "Turkey bought air defense systems from Russia.",
        ("Turkey", "suppliesTo", "Russia"),
        id="direction-buys-from",
    ),
    pytest.param("Iran was attacked by Israel.", ("Iran", "attacks", "Israel"), id="direction-passive"),
    pytest.param(
        "Washington warned Beijing.", ("Washington", "threatens", "Beijing"), id="acting-capital-not-city"
    ),
    pytest.param(
        "Thailand scrapped its defence pact with Cambodia.",
        ("Thailand", "alliedWith", "Cambodia"),
        id="scrapped-pact",
    ),
    pytest.param(
        "Nigeria threatened to sever its ties with Niger.",
        ("Nigeria", "cooperatesWith", "Niger"),
        id="threatened-to-sever-ties",
    ),
    pytest.param(
        "Peru will recall its ambassador if Ecuador attacks the border post.",
        ("Ecuador", "attacks", "Peru"),
        id="conditional-clause-still-hedged",
    ),
    pytest.param(
        "Britain warned that it was too early to tell if Iraq would comply.",
        ("United Kingdom", "threatens", "Iraq"),
        id="warn-if-is-whether-not-a-threat",
    ),
    pytest.param(
        "Kenya and Ethiopia exchanged angry accusations.",
        ("Kenya", "cooperatesWith", "Ethiopia"),
        id="exchanged-accusations-is-no-cooperation",
    ),
    pytest.param(
        "Estonia and Latvia met the judge on Monday.",
        ("Estonia", "meetsWith", "Latvia"),
        id="coordinated-subjects-with-an-unresolved-object-do-not-pair",
    ),
    pytest.param(
        "Peru and Chile share a long border.",
        ("Peru", "cooperatesWith", "Chile"),
        id="share-a-border-is-no-cooperation",
    ),
    pytest.param(
        "Qatar and Oman issued statements ahead of the G20 summit.",
        ("Qatar", "meetsWith", "Oman"),
        id="summit-that-only-sets-the-scene",
    ),
    pytest.param(
        "Norway provided detailed answers to Sweden's questions.",
        ("Norway", "suppliesTo", "Sweden"),
        id="answers-are-not-goods",
    ),
    pytest.param(
        "Jonas Berg and Maria Holm met the press. Later, prosecutors said their deal with Finland stood.",
        ("Jonas Berg", "cooperatesWith", "Finland"),
        id="their-after-an-unresolved-plural-subject",
    ),
    pytest.param(
        "Brazil should condemn Venezuela.", ("Brazil", "condemns", "Venezuela"), id="should-is-advice"
    ),
    pytest.param(
        "Critics say Lula sought to portray a meeting with Javier Milei as routine.",
        ("Luiz Inácio Lula da Silva", "meetsWith", "Javier Milei"),
        id="meeting-that-is-the-object-of-another-act",
    ),
    pytest.param(
        "Parliament invited Emmanuel Macron to deliver the address.",
        ("Emmanuel Macron", "supplies", "address"),
        id="delivering-an-address-supplies-nothing",
    ),
    pytest.param(
        "Olaf Scholz fired back at Viktor Orbán on Friday.",
        ("Olaf Scholz", "attacks", "Viktor Orbán"),
        id="fired-back-is-a-retort",
    ),
    pytest.param(
        "Joe Biden said he sent a letter to Emmanuel Macron.",
        ("Joe Biden", "suppliesTo", "Emmanuel Macron"),
        id="a-letter-is-not-goods",
    ),
    pytest.param(
        "Chile criticized Peru, rejected the proposal and vowed to resist it.",
        ("Chile", "opposes", "Peru"),
        id="it-after-an-unresolved-thing",
    ),
    pytest.param(
        "Japan and Vietnam met on Monday. But without a deal they will keep their tariffs.",
        ("Japan", "cooperatesWith", "Vietnam"),
        id="without-a-deal",
    ),
    pytest.param(
        "Poland condemned Belarus. It is a sign of growing ties with Moscow.",
        ("Belarus", "cooperatesWith", "Russia"),
        id="expletive-it-is-no-country",
    ),
    pytest.param(
        "Syria agreed to destroy its missile programme.",
        ("Syria", "attacks", "missile program"),
        id="destroying-a-programme-is-no-attack",
    ),
    pytest.param(
        "Spain and Italy met on Monday. Later, several Republicans announced their support for Morocco.",
        ("Spain", "supports", "Morocco"),
        id="their-is-the-plural-subject",
    ),
    pytest.param(
        "Jens Stoltenberg delivered a resignation letter to Joe Biden.",
        ("Jens Stoltenberg", "suppliesTo", "Joe Biden"),
        id="delivered-a-letter-is-no-supply",
    ),
    pytest.param(
        "The White House sent the deputy chief of staff to Singapore.",
        ("United States", "suppliesTo", "Singapore"),
        id="sending-an-official-is-no-supply",
    ),
    pytest.param(
        "Mexico and Canada signed a trade pact in March. Markets rose on the news. "
        "Analysts expected more deals. They criticized Cuba.",
        ("Mexico", "criticizes", "Cuba"),
        id="they-does-not-reach-a-pair-three-sentences-back",
    ),
    pytest.param(
        "Iran exported the excess to Oman.",
        ("Iran", "supplies", "excess"),
        id="an-excess-is-no-item",
    ),
    pytest.param(
        "Justin Trudeau attended the funeral of the Japanese prime minister.",
        ("Justin Trudeau", "visits", "Japan"),
        id="attend-needs-a-place-of-the-event",
    ),
    pytest.param(
        "Beijing imposed a new security law on Macau.",
        ("China", "sanctions", "Macau"),
        id="imposing-a-law-is-no-sanction",
    ),
    pytest.param(
        "The Iraqi government welcomed Turkey's involvement in the talks.",
        ("Iraq", "meetsWith", "Turkey"),
        id="welcoming-an-involvement-meets-no-one",
    ),
    pytest.param(
        "Canada struck down a law in Quebec.",
        ("Canada", "attacks", "Quebec"),
        id="struck-down-a-law-is-no-attack",
    ),
    pytest.param(
        "Mexico gave Cuba a warning.", ("Mexico", "supports", "Cuba"), id="giving-a-warning-is-no-support"
    ),
    pytest.param(
        "Russia recognized Kosovo as part of Serbia.",
        ("Russia", "supports", "Kosovo"),
        id="recognizing-as-part-of-is-no-support",
    ),
    pytest.param(
        "Prime Minister Sergei Lavrov spoke in Moscow.",
        ("Sergei Lavrov", "leaderOf", "Russia"),
        id="bare-title-that-is-not-the-known-office",
    ),
    pytest.param(
        "Belarus launched an investigation against Lithuania.",
        ("Belarus", "attacks", "Lithuania"),
        id="launching-an-investigation-is-no-attack",
    ),
    pytest.param(
        "Xi Jinping is in Beijing this week.", ("Xi Jinping", "visits", "Beijing"), id="at-home-is-no-visit"
    ),
    pytest.param(
        "Russian troops are in Syria.", ("Russia", "visits", "Syria"), id="stationed-troops-are-no-visit"
    ),
    pytest.param(
        "Washington supplied Kenya with tens of millions in aid.",
        ("United States", "supplies", "tens"),
        id="tens-of-millions-is-no-item",
    ),
    pytest.param(
        "The Foreign Ministry accused China of provocations.",
        ("Foreign Ministry", "criticizes", "China"),
        id="a-generic-ministry-is-no-organisation-name",
    ),
    pytest.param(
        "Olaf Scholz praised the ruling. It gives Emmanuel Macron some sense of the mood.",
        ("Olaf Scholz", "supports", "Emmanuel Macron"),
        id="giving-a-sense-is-no-support",
    ),
    pytest.param(
        "Olaf Scholz spoke first. It gave Emmanuel Macron no pleasure.",
        ("Olaf Scholz", "suppliesTo", "Emmanuel Macron"),
        id="giving-pleasure-is-no-supply",
    ),
    pytest.param(
        "Vladimir Putin attended a ceremony in Moscow.",
        ("Vladimir Putin", "visits", "Moscow"),
        id="attending-at-home-is-no-visit",
    ),
    pytest.param(
        "Olaf Scholz is already active in Africa.",
        ("Olaf Scholz", "visits", "Africa"),
        id="active-in-is-no-visit",
    ),
    pytest.param(
        "Senator Lindsey Graham praised the plan. "
        "A meeting between Kim Jong Un and a US president is the prize.",
        ("Lindsey Graham", "meetsWith", "Kim Jong Un"),
        id="a-us-president-is-nobody-in-particular",
    ),
    # ---------------------------------------------------------------- session 3: appeals, titles, places
    pytest.param(
        "The EU urged Serbia to impose sanctions on Russia.",
        ("Serbia", "sanctions", "Russia"),
        id="urged-to",
    ),
    pytest.param(
        "Poland called for sanctions against Belarus.",
        ("Poland", "sanctions", "Belarus"),
        id="called-for",
    ),
    pytest.param(
        "Lithuania recommended expelling Russian diplomats.",
        ("Lithuania", "sanctions", "Russia"),
        id="recommended",
    ),
    pytest.param(
        "Maria Lopez beat Tom Reyes in the primary.",
        ("Maria Lopez", "attacks", "Tom Reyes"),
        id="beat-in-an-election",
    ),
    pytest.param(
        "Turkey captured Ahmed Karimi near the Syrian border.",
        ("Turkey", "attacks", "Ahmed Karimi"),
        id="capturing-a-person-is-an-arrest",
    ),
    pytest.param(
        "Senate Majority Leader Tom Reyes spoke on Monday.",
        ("Tom Reyes", "leaderOf", "United States"),
        id="majority-leader-leads-no-country",
    ),
    pytest.param(
        "UN Ambassador Linda Grant criticized Russia.",
        ("Linda Grant", "officialOf", "United Nations"),
        id="un-ambassador-is-no-un-official",
    ),
    pytest.param(
        "Inflation rose in Europe, Japan and China.",
        ("Europe", "locatedIn", "Japan"),
        id="list-is-no-place-country",
    ),
    pytest.param(
        "The president has slots to fill: secretary of Agriculture, U.S. trade representative and more.",
        ("Agriculture", "locatedIn", "United States"),
        id="country-modifier-is-no-place-country",
    ),
    pytest.param(
        "President Joe Biden imposed sanctions on the militia that controls the port, the White House said.",
        ("Joe Biden", "sanctions", "United States"),
        id="stated-target-no-implicit-one",
    ),
    pytest.param(
        "The carrier sailed from Japan toward North Korea, though it still trained with Australia.",
        ("North Korea", "cooperatesWith", "Australia"),
        id="it-is-the-unresolved-subject",
    ),
    pytest.param(
        "Iraq's leaders planned an offensive into Mosul.",
        ("Haider al-Abadi", "attacks", "Mosul"),
        id="plural-leaders-are-no-person",
    ),
    pytest.param(
        "Senators urged Obama to provide weapons to Ukraine.",
        ("Barack Obama", "suppliesTo", "Ukraine"),
        id="urged-someone-to-supply",
    ),
]


@pytest.mark.parametrize(("text", "triple"), NEGATIVE)
def test_extract_model_negative(nlp, text, triple):
    found = _triples(_extract(nlp, text))
    assert _key(*triple) not in found, f"{triple} should not be asserted"


@pytest.mark.parametrize(
    ("text", "triple", "modality"),
    [
        pytest.param("India did not condemn Russia.", ("India", "condemns", "Russia"), NEGATED, id="negated"),
        pytest.param("Turkey might attack Syria.", ("Turkey", "attacks", "Syria"), HEDGED, id="hedged-modal"),
        pytest.param(
            "Did India condemn Russia?", ("India", "condemns", "Russia"), HEDGED, id="hedged-question"
        ),
        pytest.param(
            "If Iran attacks Israel, the United States will respond.",
            ("Iran", "attacks", "Israel"),
            HEDGED,
            id="hedged-conditional",
        ),
        pytest.param(
            "Indian officials said Pakistan attacked India.",
            ("Pakistan", "attacks", "India"),
            ASSERTED,
            id="reported-speech-asserted",
        ),
    ],
)
def test_extract_model_modality_is_flagged(nlp, text, triple, modality):
    """With keep_hedged the statement is kept, flagged with its modality."""
    result = _extract(nlp, text, keep_hedged=True)
    mods = {
        r.modality
        for r in result.relations
        if _key(r.subject.name, r.predicate, r.object.name) == _key(*triple)
    }
    assert mods == {modality}


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        pytest.param(
            "HELSINKI, Finland (Reuters) - Finland and Sweden signed a defence pact on Monday.",
            "HELSINKI, Finland",
            [("Helsinki", "locatedIn", "Finland")],
            id="dateline",
        ),
        pytest.param(
            "NAIROBI, Kenya (AFP) - Kenya's president William Ruto criticized the African Union.",
            "NAIROBI, Kenya",
            [("Nairobi", "locatedIn", "Kenya"), ("William Ruto", "leaderOf", "Kenya")],
            id="dateline-structural",
        ),
        pytest.param(
            "NAIROBI, Kenya (AFP) - Kenya's president William Ruto criticized the African Union.",
            "NAIROBI, Kenya",
            [("William Ruto", "criticizes", "African Union")],
            id="dateline-first-sentence",
        ),
        pytest.param(
            "NEW DELHI, India (AP) - India and the United States signed a defence pact.",
            "NEW DELHI, India",
            [("New Delhi", "locatedIn", "India")],
            id="dateline-capital",
        ),
        pytest.param(
            "NEW DELHI, India (AP) - India and the United States signed a defence pact.",
            "NEW DELHI, India",
            [("India", "cooperatesWith", "United States")],
            id="dateline-first-sentence-coordination",
        ),
    ],
)
def test_extract_model_dateline(nlp, text, place, expected):
    found = _triples(_extract(nlp, text, place=place))
    missing = {_key(*t) for t in expected} - found
    assert not missing, f"missing {missing}; found {found}"


@pytest.mark.parametrize(
    ("text", "triple", "countries"),
    [
        pytest.param(
            "Japanese Foreign Minister Toshimitsu Motegi criticized Beijing.",
            ("Toshimitsu Motegi", "criticizes", "China"),
            ("JPN", "CHN"),
            id="official-and-capital",
        ),
        pytest.param(
            "Chilean Foreign Minister Ana Rojas arrived in Lima.",
            ("Ana Rojas", "visits", "Lima"),
            ("CHL", "PER"),
            id="invented-person-country-from-title",
        ),
        pytest.param(
            "Putin arrived in Beijing on Thursday.",
            ("Vladimir Putin", "visits", "Beijing"),
            ("RUS", "CHN"),
            id="gazetteer-person-city",
        ),
        pytest.param(
            "The Kremlin condemned the sanctions.",
            ("Russia", "condemns", "sanctions"),
            ("RUS", None),
            id="seat-and-policy",
        ),
        pytest.param(
            "Sweden joined NATO last year.",
            ("Sweden", "memberOf", "NATO"),
            ("SWE", None),
            id="country-and-organisation",
        ),
    ],
)
def test_extract_model_actor_countries(nlp, text, triple, countries):
    """subject_country / object_country: ISO alpha-3 of the actors (None for international bodies, things)."""
    rels = [
        r for r in _extract(nlp, text).relations if (r.subject.name, r.predicate, r.object.name) == triple
    ]
    assert rels, f"{triple} not extracted"
    assert (rels[0].subject.country, rels[0].object.country) == countries


def test_extract_model_symmetric_stored_alphabetically(nlp):
    text = "Olaf Scholz met Narendra Modi in New Delhi. Trade between India and Brazil rose sharply."
    rels = [r for r in _extract(nlp, text).relations if r.predicate in symmetric()]
    assert {r.predicate for r in rels} >= {"meetsWith", "tradesWith"}
    assert all(r.subject.name < r.object.name for r in rels)


def test_extract_model_evidence_points_into_text(nlp):
    text = "Brazil and Argentina held talks.\n\nLater, Japan condemned North Korea."
    rel = next(r for r in _extract(nlp, text).relations if r.predicate == "condemns")
    assert rel.evidence.article == "t"
    assert rel.evidence.sentence == "Later, Japan condemned North Korea."
    assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.sentence
    assert 0.0 < rel.confidence <= 1.0 and rel.rule
