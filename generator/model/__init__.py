"""Stage 2, the model: typed, immutable views of the submissions built from loaded documents.
Everything above reads the model, never a document's raw data."""
