"""ipywidgets 데모: 살아 있는 슬라이더와 커널 없는 HTML 스크러버."""
