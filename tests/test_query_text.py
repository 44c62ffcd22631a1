from search.query.cleaning import MAX_QUERY_CHARS, MAX_QUERY_WORDS, clean


def test_unbalanced_quote_is_closed_at_the_end():
    assert clean('"military exercises').text == '"military exercises"'


def test_parentheses_are_balanced():
    assert clean("((a OR b").text == "((a OR b))"
    assert clean("a) OR (b").text.count("(") == clean("a) OR (b").text.count(")")


def test_control_characters_become_spaces():
    assert clean("nuclear\x00\x1bweapons\u200b").text == "nuclear weapons"


def test_long_queries_are_cut_with_a_notice():
    result = clean("word " * 5000)
    assert len(result.text) <= MAX_QUERY_CHARS
    assert result.notices


def test_too_many_words_are_cut_with_a_notice():
    result = clean(" ".join(f"w{n}" for n in range(100)))
    assert len(result.text.split()) == MAX_QUERY_WORDS
    assert any(str(MAX_QUERY_WORDS) in notice for notice in result.notices)


def test_plain_queries_pass_unchanged():
    assert clean("  human   rights ") == clean("human rights")
    assert clean("human rights").notices == ()
