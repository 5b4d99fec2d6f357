from hypothesis import given, settings
from hypothesis import strategies as st

from imet_desktop.domain.names import _whole_spellings as whole_spellings
from imet_desktop.domain.names import (
    icao_fold,
    legal_name,
    name_key,
    name_spellings,
    printed_name,
    romanised,
    search_fold,
    search_text,
)

# Words in many scripts, with the marks, ligatures, joiners and odd letters the folds treat specially.
_WORDS = st.text(alphabet=st.sampled_from(list("aZüÜöøßæÆıİŁłđ'’-.,Σσςου王小明김민준Иванμπ\u0308\u030a\u0301\u00a8ﬁΟΥ"))
                 | st.characters(), min_size=1, max_size=8).filter(lambda w: " " not in w)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4))
def test_a_name_of_words_has_the_spellings_of_the_name_folded_whole(words: list[str]) -> None:
    # A name is folded word by word (each word once per file): the same strings as folding it whole.
    name = " ".join(words)
    assert name_spellings(name) == (list(whole_spellings(name)) if name.strip() else [])


def test_folding_is_what_a_clerk_types_without_special_keys() -> None:
    assert search_fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert search_fold("Yıldız Çağlar") == "yildiz caglar"
    assert search_fold("Łódź ØSTERGÅRD Weiß") == "lodz ostergard weiss"
    assert search_fold("Győző Ödön") == "gyozo odon"


def test_other_scripts_keep_their_letters() -> None:
    assert search_fold("Иван") == "иван"
    assert search_fold("مُحَمَّد") == "محمد"
    assert search_fold("김민준") == "김민준"  # Hangul syllables stay syllables


def test_a_passport_spells_umlauts_and_ligatures_as_icao_9303_says() -> None:
    assert icao_fold("MÜLLER") == "mueller"
    assert icao_fold("ØSTERGÅRD") == "oestergaard"
    assert icao_fold("Weiß") == "weiss"
    assert icao_fold("ÞÓRSSON") == "thorsson"
    assert icao_fold("Æbelø") == "aebeloe"
    assert icao_fold("PEÑA") == "pena"
    assert icao_fold("Mu\u0308ller") == "mueller"  # decomposed u + diaeresis too


def test_the_search_text_holds_every_spelling_a_clerk_or_an_upstream_system_uses() -> None:
    words = search_text("MÜLLER-LÜDENSCHEIDT", "Jörg").split()
    for typed in ("muller", "mueller", "ludenscheidt", "luedenscheidt", "mullerludenscheidt",
                  "muellerluedenscheidt", "jorg", "joerg"):
        assert typed in words
    assert "obrien" in search_text("O'BRIEN").split()
    assert "minjun" in search_text("Min-jun").split()
    assert "minjun" in search_text("Min Jun").split()


def test_a_name_known_only_in_its_own_script_is_found_by_a_latin_rendering() -> None:
    assert set(search_text("王小明").split()) >= {"王小明", "wang", "xiao", "ming", "wangxiaoming"}
    assert set(search_text("Иван Петров").split()) >= {"иван", "петров", "ivan", "petrov"}
    assert "nikos" in search_text("Νίκος").split()
    assert "gimminjun" in search_text("김민준").split()
    assert romanised("Smith") == ""


def test_spellings_of_an_empty_name_are_none() -> None:
    assert name_spellings("  ") == []
    assert search_text("", "") == ""


def test_one_duplicate_key_for_a_name_however_it_is_spelled() -> None:
    key = name_key("MÜLLER-LÜDENSCHEIDT", "Jörg")
    assert name_key("MUELLER-LUEDENSCHEIDT", "Joerg") == key
    assert name_key("Muller Ludenscheidt", "Jorg") == key
    assert name_key("O'BRIEN", "Seán") == name_key("OBRIEN", "SEAN")
    assert name_key("Kim", "Min-jun") == name_key("KIM", "MINJUN")
    assert name_key("Smith", "John") != name_key("Smith", "Joan")
    assert name_key("Smith", "John") != name_key("John", "Smith")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_folding_never_fails_and_is_idempotent_for_any_text(text: str) -> None:
    folded = search_fold(text)
    assert search_fold(folded) == folded
    name_key(text, text)
    search_text(text)


# --- the forms of a name ------------------------------------------------------------------------

def test_names_print_the_family_name_in_capitals_in_the_countrys_order() -> None:
    assert printed_name("Prasertwong", "Apichart", "TH") == "Apichart PRASERTWONG"
    assert printed_name("Hwang", "Sung-min", "KR") == "HWANG Sung-min"
    assert printed_name("Đặng", "Xuân Trường", "VN") == "ĐẶNG Xuân Trường"
    assert printed_name("Szűcs", "Győző Ödön", "HU") == "SZŰCS Győző Ödön"
    assert printed_name("Suharyadi", "", "ID") == "SUHARYADI"


def test_the_legal_name_is_family_comma_given_as_stored() -> None:
    assert legal_name("NGUYỄN", "Văn Đức") == "NGUYỄN, Văn Đức"
    assert legal_name("Sukarno") == "Sukarno"


def test_a_chinese_inductees_name_prints_family_name_first_in_capitals() -> None:
    assert printed_name("Wang", "Jianguo", "CN") == "WANG Jianguo"
    assert printed_name("Wang", "Jianguo", "US") == "Jianguo WANG"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_the_quick_ways_of_folding_a_name_give_what_the_full_way_gives(text: str) -> None:
    """ASCII names skip the Unicode steps and names with no letter ICAO spells otherwise skip the ICAO
    steps (imports fold every name of a file): the results must be the same."""
    import unicodedata

    from imet_desktop.domain import names

    full = unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFKD", text.translate(names._PLAIN_LATIN))
        if not unicodedata.combining(ch)).translate(names._PLAIN_LATIN).casefold())
    assert names.search_fold(text) == full
    if not names._icao_differs(text):
        assert names.icao_fold(text) == names.search_fold(text)
