"""Which language a text is in, when the record does not say: py3langid, a maintained
identifier, limited to the archive's languages.

The model loads once a process (about a second and a half), on the first text detected.
"""

from __future__ import annotations

import functools

from archive.choices import LANGUAGE_CHOICES

# Below this probability the text is filed under "other" rather than guessed.
MIN_CONFIDENCE = 0.5
KNOWN = [code for code, _ in LANGUAGE_CHOICES if code != "other"]


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE
    )
    identifier.set_languages(KNOWN)
    return identifier


def detect(text: str) -> str:
    """The code of the language ``text`` is written in, or "other" when unsure."""
    language, _ = _identifier().classify(text[:5000])
    return language if language in KNOWN else "other"
