"""Property tests with a fixed seed: what is generated reads back unchanged, and no mutation of a
real document makes the checker raise."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import CORPUS

from compliance.checking.pipeline import CheckOptions, check_file, extract_file
from compliance.generation.pipeline import approval_chain, build_document, prepare, with_signing_rows
from compliance.model.config import DEFAULT_CONFIG
from compliance.model.textnorm import label_key
from compliance.model.workspace import Workspace

WORKSPACE = Workspace()
FORM = WORKSPACE.form("reimbursement")
PROPERTY = settings(derandomize=True, max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Printable text a clerk might type: CJK, Latin letters, digits, common punctuation; no spaces
# at the ends (cells are trimmed). A value that is exactly a label of the form (部门 typed as
# the department) is read as that label: a known limit of reading by labels, left out here.
_CHARS = st.sampled_from(list("张王李赵刘陈杨黄周吴市场财务部门差旅交通住宿会议费北京上海深圳ABCxyz0123456789-（）、，。"))
_LABELS = {key for f in FORM.fields.walk() for key in f.label_keys}
TEXT = st.text(_CHARS, min_size=2, max_size=24).filter(lambda s: label_key(s) not in _LABELS)
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat)
AMOUNTS = st.decimals(Decimal("0.01"), Decimal("999999.99"), places=2).map(lambda d: float(d))
ITEM = st.fixed_dictionaries({"date": DATES, "category": TEXT, "summary": TEXT, "amount": AMOUNTS,
                              "receipts": st.integers(1, 30)})
APPROVAL = st.fixed_dictionaries({"role": st.sampled_from(["部门负责人", "财务审核", "公司领导"]),
                                  "approver": TEXT, "opinion": TEXT, "date": DATES})
RECORD = st.fixed_dictionaries({
    "claimant": TEXT, "department": TEXT, "claim_date": DATES,
    "purpose": st.lists(TEXT, min_size=1, max_size=3).map("\n".join),
    "items": st.lists(ITEM, min_size=1, max_size=6),
    "approvals": st.lists(APPROVAL, max_size=3),
})


@PROPERTY
@given(record=RECORD)
def test_generated_reimbursement_extracts_to_the_same_data(record, tmp_path_factory):
    data = prepare(FORM, record, "property")
    target = tmp_path_factory.mktemp("roundtrip") / "form.docx"
    target.write_bytes(build_document(FORM, data))
    extraction = extract_file(target, WORKSPACE, CheckOptions())
    form, extracted, problems = extraction.form, extraction.data, extraction.problems
    assert form is FORM and problems == []
    if not data.get("approvals"):  # printed unapproved: one empty row per required role, to sign
        expected_rows = [{"role": role} for role in approval_chain(FORM, data)]
        assert extracted["approvals"] == expected_rows
    # A role the rows given lack gets an empty row to sign too, in its place in the chain.
    assert extracted == with_signing_rows(FORM, data, DEFAULT_CONFIG)


GENERATED = None


def _generated_bytes() -> bytes:
    global GENERATED
    if GENERATED is None:
        data = prepare(FORM, __import__("yaml").safe_load((FORM.sample_data_path()).read_text(encoding="utf-8")), "sample")
        GENERATED = build_document(FORM, data)
    return GENERATED


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40))
def test_mutated_documents_never_raise_out_of_check(seed, flips, tmp_path_factory):
    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("mutated")
    sources = [_generated_bytes()] + [p.read_bytes() for p in sorted((CORPUS / "pdf").glob("00[12]*.pdf"))]
    for index, source in enumerate(sources):
        data = bytearray(source)
        for _ in range(flips):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            del data[rng.randrange(len(data)):]
        suffix = ".docx" if source.startswith(b"PK") else ".pdf"
        target = folder / f"m{index}{suffix}"
        target.write_bytes(bytes(data))
        result = check_file(target, WORKSPACE, CheckOptions(isolate=False))
        assert result.path == str(target)
        assert all(f.message_zh and f.message_en for f in result.findings)
