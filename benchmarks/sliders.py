"""등록된 모든 슬라이더 데모의 갱신 속도: 같은 그림을 제자리에서 바꾸기 vs 매번 새로 그리기.

실행: ``.venv/bin/python benchmarks/sliders.py [--repeats 20] [--naive-repeats 10] [이름 ...]``

데모마다 scrub 컨트롤을 범위 전체에 걸쳐 훑으며(다른 컨트롤은 기본값)

- compute : 계산만 (NumPy)
- update  : ``Demo.update`` = 계산 + 아티스트 갱신 + 그리기 + PNG (살아 있는 커널의 슬라이더 한 번)
- naive   : :func:`naive_update` = 그림을 새로 만들고 PNG 로 바꾸기 (inline 백엔드의 interact)

의 중앙값을 같은 실행 안에서 재고, naive / update 비율을 함께 찍는다. 벽시계 시간과 함께 이 프로세스의
CPU 시간도 찍는다(여러 사람이 코어를 나눠 쓰면 벽시계 시간이 늘어난다). 마지막 줄은 언제나
``slowest median update: <ms> ms`` (벽시계 기준)이다.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
import warnings

from helpers.interact import Choice, Demo, load_all_demos
from helpers.view.base import set_caption
from helpers.view.style import use_book_style


def naive_update(demo: Demo, **params) -> bytes:
    """비교 기준: 그림을 처음부터 새로 만들고 PNG 로 바꾼 뒤 버린다(inline 백엔드의 interact 와 같다).

    params 는 데모의 지금 값에 덮어쓴다. 값 검사는 데모의 컨트롤이 한다(범위 밖이면 ValueError).
    """
    unknown = sorted(set(params) - set(demo.controls))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown control; expected one of {list(demo.controls)}")
    merged = {**demo.values, **{n: demo.controls[n].check(v) for n, v in params.items()}}
    use_book_style()
    fig = demo.figure(**demo.compute(**merged)).fig
    if demo.dpi is not None:
        fig.set_dpi(demo.dpi)
    set_caption(fig, demo.caption(merged))
    buf = io.BytesIO()
    # IPython 의 inline 백엔드처럼 그림의 dpi 로, 여백을 잘라 저장한다. 그림은 pyplot 에 없으므로 버리면 사라진다.
    fig.savefig(buf, format="png", dpi=fig.dpi, bbox_inches="tight")
    return buf.getvalue()


def sweep_values(demo: Demo, n: int) -> list:
    """scrub 컨트롤의 값 n 개: 범위를 고르게 훑고, 이웃한 두 값이 같지 않게 한다."""
    c = demo.controls[demo.scrub]
    if isinstance(c, Choice):
        opts = c.values
        return [opts[i % len(opts)] for i in range(n)]
    base = c.frame_values(max(n, 2))
    # 끝에서 다시 처음으로 가지 않고 왕복한다.
    vals = []
    i, step = 0, 1
    while len(vals) < n:
        vals.append(base[i])
        if not 0 <= i + step < len(base):
            step = -step
        i += step
    return vals


def _timed(fn, *args, **kwargs):
    w0, c0 = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return (time.perf_counter() - w0) * 1e3, (time.process_time() - c0) * 1e3


def bench_demo(name: str, factory, repeats: int = 20, naive_repeats: int = 10) -> dict:
    """한 데모의 중앙값(ms)들을 돌려준다."""
    demo = factory()
    values = sweep_values(demo, repeats)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        demo.update()  # 예열: 첫 그리기는 글꼴 캐시를 채운다
        comp, upd_w, upd_c = [], [], []
        for v in values:
            params = {**demo.values, demo.scrub: v}
            comp.append(_timed(demo.compute, **params)[0])
            w, c = _timed(demo.update, **{demo.scrub: v})
            upd_w.append(w)
            upd_c.append(c)
        naive_update(demo)
        nai_w = [_timed(naive_update, demo, **{demo.scrub: v})[0] for v in values[:naive_repeats]]
    med = statistics.median
    return {
        "name": name,
        "n": len(values),
        "compute": med(comp),
        "update": med(upd_w),
        "update_cpu": med(upd_c),
        "naive": med(nai_w),
        "ratio": med(nai_w) / med(upd_w),
        "errors": demo.last_error,
    }


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="잴 데모 이름 (없으면 전부)")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--naive-repeats", type=int, default=10)
    args = parser.parse_args(argv)
    demos = load_all_demos()
    names = args.names or list(demos)
    unknown = [n for n in names if n not in demos]
    if unknown:
        raise SystemExit(f"unknown demo(s): {unknown}; registered: {list(demos)}")
    rows = []
    header = f"{'demo':<28} {'n':>3} {'compute':>9} {'update':>9} {'upd cpu':>9} {'naive':>9} {'naive/upd':>9}"
    print(header)
    print("-" * len(header))
    for n in names:
        r = bench_demo(n, demos[n], args.repeats, args.naive_repeats)
        rows.append(r)
        print(
            f"{r['name']:<28} {r['n']:>3} {r['compute']:>7.1f}ms {r['update']:>7.1f}ms "
            f"{r['update_cpu']:>7.1f}ms {r['naive']:>7.1f}ms {r['ratio']:>8.1f}x",
            flush=True,
        )
    slowest = max(rows, key=lambda r: r["update"])
    print(f"(medians; update = compute + artists + draw + PNG in the same figure; slowest: {slowest['name']})")
    print(f"slowest median update: {slowest['update']:.1f} ms")
    return rows


if __name__ == "__main__":
    main()
