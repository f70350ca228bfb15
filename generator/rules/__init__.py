"""Stage 3, validation: schema messages in Chinese, cross-document rules, ledger quality and
the reporters that print problems. ``validate.validate_repository`` is the entry point."""
