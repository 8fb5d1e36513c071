"""``python -m trustcrises``: the same as the ``trustcrises`` command."""

import sys

from ._cli import main

sys.exit(main())
