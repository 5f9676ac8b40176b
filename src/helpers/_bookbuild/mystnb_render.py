"""책을 빌드할 때 myst-nb 가 쓰는 렌더러: 그림 출력의 대체 텍스트(alt)를 <img> 에 싣는다.

myst-nb 는 그림 출력의 alt 를 셀 메타데이터에서만 읽는다. 이 책의 그림은 ``use_book_style()`` 이 등록한
표시 함수가 출력 메타데이터에 한국어 alt(그림의 제목과 축 이름으로 만든 설명)를 함께 남기므로, 그것을 옮긴다.
``_config.yml`` 의 ``nb_render_plugin: book`` 과 pyproject 의 entry point 로 연결된다. 빌드에서만 불러온다.
"""

from __future__ import annotations

from myst_nb.core.render import MimeData, NbElementRenderer

__all__ = ["BookRenderer"]


class BookRenderer(NbElementRenderer):
    """myst-nb 의 기본 렌더러에 출력 메타데이터의 alt 를 더한다."""

    def render_image(self, data: MimeData):
        nodes = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in nodes:
                node.setdefault("alt", str(alt))  # 셀 메타데이터의 alt 가 있으면 그것이 이긴다
        return nodes
