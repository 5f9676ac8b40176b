"""그림에서 계열(series)을 서로 구별하게 하는 단서(색, 선 모양, 표식, 빗금)와 컬러맵을 모은다.

색각 이상 검사(tests/test_colour_vision.py)가 이 결과를 읽는다. 책의 노트북에서는 ``use_book_style()`` 이
등록한 그림 표시 함수가 출력 메타데이터의 ``colour_cues`` 에 함께 남긴다. matplotlib 과 NumPy 만 쓴다.

돌려주는 값의 모양 (JSON 으로 옮길 수 있는 dict)::

    {"axes": [
        {"title": "축 제목",
         "series": [{"label": "tanh", "kind": "line", "colour": "#0072b2",
                     "linestyle": "-", "marker": "", "hatch": ""}, ...],
         "colormaps": [{"name": "cividis", "samples": ["#00224e", ...],
                        "vmin": -1.0, "vmax": 1.0, "centre": 0.0}, ...]},
        ...]}

- ``kind`` 는 보이는 모양의 갈래다: "line"(선, 속을 칠하지 않은 도형의 테두리), "marker"(선 없는 표식),
  "patch"(칠한 면: 막대, 띠, 구간 음영).
- ``colour`` 는 투명도(alpha)를 축 바탕색 위에 섞은 실제로 보이는 색이다(흰 속 표식은 테두리 색).
- ``linestyle`` 은 "-" (실선) 또는 점선 무늬 "dash:6.0,2.0" 이고, 선이 없으면 "".
- ``marker`` 는 matplotlib 표식 이름(모양이 같으면 이름도 같다), 없으면 "". ``hatch`` 는 빗금 무늬, 없으면 "".
- 범례 항목과 이름(label)이 붙은 아티스트만 모은다: 이름 없는 선(기준선, 여러 갈래의 같은 곡선)은 색으로
  구별할 대상이 아니다. 그림 전체의 범례(``fig.legend``)는 축 하나로 따로 담는다.
- ``samples`` 는 컬러맵을 0 부터 1 까지 고르게 33 번 읽은 색이다(가운데 값이 정확히 17 번째).
"""

from __future__ import annotations

import hashlib

import numpy as np
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.container import BarContainer, ErrorbarContainer, StemContainer
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch

__all__ = ["COLORMAP_SAMPLES", "figure_colour_cues"]

# 컬러맵을 읽는 점의 수: 홀수라서 가운데(0.5)가 표본 안에 든다(발산형 컬러맵의 가운데).
COLORMAP_SAMPLES = 33


def _blend(rgba, background) -> str:
    """투명도가 있는 색을 바탕색 위에 섞어 실제로 보이는 색 '#rrggbb' 로 돌려준다."""
    r, g, b, a = to_rgba(rgba)
    br, bg, bb, _ = to_rgba(background)
    return to_hex((a * r + (1 - a) * br, a * g + (1 - a) * bg, a * b + (1 - a) * bb))


def _marker_colour(face, edge, background):
    """표식의 보이는 색: 속이 비었거나 속이 바탕색과 같으면(흰 속 표식) 테두리 색."""
    hollow = to_rgba(face)[3] == 0 or _blend(face, background) == _blend(background, background)
    return edge if hollow and edge is not None else face


def _path_digest(path) -> str:
    verts = np.round(np.asarray(path.vertices, dtype=float), 3) + 0.0  # -0.0 을 0.0 으로
    codes = b"" if path.codes is None else np.asarray(path.codes, dtype=np.uint8).tobytes()
    return hashlib.sha1(verts.tobytes() + codes).hexdigest()[:10]


def _marker_path(marker: MarkerStyle):
    return marker.get_path().transformed(marker.get_transform())


_MARKER_NAMES: dict[str, str] | None = None


def _marker_name(path) -> str:
    """표식의 모양(경로)으로 이름을 찾는다. Line2D 의 'o' 와 scatter 의 'o' 가 같은 이름이 된다."""
    global _MARKER_NAMES
    if _MARKER_NAMES is None:
        names = {}
        for m in MarkerStyle.markers:
            # ',' (픽셀)은 경로가 's' 와 같으므로 이름표에서 뺀다
            if m in ("None", "none", " ", "", ",", None) or not isinstance(m, str):
                continue
            names.setdefault(_path_digest(_marker_path(MarkerStyle(m))), m)
        _MARKER_NAMES = names
    digest = _path_digest(path)
    return _MARKER_NAMES.get(digest, "path-" + digest)


def _dash_text(offset_dashes) -> str:
    """(offset, dashes) 를 글자로: 실선은 "-", 점선은 "dash:6.0,2.0"."""
    _, dashes = offset_dashes
    if not dashes:
        return "-"
    return "dash:" + ",".join(f"{float(d):.1f}" for d in dashes)


def _line_cue(line: Line2D, background) -> dict:
    has_line = line.get_linestyle() not in ("None", "none", " ", "") and line.get_linewidth() > 0
    marker = line.get_marker()
    has_marker = marker not in (None, "None", "none", " ", "")
    if has_line:
        kind, colour = "line", line.get_color()
    else:
        kind = "marker"
        colour = _marker_colour(line.get_markerfacecolor(), line.get_markeredgecolor(), background)
    rgba = to_rgba(colour, line.get_alpha())
    return {
        "kind": kind,
        "colour": _blend(rgba, background),
        # Line2D.get_linestyle 은 사용자 점선 무늬를 모두 '--' 로 돌려주므로 실제 무늬를 읽는다.
        "linestyle": _dash_text(line._unscaled_dash_pattern) if has_line else "",
        "marker": _marker_name(_marker_path(line._marker)) if has_marker else "",
        "hatch": "",
    }


def _patch_cue(patch: Patch, background) -> dict:
    face = patch.get_facecolor()
    filled = patch.get_fill() and face[3] > 0
    rgba = face if filled else patch.get_edgecolor()
    return {
        "kind": "patch" if filled else "line",
        "colour": _blend(rgba, background),
        "linestyle": "" if filled else _dash_text(patch._unscaled_dash_pattern),
        "marker": "",
        "hatch": patch.get_hatch() or "",
    }


def _collection_cue(coll: Collection, background) -> dict | None:
    faces, edges = coll.get_facecolor(), coll.get_edgecolor()
    if isinstance(coll, PathCollection):
        rgba = _marker_colour(faces[0] if len(faces) else (0, 0, 0, 0), edges[0] if len(edges) else None,
                              background)
        if to_rgba(rgba)[3] == 0:
            rgba = None
        paths = coll.get_paths()
        marker = _marker_name(paths[0]) if paths else ""
        kind, linestyle = "marker", ""
    elif isinstance(coll, LineCollection) or not (len(faces) and faces[0][3] > 0):
        rgba = edges[0] if len(edges) else None
        marker, kind = "", "line"
        linestyle = _dash_text(coll.get_linestyle()[0])
    else:  # fill_between, 다각형 모음: 칠한 면
        rgba, marker, kind, linestyle = faces[0], "", "patch", ""
    if rgba is None:
        return None
    return {
        "kind": kind,
        "colour": _blend(rgba, background),
        "linestyle": linestyle,
        "marker": marker,
        "hatch": coll.get_hatch() or "",
    }


def _artist_cue(artist, background) -> dict | None:
    """아티스트 하나(범례 손잡이 포함)의 단서. 모르는 아티스트면 None."""
    if isinstance(artist, Line2D):
        return _line_cue(artist, background)
    if isinstance(artist, Patch):
        return _patch_cue(artist, background)
    if isinstance(artist, Collection):
        return _collection_cue(artist, background)
    if isinstance(artist, BarContainer) and artist.patches:
        return _patch_cue(artist.patches[0], background)
    if isinstance(artist, ErrorbarContainer):
        data_line, _, bar_lines = artist.lines
        if data_line is not None:
            return _line_cue(data_line, background)
        return _collection_cue(bar_lines[0], background) if bar_lines else None  # fmt="none": 오차 막대만
    if isinstance(artist, StemContainer):
        return _collection_cue(artist.stemlines, background)
    return None


def _labelled(label) -> bool:
    return bool(label) and not str(label).startswith("_")


def _add(series: list, label: str, cue: dict | None) -> None:
    if cue is None:
        return
    entry = {"label": str(label), **cue}
    if entry not in series:  # 같은 계열이 아티스트와 범례에서 두 번 나오면 한 번만
        series.append(entry)


def _legend_series(legend, background) -> list:
    series: list = []
    if legend is None or not legend.get_visible():
        return series
    for handle, text in zip(legend.legend_handles, legend.texts, strict=False):
        if handle is not None and _labelled(text.get_text()):
            _add(series, text.get_text(), _artist_cue(handle, background))
    return series


def _number(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    return round(x, 6) if np.isfinite(x) else None


def _colormap_cue(mappable) -> dict:
    cmap, norm = mappable.get_cmap(), mappable.norm
    samples = [to_hex(c) for c in cmap(np.linspace(0.0, 1.0, COLORMAP_SAMPLES))]
    centre = None
    if norm.scaled():
        try:
            centre = _number(np.asarray(norm.inverse(0.5)).item())
        except ValueError:  # 되돌릴 수 없는 정규화(예: 경계 구간)
            centre = None
    return {
        "name": cmap.name,
        "samples": samples,
        "vmin": _number(norm.vmin),
        "vmax": _number(norm.vmax),
        "centre": centre,
    }


def _axes_title(ax) -> str:
    """축의 제목. 없으면 축 이름으로 대신한다(예: 컬러바의 축)."""
    for loc in ("center", "left", "right"):
        title = ax.get_title(loc=loc).strip()
        if title:
            return title
    names = [f"{which} {text}" for which, text in (("가로축", ax.get_xlabel().strip()),
                                                   ("세로축", ax.get_ylabel().strip())) if text]
    return "(" + ", ".join(names) + ")" if names else "(제목 없음)"


def figure_colour_cues(fig: Figure) -> dict:
    """그림의 축마다, 계열을 구별하게 하는 단서와 쓰인 컬러맵을 모아 돌려준다.

    fig : matplotlib.figure.Figure (그린 뒤에 부르면 컬러맵의 vmin, vmax 가 정해져 있다)
    돌려주는 값 : dict, 모양은 모듈 설명을 볼 것. JSON 으로 옮길 수 있다.
    """
    axes_out = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        background = ax.get_facecolor()
        series: list = []
        artists = [*ax.lines, *ax.patches, *ax.collections, *ax.containers]
        for artist in artists:
            # 막대 하나하나의 이름은 '_nolegend_' 이고, 계열의 이름은 BarContainer 가 갖는다.
            if _labelled(artist.get_label()) and (not hasattr(artist, "get_visible") or artist.get_visible()):
                _add(series, artist.get_label(), _artist_cue(artist, background))
        for entry in _legend_series(ax.get_legend(), background):
            _add(series, entry.pop("label"), entry)
        colormaps = []
        for mappable in [*ax.images, *ax.collections]:
            if mappable.get_visible() and mappable.get_array() is not None:
                cue = _colormap_cue(mappable)
                if cue not in colormaps:
                    colormaps.append(cue)
        if series or colormaps:
            axes_out.append({"title": _axes_title(ax), "series": series, "colormaps": colormaps})
    suptitle = fig._suptitle.get_text().strip() if fig._suptitle is not None else ""  # 공개 getter 가 없다
    for legend in fig.legends:
        series = _legend_series(legend, fig.get_facecolor())
        if series:
            axes_out.append({"title": f"그림 범례 ({suptitle})" if suptitle else "그림 범례",
                             "series": series, "colormaps": []})
    return {"axes": axes_out}
