"""Run the docstring examples of kg.network (the test suite's testpaths do not include kg/)."""

import doctest
import importlib

import pytest

MODULES = [
    "kg.network._common",
    "kg.network._example",
    "kg.network.partners",
    "kg.network.paths",
    "kg.network.centrality",
    "kg.network.communities",
    "kg.network.bridges",
    "kg.network.landscape",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "kg.network._common" or result.attempted:
        assert result.attempted > 0, f"{name} has no examples"
