"""Stage 5, judgements: progress of targets and measures, timeliness of documents, the watch
list and the reviewer's change summary. Pure functions of the model and the history."""
