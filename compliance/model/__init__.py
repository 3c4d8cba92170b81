"""The shared form model: what both pipelines speak.

A workspace of forms (workspace), each a tree of fields from its schema (fields); values read
or given and made canonical (canonical, values, amounts, dates, textnorm), validated against the
schema (validation) and worked out (formulas); the company's settings (config, settings); and
what the checker says (findings).
"""
