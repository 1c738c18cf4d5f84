"""python -m kg"""

from .cli import main

raise SystemExit(main())
