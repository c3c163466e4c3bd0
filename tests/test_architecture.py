"""The house rules, checked: the layers (import-linter contracts in pyproject.toml), one concern
per file (no module of 400 lines or more), every ``QA_*`` variable read in one place and documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.fast  # the fast tier: make test-fast

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("qa/**/*.py"), *ROOT.glob("index/**/*.py"), ROOT / "app.py"])


def test_import_contracts_hold():
    """index never imports qa; interfaces import only Assistant and the public types; no cycles."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "3 kept, 0 broken" in out.stdout


def test_every_module_is_small():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in SOURCES}
    assert max(sizes.values()) < 400, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def _env_reads(path: Path) -> list[str]:
    """``QA_*`` names a module reads from the environment (os.environ[...] / .get / getenv)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"QA_[A-Z0-9_]+", node.value):
            names.append(node.value)
    return names


def test_qa_variables_are_read_in_one_place_only():
    """No library constructor reads the environment: only qa/config.py names QA_* variables."""
    readers = {str(p.relative_to(ROOT)): _env_reads(p) for p in SOURCES}
    assert {k for k, v in readers.items() if v} == {"qa/config.py"}, {k: v for k, v in readers.items() if v}


def test_readme_documents_every_setting_and_no_other():
    from qa.config import VARIABLES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(QA_[A-Z0-9_]+)", readme))
    declared = {v.name for v in VARIABLES}
    assert declared - documented == set(), "settings missing from the README"
    assert documented - declared == set(), "the README names settings that do not exist"


def test_settings_errors_name_the_variable():
    import pytest

    from index.errors import InputError
    from qa.config import Config

    assert Config.from_env({"QA_AUTH": "ann:secret:with:colons"}).auth == ("ann", "secret:with:colons")
    assert Config.from_env({}).auth is None
    for env, name in (({"QA_AUTH": "nocolon"}, "QA_AUTH"), ({"QA_PORT": "http"}, "QA_PORT"),
                      ({"QA_CONCURRENCY": "0"}, "QA_CONCURRENCY"), ({"QA_EMBED_BACKEND": "gpu"}, "QA_EMBED_BACKEND"),
                      ({"QA_MEMORY_BM25": "maybe"}, "QA_MEMORY_BM25"), ({"QA_CHROMA_HEADERS": "x"}, "QA_CHROMA_HEADERS")):
        with pytest.raises(InputError, match=name):
            Config.from_env(env)
    cfg = Config.from_env({"QA_CHROMA_URL": "http://127.0.0.1:8000", "QA_CHROMA_TIMEOUT": "3", "QA_LLM": "none",
                           "QA_ALLOWED_HOSTS": "a.example, b.example", "QA_MAX_FILE_MB": "2"})
    assert cfg.chroma.url == "http://127.0.0.1:8000" and cfg.chroma.read_timeout == 3.0
    assert not cfg.llm.enabled and cfg.allowed_hosts == ("a.example", "b.example") and cfg.max_file_bytes == 2 * 2**20


def test_readme_settings_table_is_the_generated_one():
    from qa.config import settings_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- settings:start -->\n", 1)[1].split("\n<!-- settings:end -->", 1)[0]
    assert block == settings_table(), "README settings table is out of date: paste qa.config.settings_table()"
