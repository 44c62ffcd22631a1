"""One-off investigations, run by hand: A/B comparisons of two checkouts, where a page's
time goes, a killed import, and the country-finder and speaker-linking measurements (with the
drawing of their samples). ``make bench`` and CI run none of them."""
