# 두 명령: `make book` 은 책을 만들고, `make test` 는 모든 시험을 돌린다.
# 둘 다 먼저 환경을 준비한다 (scripts/setup.sh: .venv, requirements.txt, pip install -e .).
.PHONY: book test lint bench clean

# BLAS 설정(OPENBLAS_*)은 건드리지 않는다: 책은 독자의 컴퓨터처럼 기본 설정으로 빌드된다. 학습하는 코드는
# 작은 행렬에서 빠르도록 스스로 BLAS 스레드를 하나로 줄인다 (helpers.core.experiment.limit_blas_threads).
# make test 는 노트북을 다른 OpenBLAS 커널과 스레드 수에서도 실행한다 (scripts/blas_kernels.py).

book:
	bash scripts/setup.sh
	.venv/bin/jupyter-book build . -W -n --keep-going
	@echo "책을 열어 보라: file://$(CURDIR)/_build/html/index.html"

test:
	bash scripts/setup.sh --browser
	.venv/bin/ruff check .
	bash scripts/test.sh

lint:
	.venv/bin/ruff check .

bench:
	.venv/bin/python benchmarks/core.py
	.venv/bin/python benchmarks/sliders.py

clean:
	rm -rf _build
