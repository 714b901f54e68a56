# swift-cndp: every entry point. `make test` and `make demo` install what they need first.

SHELL := /bin/bash
CC ?= gcc
BUILD := build
CORE_SRC := $(wildcard Sources/CNDPCore/*.c)
CORE_HDR := $(wildcard headers/*.h Sources/CNDPCore/*.h)
CORE_TEST_SRC := $(wildcard Tests/CoreTests/*.c)
CORE_LIBS := -lxdp -lbpf -lpthread

# The C core is held to C11 with every warning an error; SwiftPM builds the same sources
# without these flags (flags of that kind would make the package unusable as a dependency).
CFLAGS_STRICT := -std=c11 -Wall -Wextra -Werror -Iheaders -g
ASAN_FLAGS := $(CFLAGS_STRICT) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
TSAN_FLAGS := $(CFLAGS_STRICT) -O1 -fsanitize=thread
BENCH_FLAGS := $(CFLAGS_STRICT) -O3 -DNDEBUG -march=native

.PHONY: bench-generator bench-ports deps build generate check-generated test-generator swift-test test test-core test-core-asan test-core-tsan swift-build bench-core demo clean help

help:
	@echo "make demo        run a Swift network function on a veth pair (main job)"
	@echo "make test        install what is missing, build, run every test"
	@echo "make generate    regenerate CNESys from headers/ (cne-bindgen)"
	@echo "make check-generated  fail when the committed CNESys is stale"
	@echo "make bench-core  mempool and pktmbuf costs in ns per buffer"

deps:
	@scripts/install-deps.sh

build: deps swift-build

# Builds the package and its tests, and fails on any compiler warning.
swift-build: deps
	@scripts/swift-build-no-warnings.sh --build-tests

# The generator (its own package, Generator/): regenerate CNESys, check it is current, test it.
generate: deps
	Generator/check-generated.sh generate

check-generated: deps
	Generator/check-generated.sh check

test-generator: deps
	Generator/check-generated.sh test

swift-test: swift-build
	swift test --skip-build

$(BUILD)/asan/core-tests: $(CORE_SRC) $(CORE_HDR) $(CORE_TEST_SRC) Makefile
	@mkdir -p $(@D)
	$(CC) $(ASAN_FLAGS) -ISources/CNDPCore -o $@ $(CORE_SRC) $(CORE_TEST_SRC) $(CORE_LIBS)

$(BUILD)/tsan/core-tests: $(CORE_SRC) $(CORE_HDR) $(CORE_TEST_SRC) Makefile
	@mkdir -p $(@D)
	$(CC) $(TSAN_FLAGS) -ISources/CNDPCore -o $@ $(CORE_SRC) $(CORE_TEST_SRC) $(CORE_LIBS)

# Single-threaded tests under AddressSanitizer and UBSan, multi-threaded ones under TSan.
test-core-asan: deps $(BUILD)/asan/core-tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 $(BUILD)/asan/core-tests --no-threads

test-core-tsan: deps $(BUILD)/tsan/core-tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $(BUILD)/tsan/core-tests --threads-only

test-core: test-core-asan test-core-tsan

test: deps check-generated test-generator swift-build test-core swift-test

$(BUILD)/bench/bench-core: Benchmarks/core/bench_core.c $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BENCH_FLAGS) -ISources/CNDPCore -o $@ Benchmarks/core/bench_core.c $(CORE_SRC) $(CORE_LIBS)

bench-core: deps $(BUILD)/bench/bench-core
	$(BUILD)/bench/bench-core

$(BUILD)/bench/bench-ports: Benchmarks/ports/bench_ports.c $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BENCH_FLAGS) -ISources/CNDPCore -o $@ Benchmarks/ports/bench_ports.c $(CORE_SRC) $(CORE_LIBS)

# rx -> MAC swap -> tx over net_null, and the veth echo rig (needs root): C on the embedded core.
bench-ports: deps $(BUILD)/bench/bench-ports
	$(BUILD)/bench/bench-ports

# cne-bindgen generate vs Debian's bindgen with cne-sys's options, on headers/ (and any CNDP
# include dir given as BINDGEN_HEADERS=...).
bench-generator: deps
	Benchmarks/generator/bench-bindgen.sh $(BINDGEN_HEADERS)

clean:
	rm -rf $(BUILD) .build
