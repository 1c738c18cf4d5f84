"""Package data: templates."""
