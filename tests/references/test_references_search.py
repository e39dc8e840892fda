"""Full-text search over the reference list (SQLite FTS5 via sqlite-utils)."""

import pytest

from webapp.references import MAX_QUERY_CHARS, MAX_TERMS, all_references, bounded, build_database, search, search_terms


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("db") / "references.db")


def numbers(rows):
    return [row["number"] for row in rows]


def test_all_references_in_number_order(db):
    rows = all_references(db)
    assert numbers(rows) == list(range(1, 151))
    assert rows[22]["cited_in_chapter"] is True and rows[0]["cited_in_chapter"] is False
    assert rows[82]["duplicate_of"] == 82


def test_rebuilding_replaces_the_database(tmp_path):
    path = tmp_path / "references.db"
    build_database(path)
    assert len(all_references(build_database(path))) == 150


def test_denosumab_papers_rank_first(db):
    rows = search(db, "denosumab")
    assert {50, 51, 59, 66, 68} <= set(numbers(rows))
    assert all("denosumab" in row["title"].lower() for row in rows[:5])


def test_accents_and_prefixes_match(db):
    assert numbers(search(db, "dénosumab")) == numbers(search(db, "denosumab"))
    assert numbers(search(db, "denos")) == numbers(search(db, "denosumab"))


def test_whole_word_ranks_before_prefix(db):
    found = numbers(search(db, "Rosen"))
    assert {23, 49} <= set(found)
    assert found.index(23) < found.index(84) and found.index(49) < found.index(84)  # 84 is by Rosenthal


def test_author_and_year(db):
    assert 23 in numbers(search(db, "Rosen 2004"))


@pytest.mark.parametrize("query, first", [("23", 23), (" [49] ", 49), ("150", 150)])
def test_reference_number_alone_comes_first(db, query, first):
    assert search(db, query)[0]["number"] == first


@pytest.mark.parametrize("query", ["", "   ", "*", "(", "-", '"'])
def test_no_words_lists_everything(db, query):
    assert numbers(search(db, query)) == list(range(1, 151))


@pytest.mark.parametrize(
    "query",
    ['foo"bar', "NOT AND OR", "NEAR(a b)", "title:lung", "<b>bone</b>", "'; drop table references; --", "a* OR b", "^x"],
)
def test_any_input_is_safe(db, query):
    assert isinstance(search(db, query), list)
    assert len(all_references(db)) == 150


def test_operators_are_plain_words(db):
    assert search(db, "bone NOT lung") == []  # "not" is searched as a word, not an operator


def test_limit(db):
    assert len(search(db, "bone", limit=3)) == 3


@pytest.mark.parametrize("query", ["9223372036854775808", "[99999999999999999999]", "9" * 4400, "0" * 30 + "23"])
def test_numbers_past_sqlite_integers_are_searched_as_text(db, query):
    assert search(db, query) == []


def test_repeated_words_reach_fts5_once():
    assert search_terms("a " * 2000) == ["a"]
    assert search_terms("Rosen rosen ROSEN 2004") == ["Rosen", "2004"]


def test_query_is_cut_to_a_bounded_number_of_terms_and_characters():
    words = [f"w{i}" for i in range(1000)]
    assert search_terms(" ".join(words)) == words[:MAX_TERMS]
    assert search_terms("x" * (MAX_QUERY_CHARS - 1) + " tail") == ["x" * (MAX_QUERY_CHARS - 1)]
    assert bounded("é" * 10_000) == "é" * MAX_QUERY_CHARS


def test_fts5_receives_at_most_max_terms_whatever_the_query(db):
    """What reaches SQLite, traced: one MATCH with MAX_TERMS quoted words at most."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        search(db, " ".join(f"word{i} word{i}" for i in range(2000)))
    finally:
        db.conn.set_trace_callback(None)
    matches = [sql for sql in statements if " match " in sql.lower()]
    assert matches and all(sql.count('" OR "') <= MAX_TERMS for sql in matches)
