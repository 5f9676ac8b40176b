"""책을 빌드할 때만 쓰는 코드 (독자와 노트북은 쓰지 않는다; 밑줄로 시작하는 이름이 그 표시다).

- ``mystnb_render`` : myst-nb 렌더러. 그림 출력의 대체 텍스트를 <img> 에 싣는다 (pyproject 의 entry point).
- ``executed`` : 빌드가 실행한 노트북을 출력과 함께 꺼낸다 (정적 슬라이드 ``book/_ext/slide_decks.py`` 와 색각 검사).

jupyter-cache, myst-nb 처럼 빌드에만 있는 패키지를 부르므로 ``helpers`` 를 불러올 때 함께 불리지 않는다.
"""
