"""``python -m trustcrises``: the same as the ``trustcrises`` command."""

import sys

from .cli._main import main

sys.exit(main())
