"""순환 신경망 교과서의 코드: NumPy 핵심 계층(core), 그림(view), 슬라이더 데모(interact)."""
