"""`compliance audit`: check a batch of files as `check` does, then apply the batch rules, which
see what no single document shows (a claim split under a threshold, a receipt claimed twice, a
seal no request covers).

Batch rules are rules like the others, declared in `batch-rules.yaml` with their clauses and
company settings. Each kind keeps, per file, only the few facts it needs (a claimant, dates,
amounts, line keys, whether a seal is present, a title), taken as each file's result arrives,
so memory does not grow with the documents themselves.
"""
