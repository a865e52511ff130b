"""All demo data: the one table of distributions and the generators that read it.

The top floor: demo may import every app; nothing imports demo but its tests and bench.
"""
