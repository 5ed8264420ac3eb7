"""Readability of the plain-language summaries (issue 19.3): most of the group's readers
read at B1 level.

The score is Flesch-Douma, the Dutch Flesch reading ease (206.84 − 0.77 × syllables per
100 words − 0.93 × words per sentence), computed by the textstat package with its Dutch
settings (syllables by Pyphen's Dutch hyphenation). The B1 guideline asks for short
sentences: a sentence of more than LONG_SENTENCE words is named, so that the writer can
split it.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from textstat.textstat import textstatistics

LONG_SENTENCE = 20  # words
B1_SCORE = 60  # Flesch-Douma: 60 and up reads easily (B1)
LEVELS = [  # (lowest score, label), highest first
    (80, _("very easy")),
    (B1_SCORE, _("easy (B1)")),
    (50, _("fairly difficult")),
    (30, _("difficult")),
    (float("-inf"), _("very difficult")),
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Readability:
    score: float
    level: str
    long_sentences: list[str] = field(default_factory=list)

    @property
    def b1(self) -> bool:
        return self.score >= B1_SCORE and not self.long_sentences


def _statistics() -> textstatistics:
    statistics = textstatistics()  # its own language setting, not textstat's global one
    statistics.set_lang("nl")
    return statistics


def readability(text: str) -> Readability | None:
    """The summary's score, its level and its long sentences; None for no text."""
    text = " ".join(text.split())
    if not text:
        return None
    score = round(_statistics().flesch_reading_ease(text), 1)
    level = next(label for lowest, label in LEVELS if score >= lowest)
    long = [s for s in SENTENCE_END.split(text) if len(s.split()) > LONG_SENTENCE]
    return Readability(score=score, level=str(level), long_sentences=long)
