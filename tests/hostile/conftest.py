"""Fixtures for the hostile-input tests: the corpus is built once per session in a tmp folder."""
from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent


def _load_builder():
    # Loaded by path: tests/ is not a package, and this must work under any pytest import mode.
    spec = importlib.util.spec_from_file_location("hostile_build_corpus", _HERE / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_corpus_module = _load_builder()


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory):
    return build_corpus_module.build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(autouse=True)
def _quiet_pypdf():
    # pypdf logs a warning for every repair it attempts on a broken file; hundreds of them.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    yield
