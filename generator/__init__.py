"""scpilot: submissions, validation, history and the experience site of the supply-chain pilots."""

from __future__ import annotations

__version__ = "0.1.0"
