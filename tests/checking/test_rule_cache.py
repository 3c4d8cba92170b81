"""Rule sets are cached by what the configuration says, not by which object says it.

A Dask worker unpickles a new Config with every file it is sent; keyed by identity, every file
reloaded every rule file. Equal configurations share one loaded rule set, different ones do not,
and the cache stays bounded however many configurations a long-lived worker meets."""
from __future__ import annotations

import json
import pickle

from compliance.model.config import Config
from compliance.model.workspace import Workspace
from compliance.rulebook import _CACHED_RULE_SETS, _LOADED, forget_rules, rules_for


def _config(threshold: int) -> Config:
    params = {"reimbursement.collective-decision": {"at_least": threshold}}
    return Config(rule_params=json.dumps(params, sort_keys=True))


def test_equal_configurations_share_one_rule_set_and_different_ones_do_not():
    forget_rules()
    form = Workspace(None).form("reimbursement")
    first = rules_for(form, _config(80000))
    assert rules_for(form, pickle.loads(pickle.dumps(_config(80000)))) is first
    other = rules_for(form, _config(90000))
    assert other is not first
    threshold = {rule.id: rule for rule in other}["reimbursement.collective-decision"]
    assert threshold.params["at_least"] == 90000


def test_the_cache_is_bounded():
    forget_rules()
    form = Workspace(None).form("reimbursement")
    for threshold in range(1000, 1000 + 2 * _CACHED_RULE_SETS):
        rules_for(form, _config(threshold))
    assert len(_LOADED) <= _CACHED_RULE_SETS
    forget_rules()
