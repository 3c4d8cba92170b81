"""compliance: standard forms from management regulations, and a checker for filled forms.

The command line (compliance.cli) is a thin shell over this library; nothing here prints.
"""
from __future__ import annotations

__version__ = "0.1.0"
