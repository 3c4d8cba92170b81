"""The clerk's pipeline: data in → canonical, derived data → a filled .docx → PDF → output.

data_input reads YAML, JSON, CSV and Excel; pipeline makes the data canonical, derives computed
fields (derive), adds signing rows and fills the template (fill), then writes atomically.
"""
