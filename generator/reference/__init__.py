"""Stage 0, reference data shipped with the package: GB/T 4754-2017 industry codes, GB/T 2260 division codes."""
