"""The shape of the code: the layer contracts (cli -> ui | demo -> app -> db, no cycles between siblings, Qt only in
ui), `app` grouped by domain area, and change flags spelled only as the constants of `app.core.changes`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from app.core import changes

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def test_layer_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    for contract in ("cli -> ui | demo -> app -> db", "No import cycles between sibling packages"):
        assert contract in result.stdout


def test_app_db_and_demo_never_mention_qt():
    offenders = [
        str(path.relative_to(ROOT))
        for layer in ("app", "db", "demo")
        for path in (SRC / layer).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_app_is_grouped_by_domain_area():
    """Only packages at the top of `app`: a newcomer finds «сохранить визит» in app/visits, not in a flat folder."""
    top_modules = sorted(p.name for p in (SRC / "app").glob("*.py") if p.name != "__init__.py")
    assert top_modules == []
    areas = {p.name for p in (SRC / "app").iterdir() if (p / "__init__.py").exists()}
    assert {"core", "registry", "cases", "visits", "trips", "rehab", "events", "reference", "accounts", "system",
            "documents", "reports", "importing"} <= areas
    for package in ("cli", "demo"):
        assert (SRC / package / "__init__.py").exists()


FLAG_CALLS = {"changed_areas", "subscribe", "announce", "Saved", "frozenset"}


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and n.value in changes.ALL_FLAGS]


def _flag_literals(path: Path) -> list[str]:
    """Flags spelled as strings where change flags go: arguments of the calls that carry flags, sets combined
    with `&`/`|`, and `"x" in changed` tests."""
    found: list[ast.Constant] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in FLAG_CALLS:
                found += [s for arg in [*node.args, *(k.value for k in node.keywords)] for s in _strings(arg)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd | ast.BitOr):
            found += [s for side in (node.left, node.right) if isinstance(side, ast.Set) for s in _strings(side)]
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            found += _strings(node.left) if isinstance(node.left, ast.Constant) else []
    return [f"{path.relative_to(ROOT)}:{s.lineno} {s.value!r}" for s in found]


def test_change_flags_are_named_constants():
    """Writes return and screens subscribe to `app.core.changes` constants, never a free string like "visits"."""
    allowed = SRC / "app" / "core" / "changes.py"
    offenders = [hit for path in SRC.rglob("*.py") if path != allowed for hit in _flag_literals(path)]
    assert offenders == []


def test_every_flag_constant_is_known_to_the_bus():
    constants = {value for name, value in vars(changes).items() if name.isupper() and isinstance(value, str)}
    assert constants == set(changes.ALL_FLAGS)
