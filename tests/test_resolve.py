import pytest

from kg.errors import UnknownNameError


@pytest.mark.parametrize("name", ["Kelun", "Sichuan Kelun-Biotech Biopharmaceutical", "kelun biotech", "KELUN-BIOTECH"])
def test_kelun_aliases(kg_memory, name):
    assert kg_memory.resolve("company", name).endswith("/company/kelun-biotech")


def test_msd_is_merck_and_co_not_merck_kgaa(kg_memory):
    msd = kg_memory.resolve("company", "MSD")
    assert msd.endswith("/company/merck-co")
    assert kg_memory.resolve("company", "Merck KGaA") != msd
    assert kg_memory.resolve("company", "EMD Serono") == kg_memory.resolve("company", "Merck KGaA")


@pytest.mark.parametrize("name", ["SKB105", "SKB-105", "skb 105", "CR-003"])
def test_asset_code_names(kg_memory, name):
    assert kg_memory.resolve("asset", name).endswith("/asset/skb105")


def test_target_aliases(kg_memory):
    assert kg_memory.resolve("target", "PD-1").endswith("/target/PDCD1")
    assert kg_memory.resolve("target", "HER2").endswith("/target/ERBB2")


def test_unknown_name_suggests_close_names(kg_memory):
    with pytest.raises(UnknownNameError) as info:
        kg_memory.resolve("company", "Kelun Biotek")
    assert "Kelun-Biotech" in info.value.suggestions


@pytest.mark.parametrize("name", ["SKB-264", "SKB264", "MK-2870", "sacituzumab tirumotecan"])
def test_skb264_names_are_one_asset(kg_memory, name):
    assert kg_memory.resolve("asset", name).endswith("/asset/skb264")
