"""책의 모든 쪽에서 쓸데없는 무게와 요청을 뺀다.

1. 위젯 상태 JSON: 노트북을 실행하면 ipywidgets 의 상태(데모마다 66–85 KB)가 노트북 메타데이터에 남고, myst-nb 는
   그것을 쪽마다 ``<script type="application/vnd.jupyter.widget-state+json">`` 으로 싣는다. 이 책의 HTML 은
   위젯을 그리지 않으므로(``nb_mime_priority_overrides`` 가 위젯 표현을 빼고 미리 그린 스크러버를 보인다)
   그것을 읽는 것이 없다. 모든 문서를 읽은 뒤(env-updated) myst-nb 가 쪽마다 모아 둔 자바스크립트 목록에서 뺀다.
2. 스크러버: 데모의 show() 는 Jupyter 서버가 띄운 커널(환경 변수 ``JPY_SESSION_NAME``) 안에서는 스크러버 대신
   그림 한 장만 싣는다 (helpers.interact._scrubber.scrubber_wanted). 빌드를 노트북 안에서(``!jupyter-book build``)
   시작하면 그 변수가 빌드가 띄우는 커널까지 물려지므로, 빌드가 시작될 때 지운다: 책의 쪽에는 언제나 스크러버가 있다.
3. 파비콘: 선언된 아이콘이 없으면 브라우저가 ``/favicon.ico`` 를 찾다가 404 를 낸다. ``_config.yml`` 의
   ``html.favicon`` (book/_static/favicon.svg) 이 책의 쪽에, 이 모듈의 :data:`FAVICON` 이 정적 슬라이드에 쓰인다.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# 빌드한 책 안에서 파비콘의 경로 (Sphinx 는 html_favicon 을 _static 으로 복사한다)
FAVICON = "_static/favicon.svg"
_WIDGET_STATE_KEY = "ipywidgets_state"


def strip_widget_state(app: Sphinx, env) -> None:
    """myst-nb 가 쪽마다 실으려고 모아 둔 위젯 상태 스크립트를 지운다."""
    removed = 0
    for data in getattr(env, "nb_metadata", {}).values():
        js_files = data.get("js_files", {})
        for key in [k for k in js_files if k == _WIDGET_STATE_KEY or k.startswith("ipywidgets_")]:
            del js_files[key]
            removed += 1
    if removed:
        logger.info(f"위젯 상태 스크립트 {removed}개를 쪽에서 뺐다")


def setup(app: Sphinx) -> dict:
    os.environ.pop("JPY_SESSION_NAME", None)  # 빌드가 실행하는 노트북은 스크러버를 만든다 (모듈 설명의 2)
    app.connect("env-updated", strip_widget_state)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
