"""Input model → NĐ 30 shell → body: the `Draft`, its inputs (YAML, profiles), body templates, styles and the shell."""
