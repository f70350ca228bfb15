"""Adapter: the ``scpilot`` command. One module per group of subcommands; each only parses
arguments, calls the stages below and prints through a reporter."""

from __future__ import annotations

from generator.cli.main import main

__all__ = ["main"]
