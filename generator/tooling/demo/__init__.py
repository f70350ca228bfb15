"""A synthetic programme generator (``scpilot demo``): a fictional repository with git history,
for demonstrations and benchmarks."""
