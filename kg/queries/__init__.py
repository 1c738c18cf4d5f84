"""Package data: queries."""
