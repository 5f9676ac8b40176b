"""스크러버 프레임을 작게: PNG 를 256색 팔레트 PNG 로 다시 압축한다.

선과 글자로 된 그림은 256색이면 눈으로 구별되지 않고 파일은 2~3배 작아진다. 페이지 무게(쪽마다 3 MB)를
지키는 데 쓴다.
"""

from __future__ import annotations

import io

__all__ = ["shrink_png"]


def shrink_png(png: bytes) -> bytes:
    """PNG 바이트를 256색 팔레트 PNG 로 다시 압축한다. 더 작아지지 않으면 원래 바이트를 돌려준다."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    pal = img.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    # zlib 수준 8: optimize=True(수준 9)와 크기는 1 % 안에서 같고 저장은 3 배 빠르다 (한 프레임 27 → 10 ms)
    pal.save(buf, format="PNG", compress_level=8)
    out = buf.getvalue()
    return out if len(out) < len(png) else png
