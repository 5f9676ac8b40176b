"""그림을 검사하는 시험들이 함께 쓰는 함수."""

from __future__ import annotations

import itertools

from matplotlib.text import Text


def overlapping_texts(fig) -> list[str]:
    """그림에 그려진 글자(제목, 축 이름, 범례, 안내, 그림 안의 주석) 가운데 서로 겹치는 쌍.

    눈금 글자는 축 범위 안의 눈금 것만 센다: 범위 밖의 눈금도 보이는(visible) 글자로 남아 있지만 그려지지 않는다.
    글자 상자는 1 픽셀씩 줄여서 비교한다: 맞닿은 두 줄(제목 아래 축 제목, 0.1 픽셀 간격)은 겹친 것이 아니다.
    """
    renderer = fig.canvas.get_renderer()
    hidden = set()  # 그려지지 않는 눈금 글자: 축 범위 밖의 눈금, 또는 켜지지 않은 쪽(label2)
    for axis in (a for ax in fig.axes for a in (ax.xaxis, ax.yaxis)):
        lo, hi = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            inside = lo - 1e-9 * abs(hi - lo) <= tick.get_loc() <= hi + 1e-9 * abs(hi - lo)
            hidden.update(label for label in (tick.label1, tick.label2) if not (inside and label.get_visible()))
    boxes = [
        (t.get_text(), t.get_window_extent(renderer).padded(-1))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t not in hidden
    ]
    return [
        f"{a[:30]!r} / {b[:30]!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
    ]
