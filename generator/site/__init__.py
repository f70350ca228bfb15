"""Stage 6, the site: pages, downloads, charts, templates and the provincial draft, rendered
from the model and the assessments. Pure context-to-text functions; ``build`` is the one entry
point that reads files."""
