"""등록된 모든 슬라이더 데모(helpers.interact 아래 모든 모듈)에 대한 공통 검사.

장별 데모는 ``@register_demo`` 로 등록만 하면 여기서 자동으로 검사된다.
"""

from __future__ import annotations

import itertools

import pytest
from figurekit import overlapping_texts

from helpers.interact import MAX_SCRUBBER_BYTES, Choice, Demo, load_all_demos
from helpers.interact._scrubber import read_player_html
from helpers.view.base import get_message

DEMO_NAMES = sorted(load_all_demos())


def _cases(demo: Demo):
    """기본값, 그리고 범위 끝의 모든 조합: 슬라이더마다 최솟값과 최댓값, 선택 단추마다 모든 보기."""
    yield "default", {}
    ends = [
        [(c.name, v) for v in (c.values if isinstance(c, Choice) else [c.min, c.max])]
        for c in demo.controls.values()
    ]
    for combo in itertools.product(*ends):
        yield ", ".join(f"{n}={v!r}" for n, v in combo), dict(combo)


# 일부러 실패를 보여 주는 곳: 이 책의 사용법(book/usage.ipynb, "극단적인 값에서 생기는 일")은 float32 로 그대로 계산한
# tanh 가 큰 w 에서 넘쳐 그림 안에 안내 문구가 뜨는 것을 보여 준다.
INTENDED_MESSAGES = {"tanh_squash": lambda p: p.get("impl") == "naive" and p.get("w", 0) >= 5}


def test_at_least_the_usage_demo_is_registered():
    assert "tanh_squash" in DEMO_NAMES


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_demo_updates_at_every_extreme_without_escaping(name):
    demo = load_all_demos()[name]()
    assert isinstance(demo, Demo)
    png = demo.update()
    assert png[:4] == b"\x89PNG"
    assert get_message(demo.fig) is None, f"{name}: 기본값에서 안내 문구가 떴다: {demo.last_error}"
    fig = demo.fig
    defaults = dict(demo.values)
    drawn, overlaps = [], []
    for label, params in _cases(demo):
        png = demo.update(**{**defaults, **params})  # 예외가 새어 나오면 실패한다
        assert png[:4] == b"\x89PNG", f"{name} {label}"
        assert demo.fig is fig, f"{name} {label}: 그림을 새로 만들었다"
        # Demo.render 는 계산 오류를 그림 안의 문구로 바꾼다: 범위 끝에서도 문구 없이 그려져야 한다
        intended = INTENDED_MESSAGES.get(name, lambda p: False)(params)
        if get_message(demo.fig) is not None and not intended:
            drawn.append(f"{label}: {demo.last_error}")
        elif intended:
            assert get_message(demo.fig) is not None, f"{name} {label}: 보여 주려던 안내 문구가 뜨지 않았다"
        else:
            # 값이 바뀌며 길어지거나 새로 나타나는 글자(잘랐다는 안내 등)가 다른 글자를 가리지 않는다
            overlaps.extend(f"{label}: {pair}" for pair in overlapping_texts(demo.fig))
    assert not drawn, f"{name}: 범위 끝에서 그림 대신 오류 문구가 그려졌다: {drawn}"
    assert not overlaps, f"{name}: 범위 끝에서 글자가 서로 겹친다: {overlaps}"


@pytest.mark.parametrize("name", DEMO_NAMES)
def test_demo_scrubber_is_small(name):
    demo = load_all_demos()[name]()
    html = demo.scrubber_html()
    size = len(html.encode("utf-8"))
    assert size <= MAX_SCRUBBER_BYTES, f"{name}: scrubber {size:,} bytes"
    assert 'type="range"' in html
    frames = len(read_player_html(html)["frames"])
    # 프레임 수의 상한: 페이지를 가볍게 (시점을 따라가는 스크러버는 두 표시의 앞뒤까지 담느라 프레임이 많다)
    limit = 32 if demo.scrub2 is None else 40
    assert 2 <= frames <= limit, f"{name}: {frames} frames"
