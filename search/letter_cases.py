"""Where lower-casing and case-insensitive matching part ways, letter by letter.

Snippets find a query's words in a speech as written, as if it were lower-cased
(``search.highlighting``): these tables say which letters that takes beyond a
letter's own upper and lower case. ``tests/test_highlighting.py`` derives each from
all of Unicode, so a new Python's Unicode cannot change them unseen.
"""

# Lower-case letters that share their upper case ("s" and "ſ", "σ" and "ς"): matching
# case-insensitively equates them, lower-casing does not. A scan of lower-cased text
# looks for each letter's partners too. tests/test_highlighting.py derives these from
# Unicode (they are the regex engine's own extra cases).
SAME_UPPER_CASE = (
    "i\u0131",
    "s\u017f",
    "\xb5\u03bc",
    "\u0345\u03b9\u1fbe",
    "\u0390\u1fd3",
    "\u03b0\u1fe3",
    "\u03b2\u03d0",
    "\u03b5\u03f5",
    "\u03b8\u03d1",
    "\u03ba\u03f0",
    "\u03c0\u03d6",
    "\u03c1\u03f1",
    "\u03c2\u03c3",
    "\u03c6\u03d5",
    "\u0432\u1c80",
    "\u0434\u1c81",
    "\u043e\u1c82",
    "\u0441\u1c83",
    "\u0442\u1c84\u1c85",
    "\u044a\u1c86",
    "\u0463\u1c87",
    "\u1c88\ua64b",
    "\u1e61\u1e9b",
    "\ufb05\ufb06",
)


# Letters that lower-case to a letter other than their own lower case's upper or title case
# (the Kelvin sign is "k"): tests/test_highlighting.py derives these from Unicode too.
LOWERING_TO = {
    "k": "\u212a",
    "\xe5": "\u212b",
    "\u03b8": "\u03f4",
    "\u03c9": "\u2126",
    "\xdf": "\u1e9e",
}
# The one letter whose lower case is longer than itself ("İ" is "i" and a combining dot).
LONGER_LOWER = "\u0130"
