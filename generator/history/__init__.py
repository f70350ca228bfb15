"""Stage 4, git: one pass over the history of ``submissions/`` (confirmations, submitted
times), the ledger diff, the scope of a change and CODEOWNERS."""
