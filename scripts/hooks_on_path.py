"""Importing this puts hooks/ on sys.path, so that a script run as `python scripts/NAME.py`
from any folder can import the hooks' plain modules (front_matter, review_rules, ...).

Import it before them: `import hooks_on_path  # noqa: F401 - puts hooks/ on sys.path`.
pytest does the same through pytest.ini's `pythonpath`; MkDocs, while loading a hook.
"""

import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parent.parent / "hooks")
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
