"""Each article's language, identified offline by py3langid (its model ships inside the package).

The spaCy model reads English only, so an article identified as another language is kept out of
NLP (still listed, with its language) rather than analysed as if it were English. The identifier
chooses among the languages news is commonly written in; a text too short to tell (confidence under
`MIN_CONFIDENCE`, e.g. "Hello Iran.") is read as English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

NLP_LANGUAGES: Final = frozenset({"en"})  # what en_core_web_sm reads
MIN_CONFIDENCE: Final = 0.5
SAMPLE_CHARS: Final = 1000  # ~150 words settle the language; the rest only costs time
CANDIDATES: Final = tuple(
    "en fr de es it pt nl ru uk ar fa tr zh ja ko he pl sv da no fi cs hu ro el hi ur id bg sr "
    "hr sk sl lt lv et ca vi th bn ms sw ps ku az ka hy".split()
)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def identify(text: str) -> str:
    """ISO 639-1 code of `text`'s language; "en" when the text is too short to tell."""
    language, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    return language if confidence >= MIN_CONFIDENCE else "en"


def kept_out(language: str) -> bool:
    """True for a language the NLP stage does not read."""
    return language not in NLP_LANGUAGES
