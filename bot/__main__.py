"""`python -m bot`: the same as the `sdxl-bot` console script (the CLI lives in sdxl_bot)."""

import sys

from sdxl_bot.cli import main

sys.exit(main())
