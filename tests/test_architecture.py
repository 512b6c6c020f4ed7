"""The house rules of aecore, read from the source (ast): layers, no cycles, no Streamlit.

``LAYERS`` is the declared order, bottom first. A module may import its own subpackage and any
layer below its own, never a layer above nor a peer on the same layer: models and data know
nothing of each other, and a newcomer can read the packages bottom-up. See ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AECORE = ROOT / "aecore"

# Bottom first; names on one layer are peers and may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),         # messages with a stable key and parameters (KeyedError, KeyedText); imports nothing
    ("models", "data"),  # nets, variants and their losses; data sets. Plain torch / numpy.
    ("measure",),        # numbers about a model on data: metrics, comparison, probes, label budgets
    ("training",),       # trainer, optimizers, the phase plan, Fit (trains, then measures)
    ("store", "labs"),   # runs on disk; the numbers of each Learn page
    ("plots",),          # plotly figures drawn from the labs' numbers
    ("serving",),        # background work: jobs, engines, workers, the projection process, wire
    ("cli",),            # python -m aecore: train, evaluate, import, datasets, download
    ("__main__", "__init__"),  # the CLI's entry point; the package's public names
)
# Upward imports tolerated for now (none: keep it that way); the test fails when a listed one is gone.
DEBTS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(AECORE.rglob("*.py"))}


MODULES = modules()
_TREES: dict[Path, ast.Module] = {}


def tree_of(path: Path) -> ast.Module:
    """The parsed file, parsed once per test session."""
    if path not in _TREES:
        _TREES[path] = ast.parse(path.read_text(encoding="utf-8"))
    return _TREES[path]


def imported(path: Path, mod: str) -> list[tuple[str, str | None, int]]:
    """(module, name or None, line) for every import in ``path``, relative ones resolved."""
    out = []
    for node in ast.walk(tree_of(path)):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = mod.split(".") if is_package(path) else mod.split(".")[:-1]
                pkg = pkg[: len(pkg) - node.level + 1]
                base = ".".join(pkg + ([node.module] if node.module else []))
            for a in node.names:
                out.append((base, a.name, node.lineno))
    return out


def targets(path: Path, mod: str) -> set[str]:
    """The aecore modules ``mod`` imports (``from pkg import sub`` counts as importing ``pkg.sub``)."""
    deps = set()
    for base, name, _ in imported(path, mod):
        if name is not None and f"{base}.{name}" in MODULES:
            deps.add(f"{base}.{name}")
        elif base in MODULES:
            deps.add(base)
    return deps - {mod}


GRAPH = {mod: targets(path, mod) for mod, path in MODULES.items()}


def layer_of(mod: str) -> tuple[int, str]:
    """(layer index, top-level name) of an aecore module; ``aecore`` itself is ``__init__``."""
    top = mod.split(".")[1] if "." in mod else "__init__"
    for i, names in enumerate(LAYERS):
        if top in names:
            return i, top
    raise AssertionError(f"{mod} is in no layer: add aecore/{top} to LAYERS in tests/test_architecture.py")


def test_every_subpackage_has_a_layer():
    for mod in MODULES:
        layer_of(mod)


def test_no_import_cycles():
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(mod: str, path: list[str]) -> None:
        seen[mod] = 1
        for dep in sorted(GRAPH[mod]):
            if seen.get(dep) == 1:
                cycle = path[path.index(dep):] + [dep] if dep in path else [mod, dep]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if dep not in seen:
                visit(dep, path + [dep])
        seen[mod] = 2

    for mod in sorted(GRAPH):
        if mod not in seen:
            visit(mod, [mod])


def test_each_layer_imports_only_downward():
    wrong = []
    for mod, deps in GRAPH.items():
        here, top = layer_of(mod)
        for dep in deps:
            there, dep_top = layer_of(dep)
            if dep_top != top and there >= here and (mod, dep) not in DEBTS:
                wrong.append(f"{mod} (layer {here}, {top}) imports {dep} (layer {there}, {dep_top})")
    assert not wrong, "\n".join(sorted(wrong))
    stale = sorted(f"{a} → {b}" for a, b in DEBTS if b not in GRAPH.get(a, ()))
    assert not stale, "paid debts still listed in DEBTS: " + ", ".join(stale)


def test_no_module_imports_the_package_root():
    """``aecore/__init__`` re-exports for users; inside aecore, import from where a name lives."""
    wrong = [f"{mod}:{line}" for mod, path in MODULES.items() if mod != "aecore"
             for base, _, line in imported(path, mod) if base == "aecore"]
    assert not wrong, wrong


def test_aecore_never_imports_streamlit():
    wrong = [f"{mod}:{line} imports {base}" for mod, path in MODULES.items()
             for base, _, line in imported(path, mod) if base.split(".")[0] == "streamlit"]
    assert not wrong, wrong


def production_files() -> list[Path]:
    return [*AECORE.rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").rglob("*.py")]


def test_no_private_name_crosses_a_module_boundary():
    """``from m import _helper`` or ``m._helper`` from another module: make it public, or keep it home."""
    wrong = []
    for path in production_files():
        mod = module_name(path)
        tree = tree_of(path)
        modules_here = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for a in node.names:
                    if a.name.startswith("_") and not a.name.startswith("__"):
                        wrong.append(f"{mod}:{node.lineno} imports {a.name} from {node.module}")
                    elif node.module and f"{node.module}.{a.name}" in MODULES.keys() | pages_modules():
                        modules_here.add(a.asname or a.name)
            elif isinstance(node, ast.Import):
                modules_here |= {a.asname or a.name for a in node.names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in modules_here and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.value.id not in ("os", "sys")):
                wrong.append(f"{mod}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not wrong, "\n".join(wrong)


def pages_modules() -> set[str]:
    return {module_name(p) for p in (ROOT / "pages").rglob("*.py")}


def test_no_module_level_getattr():
    """A module ``__getattr__`` hides where a name lives (and can hide a cycle)."""
    wrong = [str(path.relative_to(ROOT)) for path in production_files()
             for node in tree_of(path).body
             if isinstance(node, ast.FunctionDef) and node.name == "__getattr__"]
    assert not wrong, wrong


def test_the_checks_see_what_they_check():
    """The graph is not empty and knows a real edge, so the tests above cannot pass vacuously."""
    assert len(MODULES) > 30
    assert "aecore.models.base" in GRAPH["aecore.training.fit"]
    assert "aecore.store.runs" in GRAPH["aecore.store.zips"]
    assert layer_of("aecore.serving.engines.local")[1] == "serving"
