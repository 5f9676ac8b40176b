"""matplotlib 그림: 한글 글꼴과 책의 스타일, 배열을 받아 Figure 를 돌려주는 함수들."""
