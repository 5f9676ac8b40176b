"""색각 이상 독자도 그림을 읽을 수 있는가: 팔레트, 같은 축의 계열, 컬러맵을 색각 이상 모의(simulation)로 잰다.

방법: colorspacious 로 녹색약(deuteranomaly), 적색약(protanomaly), 청색약(tritanomaly)을 강도 100
(= 이색형 색각, 가장 심한 경우)으로 모의한 뒤 CAM02-UCS 에서 색 차이 ΔE 와 밝기 J' 를 잰다.

- 팔레트: PALETTE 의 모든 두 색이 정상 색각과 세 색각 이상 모두에서 ΔE ≥ MIN_DELTA_E.
- 계열: 한 축에서 색만 다른(선 모양, 표식, 빗금, 모양 갈래가 같은) 두 계열은 ΔE ≥ MIN_DELTA_E.
  선 모양이나 표식이 다르면 색이 유일한 단서가 아니므로 통과한다(WCAG 2.x 1.4.1 Use of Color).
- 컬러맵: COLORMAPS 의 허용 목록에 있어야 하고, 그림이 실제로 쓴 색 표본이 그 갈래의 계산 검사를 통과해야 한다.
  순차형(sequential): 모든 색각에서 밝기 J' 가 한 방향으로만 변하고 폭이 MIN_LIGHTNESS_SPAN 이상.
  발산형(diverging): 가운데에서 밝기가 가장 밝거나(어둡거나) 양쪽 절반이 각각 단조이고, 두 끝이 ΔE ≥ MIN_DELTA_E,
  그리고 0 을 가운데에 둔다(vmin = -vmax).
- 범위: 등록된 모든 슬라이더 데모(처음 값과 스크러버 범위의 두 끝)와 책의 모든 정적 그림(실행된 노트북의
  image/png 출력에 남은 colour_cues). colour_cues 가 없는 그림 출력은 실패한다(새 그림이 검사를 건너뛰지 못한다).

실행된 노트북의 위치: 환경 변수 COLOUR_CHECK_NOTEBOOKS 가 있으면 그 폴더(안에 chapters/, book/ 가 있다),
없으면 conftest 의 built_book 이 만든 빌드(_build/.jupyter_cache, 거기에 없으면 _build/jupyter_execute; helpers._bookbuild.executed).
"""

from __future__ import annotations

import functools
import itertools
import os
from pathlib import Path

import colorspacious
import numpy as np
import pytest
from browserkit import ROOT, built_notebook
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers._bookbuild.executed import has_outputs
from helpers.view.colour import COLORMAP_SAMPLES, figure_colour_cues
from helpers.view.style import DIVERGING_CMAP, GREEN, GREY, PALETTE, SEQUENTIAL_CMAP, use_book_style

# 모의할 색각: None 은 정상 색각. 강도 100 은 각 색각 이상의 가장 심한 경우(이색형)다.
CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")
VISIONS = (None, *CVD_TYPES)
VISION_NAMES = {
    None: "정상 색각",
    "deuteranomaly": "녹색약 (deuteranomaly, 강도 100)",
    "protanomaly": "적색약 (protanomaly, 강도 100)",
    "tritanomaly": "청색약 (tritanomaly, 강도 100)",
}

# 색만으로 구별해야 하는 두 계열의 최소 색 차이 (CAM02-UCS ΔE).
# - CAM02-UCS 의 1 은 넓은 두 면을 나란히 놓고 겨우 알아채는 차이(JND)에 가깝게 맞춰져 있다(Luo, Cui, Li 2006).
# - 그림의 계열은 넓은 면이 아니라 2 pt 선과 작은 표식이고, 범례의 짧은 선과 멀리 떨어진 곡선을 맞춰 보아야 한다.
#   작은 표식일수록 알아챌 수 있는 차이가 몇 배로 커진다(Stone, Szafir, Setlur 2014, "An Engineering Model for
#   Color Difference as a Function of Size"). 그래서 JND 의 10 배를 요구한다: 나란히 놓지 않아도 한눈에 다른 색.
# - 기준점: 색각 이상을 위해 만든 Okabe–Ito 팔레트의 가장 가까운 두 색(청색약에서 주황/보라)이 약 11 이다.
#   10 은 그 팔레트를 통과시키고, matplotlib 기본 색의 빨강/초록(tab:red, tab:green; 녹색약에서 약 5)과
#   팔레트 밖 회색 GREY 와 GREEN(녹색약에서 약 7)은 떨어뜨린다 (아래 시험이 이것을 확인한다).
MIN_DELTA_E = 10.0
# 순차형 컬러맵의 밝기 폭: 색상이 사라져도(색각 이상, 흑백 인쇄) 밝기만으로 MIN_DELTA_E 의 세 배,
# 즉 한눈에 다른 단계가 적어도 셋은 있어야 값의 순서를 읽을 수 있다.
MIN_LIGHTNESS_SPAN = 3 * MIN_DELTA_E

# 허용하는 컬러맵과 그 갈래. 이름만 믿지 않는다: 아래 시험이 각 항목을 계산으로 검사하고,
# 그림 검사는 그림이 실제로 쓴 색 표본을 다시 검사한다.
COLORMAPS = {
    SEQUENTIAL_CMAP: "sequential",  # cividis
    "viridis": "sequential",
    "Greys": "sequential",
    DIVERGING_CMAP: "diverging",  # RdBu_r
    "RdBu": "diverging",
}

# 검사기가 정말로 떨어뜨리는지 확인할 나쁜 예 (이름, 갈래로 주장했을 때)
BAD_COLORMAPS = [
    ("jet", "sequential"),  # 밝기가 올라갔다 내려간다
    ("jet", "diverging"),  # 절반마다 밝기가 단조가 아니다
    ("RdYlGn", "diverging"),  # 빨강과 초록 끝이 녹색약에서 ΔE 약 8
    ("hsv", "sequential"),
    ("turbo", "sequential"),
]


# ---------------------------------------------------------------------- 측정
@functools.cache  # 같은 색을 여러 번 재므로 (돌려준 배열은 바꾸지 않는다)
def _jab(colours: tuple[str, ...], vision: str | None) -> np.ndarray:
    """'#rrggbb' 색들을 vision 으로 모의해 CAM02-UCS 좌표로. 돌려주는 값: ndarray, shape (n, 3) (J', a', b')."""
    rgb = np.array([to_rgb(c) for c in colours], dtype=float)
    if vision is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(colorspacious.cspace_convert(rgb, cvd, "sRGB1"), 0.0, 1.0)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def delta_e(a: str, b: str, vision: str | None) -> float:
    """두 색의 CAM02-UCS 색 차이 ΔE (vision 으로 모의한 뒤)."""
    jab = _jab((a, b), vision)
    return float(np.linalg.norm(jab[0] - jab[1]))


def _cue_key(series: dict) -> tuple:
    """색을 뺀 단서: 이것이 같은 두 계열은 색으로만 구별된다."""
    return (series["kind"], series["linestyle"], series["marker"], series["hatch"])


def series_problems(cues: dict, where: str) -> list[str]:
    """한 그림의 colour_cues 에서, 색만 다르고 어떤 색각에서 ΔE < MIN_DELTA_E 인 계열 쌍을 글로 돌려준다."""
    problems = []
    for ax in cues["axes"]:
        for a, b in itertools.combinations(ax["series"], 2):
            if _cue_key(a) != _cue_key(b) or a["label"] == b["label"]:
                continue
            for vision in VISIONS:
                d = delta_e(a["colour"], b["colour"], vision)
                if d < MIN_DELTA_E:
                    problems.append(
                        f"{where}, 축 '{ax['title']}': 계열 '{a['label']}'({a['colour']}) 과 '{b['label']}'"
                        f"({b['colour']}) 은 색만 다른데 {VISION_NAMES[vision]} 에서 ΔE = {d:.1f} < {MIN_DELTA_E:g}."
                        " 선 모양(linestyle)이나 표식(marker)을 다르게 하거나 PALETTE 에서 더 먼 색을 쓸 것."
                    )
    return problems


def sequential_problems(samples: list[str], vision: str | None) -> list[str]:
    """순차형: 밝기 J' 가 한 방향으로만 변하고 폭이 MIN_LIGHTNESS_SPAN 이상인가."""
    J = _jab(tuple(samples), vision)[:, 0]
    steps = np.diff(J)
    out = []
    if not (np.all(steps > 0) or np.all(steps < 0)):
        k = int(np.argmin(steps * np.sign(J[-1] - J[0])))
        out.append(f"밝기 J' 가 단조가 아니다 (표본 {k}→{k + 1}: {J[k]:.1f}→{J[k + 1]:.1f})")
    span = abs(J[-1] - J[0])
    if span < MIN_LIGHTNESS_SPAN:
        out.append(f"밝기 폭 {span:.1f} < {MIN_LIGHTNESS_SPAN:g}")
    return out


def diverging_problems(samples: list[str], vision: str | None) -> list[str]:
    """발산형: 가운데를 꼭짓점으로 양쪽 절반의 밝기가 반대 방향으로 단조이고, 두 끝이 ΔE ≥ MIN_DELTA_E 인가."""
    jab = _jab(tuple(samples), vision)
    J = jab[:, 0]
    mid = len(samples) // 2
    left, right = np.diff(J[: mid + 1]), np.diff(J[mid:])
    out = []
    ok = (np.all(left > 0) and np.all(right < 0)) or (np.all(left < 0) and np.all(right > 0))
    if not ok:
        out.append("양쪽 절반의 밝기 J' 가 가운데를 꼭짓점으로 반대 방향의 단조가 아니다")
    d = float(np.linalg.norm(jab[0] - jab[-1]))
    if d < MIN_DELTA_E:
        out.append(f"두 끝(음수와 양수)의 ΔE = {d:.1f} < {MIN_DELTA_E:g}")
    return out


KIND_CHECKS = {"sequential": sequential_problems, "diverging": diverging_problems}


def colormap_problems(cmap: dict, where: str) -> list[str]:
    """그림이 쓴 컬러맵 하나(colour_cues 의 항목)를 검사한다."""
    name = cmap["name"]
    kind = COLORMAPS.get(name)
    if kind is None:
        return [
            f"{where}: 컬러맵 '{name}' 은 허용 목록 {sorted(COLORMAPS)} 에 없다. 순차형은 "
            f"'{SEQUENTIAL_CMAP}', 부호가 있는 값은 '{DIVERGING_CMAP}'(vmin = -vmax)을 쓸 것."
        ]
    out = []
    for vision in VISIONS:
        for p in KIND_CHECKS[kind](cmap["samples"], vision):
            out.append(f"{where}: {kind} 컬러맵 '{name}' 이 {VISION_NAMES[vision]} 에서 {p}.")
    if kind == "diverging" and None not in (cmap["vmin"], cmap["vmax"], cmap["centre"]):
        width = cmap["vmax"] - cmap["vmin"]
        if abs(cmap["centre"]) > 1e-6 * max(width, 1e-300):
            out.append(
                f"{where}: 발산형 컬러맵 '{name}' 의 가운데 색이 값 {cmap['centre']:g} 에 놓였다 "
                f"(vmin = {cmap['vmin']:g}, vmax = {cmap['vmax']:g}). 0 이 가운데 오도록 vmin = -vmax 로 맞출 것."
            )
    return out


def figure_problems(cues: dict, where: str) -> list[str]:
    """한 그림의 colour_cues 전체를 검사한다."""
    problems = series_problems(cues, where)
    for ax in cues["axes"]:
        for cmap in ax["colormaps"]:
            problems += colormap_problems(cmap, f"{where}, 축 '{ax['title']}'")
    return problems


def _samples(name: str) -> list[str]:
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    return [to_hex(c) for c in colormaps[name](np.linspace(0.0, 1.0, COLORMAP_SAMPLES))]


# ---------------------------------------------------------------------- a. 팔레트
@pytest.mark.parametrize("vision", VISIONS, ids=lambda v: v or "normal")
def test_palette_colours_stay_apart(vision):
    pairs = [(delta_e(a, b, vision), a, b) for a, b in itertools.combinations(PALETTE, 2)]
    d, a, b = min(pairs)
    assert d >= MIN_DELTA_E, (
        f"PALETTE 의 두 색 {a} 와 {b} 가 {VISION_NAMES[vision]} 에서 ΔE = {d:.1f} < {MIN_DELTA_E:g}"
    )


def test_grey_next_to_green_needs_another_cue():
    """팔레트 밖의 GREY 는 녹색약에서 GREEN 과 가깝다: 같은 선 모양이면 검사가 떨어뜨린다(기준선은 점선으로)."""
    assert delta_e(GREY, GREEN, "deuteranomaly") < MIN_DELTA_E
    solid = _cues_of([("기준선", {"color": GREY}), ("모델", {"color": GREEN})])
    assert any("녹색약" in p for p in series_problems(solid, "시험 그림"))
    dashed = _cues_of([("기준선", {"color": GREY, "linestyle": "--"}), ("모델", {"color": GREEN})])
    assert series_problems(dashed, "시험 그림") == []


# ---------------------------------------------------------------------- b. 같은 축의 계열
RED, GREEN_MPL = "#D62728", "#2CA02C"  # matplotlib 기본 순환의 tab:red, tab:green


def _cues_of(lines, kind: str = "plot") -> dict:
    """두 계열을 한 축에 그린 그림의 colour_cues. lines: [(이름, 스타일 dict), ...]"""
    use_book_style()
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_title("시험 축")
    x = np.arange(5.0)
    for k, (label, style) in enumerate(lines):
        y = x + k
        if kind == "plot":
            ax.plot(x, y, label=label, **style)
        elif kind == "scatter":
            ax.scatter(x, y, label=label, **style)
        elif kind == "fill_between":
            ax.fill_between(x, y, y + 0.5, label=label, **style)
        elif kind == "bar":
            ax.bar(x + 0.4 * k, y, width=0.4, label=label, **style)
        elif kind == "errorbar":
            ax.errorbar(x, y, yerr=0.2, label=label, **style)
    ax.legend()
    fig.canvas.draw()
    return figure_colour_cues(fig)


@pytest.mark.parametrize("kind", ["plot", "scatter", "fill_between", "bar", "errorbar"])
def test_check_rejects_red_and_green_in_the_same_style(kind):
    cues = _cues_of([("학습", {"color": RED}), ("검증", {"color": GREEN_MPL})], kind)
    problems = series_problems(cues, "시험 그림")
    assert problems, f"{kind}: 빨강/초록 같은 모양 쌍을 떨어뜨려야 한다: {cues}"
    text = "\n".join(problems)
    for needed in ("시험 그림", "시험 축", "학습", "검증", "녹색약", "ΔE"):
        assert needed in text


@pytest.mark.parametrize(
    "styles",
    [
        ({"color": RED}, {"color": GREEN_MPL, "linestyle": "--"}),
        ({"color": RED, "marker": "o"}, {"color": GREEN_MPL, "marker": "s"}),
        ({"color": RED, "linestyle": (0, (6, 2))}, {"color": GREEN_MPL, "linestyle": (0, (2, 2))}),
    ],
    ids=["linestyle", "marker", "dash-pattern"],
)
def test_check_accepts_red_and_green_with_another_cue(styles):
    cues = _cues_of([("학습", styles[0]), ("검증", styles[1])])
    assert series_problems(cues, "시험 그림") == []


def test_check_accepts_bars_that_differ_by_hatch():
    cues = _cues_of([("학습", {"color": RED}), ("검증", {"color": GREEN_MPL, "hatch": "//"})], "bar")
    assert series_problems(cues, "시험 그림") == []


def test_check_reads_legend_proxies_and_figure_legends():
    """범례를 손으로 만든 경우(축에 없는 Line2D)와 그림 전체의 범례도 읽는다."""
    use_book_style()
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_title("손으로 만든 범례")
    handles = [Line2D([], [], color=RED, label="빨강"), Line2D([], [], color=GREEN_MPL, label="초록")]
    ax.legend(handles=handles)
    fig.suptitle("시험")
    fig.legend(handles=handles)
    text = "\n".join(series_problems(figure_colour_cues(fig), "시험 그림"))
    assert "축 '손으로 만든 범례'" in text and "축 '그림 범례 (시험)'" in text, text


def test_check_uses_the_colour_seen_through_transparency():
    """투명도는 바탕색과 섞어 잰다: 아주 옅은 파랑과 아주 옅은 주황은 어떤 색각에서도 가깝다."""
    cues = _cues_of([("a", {"color": PALETTE[0], "alpha": 0.05}), ("b", {"color": PALETTE[1], "alpha": 0.05})])
    assert series_problems(cues, "시험 그림")
    cues = _cues_of([("a", {"color": PALETTE[0]}), ("b", {"color": PALETTE[1]})])
    assert series_problems(cues, "시험 그림") == []


# ---------------------------------------------------------------------- c. 컬러맵
@pytest.mark.parametrize("name", sorted(COLORMAPS))
def test_allowed_colormaps_pass_the_computed_check(name):
    cmap = {"name": name, "samples": _samples(name), "vmin": -1.0, "vmax": 1.0, "centre": 0.0}
    assert colormap_problems(cmap, "허용 목록") == []


@pytest.mark.parametrize("name, kind", BAD_COLORMAPS, ids=[f"{n}-{k}" for n, k in BAD_COLORMAPS])
def test_computed_check_rejects_bad_colormaps(name, kind):
    samples = _samples(name)
    problems = [p for v in VISIONS for p in KIND_CHECKS[kind](samples, v)]
    assert problems, f"{name} 을 {kind} 로 쓰면 떨어져야 한다"


def test_rdylgn_fails_for_deuteranomaly():
    problems = diverging_problems(_samples("RdYlGn"), "deuteranomaly")
    assert any("두 끝" in p for p in problems), problems


def test_figure_check_rejects_unlisted_or_disguised_colormaps():
    use_book_style()
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax1, ax2, ax3 = fig.subplots(1, 3)
    data = np.linspace(-1, 1, 12).reshape(3, 4)
    ax1.imshow(data, cmap="jet")
    # 이름만 cividis 이고 색은 jet 인 컬러맵: 이름이 아니라 표본을 잰다
    ax2.pcolormesh(data, cmap=ListedColormap(_samples("jet"), name=SEQUENTIAL_CMAP))
    ax3.imshow(data, cmap=DIVERGING_CMAP, vmin=-0.2, vmax=1.0)  # 0 이 가운데가 아니다
    fig.canvas.draw()
    problems = figure_problems(figure_colour_cues(fig), "시험 그림")
    assert any("'jet' 은 허용 목록" in p for p in problems)
    assert any(f"sequential 컬러맵 '{SEQUENTIAL_CMAP}'" in p and "단조" in p for p in problems)
    assert any("vmin = -vmax" in p for p in problems)
    fig2 = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig2)
    ax = fig2.subplots()
    fig2.colorbar(ax.imshow(data, cmap=DIVERGING_CMAP, vmin=-1, vmax=1), ax=ax)
    fig2.canvas.draw()
    assert figure_problems(figure_colour_cues(fig2), "시험 그림") == []


# ---------------------------------------------------------------------- d(i). 슬라이더 데모
def _demo_names():
    from helpers.interact.demo import load_all_demos

    return list(load_all_demos())


@pytest.mark.parametrize("name", _demo_names())
def test_demo_figures_pass_colour_vision_check(name):
    from helpers.interact.demo import DEMOS, Choice

    demo = DEMOS[name]()
    problems = figure_problems(figure_colour_cues(demo.fig), f"데모 '{name}' (처음 값)")
    control = demo.controls[demo.scrub]
    values = demo.scrub_values or (control.values if isinstance(control, Choice) else control.frame_values())
    for v in dict.fromkeys([values[0], values[-1]]):
        demo.update(**{demo.scrub: v})
        where = f"데모 '{name}' ({control.label} = {control.format(v)})"
        problems += figure_problems(figure_colour_cues(demo.fig), where)
    assert not problems, "\n".join(dict.fromkeys(problems))


# ---------------------------------------------------------------------- d(ii). 책의 정적 그림
BOOK_NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in [
    *ROOT.glob("chapters/*.ipynb"), *ROOT.glob("book/*.ipynb")])


def _load_built(rel: str):
    """빌드가 실행한 노트북: 실행 캐시의 것, 없으면 _build/jupyter_execute 의 사본 (helpers._bookbuild.executed)."""
    nb = built_notebook(rel)
    if nb is None:
        pytest.fail(f"{rel}: 빌드에 실행된 노트북이 없다 (_build/jupyter_execute 의 사본에 출력이 없고, 지금 원본과 "
                    "맞는 실행 캐시도 없다)", pytrace=False)
    return nb


@pytest.fixture(scope="module")
def executed_notebook(request):
    """rel 경로 → 실행된 노트북(nbformat). COLOUR_CHECK_NOTEBOOKS 가 없으면 책 빌드(built_book)를 쓴다."""
    import nbformat

    folder = os.environ.get("COLOUR_CHECK_NOTEBOOKS")
    if not folder:
        request.getfixturevalue("built_book")
        return _load_built

    def load(rel: str):
        path = Path(folder) / rel
        if not path.is_file():
            pytest.fail(f"{path} 가 없다 (COLOUR_CHECK_NOTEBOOKS={folder})", pytrace=False)
        return nbformat.read(path, as_version=4)

    return load


@pytest.mark.slow  # COLOUR_CHECK_NOTEBOOKS 가 없으면 책 빌드(built_book, 세션에 한 번)를 기다린다
@pytest.mark.parametrize("rel", BOOK_NOTEBOOKS)
def test_book_figures_pass_colour_vision_check(rel, executed_notebook):
    nb = executed_notebook(rel)
    if any(c.cell_type == "code" and c.source.strip() for c in nb.cells):
        assert has_outputs(nb), f"{rel}: 실행된 노트북에 출력이 하나도 없다 (실행되지 않은 사본을 읽었다)"
    problems, missing, figures = [], [], 0
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            for mime in output.get("data", {}):
                if not mime.startswith("image/"):
                    continue
                figures += 1
                where = f"{rel} 셀 {index}"
                cues = output.get("metadata", {}).get(mime, {}).get("colour_cues")
                if cues is None:
                    missing.append(where)
                else:
                    problems += figure_problems(cues, where)
    assert not missing, (
        "그림 출력에 colour_cues 가 없다 (use_book_style() 의 표시 함수로 그리지 않았거나, 낡은 실행 캐시다: "
        "_build/.jupyter_cache 를 지우고 다시 빌드할 것): " + ", ".join(missing)
    )
    assert not problems, "\n".join(dict.fromkeys(problems))


# ---------------------------------------------------------------------- 노트북 출력의 메타데이터
def test_notebook_png_output_carries_json_colour_cues(monkeypatch):
    """use_book_style() 이 등록한 표시 함수는 PNG 출력 메타데이터에 alt 와 함께 colour_cues 를 남긴다."""
    import json
    import types

    import IPython
    from IPython.core.formatters import DisplayFormatter

    shell = types.SimpleNamespace(display_formatter=DisplayFormatter())
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    use_book_style()
    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax1, ax2 = fig.subplots(1, 2)
    ax1.set_title("선")
    ax1.plot([0, 1], [1, 0], color=PALETTE[0], label="가")
    ax1.plot([0, 1], [0, 1], color=PALETTE[1], linestyle=":", marker="s", label="나")
    ax2.imshow(np.linspace(-1.0, 1.0, 6).reshape(2, 3), cmap=DIVERGING_CMAP, vmin=-1.0, vmax=1.0)
    _, metadata = shell.display_formatter.format(fig)
    cues = metadata["image/png"]["colour_cues"]
    assert metadata["image/png"]["alt"].startswith("그림")
    assert json.loads(json.dumps(cues)) == cues
    (lines, heat) = cues["axes"]
    assert lines["title"] == "선"
    assert [(s["label"], s["kind"], s["colour"], s["linestyle"], s["marker"]) for s in lines["series"]] == [
        ("가", "line", PALETTE[0].lower(), "-", ""),
        ("나", "line", PALETTE[1].lower(), lines["series"][1]["linestyle"], "s"),
    ]
    assert lines["series"][1]["linestyle"].startswith("dash:")
    (cmap,) = heat["colormaps"]
    assert (cmap["name"], cmap["vmin"], cmap["vmax"], cmap["centre"]) == (DIVERGING_CMAP, -1.0, 1.0, 0.0)
    assert cmap["samples"] == _samples(DIVERGING_CMAP)


# ---------------------------------------------------------------------- 메타데이터가 HTML 을 바꾸지 않는다
def _render_image_output(metadata: dict, folder: Path) -> str:
    """그림 출력 하나짜리 노트북을 책의 렌더러(nb_render_plugin: book)로 docutils HTML 로 만들어 <body> 를 돌려준다."""
    import base64
    import io

    import nbformat
    from docutils.core import publish_string
    from myst_nb.docutils_ import Parser

    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)
    fig.subplots().plot([0, 1], [0, 1], label="a")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": base64.b64encode(buf.getvalue()).decode("ascii"), "text/plain": "<Figure>"},
            metadata={"image/png": metadata},
        )
    ]
    nb.cells = [cell]
    settings = {"nb_render_plugin": "book", "nb_execution_mode": "off", "nb_output_folder": str(folder),
                "output_encoding": "unicode", "embed_stylesheet": False, "report_level": 4}
    html = publish_string(nbformat.writes(nb), parser=Parser(), writer_name="html5", settings_overrides=settings)
    return html[html.index("<body>") :]  # 머리(<head>)의 스타일시트 목록은 docutils 설정에 쌓여 매번 다르다


def test_colour_cues_do_not_change_the_rendered_html(tmp_path):
    """책의 렌더러는 colour_cues 를 읽지 않는다: 그것이 있든 없든 같은 HTML 과 같은 <img alt> 가 나온다."""
    use_book_style()
    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    fig.subplots().plot([0, 1], [0, 1], label="a")
    cues = figure_colour_cues(fig)
    plain = _render_image_output({"alt": "그림: 시험"}, tmp_path)
    with_cues = _render_image_output({"alt": "그림: 시험", "colour_cues": cues}, tmp_path)
    assert '<img alt="그림: 시험"' in plain
    assert with_cues == plain
    assert cues["axes"][0]["series"][0]["colour"] not in with_cues  # 단서가 HTML 로 새지 않는다
