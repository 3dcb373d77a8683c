from hypothesis import given
from hypothesis import strategies as st

from stepwise.themes.engine import match_themes


def test_identical_groupings_keep_every_key():
    grouping = {"n1": "a", "n2": "a", "n3": "b", "n4": "b", "n5": None}
    assert match_themes(grouping, grouping) == {"a": "a", "b": "b"}


def test_renamed_keys_map_back_to_the_old_ones():
    old = {"n1": "a", "n2": "a", "n3": "b", "n4": "b"}
    new = {"n1": "x", "n2": "x", "n3": "y", "n4": "y"}
    assert match_themes(old, new) == {"x": "a", "y": "b"}


def test_a_split_keeps_the_old_key_on_its_larger_part():
    old = {f"n{i}": "a" for i in range(10)}
    new = {f"n{i}": ("big" if i < 7 else "small") for i in range(10)}
    assert match_themes(old, new) == {"big": "a"}


def test_a_merge_keeps_the_key_of_the_larger_old_theme():
    old = {f"n{i}": ("a" if i < 6 else "b") for i in range(10)}
    new = {f"n{i}": "merged" for i in range(10)}
    assert match_themes(old, new) == {"merged": "a"}


def test_new_notes_and_small_overlaps_make_new_themes():
    old = {"n1": "a", "n2": "a", "n3": "a", "n4": "a", "n5": "a"}
    new = {"n1": "x", "n6": "x", "n7": "x", "n8": "x", "n9": "x"}
    assert match_themes(old, new) == {}


groupings = st.dictionaries(
    st.sampled_from([f"n{i}" for i in range(30)]),
    st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"])),
)


@given(groupings, groupings)
def test_matching_is_one_to_one_between_existing_keys(old, new):
    result = match_themes(old, new)
    assert len(set(result.values())) == len(result)
    assert set(result) <= {key for key in new.values() if key}
    assert set(result.values()) <= {key for key in old.values() if key}


@given(groupings)
def test_a_grouping_always_matches_itself(grouping):
    result = match_themes(grouping, grouping)
    assert result == {key: key for key in grouping.values() if key}


def test_carried_keys_never_collide_with_a_new_theme():
    from stepwise.themes.engine import carry_keys, discover
    from stepwise.themes.engine.discover import Discovery, Theme

    empty_model = discover([]).model
    fresh = Discovery(
        assignments={"n1": "a", "n2": "a", "n3": "b", "n4": "b", "n5": None},
        themes=[Theme("a", 2, ["n1"], None), Theme("b", 2, ["n3"], None)],
        model=empty_model,
    )
    carried = carry_keys(fresh, {"n1": "b", "n2": "b", "n9": "c"})
    assert carried.assignments == {"n1": "b", "n2": "b", "n3": "b-2", "n4": "b-2", "n5": None}
    assert [theme.key for theme in carried.themes] == ["b", "b-2"]
