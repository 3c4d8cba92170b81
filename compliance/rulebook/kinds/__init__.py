"""The closed set of check kinds; a rule file names one of these for each rule."""
from __future__ import annotations

from . import (
               approvals,
               capital,
               covers,
               date_order,
               duty_conflict,
               hidden_text,
               required_when,
               schema_check,
               score,
               seal_blank_page,
               seal_unfilled_form,
               threshold,
               totals,
               values_check,
)

KINDS = {module.KIND: module for module in (
    schema_check, approvals, threshold, totals, capital, date_order, duty_conflict,
    required_when, values_check, covers, score, seal_blank_page, seal_unfilled_form,
    hidden_text,
)}
