"""Benchmarks that measure sdxl-bot beside the obvious alternatives, in one run."""
