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

.PHONY: bench bench-c demo examples test-examples bench-generator bench-ports deps build generate check-generated test-generator swift-test test test-core test-core-asan test-core-tsan swift-build bench-core clean help test-conformance cndp-system test-system image test-deploy test-deploy-manifests test-image test-runtime test-sanitize test-wireguard fuzz-wireguard fuzz bench-wireguard test-responder bench-protocols test-asan test-tsan bench-wireguard-tunnel

help:
	@echo "make demo        AF_XDP against AF_PACKET: a Swift echo on veth pairs, open-loop traffic (main job)"
	@echo "make test        install what is missing, build, run every test"
	@echo "make generate    regenerate CNESys from headers/ (cne-bindgen)"
	@echo "make check-generated  fail when the committed CNESys is stale"
	@echo "make bench-core  mempool and pktmbuf costs in ns per buffer"
	@echo "make bench       Swift against C, AF_XDP against AF_PACKET, scaling (CORES=0-7) -> Benchmarks/REPORT.md"
	@echo "make test-examples  the example binaries end to end on veth pairs (root)"
	@echo "make image       the cne-echo container image, from scratch (buildah), and an OCI archive"
	@echo "make test-deploy the Kubernetes manifests (kubernetes client models) and the image end to end"
	@echo "make test-runtime   the CNF runtime end to end: metrics, SIGTERM, XDP leftovers (root)"
	@echo "make test-sanitize  the Swift tests under ASan (leaks included) and TSan (CI runs it)"

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


# The CNDP conformance suite (Tests/Conformance): CNDP 25.08's semantics, each test naming
# the CNDP source it follows. On the embedded core by default (ASan/UBSan); unchanged on an
# installed CNDP with `make test-conformance CNDP_PREFIX=/opt/cndp` (built against the
# library `make cndp-system` makes). CONFORMANCE_TESTS=name selects tests.
CONF_SRC := $(wildcard Tests/Conformance/*.c) Tests/CoreTests/test_main.c Tests/CoreTests/test_netutil.c
CONF_HDR := $(wildcard Tests/Conformance/*.h) Tests/CoreTests/test.h Tests/CoreTests/test_netutil.h Tests/CoreTests/test_pool.h
CONF_INC := -ITests/CoreTests -ITests/Conformance

$(BUILD)/conformance/embedded/conformance-tests: $(CONF_SRC) $(CONF_HDR) $(CORE_SRC) $(CORE_HDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(ASAN_FLAGS) -ISources/CNDPCore $(CONF_INC) -o $@ $(CONF_SRC) $(CORE_SRC) $(CORE_LIBS)

# A system CNDP (README, "Using a system CNDP"): where its libraries are, and the library
# and pkg-config file `make cndp-system` writes there (scripts/cndp-system.sh).
CNDP_TRIPLET := $(shell $(CC) -print-multiarch 2>/dev/null)
CNDP_LIBDIR = $(if $(wildcard $(CNDP_PREFIX)/lib/$(CNDP_TRIPLET)),$(CNDP_PREFIX)/lib/$(CNDP_TRIPLET),$(CNDP_PREFIX)/lib)
CNDP_PC_DIR = $(CNDP_LIBDIR)/pkgconfig

cndp-system:
	@[ -n "$(CNDP_PREFIX)" ] || { echo "make cndp-system needs CNDP_PREFIX=/path/to/cndp" >&2; exit 2; }
	scripts/cndp-system.sh "$(CNDP_PREFIX)"

# CNE's whole suite, the conformance suite, the example tests and the runtime's acceptance on
# a system CNDP, built on the committed CNESys as a dependent package would be:
# make test-system CNDP_PREFIX=/opt/cndp
test-system: deps
	@[ -n "$(CNDP_PREFIX)" ] || { echo "make test-system needs CNDP_PREFIX=/path/to/cndp" >&2; exit 2; }
	scripts/test-system.sh "$(CNDP_PREFIX)"

ifeq ($(strip $(CNDP_PREFIX)),)
test-conformance: deps $(BUILD)/conformance/embedded/conformance-tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(BUILD)/conformance/embedded/conformance-tests $(CONFORMANCE_TESTS)
else
test-conformance: deps cndp-system
	@mkdir -p $(BUILD)/conformance/system
	$(CC) -std=gnu11 -Wall -Wextra -Werror -g -O1 -include cne_build_config.h $(CONF_INC) $$(PKG_CONFIG_PATH=$(CNDP_PC_DIR) pkg-config --cflags cndp-swift) \
		-o $(BUILD)/conformance/system/conformance-tests $(CONF_SRC) \
		-Wl,--no-as-needed $$(PKG_CONFIG_PATH=$(CNDP_PC_DIR) pkg-config --libs cndp-swift) -lxdp -lbpf -lpthread
	$(BUILD)/conformance/system/conformance-tests $(CONFORMANCE_TESTS)
endif
test: deps check-generated test-generator swift-build test-core test-conformance swift-test test-examples test-deploy test-responder test-runtime test-wireguard

# Kubernetes (deploy/): the manifests parsed into Kubernetes' own models (the `kubernetes`
# client from PyPI, in a venv) and cross-checked with CNE; the image built from scratch and
# its binary run unprivileged against the stand-in device plugin (root). `make image` writes
# the image and an OCI archive of it.
DEPLOY_VENV := $(BUILD)/venv-deploy
$(DEPLOY_VENV)/.done: deploy/test/requirements.txt
	python3 -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/pip install -q --disable-pip-version-check -r deploy/test/requirements.txt
	touch $@

test-deploy-manifests: deps $(DEPLOY_VENV)/.done
	$(DEPLOY_VENV)/bin/python deploy/test/test_manifests.py

test-image: deps $(BUILD)/test/fake-device-plugin
	deploy/test/test-image.sh

test-deploy: test-deploy-manifests test-image

image: deps
	deploy/image/build.sh --archive $(BUILD)/image/cne-echo.oci.tar

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

# cne-wg's gateway mode (release, AF_XDP, root): against wireguard-go as the gateway on one veth
# rig (packets/s, CPU per packet), then its heap allocations per packet (two runs under the
# LD_PRELOAD counter with few and many pings through the gateway).
.PHONY: bench-wireguard-gateway
bench-wireguard-gateway: deps $(BUILD)/bench/alloc_count.so
	@scripts/swift-build-no-warnings.sh -c release --product cne-wg | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; [ $${PIPESTATUS[0]} -eq 0 ]
	Benchmarks/wireguard-gateway/gateway.sh $(SWIFT_RELEASE_BIN)/cne-wg 2
	Benchmarks/wireguard-gateway/allocations.sh $(SWIFT_RELEASE_BIN)/cne-wg $(BUILD)/bench/alloc_count.so

# WireGuard: cne-wg (WireGuardCore) against Debian's wireguard-go in two namespaces (root).
test-wireguard: deps
	@scripts/swift-build-no-warnings.sh --product cne-wg | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; [ $${PIPESTATUS[0]} -eq 0 ]
	Tests/WireGuard/interop.sh $(shell swift build --show-bin-path)/cne-wg
	Tests/WireGuard/gateway.sh $(shell swift build --show-bin-path)/cne-wg

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

# cne-responder against the kernel's ping, ping -f, ping -6 and arping on AF_XDP and AF_PACKET (root).
test-responder: deps
	@scripts/swift-build-no-warnings.sh -c release --product cne-responder | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1
	Tests/Responder/run.sh $(SWIFT_RELEASE_BIN)

# The CNF runtime end to end through cne-echo: /metrics scraped during traffic against the
# peer's counts, SIGTERM during traffic, a misspelt section, XDP left by SIGKILL (root).
test-runtime: examples
	Tests/Runtime/acceptance.sh $(SWIFT_RELEASE_BIN)

# The whole Swift test bundle (every suite of swift-test: CNESys, the config parser with its
# json-c differential suites, errors, the runtime on net_null and on veth pairs, the HTTP
# endpoint, protocols, WireGuard) under AddressSanitizer with LeakSanitizer, and under
# ThreadSanitizer, each in its own build directory. CI runs it. Suppressed leaks: Foundation's
# Process only (Tests/Sanitizers/lsan.supp). The test bundle runs directly so that a report is
# not held up by Swift's backtracer. SANITIZE_SKIP (a regex of suites or tests, empty: none)
# is where a test that cannot run under a sanitizer goes, with the reason beside it.
SANITIZE_SKIP :=
SANITIZE_ARGS = --testing-library swift-testing $(if $(strip $(SANITIZE_SKIP)),--skip '$(SANITIZE_SKIP)')
SANITIZE_ENV := SWIFT_BACKTRACE=enable=no
test-asan: deps $(BUILD)/test/fake-device-plugin
	swift build --build-tests --sanitize=address --scratch-path .build-asan
	$(SANITIZE_ENV) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
		$$(swift build --sanitize=address --scratch-path .build-asan --show-bin-path)/swift-cndpPackageTests.xctest \
		$(SANITIZE_ARGS)

test-tsan: deps $(BUILD)/test/fake-device-plugin
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SANITIZE_ENV) TSAN_OPTIONS=halt_on_error=1 \
		$$(swift build --sanitize=thread --scratch-path .build-tsan --show-bin-path)/swift-cndpPackageTests.xctest \
		$(SANITIZE_ARGS)

test-sanitize: test-asan test-tsan

# AF_XDP against AF_PACKET: a Swift echo server on veth pairs in namespaces it makes and removes,
# driven by the rig's open-loop generator (root, two CPUs).
demo: deps
	scripts/demo.sh

# The C side of make bench: the same net_null loop on the core built as SwiftPM builds it
# (toolchain clang -O2 -fPIC, no NDEBUG), the C echo, the rig's generator, and the heap-allocation
# counter. build/bench/null-loop (gcc -O3 -march=native) is not in the report: what it measures
# depends on the host CPU and compiler (README, Performance); build it by name to compare.
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

bench-c: deps $(BUILD)/bench/null-loop-clang $(BUILD)/bench/cne-echo-c $(BUILD)/bench/veth-gen $(BUILD)/bench/alloc_count.so

# One report, Swift against C and AF_XDP against AF_PACKET, side by side: Benchmarks/REPORT.md.
# CORES=LIST (e.g. CORES=0-7) chooses the CPUs: the scaling section uses half for generators,
# half for echo workers; default: every CPU.
bench: examples bench-c
	@scripts/install-deps.sh bench
	CORES=$(CORES) python3 Benchmarks/bench.py $(SWIFT_RELEASE_BIN) $(BUILD)/bench Benchmarks/REPORT.md

clean:
	rm -rf $(BUILD) .build

# libFuzzer on CNEProtocols' parsers, answers and address text (not in CI): FUZZ_SECONDS=300
# by default; findings go to build/fuzz/findings, the corpus to build/fuzz/corpus.
FUZZ_SECONDS ?= 300
$(BUILD)/fuzz/protocols-fuzz: Fuzz/ProtocolsFuzz.swift $(shell find Sources/CNEProtocols -name '*.swift') Makefile
	@mkdir -p $(@D)
	swiftc -sanitize=fuzzer,address -parse-as-library -O -g -o $@ Fuzz/ProtocolsFuzz.swift $(shell find Sources/CNEProtocols -name '*.swift')

fuzz: $(BUILD)/fuzz/protocols-fuzz
	@mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/findings
	python3 Fuzz/seed-corpus.py Tests/CNEProtocolsTests/CapturedFrames.swift $(BUILD)/fuzz/corpus
	$(BUILD)/fuzz/protocols-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=1600 -artifact_prefix=$(BUILD)/fuzz/findings/ $(BUILD)/fuzz/corpus

# CNEProtocols against the same work by hand on raw offsets, over net_null (a benchmark, not a
# test): ns, instructions and heap allocations per packet -> Benchmarks/protocols/RESULTS.md.
bench-protocols: deps $(BUILD)/bench/alloc_count.so
	@scripts/swift-build-no-warnings.sh -c release --product cne-bench-protocols | grep -Ev '^\[[0-9]+/[0-9]+\]|^Build|^Compiling|^Linking|^Write' ; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1
	python3 Benchmarks/protocols/run.py $(SWIFT_RELEASE_BIN) $(BUILD)/bench/alloc_count.so Benchmarks/protocols/RESULTS.md
