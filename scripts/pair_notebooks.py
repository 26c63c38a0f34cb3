#!/usr/bin/env python3
"""Each lesson notebook and its paired plain-text source (`make pair`), and the check of the pairs.

    .venv/bin/python scripts/pair_notebooks.py             # sync every pair in notebooks/
    .venv/bin/python scripts/pair_notebooks.py --check     # exit 1, naming each pair out of sync
    .venv/bin/python scripts/pair_notebooks.py --dir DIR [--check]

notebooks/NN-name.ts holds the inputs of notebooks/NN-name.ipynb (markdown and code cells, no
outputs) as a TypeScript script in jupytext's percent format: a cell starts at a `// %%` line,
markdown lines are `// ` comments. notebooks/jupytext.toml declares the pairing, so JupyterLab
(with jupytext in the venv) saves both files, and a change to a lesson reads as a normal diff.

Sync is jupytext's: for each pair the more recently modified file gives the inputs and the
.ipynb keeps its outputs; a notebook without a source gets one, a source without a notebook
becomes an (unexecuted) notebook. Check: each .ts must be exactly what jupytext writes from its
.ipynb, so a run that only changes outputs leaves the pair in sync.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
from jupytext.cli import jupytext as jupytext_cli
from jupytext.config import load_jupytext_config

REPO = Path(__file__).resolve().parents[1]
TEXT_FORMAT = "ts:percent"


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
        expected = jupytext.writes(jupytext.read(notebook), fmt=TEXT_FORMAT, config=config).splitlines()
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


def sync(folder: Path) -> int:
    """jupytext --sync on every notebook and every source without a notebook."""
    notebooks = sorted(folder.glob("*.ipynb"))
    orphans = [s for s in sorted(folder.glob("*.ts")) if not s.with_suffix(".ipynb").exists()]
    paths = [str(p) for p in notebooks + orphans]
    if not paths:
        print(f"pair: no notebooks in {folder}", file=sys.stderr)
        return 1
    jupytext_cli(["--sync", "--quiet", *paths])
    print(f"pair: {len(notebooks) + len(orphans)} pairs in sync in {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=REPO / "notebooks", help="folder of the notebooks (default: notebooks/)")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when a pair is out of sync")
    args = parser.parse_args(argv)
    folder = args.dir.resolve()
    if not folder.is_dir():
        print(f"pair: --dir {folder} is not a folder", file=sys.stderr)
        return 2
    if not args.check:
        return sync(folder)
    problems = pair_problems(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"pair: every notebook in {folder} has its source in sync")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
