"""`python -m app` = the `vanban` command (used by the tests to run the real entry point)."""

from app.cli import main

main()
