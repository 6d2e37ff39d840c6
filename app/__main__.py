"""`python -m vanban.app` = the `vanban` command (used by the tests to run the real entry point)."""

from vanban.app.cli import main

main()
