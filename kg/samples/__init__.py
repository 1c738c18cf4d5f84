"""Package data: samples."""
