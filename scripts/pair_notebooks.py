#!/usr/bin/env python3
"""Each lesson notebook and its paired plain-text source (`make pair`), and the check of the pairs.

    .venv/bin/python scripts/pair_notebooks.py             # sync every pair in notebooks/
    .venv/bin/python scripts/pair_notebooks.py --from ipynb   # every source rewritten from its notebook
    .venv/bin/python scripts/pair_notebooks.py --from ts      # every notebook's inputs from its source
    .venv/bin/python scripts/pair_notebooks.py --check     # exit 1, naming each pair out of sync
    .venv/bin/python scripts/pair_notebooks.py --dir DIR [--check]

notebooks/NN-name.ts holds the inputs of notebooks/NN-name.ipynb (markdown and code cells, no
outputs) as a TypeScript script in jupytext's percent format: a cell starts at a `// %%` line,
markdown lines are `// ` comments. notebooks/jupytext.toml declares the pairing, so JupyterLab
(with jupytext in the venv) saves both files, and a change to a lesson reads as a normal diff.

Sync is jupytext's: for each pair the more recently modified file gives the inputs and the
.ipynb keeps its outputs; a notebook without a source gets one, a source without a notebook
becomes an (unexecuted) notebook. Modification times can mislead (a checkout sets them), so
`--from ipynb` or `--from ts` names the side that wins for every pair instead. Check: each .ts must be exactly what jupytext writes from its
.ipynb, so a run that only changes outputs leaves the pair in sync.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.cli import jupytext as jupytext_cli
from jupytext.config import load_jupytext_config

REPO = Path(__file__).resolve().parents[1]
TEXT_FORMAT = "ts:percent"
# The lessons' kernel, for a notebook made from a source that names none.
TSLAB_KERNEL = {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}


def pair_problems(folder: Path) -> list[str]:
    """What is out of sync in `folder`: missing sources, sources without a notebook, differing sources."""
    config = load_jupytext_config(str(folder))
    if config is None:
        return [f"{folder}: no jupytext.toml declaring the pairing (formats = \"ipynb,{TEXT_FORMAT}\")"]
    problems = []
    notebooks = sorted(folder.glob("*.ipynb"))
    for source in sorted(folder.glob("*.ts")):
        if not source.with_suffix(".ipynb").exists():
            problems.append(f"{source}: no notebook {source.with_suffix('.ipynb').name} beside it (run `make pair`)")
    for notebook in notebooks:
        source = notebook.with_suffix(".ts")
        if not source.exists():
            problems.append(f"{notebook}: no paired source {source.name} (run `make pair`)")
            continue
        expected = source_text(notebook).splitlines()
        actual = source.read_text(encoding="utf-8").splitlines()
        if expected != actual:
            line = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
            problems.append(
                f"{source}: out of sync with {notebook.name} from line {line + 1} "
                f"(notebook gives {expected[line] if line < len(expected) else '<end>'!r}, "
                f"source has {actual[line] if line < len(actual) else '<end>'!r}); "
                "run `make pair` (the newer file wins)"
            )
    return problems


def source_text(notebook: Path) -> str:
    """What jupytext writes as the paired source of `notebook`, with the folder's configuration."""
    config = load_jupytext_config(str(notebook.parent))
    return jupytext.writes(jupytext.read(notebook), fmt=TEXT_FORMAT, config=config)


def settle(folder: Path) -> None:
    """After inputs moved: a notebook without a kernel gets tslab's, jupytext's own notes leave the
    notebook (notebooks/jupytext.toml holds the settings), sources are rewritten as jupytext writes them."""
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if "kernelspec" not in nb.metadata or "jupytext" in nb.metadata:
            nb.metadata.setdefault("kernelspec", dict(TSLAB_KERNEL))
            nb.metadata.pop("jupytext", None)
            nbformat.write(nb, path)
    from_notebooks(folder, quiet=True)


def from_notebooks(folder: Path, quiet: bool = False) -> int:
    """Rewrites every source from its notebook (writes only the files that change)."""
    changed = 0
    for notebook in sorted(folder.glob("*.ipynb")):
        source, text = notebook.with_suffix(".ts"), source_text(notebook)
        if not source.exists() or source.read_text(encoding="utf-8") != text:
            source.write_text(text, encoding="utf-8")
            changed += 1
    if not quiet:
        print(f"pair: {changed} source(s) rewritten from their notebooks in {folder}")
    return 0


def from_sources(folder: Path) -> int:
    """Every notebook's inputs from its source (outputs kept); a source without notebook makes one."""
    sources = sorted(folder.glob("*.ts"))
    if sources:
        jupytext_cli(["--quiet", "--to", "ipynb", "--update", *map(str, sources)])
        settle(folder)
    print(f"pair: {len(sources)} notebook(s) updated from their sources in {folder}")
    return 0


def sync(folder: Path) -> int:
    """jupytext --sync on every notebook and every source without a notebook."""
    notebooks = sorted(folder.glob("*.ipynb"))
    orphans = [s for s in sorted(folder.glob("*.ts")) if not s.with_suffix(".ipynb").exists()]
    paths = [str(p) for p in notebooks + orphans]
    if not paths:
        print(f"pair: no notebooks in {folder}", file=sys.stderr)
        return 1
    jupytext_cli(["--sync", "--quiet", *paths])
    settle(folder)
    print(f"pair: {len(notebooks) + len(orphans)} pairs in sync in {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=REPO / "notebooks", help="folder of the notebooks (default: notebooks/)")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when a pair is out of sync")
    parser.add_argument("--from", dest="side", choices=("ipynb", "ts"), help="the side that wins for every pair (default: the newer file)")
    args = parser.parse_args(argv)
    folder = args.dir.resolve()
    if not folder.is_dir():
        print(f"pair: --dir {folder} is not a folder", file=sys.stderr)
        return 2
    if not args.check:
        return {"ipynb": from_notebooks, "ts": from_sources}.get(args.side or "", sync)(folder)
    problems = pair_problems(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"pair: every notebook in {folder} has its source in sync")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
