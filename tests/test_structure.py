"""책 전체의 구조를 검사한다: 노트북 저장 형식, 목차와 파일, 용어, 장의 짜임, 난수, 참고문헌.

책의 루트는 이 파일의 부모의 부모다. 그래서 저장소를 다른 곳에 복사해도 그 복사본을 검사한다.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
import pytest
from browserkit import toc_pages


def _load_script(name: str):
    """scripts/<name>.py 를 모듈로 불러온다 (scripts/ 는 패키지가 아니다)."""
    path = Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


nbval_outputs = _load_script("nbval_outputs")

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
BOOK = ROOT / "book"
GLOSSARY = BOOK / "glossary.md"
BIBFILE = BOOK / "references.bib"

# 공통 지침이 정한, 절대 쓰지 않는 말. 용어집의 표가 이것을 모두 담고 있어야 한다.
REQUIRED_REJECTED = {
    "숨겨진 상태", "히든 상태", "은닉상태", "타임 스텝", "타임스텝", "그래디언트", "경사 소실", "경사 폭발",
    "기울기 폭발", "기울기 사라짐", "셀 스테이트", "포겟 게이트", "망각게이트", "순전파 신경망",
    "피드포워드 신경망", "장기 의존 문제", "역전파 시간",
    # 한 개념에 한 단어 (이슈 11.12): 파라미터, 가중합, 임곗값, 갱신, Pascanu, 결괏값
    "매개변수", "활성화 이전 값", "임계값", "문턱값", "최대 노름", "걸음", "파스카누", "결과값",
}  # fmt: skip
# 별칭: LSTM 장에서 한 번만, 독자가 다른 책의 말을 알아보도록 쓸 수 있다.
ALIASES = {"망각 게이트": "chapters/06_lstm.ipynb", "장기 상태": "chapters/06_lstm.ipynb"}
HEADER = ["한국어", "English", "쓰지 않는 말"]
REQUIRED_HEADINGS = ("## 학습 목표", "## 요약", "## 연습 문제")
REQUIRED_BIB_KEYS = {
    "elman1990finding", "bengio1994learning", "hochreiter1997long", "schuster1997bidirectional",
    "gers2000learning", "cho2014learning", "graves2013speech", "pascanu2013difficulty",
    "jozefowicz2015empirical", "saito2019deep2", "zhang2023d2l",
    # 생각이 처음 나온 원전 (이슈 11.10)
    "hochreiter1991untersuchungen", "werbos1990backpropagation", "williams1990efficient", "mikolov2012statistical",
}  # fmt: skip
# 목차 밖에 있어도 되는 것: 편집기와 도구가 만드는 숨은 디렉터리와 캐시
IGNORED_NAMES = {".ipynb_checkpoints", "__pycache__", ".pytest_cache", ".DS_Store"}


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def notebooks() -> list[Path]:
    """chapters/ 와 book/ 의 모든 노트북 (체크포인트는 뺀다)."""
    found = list(CHAPTERS.rglob("*.ipynb")) + list(BOOK.rglob("*.ipynb"))
    return sorted(p for p in found if not set(p.relative_to(ROOT).parts) & IGNORED_NAMES)


def md_pages() -> list[Path]:
    return sorted(p for p in BOOK.rglob("*.md") if not set(p.relative_to(ROOT).parts) & IGNORED_NAMES)


@cache
def read_nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def over(paths: list[Path]) -> list:
    """파일마다 하나의 테스트. 파일이 없으면 건너뛰지 않고 실패하도록 None 하나를 넘긴다."""
    return [pytest.param(p, id=rel(p)) for p in paths] or [pytest.param(None, id="no-files")]


def require(path: Path | None, what: str) -> Path:
    assert path is not None, f"검사할 {what} 이(가) 하나도 없다"
    return path


def page_texts() -> list[tuple[str, str]]:
    """독자가 보는 모든 글: (어디, 글) 목록. 노트북은 마크다운 셀과 코드 셀(주석과 문자열)을 모두 본다."""
    texts = []
    for path in md_pages():
        texts.append((rel(path), path.read_text(encoding="utf-8")))
    for path in notebooks():
        for k, cell in enumerate(read_nb(path).cells):
            if cell.cell_type in ("markdown", "code"):
                texts.append((f"{rel(path)} 셀 {k} ({cell.cell_type})", cell.source))
    readme = ROOT / "README.md"
    if readme.exists():
        texts.append(("README.md", readme.read_text(encoding="utf-8")))
    return texts


# ---------------------------------------------------------------- (a) 저장 형식


def test_there_are_notebooks():
    assert notebooks(), "chapters/ 와 book/ 에 노트북이 하나도 없다"


@pytest.mark.parametrize("path", over(notebooks()))
def test_notebook_stores_only_the_outputs_nbval_compares(path):
    """출력은 태그 nbval-check-output 이 붙은 셀에만, 실행 번호와 함께 저장한다 (scripts/nbval_outputs.py).

    nbval --nbval-lax 는 저장된 출력과 실행 번호가 있는 표시된 셀만 비교한다. 출력이 없으면 아무것과도
    비교하지 않고 통과하므로, 표시된 셀마다 출력이 있어야 한다.
    """
    nb = read_nb(require(path, "노트북"))
    found = nbval_outputs.problems(nb)
    assert not found, (
        f"{rel(path)}: 저장된 출력이 규칙과 다르다 (.venv/bin/python scripts/nbval_outputs.py --update "
        f"{rel(path)}):\n" + "\n".join(found)
    )
    assert "widgets" not in nb.metadata, f"{rel(path)} 에 위젯 상태(metadata.widgets)가 저장되어 있다"


def test_every_chapter_has_compared_outputs():
    """장마다 nbval 이 글자를 비교하는 셀이 적어도 하나 있다."""
    missing = [rel(p) for p in notebooks() if not any(nbval_outputs.is_checked(c) for c in read_nb(p).cells)]
    assert not missing, f"비교하는 출력이 하나도 없는 노트북: {missing}"


def _tiny_notebook(tmp_path: Path, stored: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("print(f'{6 * 7} 개')", metadata={"tags": [nbval_outputs.TAG]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored)]
    nb.cells = [cell]
    nbval_outputs.strip(nb)  # 실행 번호와 keep_output 을 규칙대로 붙인다 (출력은 그대로)
    assert not nbval_outputs.problems(nb)
    path = tmp_path / f"tiny_{abs(hash(stored))}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_nbval_fails_when_a_compared_output_changes(tmp_path):
    """일부러 틀린 출력을 저장한 노트북은 nbval 에서 실패하고, 맞는 출력은 통과한다 (비교가 실제로 일어난다)."""
    right = _tiny_notebook(tmp_path, "42 개\n")
    wrong = _tiny_notebook(tmp_path, "43 개\n")
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", "-o", "addopts=",
            "--rootdir", str(tmp_path)]
    ok = subprocess.run([*args, str(right)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    bad = subprocess.run([*args, str(wrong)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert ok.returncode == 0, f"맞는 출력인데 nbval 이 실패했다:\n{ok.stdout[-2000:]}"
    assert bad.returncode != 0 and "Cell outputs differ" in bad.stdout, (
        f"틀린 출력을 저장했는데 nbval 이 통과했다:\n{bad.stdout[-2000:]}"
    )


# ---------------------------------------------------------------- (b) 목차와 파일


def test_toc_has_no_duplicates():
    files = toc_pages()
    dups = sorted({f for f in files if files.count(f) > 1})
    assert not dups, f"_toc.yml 에 두 번 나오는 항목: {dups}"


def test_every_toc_entry_exists():
    missing, ambiguous = [], []
    for entry in toc_pages():
        found = [s for s in (".md", ".ipynb") if (ROOT / f"{entry}{s}").is_file()]
        if not found:
            missing.append(entry)
        elif len(found) > 1:
            ambiguous.append(entry)
    assert not missing, f"_toc.yml 에 있지만 파일(.md 또는 .ipynb)이 없다: {missing}"
    assert not ambiguous, f".md 와 .ipynb 가 함께 있어 어느 쪽인지 모호하다: {ambiguous}"


def test_every_page_is_in_toc():
    listed = set(toc_pages())
    pages = list(CHAPTERS.glob("*.ipynb")) + [p for p in BOOK.glob("*") if p.suffix in (".md", ".ipynb")]
    orphans = sorted(rel(p) for p in pages if rel(p.with_suffix("")) not in listed)
    assert not orphans, f"목차(_toc.yml)에 없는 페이지 (only_build_toc_files 때문에 책에서 빠진다): {orphans}"


def test_chapters_dir_holds_only_toc_notebooks():
    listed = set(toc_pages())
    extra = sorted(
        rel(p)
        for p in CHAPTERS.iterdir()
        if p.name not in IGNORED_NAMES and not (p.suffix == ".ipynb" and rel(p.with_suffix("")) in listed)
    )
    assert not extra, f"chapters/ 에는 목차에 있는 장 노트북만 둔다. 그 밖의 것: {extra}"


def test_chapters_in_toc():
    chapters = [f for f in toc_pages() if f.startswith("chapters/")]
    assert chapters, "_toc.yml 에 장이 하나도 없다"


# ---------------------------------------------------------------- (c) 용어


def parse_glossary() -> dict[str, list[str]]:
    """용어집의 `한국어 | English | 쓰지 않는 말` 표를 읽어 {한국어: [쓰지 않는 말, ...]} 를 돌려준다."""
    rows: dict[str, list[str]] = {}
    in_table = False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("|"):
            in_table = False
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells == HEADER:
            in_table = True
            continue
        if not in_table or set("".join(cells)) <= set("-: "):
            continue
        assert len(cells) == 3, f"용어집 표의 행은 칸이 셋이어야 한다: {line!r}"
        assert cells[0] not in rows, f"용어집에 같은 용어가 두 번 있다: {cells[0]}"
        rows[cells[0]] = [v.strip() for v in cells[2].split(",") if v.strip()]
    return rows


def rejected_variants() -> list[str]:
    return sorted({v for variants in parse_glossary().values() for v in variants})


def test_glossary_table_is_complete():
    rows = parse_glossary()
    header = " | ".join(HEADER)
    assert len(rows) >= 30, f"용어집 표를 못 읽었다 (행 {len(rows)}개): 머리행이 `{header}` 인가?"
    rejected = set(rejected_variants())
    missing = sorted(REQUIRED_REJECTED - rejected)
    assert not missing, f"용어집에 빠진 '쓰지 않는 말': {missing}"
    # 쓰지 않는 말이 다른 행의 올바른 용어가 되어서는 안 된다 (한 개념에 한 단어)
    clash = sorted(rejected & {term.split(" (")[0] for term in rows})
    assert not clash, f"쓰는 말이면서 쓰지 않는 말이다: {clash}"
    assert not rejected & set(ALIASES), "별칭은 별칭 규칙으로 따로 다룬다"


@pytest.mark.parametrize("variant", rejected_variants())
def test_rejected_variant_absent(variant):
    hits = [where for where, text in page_texts() if variant in text and where != rel(GLOSSARY)]
    assert not hits, f"용어집이 쓰지 않기로 한 '{variant}' 가 나온다: {hits}"


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_alias_only_once_in_its_chapter(alias):
    home = ALIASES[alias]
    hits = []
    for where, text in page_texts():
        if where == rel(GLOSSARY):
            continue
        hits += [where] * text.count(alias)
    assert len(hits) <= 1, f"'{alias}' 는 {home} 에서 한 번만 쓸 수 있다. 나온 곳: {hits}"
    assert all(h.startswith(home) for h in hits), f"'{alias}' 는 {home} 에서만 쓸 수 있다: {hits}"


def test_glossary_names_its_variants():
    # 검사가 실제로 무언가를 잡는지: 용어집 자체에는 쓰지 않는 말과 별칭이 모두 적혀 있다
    text = GLOSSARY.read_text(encoding="utf-8")
    assert all(v in text for v in rejected_variants())
    assert all(a in text for a in ALIASES)


# 본문의 "RNN": 개념은 순환 신경망, 게이트 없는 것은 바닐라 RNN. 홀로 쓴 RNN 은 괄호 안의 영어(예: (deep RNN))와
# 코드(`TimeRNN`), 수식, 인용에서만 허용한다 (용어집의 "몇 가지 결정").
_NOT_PROSE = re.compile(
    r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$|\{(?:cite|doc|ref|glue)(?::\w+)?\}`[^`]*`"
    r"|\([^()\uac00-\ud7a3]*\)",  # 한글이 없는 괄호: 영어를 적은 괄호
    re.S,
)
_BARE_RNN = re.compile(r"(?<![A-Za-z0-9_])RNN(?![A-Za-z0-9_])")


def bare_rnn(markdown: str) -> list[str]:
    """마크다운 글에서 바닐라 RNN 이 아닌, 홀로 쓴 RNN 이 나온 곳(앞뒤 몇 글자)을 돌려준다."""
    prose = _NOT_PROSE.sub(" ", markdown)
    return [
        prose[max(0, m.start() - 12) : m.end() + 6].replace("\n", " ")
        for m in _BARE_RNN.finditer(prose)
        if not re.search(r"바닐라\s+$", prose[: m.start()])
    ]


def test_bare_rnn_checker_catches_prose():
    assert bare_rnn("LSTM은 RNN보다 멀리 간다.") and bare_rnn("# 7. 실험: RNN 대 LSTM")
    assert not bare_rnn("LSTM은 바닐라 RNN보다 멀리 간다.") and not bare_rnn("바닐라\nRNN 에 유리하다")
    assert not bare_rnn("순환 신경망(recurrent neural network, RNN)과 깊은 순환 신경망(deep RNN)")
    assert not bare_rnn("`TimeRNN` 과 $\\tanh$ 를 쓰는 `StackedRNN`, {cite}`rnn2000`")


def test_no_bare_rnn_in_prose():
    hits = []
    for path in md_pages() + notebooks():
        if path == GLOSSARY:
            continue
        md = path.read_text(encoding="utf-8") if path.suffix == ".md" else markdown_of(path)
        hits += [f"{rel(path)}: …{h}…" for h in bare_rnn(md)]
    assert not hits, "본문에서 RNN 을 홀로 썼다 (순환 신경망 또는 바닐라 RNN 으로):\n" + "\n".join(hits)


# ---------------------------------------------------------------- (d) 장의 짜임


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS.glob("*.ipynb"))


def markdown_of(path: Path) -> str:
    return "\n\n".join(c.source for c in read_nb(path).cells if c.cell_type == "markdown")


# :::{name} 인자 다음에 이어지는 `:option: 값` 줄들
DIRECTIVE = re.compile(
    r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<opts>(?:[ \t]*:[\w-]+:.*\n)*)", re.M
)


def directives(text: str, name: str) -> list[tuple[str, str]]:
    """(인자, 옵션 줄들) 목록. sphinx-exercise 의 `{name-start}` ... `{name-end}` 꼴도 센다."""
    names = (name, f"{name}-start")
    return [(m["arg"].strip(), m["opts"]) for m in DIRECTIVE.finditer(text + "\n") if m["name"] in names]


def test_there_are_chapters():
    assert chapter_notebooks(), "chapters/ 에 장 노트북이 하나도 없다"


@pytest.mark.parametrize("path", over(chapter_notebooks()))
def test_chapter_structure(path):
    md = markdown_of(require(path, "장 노트북"))
    lines = [line.rstrip() for line in md.splitlines()]
    title = next((line for line in lines if line.startswith("# ")), None)
    assert title and re.match(r"# \d+\. \S", title), f"{rel(path)}: 제목은 `# N. 제목` 꼴이다 ({title!r})"
    missing = [h for h in REQUIRED_HEADINGS if h not in lines]
    assert not missing, f"{rel(path)} 에 없는 제목: {missing}"
    order = [lines.index(h) for h in REQUIRED_HEADINGS]
    assert order == sorted(order), f"{rel(path)}: 학습 목표 → 요약 → 연습 문제 순서여야 한다"
    exercises = directives(md, "exercise")
    solutions = directives(md, "solution")
    assert exercises, f"{rel(path)} 에 {{exercise}} 가 없다"
    dropdown = [arg for arg, opts in solutions if re.search(r"^\s*:class:.*\bdropdown\b", opts, re.M)]
    assert dropdown, f"{rel(path)} 에 `:class: dropdown` 인 {{solution}} 이 없다"
    hidden = [arg for arg, opts in solutions if arg not in dropdown]
    assert not hidden, f"{rel(path)}: 풀이는 접어 둔다 (`:class: dropdown` 이 없는 풀이: {hidden})"


def test_exercise_labels_unique_and_solved():
    labels: dict[str, str] = {}
    solved: set[str] = set()
    dup = []
    for path in notebooks():
        md = markdown_of(path)
        for _, opts in directives(md, "exercise"):
            m = re.search(r"^\s*:label:\s*(\S+)", opts, re.M)
            assert m, f"{rel(path)}: 이름표(:label:) 없는 연습 문제가 있다"
            if m[1] in labels:
                dup.append((m[1], labels[m[1]], rel(path)))
            labels[m[1]] = rel(path)
        solved |= {arg for arg, _ in directives(md, "solution")}
    assert not dup, f"연습 문제 이름표가 겹친다: {dup}"
    unsolved = sorted(set(labels) - solved)
    assert not unsolved, f"풀이가 없는 연습 문제: {unsolved}"
    orphan = sorted(solved - set(labels))
    assert not orphan, f"없는 연습 문제를 가리키는 풀이: {orphan}"


# ---------------------------------------------------------------- (e) 커널과 난수

NP_RANDOM = re.compile(r"\b(?:np|numpy)\.random\.(\w+)\s*(\(\s*\)?)?")
IMPORT_RANDOM = re.compile(
    r"from\s+numpy\.random\s+import|from\s+numpy\s+import[^\n]*\brandom\b|^\s*import\s+random\b", re.M
)


def random_problems(source: str) -> list[str]:
    problems = []
    for m in NP_RANDOM.finditer(source):
        if m[1] == "Generator":  # 타입 이름일 뿐 난수를 만들지 않는다
            continue
        if m[1] != "default_rng":
            problems.append(f"np.random.{m[1]} (전역 난수: default_rng(seed) 를 쓸 것)")
        elif not m[2] or m[2].replace(" ", "") == "()":
            problems.append("seed 없는 np.random.default_rng()")
    if IMPORT_RANDOM.search(source):
        problems.append("난수 모듈을 따로 들여왔다 (np.random.default_rng(seed) 만 쓸 것)")
    return problems


def test_random_checker_catches_globals():
    assert random_problems("np.random.seed(0)\nx = np.random.rand(3)")
    assert random_problems("rng = np.random.default_rng()")
    assert random_problems("from numpy.random import randn")
    assert random_problems("from numpy import random")
    assert not random_problems("rng = np.random.default_rng(0)\nrng2 = np.random.default_rng(seed=1)")
    assert not random_problems("from numpy import ndarray\ndef f(rng: np.random.Generator): ...")


@pytest.mark.parametrize("path", over(notebooks()))
def test_kernel_and_seeded_randomness(path):
    nb = read_nb(require(path, "노트북"))
    name = nb.metadata.get("kernelspec", {}).get("name")
    assert name == "python3", f"{rel(path)}: kernelspec 이름이 python3 이 아니다 ({name!r})"
    bad = [
        f"셀 {k}: {problem}"
        for k, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for problem in random_problems(cell.source)
    ]
    assert not bad, f"{rel(path)}:\n" + "\n".join(bad)


# ---------------------------------------------------------------- (f) 참고문헌

# 문헌 키는 영문자, 숫자, 밑줄, 쌍점, 붙임표다 (본문이 `{cite}` 라는 글자 자체를 설명할 때와 구별한다)
CITE = re.compile(r"\{cite(?::\w+)?\}`([A-Za-z0-9_:\-]+(?:\s*,\s*[A-Za-z0-9_:\-]+)*)`")


def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", BIBFILE.read_text(encoding="utf-8"), re.M))


def test_bibfile_has_required_entries():
    import pybtex.database

    parsed = pybtex.database.parse_file(str(BIBFILE))
    assert set(parsed.entries) == bib_keys()
    missing = sorted(REQUIRED_BIB_KEYS - bib_keys())
    assert not missing, f"references.bib 에 빠진 항목: {missing}"
    for key, entry in parsed.entries.items():
        assert entry.persons.get("author"), f"{key}: 저자가 없다"
        for field in ("title", "year"):
            assert entry.fields.get(field), f"{key}: {field} 가 없다"


def test_cited_keys_exist():
    keys = bib_keys()
    cited: dict[str, list[str]] = {}
    for where, text in page_texts():
        for group in CITE.findall(text):
            for key in group.split(","):
                cited.setdefault(key.strip(), []).append(where)
    assert cited, "어느 페이지도 참고문헌을 인용하지 않는다"
    unknown = {k: v for k, v in cited.items() if k not in keys}
    assert not unknown, f"references.bib 에 없는 인용 키: {unknown}"


# 생각이 처음 나온 원전은 그 생각이 나오는 장에서 인용한다 (이슈 11.10).
PRIMARY_SOURCES = {
    "werbos1990backpropagation": "chapters/02_bptt.ipynb",  # 시간에 따른 역전파
    "williams1990efficient": "chapters/02_bptt.ipynb",  # 잘린 BPTT
    "mikolov2012statistical": "chapters/02_bptt.ipynb",  # 기울기 클리핑 (Pascanu 등 2013 보다 먼저)
    "bengio1994learning": "chapters/01_rnn.ipynb",  # 안정하게 붙잡는 상태는 기울기를 잃는다
    "hochreiter1991untersuchungen": "chapters/05_long_term_dependency.ipynb",  # 기울기 소실 (Bengio 등 1994 보다 먼저)
    "gers2000learning": "chapters/06_lstm.ipynb",  # 삭제 게이트
    "cho2014learning": "chapters/06_lstm.ipynb",  # GRU
}


@pytest.mark.parametrize("key", sorted(PRIMARY_SOURCES))
def test_primary_source_cited_where_the_idea_appears(key):
    home = ROOT / PRIMARY_SOURCES[key]
    cited = {k.strip() for group in CITE.findall(markdown_of(home)) for k in group.split(",")}
    assert key in cited, f"{PRIMARY_SOURCES[key]} 가 {key} 를 인용하지 않는다"


def test_references_page_lists_bibliography():
    text = (BOOK / "references.md").read_text(encoding="utf-8")
    assert re.search(r"^```\{bibliography\}", text, re.M), "참고문헌 페이지에 {bibliography} 지시문이 없다"


# ---------------------------------------------------------------- 강의 모드 (RISE 슬라이드)


@pytest.mark.parametrize("path", over(chapter_notebooks()))
def test_chapter_is_a_slideshow(path):
    """모든 셀에 슬라이드 종류가 있고, 그 종류가 scripts/slides.py 의 규칙(제목·절은 새 슬라이드, 데모는 자기
    슬라이드, 준비 셀과 풀이는 건너뛴다)과 같다."""
    slides = _load_script("slides")
    nb = nbformat.read(require(path, "장 노트북"), as_version=4)
    assert nb.metadata.get("rise", {}).get("scroll") is True, f"{rel(path)}: metadata.rise 가 없다"
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    missing = [i for i, k in enumerate(kinds) if k is None]
    assert not missing, f"{rel(path)}: 슬라이드 메타데이터가 없는 셀 {missing} (scripts/slides.py 를 돌려라)"
    for i, cell in enumerate(nb.cells):
        assert kinds[i] == slides.slide_type(cell, i), f"{rel(path)} 셀 {i}: 규칙과 다르다 (scripts/slides.py)"
    assert kinds.count("slide") >= 4, f"{rel(path)}: 슬라이드가 너무 적다 ({kinds.count('slide')})"


# ---------------------------------------------------------------- 내려받은 노트북 (helpers 가 없을 때)


def _install_hint():
    import importlib.util

    spec = importlib.util.spec_from_file_location("install_hint", ROOT / "scripts" / "install_hint.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("path", over([BOOK / "usage.ipynb", *chapter_notebooks()]))
def test_downloaded_notebook_explains_how_to_install_helpers(path):
    """첫 코드 셀이 안내 셀이고, helpers 를 가져올 수 없으면 설치 방법을 한국어로 알려 주는 오류를 낸다."""
    import sys

    import nbformat

    hint = _install_hint()
    nb = nbformat.read(require(path, "노트북"), as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert hint.TAG in first.metadata.get("tags", []), f"{rel(path)}: 첫 코드 셀이 설치 안내 셀이 아니다"
    assert first.source == hint.SOURCE, f"{rel(path)}: 안내 셀이 scripts/install_hint.py 와 다르다"
    saved = sys.modules.get("helpers")
    sys.modules["helpers"] = None  # import helpers 가 ModuleNotFoundError 를 내게 한다
    try:
        with pytest.raises(ModuleNotFoundError, match=r"pip install -e \.") as err:
            exec(compile(first.source, str(path), "exec"), {})
        assert "helpers 패키지가 필요하다" in str(err.value)
    finally:
        if saved is None:
            del sys.modules["helpers"]
        else:
            sys.modules["helpers"] = saved
