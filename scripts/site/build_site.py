#!/usr/bin/env python3
"""Builds the static site of the lessons (`make site`) from the committed executed notebooks.

    .venv/bin/python scripts/site/build_site.py                      # ./notebooks → ./site
    .venv/bin/python scripts/site/build_site.py --root DIR --out DIR

Nothing is executed: each notebooks/*.ipynb (in name order: 01, 01b, 02, ...) becomes one page
through nbconvert's HTML exporter with the template in scripts/site/templates/lesson (JupyterLab's
"lab" template plus the site's frame). The home page lists the lessons present, the five
articles of docs/articles.md and a gallery of the figures. figures/<lesson>/ and
data/<lesson>/ are copied beside the pages, so every link works from the folder alone
(file:// or any static server), and KaTeX comes from node_modules: no page asks an outside host
for anything. See docs/site.md.
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from traitlets.config import Config

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROJECT = "Latent Walk"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# What a figure or animation output of lib/notebook/display.ts says in its text/plain part.
FIGURE_TEXT = re.compile(r"^(figure|animation) ([A-Za-z0-9_.-]+): ")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
ARTICLE_HEADING = re.compile(r"^## \d+\. (.+)$", re.M)
# Code cells longer than this are folded (a <details> element the reader opens).
LONG_CODE_LINES = 15
# Headings of this level and above go into a page's table of contents.
TOC_DEPTH = 3


class SiteError(Exception):
    """A lesson or input the site cannot be built from; the message names it."""


@dataclass
class Lesson:
    stem: str
    title: str
    notebook: nbformat.NotebookNode
    figures: list[dict] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.stem}.html"


def inline_html(markdown: str) -> str:
    """One line of markdown as HTML without the paragraph around it."""
    return re.sub(r"^<p>(.*)</p>\s*$", r"\1", markdown2html_mistune(markdown).strip(), flags=re.S)


def plain_text(markdown: str) -> str:
    """Inline markdown (emphasis, code, links) as plain text, for titles."""
    rendered = markdown2html_mistune(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def notebook_title(path: Path, nb: nbformat.NotebookNode) -> str:
    """The text of the notebook's first markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            if match:
                return plain_text(match.group(2))
    raise SiteError(f"{path}: no markdown heading; a lesson's title is its first heading (e.g. '# 01 · ...')")


def figure_links(root: Path, stem: str, name: str, csvs: list[str]) -> list[dict]:
    """Links to the files of figure `name` that exist (PNG, SVG, HTML, JSON, GIF), then the lesson's CSVs."""
    links = []
    for ext in ("png", "svg", "html", "json", "gif"):
        if (root / "figures" / stem / f"{name}.{ext}").is_file():
            links.append({"label": ext.upper(), "href": f"figures/{stem}/{name}.{ext}"})
    return links + [{"label": Path(csv).name, "href": csv} for csv in csvs]


def annotate_figures(root: Path, lesson: Lesson) -> None:
    """Marks each figure/animation output (metadata `lw_figure`) for the template; lists them for the gallery."""
    data_dir = root / "data" / lesson.stem
    csvs = sorted(f"data/{lesson.stem}/{p.name}" for p in data_dir.glob("*.csv")) if data_dir.is_dir() else []
    for cell in lesson.notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            match = FIGURE_TEXT.match(text if isinstance(text, str) else "".join(text))
            if output.output_type not in ("display_data", "execute_result") or not match:
                continue
            name = match.group(2)
            gif = f"figures/{lesson.stem}/{name}.gif"
            png = f"figures/{lesson.stem}/{name}.png"
            figure = {
                "name": name,
                "anchor": f"figure-{name}",
                "links": figure_links(root, lesson.stem, name, csvs),
                "gif": gif if (root / gif).is_file() else None,
                "interactive": PLOTLY_MIME in output.data,
            }
            page = f"figures/{lesson.stem}/{name}.html"
            if not figure["interactive"] and (root / page).is_file():
                # stored as PNG only (too many points to embed): the reader can swap in its HTML page
                figure["page"] = page
            output.setdefault("metadata", {})["lw_figure"] = figure
            thumb = figure["gif"] or (png if (root / png).is_file() else None)
            if thumb is not None:
                lesson.figures.append({"name": name, "thumb": thumb, "href": f"{lesson.page}#{figure['anchor']}"})


class _Headings(HTMLParser):
    """Collects (level, id, text) of the h1..h6 elements that carry an id."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            ident = dict(attrs).get("id")
            if ident:
                self._open, self._text = (int(tag[1]), ident), []
        elif tag == "a" and self._open and ("class", "anchor-link") in attrs:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._open and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], self._open[1], "".join(self._text).strip()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._text.append(data)


def toc_html(page: str) -> str:
    """The page's table of contents from its rendered headings (their ids as nbconvert made them)."""
    parser = _Headings()
    parser.feed(page)
    items = [
        f'<li class="lw-toc-h{level}"><a href="#{html.escape(ident, quote=True)}">{html.escape(text)}</a></li>'
        for level, ident, text in parser.found if level <= TOC_DEPTH
    ]
    return '<p class="lw-toc-title">On this page</p>\n<ul>\n' + "\n".join(items) + "\n</ul>"


def nav_html(lessons: list[Lesson], current: str | None) -> str:
    """The lesson list of the sidebar; the current page is marked."""
    def item(href: str, text: str) -> str:
        mark = ' aria-current="page"' if href == current else ""
        return f'<li><a href="{href}"{mark}>{html.escape(text)}</a></li>'
    rows = [item("index.html", "Home")] + [item(lesson.page, lesson.title) for lesson in lessons]
    return "<ul>\n" + "\n".join(rows) + "\n</ul>"


def pager_html(lessons: list[Lesson], index: int) -> str:
    """Previous / next lesson links under a page."""
    prev = lessons[index - 1] if index > 0 else None
    nxt = lessons[index + 1] if index + 1 < len(lessons) else None
    parts = ['<nav class="lw-pager" aria-label="previous and next lesson">']
    parts.append(f'<a rel="prev" href="{prev.page}">← {html.escape(prev.title)}</a>' if prev else '<a rel="prev" href="index.html">← Home</a>')
    if nxt:
        parts.append(f'<a rel="next" href="{nxt.page}">{html.escape(nxt.title)} →</a>')
    parts.append("</nav>")
    return "\n".join(parts)


def link_lessons(page: str, lessons: list[Lesson]) -> str:
    """Links from markdown to another lesson's .ipynb point at its page."""
    stems = {lesson.stem for lesson in lessons}
    def replace(match: re.Match[str]) -> str:
        stem = match.group(2)
        return f'href="{stem}.html{match.group(3) or ""}"' if stem in stems else match.group(0)
    return re.sub(r'href="(\./|\.\./notebooks/)?([^"/#]+)\.ipynb(#[^"]*)?"', replace, page)


def exporter() -> HTMLExporter:
    config = Config()
    # Plotly's MIME output first (drawn live; its PNG twin is dropped), then GIF, then lab's order.
    config.NbConvertBase.display_data_priority = [
        PLOTLY_MIME, "image/gif", "text/html", "text/markdown", "image/svg+xml",
        "text/latex", "image/png", "image/jpeg", "text/plain",
    ]
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    return HTMLExporter(config=config, template_name="lesson", extra_template_basedirs=[str(HERE / "templates")])


def read_lessons(root: Path) -> list[Lesson]:
    """Every notebooks/*.ipynb under `root`, in name order (01, 01b, 02, ...)."""
    paths = sorted((root / "notebooks").glob("*.ipynb"), key=lambda p: p.name)
    if not paths:
        raise SiteError(f"no notebooks in {root / 'notebooks'} (expected NN-name.ipynb files)")
    lessons = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        lesson = Lesson(stem=path.stem, title=notebook_title(path, nb), notebook=nb)
        annotate_figures(root, lesson)
        lessons.append(lesson)
    return lessons


def articles(root: Path) -> list[dict]:
    """The articles of docs/articles.md: title (its `## N. title` heading) and first paragraph."""
    path = root / "docs" / "articles.md"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found = []
    for match in ARTICLE_HEADING.finditer(text):
        rest = text[match.end():].strip()
        paragraph = rest.split("\n\n", 1)[0] if not rest.startswith("#") else ""
        found.append({"title": inline_html(match.group(1)), "summary": markdown2html_mistune(paragraph)})
    return found


def project_intro(root: Path) -> str:
    """The README's first paragraph, as HTML."""
    readme = root / "README.md"
    if not readme.is_file():
        return ""
    body = re.sub(r"^# .*\n", "", readme.read_text(encoding="utf-8")).strip()
    return markdown2html_mistune(body.split("\n\n", 1)[0])


def copy_assets(root: Path, out: Path, lessons: list[Lesson]) -> None:
    """KaTeX, the site's CSS/JS, plotly.js, and each lesson's figures/ and data/ folders."""
    katex = REPO / "node_modules" / "katex" / "dist"
    if not (katex / "katex.min.js").is_file():
        raise SiteError(f"KaTeX not found in {katex}: run `make setup` (npm ci)")
    plotly = REPO / "figures" / "plotly.min.js"
    if not plotly.is_file():
        raise SiteError(f"{plotly} is missing: it is committed with the figures (lib/plot/html.ts writes it)")
    assets = out / "assets"
    shutil.copytree(katex, assets / "katex", ignore=shutil.ignore_patterns("*.mjs", "*.ttf", "*.woff", "README*"), dirs_exist_ok=True)
    for name in ("site.css", "site.js"):
        shutil.copy2(HERE / "assets" / name, assets / name)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    shutil.copy2(plotly, out / "figures" / "plotly.min.js")
    for lesson in lessons:
        for kind in ("figures", "data"):
            source = root / kind / lesson.stem
            if source.is_dir():
                shutil.copytree(source, out / kind / lesson.stem, dirs_exist_ok=True)


def build(root: Path, out: Path) -> list[Path]:
    """Writes the site into `out` (emptied first); returns the pages written."""
    lessons = read_lessons(root)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_assets(root, out, lessons)
    export = exporter()
    pages = []
    for i, lesson in enumerate(lessons):
        resources = {
            "metadata": {"name": lesson.title},
            "site": {
                "project": PROJECT,
                "nav_html": nav_html(lessons, lesson.page),
                "pager_html": pager_html(lessons, i),
                "long_code_lines": LONG_CODE_LINES,
            },
        }
        lesson.notebook.metadata["title"] = f"{lesson.title} · {PROJECT}"
        body, _ = export.from_notebook_node(lesson.notebook, resources=resources)
        body = link_lessons(body.replace("<!-- lw-toc -->", toc_html(body), 1), lessons)
        pages.append(out / lesson.page)
        pages[-1].write_text(body, encoding="utf-8")
    home = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True).get_template("home.html.j2")
    index = out / "index.html"
    index.write_text(home.render(
        project=PROJECT, intro=project_intro(root), articles=articles(root), lessons=lessons,
        nav_html=nav_html(lessons, "index.html"),
    ), encoding="utf-8")
    return [index, *pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="project folder with notebooks/, figures/, data/ (default: this repository)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/site), emptied first")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "site").resolve()
    if out == root or out in root.parents:
        print(f"--out {out} would empty the project folder; give a folder of its own", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        pages = build(root, out)
    except SiteError as error:
        print(f"site: {error}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"site: {len(pages)} pages ({len(pages) - 1} lessons + home) in {out}, {size / 1e6:.1f} MB, {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
