# Panda: the two commands a new engineer needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PANDA_DATA_DIR ?= ./panda-data
SFTP_PORT ?= 2222
HTTP_PORT ?= 8080

.PHONY: run test build release lint format bootstrap clean bench

## make run: install what Panda needs, build a release binary, start the server with a demo institution.
run:
	@scripts/bootstrap run
	swift build -c release
	$$(swift build -c release --show-bin-path)/panda serve --demo --data-dir $(PANDA_DATA_DIR) --sftp-port $(SFTP_PORT) --http-port $(HTTP_PORT)

## make test: install what the tests need, build, lint, run the whole suite.
test:
	@scripts/bootstrap test
	swift build --build-tests
	swift format lint --strict --recursive Package.swift Sources Tests
	swift test

build:
	swift build

release:
	swift build -c release

lint:
	swift format lint --strict --recursive Package.swift Sources Tests

## make format: rewrite sources in the house style (.swift-format).
format:
	swift format --in-place --recursive Package.swift Sources Tests

bootstrap:
	scripts/bootstrap test

clean:
	rm -rf .build

## make bench: the performance benchmarks (not part of `make test`); figures go to docs/performance.md.
bench:
	benchmarks/sftp-throughput
	benchmarks/sessions
	benchmarks/import
	benchmarks/http-load
