"""Accord: negotiating, translating and adopting the outcome documents of an intergovernmental forum."""

__version__ = "0.1.0"
