"""`python -m lancement.cli`: the same as the `participation` command."""

import sys

from lancement.cli import main

sys.exit(main())
