"""Entity extractors: one module per category, each reading a shared Context."""
