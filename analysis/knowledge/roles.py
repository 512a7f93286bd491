"""Role nouns: the words of a title that ties a person to a country or organisation.

Read by the parse links (analysis.nlp.links) and by affiliation (analysis.resolve.affiliation).
"""

ROLE_NOUNS = frozenset(
    """minister president leader chief head spokesman spokeswoman spokesperson ambassador envoy
    diplomat commander general official secretary chairman chairwoman director premier chancellor
    king queen prince emir sultan governor mayor senator lawmaker deputy adviser advisor representative
    negotiator militant fighter member founder ceo prosecutor judge officer counterpart correspondent
    reporter editor journalist analyst cleric ayatollah sheikh sayyed commissioner speaker""".split()
)

# Nouns only a person is: a name right after one is a person's ("son Barron", "composer Mozart",
# "his mother, Anwar"), read by analysis.resolve.people. Role nouns are among them.
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """son daughter wife husband mother father brother sister widow widower grandson granddaughter
    grandmother grandfather uncle aunt nephew niece cousin girlfriend boyfriend fiance fiancee
    stepson stepdaughter stepfather stepmother composer singer songwriter actor actress artist
    writer author poet novelist painter sculptor photographer player striker goalkeeper boxer
    rapper musician guitarist drummer pianist designer chef astronaut scientist physicist
    biologist doctor surgeon nurse teacher student lawyer attorney activist protester victim
    survivor witness suspect defendant constable soldier pilot driver farmer priest pastor monk
    nun philosopher historian economist entrepreneur businessman businesswoman billionaire tycoon
    filmmaker producer comedian presenter columnist blogger dancer athlete swimmer cyclist
    wrestler candidate nominee challenger incumbent pseudonym nickname mr mrs ms""".split()
)
