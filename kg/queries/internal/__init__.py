"""Queries the views, the analysis, the build and kg push run (not listed by `kg query --list`)."""
