"""Benchmarks of the IP Aid dashboard (plain scripts: `python bench/<name>.py`)."""
