# make install [DESTDIR=/tmp/stage] [PREFIX=/usr/local]
# Builds release binaries with the Swift runtime linked in (no toolchain needed at run time)
# and installs them with the systemd unit, sysusers/tmpfiles entries, catalog and config.
#
# `hanchot` is linked fully statically: it runs once per shell command, and skipping the
# dynamic loader halves its start-up (measured: `hanchot done` on a 1M-event log 10.4 -> 7.1 ms).
# glibc then loads its NSS modules (for the user name) at run time, so build it on the
# distribution it runs on, as `make install` does. The daemon starts once and keeps the usual
# dynamic glibc.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT_BUILD_FLAGS ?= -c release --static-swift-stdlib --scratch-path .build-release
CLI_BUILD_FLAGS ?= -c release --scratch-path .build-release-cli -Xswiftc -static-executable
BIN = .build-release/release
CLI_BIN = .build-release-cli/release

.PHONY: all build install test run bench clean

all: build

build:
	swift build $(CLI_BUILD_FLAGS) --product hanchot
	swift build $(SWIFT_BUILD_FLAGS) --product hanchotd

install: build
	install -D -m 0755 $(CLI_BIN)/hanchot $(DESTDIR)$(PREFIX)/bin/hanchot
	install -D -m 0755 $(BIN)/hanchotd $(DESTDIR)$(PREFIX)/bin/hanchotd
	install -d $(DESTDIR)/etc/systemd/system
	sed 's|/usr/local/|$(PREFIX)/|g' systemd/hanchotd.service > $(DESTDIR)/etc/systemd/system/hanchotd.service
	chmod 0644 $(DESTDIR)/etc/systemd/system/hanchotd.service
	install -D -m 0644 systemd/sysusers.conf $(DESTDIR)/usr/lib/sysusers.d/hanchot.conf
	install -D -m 0644 systemd/tmpfiles.conf $(DESTDIR)/usr/lib/tmpfiles.d/hanchot.conf
	install -D -m 0644 systemd/hanchot.catalog $(DESTDIR)/usr/lib/systemd/catalog/hanchot.catalog
	test -e $(DESTDIR)/etc/hanchot/hanchot.toml || install -D -m 0644 config/hanchot.toml $(DESTDIR)/etc/hanchot/hanchot.toml
	test ! -e README.md || install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/hanchot/README.md

test:
	scripts/test.sh

run:
	scripts/run.sh

bench:
	scripts/bench.sh

# make torture: the fault suite at length (several minutes: 120 kill -9 rounds, every truncation
# offset, a full disk, journald stopped, the log replaced, clock jumps) on release binaries.
# scripts/test.sh runs its short version; see tests/torture/run.sh.
.PHONY: torture
torture:
	swift build -c release --scratch-path .build-release
	tests/torture/run.sh --full --bin $(BIN)

clean:
	rm -rf .build .build-release .build-release-cli

# make fuzz [FUZZ_RUNS=10000000] [FUZZ_TIME=0] [FUZZ_ASAN=1] [FUZZ_FLAGS="-fork=1 -ignore_crashes=1"]
# Builds the libFuzzer targets (Fuzz/: the event-line decoder, the deadline grammar) and runs
# each on its kept corpus for FUZZ_RUNS executions (or FUZZ_TIME seconds); fails when a run
# crashes or a kept reproducer (Fuzz/crashes/) still crashes. See docs/fuzzing.md.
FUZZ_RUNS ?= 10000000
FUZZ_TIME ?= 0
FUZZ_ASAN ?= 1
FUZZ_FLAGS ?=

.PHONY: fuzz
fuzz:
	FUZZ_RUNS='$(FUZZ_RUNS)' FUZZ_TIME='$(FUZZ_TIME)' FUZZ_ASAN='$(FUZZ_ASAN)' FUZZ_FLAGS='$(FUZZ_FLAGS)' Fuzz/fuzz.sh all
