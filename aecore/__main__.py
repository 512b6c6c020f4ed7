"""``python -m aecore``: the command line (see :mod:`aecore.cli`)."""

import sys

from aecore.cli import main

if __name__ == "__main__":
    sys.exit(main())
