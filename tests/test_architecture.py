"""The package's shape, checked from its source: no import cycles (function-level imports included),
the domain never imports Dash, the store depends on nothing above it and the intake (uploaded files read,
templates written) on nothing above it either, the store least of all."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sdplan"
# What the store may import from the rest of the package: the base it is built on, nothing that computes views.
STORE_MAY_IMPORT = {"sdplan.boundaries", "sdplan.catalog", "sdplan.dataset", "sdplan.errors", "sdplan.i18n",
                    "sdplan.observations", "sdplan.paths", "sdplan.tables", "sdplan.units", "sdplan.formulas",
                    "sdplan.sheets", "sdplan.settings", "sdplan.beijing", "sdplan.circles", "sdplan.translations",
                    "sdplan.notes",  # the store hands out Notes as it hands out Datasets
                    "sdplan.subtargets"}  # sub-target rows and sums, beside observations: no store, no views
# What the intake (below the store: it never touches the database) may import from the rest of the package.
INTAKE_MAY_IMPORT = {"sdplan.beijing", "sdplan.boundaries", "sdplan.catalog", "sdplan.dataset", "sdplan.errors",
                     "sdplan.formulas", "sdplan.i18n", "sdplan.observations", "sdplan.settings", "sdplan.sheets",
                     "sdplan.subtargets", "sdplan.tables", "sdplan.units"}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source (a module, not its package, when
    ``from . import module`` names one)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            submodules = {f"{module}.{alias.name}" for alias in node.names} & set(known)
            targets |= submodules or ({module} & set(known))
        elif isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names} & set(known)
    return targets - {name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, found, counter = {}, {}, [], [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_in_the_package():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_the_domain_never_imports_dash():
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if any(line.lstrip().startswith(("import dash", "from dash")) for line in p.read_text().splitlines())]
    assert offenders == []


def above(edges: dict[str, set[str]], package: str, allowed: set[str], below: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The modules of ``package`` that import something outside it, ``allowed`` and the packages ``below`` it."""
    inside = (package + ".", *(p + "." for p in below))
    found = {name: sorted(t for t in targets if not (t + ".").startswith(inside) and t not in allowed)
             for name, targets in edges.items() if (name + ".").startswith(package + ".")}
    return {name: targets for name, targets in found.items() if targets}


def test_the_store_depends_on_nothing_above_it():
    assert above(graph(), "sdplan.store", STORE_MAY_IMPORT, below=("sdplan.intake",)) == {}


def test_the_intake_depends_on_nothing_above_it():
    edges = graph()
    assert any(name.startswith("sdplan.intake.") for name in edges)  # the package is there to be checked
    assert above(edges, "sdplan.intake", INTAKE_MAY_IMPORT) == {}


def test_the_intake_never_imports_the_store():
    assert {name: sorted(t for t in targets if t.startswith("sdplan.store"))
            for name, targets in graph().items()
            if name.startswith("sdplan.intake") and any(t.startswith("sdplan.store") for t in targets)} == {}


def test_an_import_from_above_is_found():
    edges = {"sdplan.intake.files": {"sdplan.intake.cells", "sdplan.errors", "sdplan.store.db"},
             "sdplan.store.imports": {"sdplan.intake.files", "sdplan.values"}, "sdplan.storefront": set()}
    assert above(edges, "sdplan.intake", INTAKE_MAY_IMPORT) == {"sdplan.intake.files": ["sdplan.store.db"]}
    assert above(edges, "sdplan.store", STORE_MAY_IMPORT, below=("sdplan.intake",)) == {
        "sdplan.store.imports": ["sdplan.values"]}
