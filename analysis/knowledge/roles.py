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
