from imet_desktop.domain.names import search_fold, search_text


def test_folding_is_what_a_clerk_types_without_special_keys() -> None:
    assert search_fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert search_fold("Yıldız Çağlar") == "yildiz caglar"
    assert search_fold("Łódź ØSTERGÅRD Weiß") == "lodz ostergard weiss"
    assert search_fold("Győző Ödön") == "gyozo odon"


def test_other_scripts_keep_their_letters() -> None:
    assert search_fold("Иван") == "иван"
    assert search_fold("مُحَمَّد") == "محمد"
    assert search_text("", "Νίκος", "") == "νικοσ"
