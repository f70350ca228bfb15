"""Stage 1, reading: the strict YAML loader, the folder layout (paths of submission files),
the JSON Schemas and the problem values every stage returns."""
