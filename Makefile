# uemu build.  `make` builds build/uemu; `make check` sets up and runs every
# test; `make demo` sets up and runs a bundled guest program.
# Sources are found by folder, so adding a file needs no edit here.

BUILD ?= build
MAKEFLAGS += --no-print-directory
-include config-host.mak

ifeq ($(CC),)
CC := cc
endif

ISAS := riscv64 aarch64
# systemd-binfmt reads /usr/lib/binfmt.d and /etc/binfmt.d: set BINFMTDIR
# to one of them (or PREFIX=/usr) for the entries to load at boot.
BINFMTDIR ?= $(PREFIX)/lib/binfmt.d
CROSS_CC_riscv64 := riscv64-linux-gnu-gcc
CROSS_CC_aarch64 := aarch64-linux-gnu-gcc

BASE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I. -Iinclude -MMD -MP
CFLAGS_ALL = $(BASE_CFLAGS) $(OPT_CFLAGS) $(SAN_FLAGS) $(PKG_CFLAGS) $(EXTRA_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN_FLAGS) $(EXTRA_LDFLAGS) $(LDFLAGS)
LIBS_ALL = $(PKG_LIBS) -lpthread -lm

SRC_DIRS := accel/user accel/tcg tcg tcg/tci target/riscv64 target/aarch64 \
	linux-user linux-user/riscv64 linux-user/aarch64 \
	bsd-user bsd-user/riscv64 bsd-user/aarch64
ifeq ($(CONFIG_JIT),yes)
SRC_DIRS += tcg/$(HOST_ARCH)
endif
LIB_SRCS := $(filter-out accel/user/main.c,$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/accel/user/main.o
LIBUEMU := $(BUILD)/libuemu.a

UNIT_SRCS := $(wildcard tests/unit/test-*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)
UNIT_HELPER_SRCS := $(filter-out $(UNIT_SRCS),$(wildcard tests/unit/*.c))
UNIT_HELPER_OBJS := $(UNIT_HELPER_SRCS:%.c=$(BUILD)/%.o)

TOOL_SRCS := $(wildcard tests/fuzz/*.c tests/bench/*.c)
TOOL_BINS := $(TOOL_SRCS:%.c=$(BUILD)/%)

GUEST_SRCS := $(wildcard tests/guest/*.c)
GUEST_CFLAGS := -static -O2 -Wall -Wextra -Werror
GUEST_BINS := $(foreach isa,$(ISAS),$(if $(shell command -v $(CROSS_CC_$(isa)) 2>/dev/null),\
	$(GUEST_SRCS:tests/guest/%.c=$(BUILD)/tests/guest/$(isa)/%))) \
	$(GUEST_SRCS:tests/guest/%.c=$(BUILD)/tests/guest/host/%)

SAN_FLAGS_CHECK := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all check check-only check-stress perf-baseline demo bench install clean distclean deps unit guest tools san
.DEFAULT_GOAL := all

all: $(BUILD)/uemu $(BUILD)/uemu-riscv64 $(BUILD)/uemu-aarch64
ifeq ($(strip $(SAN_FLAGS)),)
all: $(BUILD)/uemu-static
endif

# uemu links statically unless sanitizers are on (they cannot): a short
# guest process spends a large part of its life in uemu's start-up.  Not
# as a static PIE: capstone's 1.3 MB of pointer tables would be relocated
# (written, so copied page by page) at every start, 350 page faults that
# were half of a static hello's run.  The fixed address sits below 2 GiB
# (glibc's static start-up calls weak undefined symbols, which resolve to
# 0, PC-relatively) and above where guests' images and brk usually go; a
# guest that wants it gets a guest_base instead (MMAP.md).  uemu-static is
# the same file under the name the persistent (F) binfmt_misc entries of
# chroots and containers use; sanitizer builds have none.
UEMU_TEXT_ADDRESS ?= 0x7c000000
ifeq ($(strip $(SAN_FLAGS)),)
UEMU_LINK := -static -Wl,-Ttext-segment=$(UEMU_TEXT_ADDRESS)
endif
$(BUILD)/uemu-static: $(BUILD)/uemu
	ln -f $< $@

# uemu-ISA: links that force the guest ISA (DESIGN.md).
$(BUILD)/uemu-%: $(BUILD)/uemu
	ln -sf uemu $@

# The unit tests' shared helper objects are kept between builds.
.SECONDARY: $(UNIT_HELPER_OBJS)

config-host.mak: configure
	@if [ -f config-host.mak ]; then ./configure $(CONFIGURE_ARGS); \
	 else scripts/install-deps && ./configure; fi

$(BUILD)/%.o: %.c config-host.mak
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(LIBUEMU): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/uemu: $(MAIN_OBJ) $(LIBUEMU)
	$(CC) $(UEMU_LINK) $(LDFLAGS_ALL) -o $@ $^ $(LIBS_ALL)

$(BUILD)/tests/unit/%: tests/unit/%.c $(UNIT_HELPER_OBJS) $(LIBUEMU)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CMOCKA_CFLAGS) $(LDFLAGS_ALL) -o $@ $< $(UNIT_HELPER_OBJS) $(LIBUEMU) $(CMOCKA_LIBS) $(LIBS_ALL)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c $(LIBUEMU)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(LIBUEMU) $(LIBS_ALL)
$(BUILD)/tests/bench/%: tests/bench/%.c $(LIBUEMU)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(LIBUEMU) $(LIBS_ALL)

define guest_rule
$(BUILD)/tests/guest/$(1)/%: tests/guest/%.c
	@mkdir -p $$(dir $$@)
	$(CROSS_CC_$(1)) $(GUEST_CFLAGS) -o $$@ $$<
endef
$(foreach isa,$(ISAS),$(eval $(call guest_rule,$(isa))))
# The same programs built for the host: the native oracle.
$(BUILD)/tests/guest/host/%: tests/guest/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

# Guest benchmarks (`make bench`, tests/bench/README.md): each
# tests/bench/guest/NAME.c is built static -O2 for riscv64 and for the host
# (static too, so start-up and libc calls compare like with like), plus a
# static host hello for the start-up rows.  -ffp-contract=off: riscv64 gcc
# would fuse a*b+c into fmadd and the host build would not, so the
# floating-point results (which the benchmark run compares) would differ.
BENCH_GUEST_SRCS := $(wildcard tests/bench/guest/*.c)
BENCH_GUEST_CFLAGS := -static -O2 -ffp-contract=off -Wall -Wextra -Werror
BENCH_GUEST_BINS := $(if $(shell command -v $(CROSS_CC_riscv64) 2>/dev/null),\
	$(BENCH_GUEST_SRCS:tests/bench/guest/%.c=$(BUILD)/tests/bench/riscv64/%)) \
	$(BENCH_GUEST_SRCS:tests/bench/guest/%.c=$(BUILD)/tests/bench/host/%) \
	$(BUILD)/tests/bench/host/hello $(BUILD)/tests/bench/host/hello-dyn \
	$(if $(shell command -v $(CROSS_CC_riscv64) 2>/dev/null),$(BUILD)/tests/bench/riscv64/hello-dyn)
$(BUILD)/tests/bench/riscv64/%: tests/bench/guest/%.c
	@mkdir -p $(dir $@)
	$(CROSS_CC_riscv64) $(BENCH_GUEST_CFLAGS) -o $@ $< -lm
$(BUILD)/tests/bench/host/%: tests/bench/guest/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_GUEST_CFLAGS) -o $@ $< -lm
$(BUILD)/tests/bench/host/hello: tests/guest/hello.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_GUEST_CFLAGS) -o $@ $<
# the dynamic start-up row: both dynamically linked (the guest through -L)
$(BUILD)/tests/bench/host/hello-dyn: tests/guest/hello.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(BUILD)/tests/bench/riscv64/hello-dyn: tests/guest/hello.c
	@mkdir -p $(dir $@)
	$(CROSS_CC_riscv64) -O2 -Wall -Wextra -Werror -o $@ $<
.PHONY: bench-guest
bench-guest: $(BENCH_GUEST_BINS)

unit: $(UNIT_BINS)
tools: $(TOOL_BINS)
guest: $(GUEST_BINS)

deps:
	scripts/install-deps

# check and demo first make sure every dependency is present, then build.
check: deps
	$(MAKE) check-only
check-only: all unit tools guest san
	BUILD=$(BUILD) tests/run-tests

# A new baseline for the instruction-count regression test (tests/perf).
perf-baseline: all guest
	BUILD=$(BUILD) tests/perf/run --baseline > tests/perf/baseline.new
	mv tests/perf/baseline.new tests/perf/baseline

# Issue #5's stress test (threads + signals + fork + exec in one program),
# STRESS_COUNT runs under the JIT and a tenth of them under TCI; too long
# for every `make check`, so .ci/run calls it with a bounded count.
STRESS_COUNT ?= 200
check-stress: all
	BUILD=$(BUILD) tests/stress/run-stress $(STRESS_COUNT)

# An ASan+UBSan copy of uemu at $(BUILD)/san/uemu: the malformed-input tests
# run both.  Skipped when the main build already has sanitizers.
san:
ifeq ($(CONFIG_SANITIZERS),yes)
	@mkdir -p $(BUILD)/san && ln -sf ../uemu $(BUILD)/san/uemu
else
	$(MAKE) BUILD=$(BUILD)/san SAN_FLAGS="$(SAN_FLAGS_CHECK)" $(BUILD)/san/uemu
endif

demo: deps
	$(MAKE) all guest
	BUILD=$(BUILD) scripts/demo

bench: all tools guest bench-guest
	BUILD=$(BUILD) tests/bench/run $(BENCH)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/uemu $(DESTDIR)$(PREFIX)/bin/uemu
	ln -sf uemu $(DESTDIR)$(PREFIX)/bin/uemu-riscv64
	ln -sf uemu $(DESTDIR)$(PREFIX)/bin/uemu-aarch64
	install -m 755 scripts/uemu-binfmt-conf $(DESTDIR)$(PREFIX)/bin/uemu-binfmt-conf
	if [ -f $(BUILD)/uemu-static ]; then install -m 755 $(BUILD)/uemu-static $(DESTDIR)$(PREFIX)/bin/uemu-static; fi
	scripts/uemu-binfmt-conf --systemd $(DESTDIR)$(BINFMTDIR) --uemu-path $(PREFIX)/bin

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f config-host.mak config-host.h

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
