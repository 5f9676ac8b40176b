"""책 전체 그림의 스타일: 한글 글꼴, 글자 크기, 색약 친화 팔레트, 컬러맵.

글꼴은 pip 패키지 ``pylopdf-fonts-ko`` 에 들어 있는 Noto Sans KR(SIL Open Font License 1.1)이다.
라이선스 전문은 그 패키지의 배포 정보에 함께 설치된다::

    <site-packages>/pylopdf_fonts_ko-<버전>.dist-info/licenses/LICENSE

:func:`font_license_path` 가 이 경로를 돌려준다. 글꼴 파일을 저장소에 복사하지 않으므로
라이선스도 글꼴과 같은 패키지 안에서 함께 움직인다.

사용법::

    from helpers.view.style import use_book_style, PALETTE
    use_book_style()
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager

__all__ = [
    "BLACK",
    "BLUE",
    "DIVERGING_CMAP",
    "FONT_FAMILY",
    "GREEN",
    "GREY",
    "ORANGE",
    "PALETTE",
    "PURPLE",
    "SEQUENTIAL_CMAP",
    "SKY_BLUE",
    "VERMILLION",
    "YELLOW",
    "font_license_path",
    "font_path",
    "use_book_style",
]

# Okabe–Ito 팔레트 (Okabe & Ito, 2008): 흔한 색각 이상에서도 서로 구별된다.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"  # bluish green
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"  # reddish purple
# 기준선, 보조 표시용 중립 회색 (팔레트 밖)
GREY = "#7F7F7F"

# 선 색 순환 순서: 흰 바탕에서 대비가 낮은 노랑은 뒤로 보낸다.
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK, YELLOW]

# 히트맵용 컬러맵: cividis 는 색각 이상과 흑백 인쇄에서도 밝기 순서가 유지된다.
# 부호가 있는 값(가중치, 기울기)은 ColorBrewer 가 색약 친화로 분류한 RdBu 를 0 중심으로 쓴다
# (vmin = -vmax 로 맞출 것). 양수가 빨강이 되도록 뒤집은 것을 쓴다.
SEQUENTIAL_CMAP = "cividis"
DIVERGING_CMAP = "RdBu_r"

# 한글은 Noto Sans KR 로, 그 글꼴에 없는 글리프는 DejaVu Sans(matplotlib 내장)로 그린다.
FONT_FAMILY = ["Noto Sans KR", "DejaVu Sans"]

_INSTALL_HINT = (
    "한글 글꼴 패키지 pylopdf-fonts-ko 를 찾을 수 없다. 저장소 루트에서 "
    "`pip install -r requirements.txt` 로 설치한 뒤 커널을 다시 시작하라."
)

_RC = {
    "font.family": FONT_FAMILY,
    # Noto Sans KR 에는 U+2212(−)가 있고, 없더라도 DejaVu Sans 가 대신 그린다.
    "axes.unicode_minus": True,
    # 로그 축의 10^{-2} 같은 눈금은 mathtext 로 그린다: 숫자와 기호는 DejaVu Sans 계열.
    "mathtext.fontset": "dejavusans",
    # 프로젝터에서도 읽히는 크기
    "font.size": 12.5,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "xtick.labelsize": 11.5,
    "ytick.labelsize": 11.5,
    "legend.fontsize": 11.5,
    "legend.title_fontsize": 12,
    "figure.titlesize": 15,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
    "patch.linewidth": 1.0,
    "axes.linewidth": 1.0,
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "image.cmap": SEQUENTIAL_CMAP,
    # 노트북 화면용 크기와 해상도
    "figure.figsize": (10.0, 3.5),
    "figure.dpi": 100,
    # 파일로 저장할 때: PNG 는 더 선명하게, SVG 는 글자를 윤곽선으로 넣어 글꼴 없이도 보이게 한다.
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    "svg.fonttype": "path",
    "svg.hashsalt": "rnn-book",
    "pdf.fonttype": 3,
    # 스크러버(helpers.interact._scrubber): 프레임을 HTML 안에 넣는다.
    "animation.html": "jshtml",
    "animation.frame_format": "png",
}


def font_path() -> Path:
    """pip 패키지 pylopdf-fonts-ko 에 들어 있는 Noto Sans KR 글꼴 파일의 경로를 돌려준다."""
    try:
        import pylopdf_fonts_ko
    except ImportError as err:  # pragma: no cover - 설치 누락은 수동으로 확인한다
        raise ImportError(_INSTALL_HINT) from err
    path = Path(pylopdf_fonts_ko.sans_path())
    if not path.is_file():  # pragma: no cover
        raise FileNotFoundError(f"{_INSTALL_HINT} (없는 파일: {path})")
    return path


def font_license_path() -> Path | None:
    """글꼴 라이선스(SIL OFL 1.1) 전문이 설치된 경로를 돌려준다. 찾지 못하면 None."""
    try:
        dist = importlib.metadata.distribution("pylopdf-fonts-ko")
    except importlib.metadata.PackageNotFoundError:
        return None
    for f in dist.files or []:
        if Path(str(f)).name.upper().startswith(("LICENSE", "OFL")):
            return Path(str(dist.locate_file(f)))
    return None


def _register_font() -> None:
    path = font_path()
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    if path.resolve() not in known:
        font_manager.fontManager.addfont(str(path))


def _enable_notebook_figures() -> bool:
    """IPython 커널 안이면 셀의 마지막 값인 ``Figure`` 를 PNG 로 보이게 한다. 등록했으면 True.

    책의 그림은 pyplot 없이 ``matplotlib.figure.Figure`` 로 만든다. pyplot 을 불러오지 않으면 inline 백엔드가
    Figure 표시 방법을 등록하지 않아, 셀 끝의 ``fig`` 가 ``<Figure size ...>`` 글자로만 보인다.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython 없이 스크립트로 쓸 때
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    from functools import partial

    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    # 여백을 잘라(bbox_inches="tight") savefig.dpi 로 그린다: 화면 폭에 맞춰 줄어들어 HiDPI 에서도 선명하다.
    # (IPython 의 select_figure_formats 는 백엔드를 고르느라 pyplot 을 불러오므로 쓰지 않는다.)
    from helpers.view.base import figure_alt_text
    from helpers.view.colour import figure_colour_cues

    draw = partial(print_figure, fmt="png", base64=True, bbox_inches="tight", dpi=_RC["savefig.dpi"])

    def png_with_alt(fig):
        # 출력 메타데이터의 alt 는 책의 myst-nb 렌더러(helpers._bookbuild.mystnb_render)가 <img alt> 로 옮긴다.
        # colour_cues(계열을 구별하는 색, 선 모양, 표식과 컬러맵)는 색각 이상 검사(tests/test_colour_vision.py)가
        # 실행된 노트북에서 읽는다. 렌더러는 이 키를 쓰지 않으므로 HTML 은 바뀌지 않는다.
        png = draw(fig)  # 먼저 그린다: 컬러맵의 vmin, vmax 가 정해진 뒤에 단서를 모은다
        return png, {"alt": figure_alt_text(fig), "colour_cues": figure_colour_cues(fig)}

    shell.display_formatter.formatters["image/png"].for_type(Figure, png_with_alt)
    return True


def use_book_style() -> None:
    """책의 그림 스타일을 적용한다. 여러 번 불러도 결과가 같다(글꼴은 한 번만 등록한다).

    Noto Sans KR 를 matplotlib 에 등록하고 rcParams(글꼴, 크기, 선 굵기, Okabe–Ito 팔레트,
    컬러맵, 해상도)를 설정한다. 글꼴 패키지가 없으면 설치 방법을 알려 주는 ImportError 를 낸다.
    IPython 커널 안에서는 pyplot 없이 만든 Figure 도 셀 출력에 그림(PNG)으로 보이게 한다.
    """
    _register_font()
    mpl.rcParams.update(_RC)
    _enable_notebook_figures()
