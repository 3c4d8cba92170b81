"""The reviewer's pipeline: discover files → sniff → open safely → read → recognise the form →
apply its rules and the seal rules → findings → reports, each file in its own isolated worker.

The stages live in safety/ (sniff, safe open, isolation), reading/ (text and tables from .docx
and PDF, recognition, extraction), rulebook/ (the rules), seals/ and reports/; pipeline.py runs
them in order.
"""
