"""Print pip constraints pinning every dependency to the lowest version pyproject.toml allows.

CI installs the project twice, with the newest releases and with these, so a lower bound that
no longer works (or an upstream release that breaks the newest) shows before a user meets it.
"""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text("utf-8"))["project"]
requirements = list(project["dependencies"])
for extra in project.get("optional-dependencies", {}).values():
    requirements.extend(extra)
for requirement in requirements:
    if m := re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([^,;\s]+).*", requirement):
        print(f"{m[1]}=={m[2]}")
