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

.PHONY: test-wireguard fuzz-wireguard fuzz bench-wireguard bench-wireguard-tunnel
.PHONY: bench bench-c demo examples test-examples bench-generator bench-ports deps build generate check-generated test-generator swift-test test test-core test-core-asan test-core-tsan swift-build bench-core demo clean help

help:
	@echo "make demo        run a Swift network function on a veth pair (main job)"
	@echo "make test        install what is missing, build, run every test"
	@echo "make generate    regenerate CNESys from headers/ (cne-bindgen)"
	@echo "make check-generated  fail when the committed CNESys is stale"
	@echo "make bench-core  mempool and pktmbuf costs in ns per buffer"
	@echo "make bench       Swift (CNE) against C: net_null loop and veth echo rig -> Benchmarks/REPORT.md"
	@echo "make test-examples  the example binaries end to end on veth pairs (root)"

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

# The device plugin stand-in that the CNE Kubernetes test talks to.
$(BUILD)/test/fake-device-plugin: Tests/Support/fake_device_plugin.c Tests/CoreTests/uds_test_server.c Tests/CoreTests/uds_test_server.h Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_STRICT) -O1 -o $@ Tests/Support/fake_device_plugin.c Tests/CoreTests/uds_test_server.c -lbpf -lpthread

swift-test: swift-build $(BUILD)/test/fake-device-plugin
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

test: deps check-generated test-generator swift-build test-core swift-test test-examples test-wireguard

# libFuzzer on WireGuardCore's message parser and receive path, and its wg-quick parser (not in
# CI): FUZZ_SECONDS bounds the run; the corpus stays in build/fuzz/wireguard-corpus.
FUZZ_SECONDS ?= 60
WG_CORE_SRC := $(shell find Sources/WireGuardCore -name '*.swift')
$(BUILD)/fuzz/wireguard: $(WG_CORE_SRC) Tests/Fuzz/WireGuardFuzz.swift Makefile
	@mkdir -p $(@D)
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name WireGuardFuzz \
		-I Sources/CBlake2 -I Sources/CSodium $(WG_CORE_SRC) Tests/Fuzz/WireGuardFuzz.swift -o $@

fuzz-wireguard: deps $(BUILD)/fuzz/wireguard
	@mkdir -p $(BUILD)/fuzz/wireguard-corpus
	$(BUILD)/fuzz/wireguard -max_total_time=$(FUZZ_SECONDS) -max_len=2048 $(BUILD)/fuzz/wireguard-corpus

fuzz: fuzz-wireguard

# cne-wg (AF_XDP, release) against wireguard-go as the receiving endpoint on one veth rig (root).
bench-wireguard-tunnel: deps
	@scripts/swift-build-no-warnings.sh -c release --product cne-wg | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; [ $${PIPESTATUS[0]} -eq 0 ]
	Benchmarks/wireguard-tunnel/tunnel.sh $(SWIFT_RELEASE_BIN)/cne-wg 2

# WireGuardCore's encrypt+decrypt per packet against the bare AEAD, and heap allocations per
# packet (the LD_PRELOAD counter, two runs, the difference over the packet difference).
bench-wireguard: deps $(BUILD)/bench/alloc_count.so
	@scripts/swift-build-no-warnings.sh -c release --product cne-wg-bench | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; [ $${PIPESTATUS[0]} -eq 0 ]
	$(SWIFT_RELEASE_BIN)/cne-wg-bench 200000
	@a=$$(LD_PRELOAD=$(BUILD)/bench/alloc_count.so $(SWIFT_RELEASE_BIN)/cne-wg-bench 1000 2>&1 >/dev/null | sed -n 's/allocations=//p'); \
	 b=$$(LD_PRELOAD=$(BUILD)/bench/alloc_count.so $(SWIFT_RELEASE_BIN)/cne-wg-bench 11000 2>&1 >/dev/null | sed -n 's/allocations=//p'); \
	 echo "heap allocations per packet (encrypt+decrypt, both sizes): $$(( (b - a) / 20000 )) ($$a at 1000 packets, $$b at 11000)"

# WireGuard: cne-wg (WireGuardCore) against Debian's wireguard-go in two namespaces (root).
test-wireguard: deps
	@scripts/swift-build-no-warnings.sh --product cne-wg | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; [ $${PIPESTATUS[0]} -eq 0 ]
	Tests/WireGuard/interop.sh $(shell swift build --show-bin-path)/cne-wg

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

# The example network functions (Examples/) and the Swift benchmark, release, warning-free.
SWIFT_RELEASE_BIN = $(shell swift build -c release --show-bin-path)

examples: deps
	@for p in cne-echo cne-fwd cne-bench-null; do \
		scripts/swift-build-no-warnings.sh -c release --product $$p | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

# cne-echo byte-exact, cne-fwd tx-only checksums, fwd between two veth pairs, bad configs (root).
test-examples: examples
	Tests/Examples/run.sh $(SWIFT_RELEASE_BIN)

# A Swift echo server on a veth pair in two namespaces it makes and removes (root).
demo: deps
	scripts/demo.sh

# The C side of make bench: the same net_null loop on the core built as SwiftPM builds it
# (toolchain clang -O2 -fPIC, no NDEBUG) and as bench-core does (gcc -O3 -march=native), the
# C echo, the rig's generator, and the heap-allocation counter.
$(BUILD)/bench/null-loop: Benchmarks/null-loop/null_loop.c $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BENCH_FLAGS) -ISources/CNDPCore -o $@ Benchmarks/null-loop/null_loop.c $(CORE_SRC) $(CORE_LIBS)

# The flags SwiftPM's release build gives the core (swift build -c release -v), with the
# toolchain's own clang: the C loop on exactly the core the Swift loop runs on.
SWIFT_CLANG = $(dir $(realpath $(shell command -v swift)))clang
SWIFTPM_CFLAGS := -std=c11 -Wall -Wextra -Werror -Iheaders -O2 -fPIC -g -fno-omit-frame-pointer -DSWIFT_PACKAGE=1

$(BUILD)/bench/null-loop-clang: Benchmarks/null-loop/null_loop.c $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(SWIFT_CLANG) $(SWIFTPM_CFLAGS) -ISources/CNDPCore -o $@ Benchmarks/null-loop/null_loop.c $(CORE_SRC) $(CORE_LIBS)

$(BUILD)/bench/cne-echo-c: Benchmarks/echo/echo_c.c $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(BENCH_FLAGS) -ISources/CNDPCore -o $@ Benchmarks/echo/echo_c.c $(CORE_SRC) $(CORE_LIBS)

$(BUILD)/bench/veth-gen: Benchmarks/echo/veth_gen.c Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_STRICT) -O2 -o $@ Benchmarks/echo/veth_gen.c

$(BUILD)/bench/alloc_count.so: Benchmarks/null-loop/alloc_count.c Makefile
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_STRICT) -O2 -fPIC -shared -o $@ Benchmarks/null-loop/alloc_count.c

bench-c: deps $(BUILD)/bench/null-loop $(BUILD)/bench/null-loop-clang $(BUILD)/bench/cne-echo-c $(BUILD)/bench/veth-gen $(BUILD)/bench/alloc_count.so

# One report, Swift against C, side by side: Benchmarks/REPORT.md.
bench: examples bench-c
	python3 Benchmarks/bench.py $(SWIFT_RELEASE_BIN) $(BUILD)/bench Benchmarks/REPORT.md

clean:
	rm -rf $(BUILD) .build
