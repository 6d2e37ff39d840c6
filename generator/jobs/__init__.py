"""The jobs users run: annual plans, results reports, handouts, rebuilding a library document, task
and results workbooks."""
