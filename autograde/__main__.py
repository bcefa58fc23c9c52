"""``python -m autograde``: see :mod:`autograde.cli`."""

import sys

from .cli import main

if __name__ == "__main__":  # Dask's worker processes import this module again: run once
    sys.exit(main())
