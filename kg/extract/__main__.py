"""`python -m kg.extract FILE|- [--format json|table]`; the code lives in kg.extract.cli."""

import sys

from kg.extract.cli import main

sys.exit(main())
