"""장마다 커널 없이 열리는 슬라이드 묶음(reveal.js)을 만든다: ``_build/html/slides/<장>.html``.

책을 다 빌드하면(build-finished) 목차의 ``chapters/`` 노트북마다

1. 실행된 노트북을 얻는다. myst-nb 가 ``_build/jupyter_execute`` 에 쓰는 사본은 jupyter-cache 에서 결과를 가져온
   경우 출력이 비어 있다(myst-nb 1.4 는 캐시의 노트북을 따로 받아 렌더링하고 원래 객체를 쓴다). 그래서 실행 방식이
   cache 이면 원본 노트북에 캐시의 출력을 합치고, 아니면 jupyter_execute 의 사본을 읽는다.
2. 책과 같은 규칙으로 셀을 거른다: ``remove-cell`` 은 빼고, ``remove-input``/``hide-input`` 은 코드를 감추고,
   ``remove-output``/``hide-output`` 은 출력을 뺀다. 커널 없이는 죽은 위젯 뷰와 glue 출력도 뺀다(데모는 미리 계산한
   스크러버 text/html 로 보인다). MyST 문법(연습 문제 지시문, {doc}/{ref}/{cite}/{glue:text} 역할)은 보통의
   마크다운으로 옮기고, 풀이는 슬라이드에 싣지 않는다.
3. nbconvert 의 SlidesExporter 와 ``book/_slides/templates/deck`` 서식으로 HTML 을 쓴다. reveal.js 는
   ``book/_slides/vendor/reveal.js`` 에서 ``slides/reveal.js`` 로 복사하고, 셀 서식(JupyterLab CSS)은 모든 묶음이
   함께 쓰는 ``slides/notebook.css`` 하나로 쓰고, 수식은 책의 오프라인 MathJax 로 그린다.

장의 쪽에는 제목 아래에 "슬라이드로 보기" 고리를 넣는다. 무엇이든 실패하면 노트북 이름을 담은 경고를 내므로
``-W`` 빌드가 실패한다.
"""

from __future__ import annotations

import copy
import posixpath
import re
import shutil
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from helpers._bookbuild.executed import executed_notebook as helpers_executed_notebook

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SLIDES_SRC = HERE.parent / "_slides"
TEMPLATES = SLIDES_SRC / "templates"
REVEAL_SRC = SLIDES_SRC / "vendor" / "reveal.js"
OUT_DIR = "slides"
CHAPTER_DIR = "chapters/"
LINK_TEXT = "슬라이드로 보기"
# 책의 쪽과 같은 파비콘 (book/_ext/page_assets.py): 없으면 브라우저가 /favicon.ico 를 찾다가 404 를 낸다
FAVICON = "_static/favicon.svg"
NOTEBOOK_CSS = "notebook.css"

REMOVE_CELL = {"remove-cell"}
REMOVE_INPUT = {"remove-input", "hide-input"}
REMOVE_OUTPUT = {"remove-output", "hide-output"}
# 커널이 없으면 아무것도 못 하는 출력 형식
DEAD_MIMES = ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")


# ---------------------------------------------------------------------- 어떤 장, 어디에
def chapter_docs(app: Sphinx) -> list[str]:
    """목차에 있는 장 노트북의 문서 이름 (예: 'chapters/01_rnn'), 이름 순서."""
    env = app.env
    return sorted(
        d for d in env.found_docs if d.startswith(CHAPTER_DIR) and str(env.doc2path(d)).endswith(".ipynb")
    )


def deck_path(docname: str) -> str:
    """출력 폴더 안의 슬라이드 묶음 경로 (예: 'slides/01_rnn.html')."""
    return f"{OUT_DIR}/{posixpath.basename(docname)}.html"


def _rel(target: str, from_file: str) -> str:
    """출력 폴더 안의 from_file 에서 target 으로 가는 상대 URL."""
    return posixpath.relpath(target, posixpath.dirname(from_file) or ".")


# ---------------------------------------------------------------------- 실행된 노트북
def executed_notebook(app: Sphinx, docname: str):
    """출력이 든 실행된 노트북 (nbformat 4). 얻지 못하면 RuntimeError."""
    cfg = app.env.mystnb_config
    cache = cfg.execution_cache_path if cfg.execution_mode == "cache" and cfg.execution_cache_path else None
    executed = Path(cfg.output_folder) / f"{docname}.ipynb"
    nb = helpers_executed_notebook(app.env.doc2path(docname), cache, executed)
    if nb is not None:
        return nb
    raise RuntimeError(
        f"실행 결과가 든 노트북을 찾지 못했다 (jupyter-cache: {cfg.execution_cache_path}, 사본: {executed})"
    )


# ---------------------------------------------------------------------- MyST → 마크다운
_DIRECTIVE = re.compile(
    r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<opts>(?:[ \t]*:[\w-]+:[^\n]*\n)*)"
    r"(?P<body>.*?)^(?P=fence)[ \t]*$\n?",
    re.M | re.S,
)
_ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<content>[^`]*)`")
_TITLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
_TARGET_LINE = re.compile(r"^\([\w:-]+\)=[ \t]*\n", re.M)


class MystToMarkdown:
    """한 장의 MyST 마크다운을 nbconvert 가 아는 마크다운으로 옮긴다."""

    def __init__(self, app: Sphinx, docname: str, glue: dict[str, str]):
        self.app = app
        self.env = app.env
        self.docname = docname
        self.deck = deck_path(docname)
        self.glue = glue
        self.problems: list[str] = []
        self._bib = None

    # 역할 ------------------------------------------------------------
    def _page_url(self, docname: str, anchor: str = "") -> str:
        url = _rel(self.app.builder.get_target_uri(docname), self.deck)
        return f"{url}#{anchor}" if anchor else url

    def _doc(self, content: str) -> str:
        m = _TITLED.match(content)
        text, target = (m["text"], m["target"]) if m else (None, content)
        docname = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target.strip()))
        if docname not in self.env.titles:
            self.problems.append(f"{{doc}} 대상 '{target}' 을 찾지 못했다")
            return text or target
        return f"[{text or self.env.titles[docname].astext()}]({self._page_url(docname)})"

    def _ref(self, content: str) -> str:
        m = _TITLED.match(content)
        text, label = (m["text"], m["target"]) if m else (None, content.strip())
        std = self.env.domaindata["std"]
        if label in std["anonlabels"]:
            docname, anchor = std["anonlabels"][label]
            if text is None:
                number = self.env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(anchor)
                if number:
                    text = "연습 " + ".".join(map(str, number))
                else:
                    text = std["labels"].get(label, (None, None, label))[2] or label
            return f"[{text}]({self._page_url(docname, anchor)})"
        self.problems.append(f"{{ref}} 대상 '{label}' 을 찾지 못했다")
        return text or label

    def _bibliography(self):
        if self._bib is None:
            from pybtex.database import parse_file

            self._bib = {}
            for name in self.app.config.bibtex_bibfiles:
                self._bib.update(parse_file(str(Path(self.app.srcdir) / name)).entries)
        return self._bib

    def _cite(self, content: str) -> str:
        out = []
        for key in (k.strip() for k in content.split(",")):
            entry = self._bibliography().get(key)
            if entry is None:
                self.problems.append(f"{{cite}} 키 '{key}' 가 참고 문헌에 없다")
                out.append(key)
                continue
            last = [" ".join(p.last_names) for p in entry.persons.get("author", [])]
            who = last[0] if len(last) == 1 else " & ".join(last) if len(last) == 2 else f"{last[0]} *et al.*"
            out.append(f"{who}, {entry.fields.get('year', '')}")
        return "[" + "; ".join(out) + "]"

    def _glue_text(self, content: str) -> str:
        key, _, fmt = content.partition(":")
        if key not in self.glue:
            self.problems.append(f"{{glue:text}} 키 '{key}' 의 값이 실행 결과에 없다")
            return key
        text = self.glue[key].strip("'")
        if fmt:
            try:
                text = format(float(text), fmt)
            except ValueError:
                self.problems.append(f"{{glue:text}} '{content}': 형식 '{fmt}' 을 적용하지 못했다")
        return text

    def role(self, m: re.Match) -> str:
        name, content = m["name"], m["content"]
        if name == "doc":
            return self._doc(content)
        if name in ("ref", "numref"):
            return self._ref(content)
        if name in ("cite", "cite:p", "cite:t"):
            return self._cite(content)
        if name in ("glue", "glue:text"):
            return self._glue_text(content)
        if name in ("math", "eq"):
            return f"${content}$" if name == "math" else content
        t = _TITLED.match(content)
        return t["text"] if t else content  # term, abbr 등: 글자만 남긴다

    # 지시문 -----------------------------------------------------------
    def directive(self, m: re.Match) -> str:
        name, body = m["name"], m["body"]
        if name.startswith("solution"):
            return ""  # 풀이는 슬라이드에 싣지 않는다 (책에서도 접혀 있다)
        body = self.convert(body).strip()
        if name == "exercise":
            label = re.search(r":label:\s*(\S+)", m["opts"])
            number = None
            if label:
                number = self.env.toc_fignumbers.get(self.docname, {}).get("exercise", {}).get(label[1])
            head = "연습 " + ".".join(map(str, number)) if number else "연습"
            title = m["arg"].strip()
            head = f"**{head}{' ' + title if title else ''}.** "
            return "\n".join("> " + line for line in (head + body).splitlines()) + "\n\n"
        if name in ("math",):
            return f"$$\n{body}\n$$\n"
        return body + "\n\n"  # note, tip 등: 본문만 남긴다

    def convert(self, text: str) -> str:
        text = _TARGET_LINE.sub("", text)
        text = _DIRECTIVE.sub(self.directive, text)
        return _ROLE.sub(self.role, text)


# ---------------------------------------------------------------------- 노트북 → 슬라이드용 노트북
def _glue_values(nb) -> dict[str, str]:
    """glue() 가 남긴 출력에서 이름 → text/plain 값."""
    values = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                for mime, value in out.get("data", {}).items():
                    if mime.endswith("text/plain"):
                        values[name] = value
    return values


def slide_notebook(app: Sphinx, docname: str, nb):
    """책의 셀 태그를 따르고 MyST 를 옮긴, 슬라이드로 내보낼 노트북 사본과 남은 문제 목록."""
    nb = copy.deepcopy(nb)
    conv = MystToMarkdown(app, docname, _glue_values(nb))
    cells = []
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if tags & REMOVE_CELL:
            continue
        if cell.cell_type == "markdown":
            cell.source = conv.convert(cell.source)
            if not cell.source.strip():
                cell.metadata.setdefault("slideshow", {})
                if cell.metadata["slideshow"].get("slide_type") in (None, "-", "fragment"):
                    continue  # 풀이만 있던 셀: 빈 셀은 싣지 않는다
        if cell.cell_type == "code":
            if tags & REMOVE_INPUT:
                cell.metadata.setdefault("transient", {})["remove_source"] = True
            outputs = []
            for out in [] if tags & REMOVE_OUTPUT else cell.outputs:
                if out.get("metadata", {}).get("scrapbook"):
                    continue  # glue 값: 책에서도 보이지 않는다
                if out.output_type == "stream" and out.get("name") == "stderr":
                    continue
                if "data" in out:
                    for mime in DEAD_MIMES:
                        out.data.pop(mime, None)
                    if not out.data:
                        continue
                outputs.append(out)
            cell.outputs = outputs
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb, conv.problems


def make_exporter():
    """이 책의 서식(book/_slides/templates/deck)을 쓰는 SlidesExporter. 입력·출력 번호(In [3]:)는 싣지 않는다."""
    from nbconvert.exporters import SlidesExporter
    from traitlets.config import Config

    c = Config()
    c.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.template_name = "deck"
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    return SlidesExporter(config=c)


def notebook_css(exporter) -> str:
    """JupyterLab 의 셀·출력 서식(nbconvert 의 lab 서식이 싣는 것). 모든 묶음이 파일 하나로 함께 쓴다."""
    env = exporter.environment
    return "\n".join(
        env.loader.get_source(env, name)[0] for name in ("static/index.css", "static/theme-light.css")
    )


def export_deck(app: Sphinx, docname: str, exporter=None) -> str:
    """장 하나의 슬라이드 HTML (문자열)."""
    nb, problems = slide_notebook(app, docname, executed_notebook(app, docname))
    if problems:
        raise RuntimeError("; ".join(problems))
    deck = deck_path(docname)
    resources = {
        "metadata": {"name": posixpath.basename(docname)},
        "deck": {
            "reveal": _rel(f"{OUT_DIR}/reveal.js", deck),
            "notebook_css": _rel(f"{OUT_DIR}/{NOTEBOOK_CSS}", deck),
            "mathjax": _rel("_static/mathjax/tex-chtml.js", deck),
            "favicon": _rel(FAVICON, deck),
            "book_page": _rel(app.builder.get_target_uri(docname), deck),
            "title": app.env.titles[docname].astext(),
        },
    }
    body, _ = (exporter or make_exporter()).from_notebook_node(nb, resources=resources)
    return body


# ---------------------------------------------------------------------- Sphinx 연결
def _on_build_finished(app: Sphinx, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for needed in ("_static/mathjax/tex-chtml.js", FAVICON):
        if not (outdir / needed).is_file():
            logger.warning(f"슬라이드 묶음이 쓰는 {needed} 가 빌드한 책에 없다", type="slides")
    start = time.monotonic()
    target = outdir / OUT_DIR
    shutil.rmtree(target / "reveal.js", ignore_errors=True)
    shutil.copytree(REVEAL_SRC, target / "reveal.js", ignore=shutil.ignore_patterns("README.md"))
    exporter = make_exporter()
    (target / NOTEBOOK_CSS).write_text(notebook_css(exporter), encoding="utf-8")
    for docname in chapter_docs(app):
        try:
            html = export_deck(app, docname, exporter)
        except Exception as err:  # noqa: BLE001 (어느 노트북이 왜 실패했는지 경고로 알린다)
            logger.warning(
                f"슬라이드를 만들지 못했다: {docname}.ipynb: {err}", type="slides", location=docname
            )
            continue
        (outdir / deck_path(docname)).write_text(html, encoding="utf-8")
    logger.info(
        f"슬라이드 묶음 {len(chapter_docs(app))}개를 {target} 에 썼다 ({time.monotonic() - start:.1f} 초)"
    )


def _add_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """장의 쪽 제목 바로 아래에 슬라이드 고리를 넣는다 (html 빌더만)."""
    if app.builder.format != "html" or docname not in chapter_docs(app):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    href = _rel(deck_path(docname), app.builder.get_target_uri(docname))
    html = (
        f'<p class="slide-deck-link"><a href="{href}" target="_blank" rel="noopener">'
        f'<i class="fa-solid fa-person-chalkboard" aria-hidden="true"></i> {LINK_TEXT}</a></p>\n'
    )
    title_index = next((i for i, n in enumerate(section.children) if isinstance(n, nodes.title)), 0)
    section.insert(title_index + 1, nodes.raw("", html, format="html"))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _add_link)
    # prune_mathjax(900) 가 MathJax 를 정리한 뒤에 돈다.
    app.connect("build-finished", _on_build_finished, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
