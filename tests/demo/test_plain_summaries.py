"""Issue 19.3: the demo advices get real plain-language summaries: every advice the demo
publishes has one, in plain Dutch (Flesch-Douma 60 or more, no long sentence: B1)."""

from advices.models import ADOPTED_OR_LATER, Status
from advices.readability import B1_SCORE, readability
from demo.advices import TOPICS

PUBLISHED = [topic for topic in TOPICS if topic.status in ADOPTED_OR_LATER]


def test_19_3_every_published_demo_advice_has_a_b1_summary():
    assert len(PUBLISHED) >= 15
    for topic in PUBLISHED:
        score = readability(topic.plain_summary)
        assert score is not None, f"{topic.subject}: no plain summary"
        assert score.score >= B1_SCORE, f"{topic.subject}: Flesch-Douma {score.score}"
        assert score.b1, f"{topic.subject}: long sentences {score.long_sentences}"


def test_19_3_a_summary_says_what_the_municipality_did_or_that_it_has_not_answered():
    for topic in PUBLISHED:
        text = topic.plain_summary
        assert "gemeente" in text.lower(), topic.subject
        if topic.status in (Status.ADOPTED, Status.SENT):
            assert "nog niet gereageerd" in text, topic.subject
        else:
            assert "nog niet gereageerd" not in text, topic.subject
