"""Synthetic programmes: ``scpilot demo --pilots N --seed S --out DIR`` writes a realistic,
deterministic repository (documents of every type, a git history of merged pull requests)
for demonstrations and for the benchmarks in ``benchmarks/``."""
