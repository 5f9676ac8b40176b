# 두 명령: `make book` 은 책을 만들고, `make test` 는 모든 시험을 돌린다.
# 둘 다 먼저 환경을 준비한다 (scripts/setup.sh: .venv, requirements.txt, pip install -e .).
.PHONY: book test lint bench clean

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
