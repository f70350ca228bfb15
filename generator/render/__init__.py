"""The render stage: the model, the history and the timeliness assessment become the
site's pages (Markdown with escaped HTML blocks) and data files, as a pure function.

Two adapters deliver the result: the MkDocs plugin (``generator.plugin``) and
``scpilot pages --out DIR`` for any MkDocs-compatible builder."""
