"""`python -m bot`: the same as the `sdxl-bot` console script."""

import sys

from bot.cli import main

sys.exit(main())
