"""`make bench`: the performance figures of issues 3 and 4, written to bench-results.json.

Nothing here is collected by pytest (no ``test_`` files): run ``python -m tests.bench.run``.
"""
