"""The fronts: the `vanban` command line (thin: options in, domain calls, messages out)."""
