# 두 명령: `make book` 은 책을 만들고, `make test` 는 모든 시험을 돌린다.
# 둘 다 먼저 환경을 준비한다 (scripts/setup.sh: .venv, requirements.txt, pip install -e .).
.PHONY: book test lint bench clean

# 이 책의 행렬은 작다(H ≤ 128): OpenBLAS 스레드 둘은 서로를 기다리느라 오히려 느려지고(2코어에서 최대 4배),
# 결과의 마지막 자리도 스레드 수에 따라 달라질 수 있다. 빌드와 시험은 스레드 하나로 돌린다.
export OPENBLAS_NUM_THREADS := 1

book:
	bash scripts/setup.sh
	.venv/bin/jupyter-book build . -W -n --keep-going
	@echo "책을 열어 보라: file://$(CURDIR)/_build/html/index.html"

test:
	bash scripts/setup.sh --browser
	.venv/bin/ruff check .
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check .

bench:
	.venv/bin/python benchmarks/core.py
	.venv/bin/python benchmarks/sliders.py

clean:
	rm -rf _build
