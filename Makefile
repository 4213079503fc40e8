# propcheck - one Makefile, no generators.
#   make            build/propcheck and build/libpropcheck.a
#   make check      everything: `make test`, then the same built with
#                   -fsanitize=address,undefined (`make asan`), TSan,
#                   robustness (hostile, canary, oom), nosimd, packaging
#   make check-fast the edit loop, under 60 s on a warm tree (2 cores):
#                   build, unit tests, golden fixtures, and the unit tests
#                   built with ASan/UBSan (build-asan/); no SARIF
#                   validator, no TSan, valgrind, fuzzing or packaging
#   make test       the layering check, unit tests (cmocka), golden
#                   fixtures, SARIF validation and the examples
#   make setup      install the Debian packages the tests need (the test
#                   targets do this first, once; plain `make` and
#                   `make install` need only cc, make and two headers)
#   make examples   build, then run propcheck over fixtures/examples
#   make bench      the benchmark (bench/run.sh): writes and prints
#                   BENCHMARKS.md; BENCH_MB, BENCH_RUNS, BENCH_SEED,
#                   BENCH_STREAM_MB, BENCH_ADV_SCALE, BENCH_FILES set sizes

CC      ?= cc
BUILD   ?= build
CWARN    = -Wall -Wextra -Wshadow -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wundef -Wcast-qual
CFLAGS  ?= -O2 -g
# The library needs nothing but libc (its JSON reader and writer are its
# own).  cJSON is for the command (.propcheck.json, cli/config.c) and the
# tests, which parse the JSON outputs to check them.
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
CPPFLAGS += -Iinclude -Isrc
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(CWARN) $(CFLAGS)
LIBS     =
CLI_LIBS = $(CJSON_LIBS) -pthread

# Every file of src/ is the library (docs/architecture.md says which file
# owns which concept); the command line is cli/.
LIB_SRCS = $(sort $(wildcard src/*.c))
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
HEADERS  = include/propcheck.h $(wildcard src/*.h src/*.def)
# The command line sees the public header only (-Iinclude, no src/).
CLI_SRCS = $(wildcard cli/*.c)
CLI_OBJS = $(CLI_SRCS:cli/%.c=$(BUILD)/cli/%.o)
CLI_CPPFLAGS = -Iinclude -Icli $(CJSON_CFLAGS)

TESTS    = $(patsubst test/%.c,$(BUILD)/test/%,$(wildcard test/test_*.c))

.PHONY: all check check-fast test tests layers unit fixtures sarif integrations asan asan-unit \
        asan-build asan-rest nosimd nosimd-build clean setup examples docs

all: $(BUILD)/propcheck $(BUILD)/libpropcheck.a

# The build needs only a C11 compiler, make and the uthash and cJSON
# headers (found with pkg-config when it is there); the tests need more,
# which `make setup` installs (the test targets run it first, once).
$(BUILD)/.deps:
	@printf '#include <uthash.h>\n#include <cJSON.h>\nint x;\n' | \
	  $(CC) $(CJSON_CFLAGS) $(CPPFLAGS) -E -x c - >/dev/null 2>&1 || { \
	  echo "propcheck: the build needs the uthash and cJSON headers:"; \
	  echo "  Debian, Ubuntu: apt install uthash-dev libcjson-dev pkg-config"; \
	  echo "  Fedora:         dnf install uthash-devel cjson-devel pkgconf"; \
	  echo "  Homebrew:       brew install uthash cjson pkg-config"; exit 1; } >&2
	@mkdir -p $(BUILD) && touch $@

# Installs missing Debian packages (the test toolchain) once per build
# directory.
$(BUILD)/.setup: .ci/setup
	@sh .ci/setup
	@mkdir -p $(BUILD) && touch $@

# Library objects hide every symbol but PC_API's (-fvisibility=hidden).
$(BUILD)/obj/%.o: src/%.c $(HEADERS) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fvisibility=hidden -c -o $@ $<

# The installed archive is one relocatable object whose hidden symbols are
# made local, so that only pc_ names can collide with an embedder's (where
# objcopy is missing, e.g. on macOS, the objects are archived as they are).
# Tests and fuzzers, which call internal functions, link the objects.
OBJCOPY ?= objcopy
$(BUILD)/libpropcheck.a: $(LIB_OBJS)
	@rm -f $@ $(BUILD)/propcheck-lib.o
	@if command -v $(OBJCOPY) >/dev/null 2>&1; then \
	  echo "ld -r + $(OBJCOPY) --localize-hidden -> $@"; \
	  $(LD) -r -o $(BUILD)/propcheck-lib.o $^ && \
	  $(OBJCOPY) --localize-hidden $(BUILD)/propcheck-lib.o && \
	  ar rcs $@ $(BUILD)/propcheck-lib.o; \
	else ar rcs $@ $^; fi

$(BUILD)/libpropcheck-internal.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^


$(BUILD)/cli/%.o: cli/%.c cli/cli.h include/propcheck.h | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The language server's modules share cli/lsp.h.
$(patsubst cli/%.c,$(BUILD)/cli/%.o,$(wildcard cli/lsp*.c)) $(BUILD)/cli/main.o: cli/lsp.h

$(BUILD)/propcheck: $(CLI_OBJS) $(BUILD)/libpropcheck.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(CLI_LIBS)

# Tests may also use the command line's modules (not main.c).
CLI_MODS = $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJS))

$(BUILD)/test/%: test/%.c test/test_io.h $(BUILD)/libpropcheck-internal.a $(CLI_MODS) $(HEADERS) cli/cli.h | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) -Icli $(ALL_CFLAGS) -o $@ $< $(CLI_MODS) $(BUILD)/libpropcheck-internal.a $(LIBS) $(CLI_LIBS) -lcmocka

# Builds the unit tests without running them (.ci/run builds with -j, then
# runs the tests one after the other).
tests: $(TESTS) $(BUILD)/examples/sql_frontend $(BUILD)/examples/connector_test

unit: $(TESTS)
	@fail=0; for t in $(TESTS); do echo "== $$t"; $$t || fail=1; done; \
	  if [ $$fail != 0 ]; then echo "unit tests: FAILED"; exit 1; fi

fixtures: $(BUILD)/propcheck
	@sh test/run_fixtures.sh $(BUILD)/propcheck
	@sh test/check_cli.sh $(BUILD)/propcheck
	@sh test/check_policies.sh $(BUILD)/propcheck

test: all layers unit fixtures sarif examples-check lsp-test integrations

# The language server (propcheck lsp): a scripted conversation with every
# response asserted (test/lsp_test.py), then Neovim's own client, headless
# (test/lsp_nvim.sh; skipped without nvim, except with CI=true).
.PHONY: lsp-test
lsp-test: $(BUILD)/propcheck
	@python3 test/lsp_test.py $(BUILD)/propcheck
	@sh test/lsp_nvim.sh $(BUILD)/propcheck

# pre-commit runs both hooks on a test repository; actionlint validates
# docs/ci.md's workflow and action.yml (test/check_integrations.sh).
integrations: $(BUILD)/propcheck | $(BUILD)/.setup
	@sh test/check_integrations.sh $(BUILD)/propcheck

# The library's call graph has no circle and no stage calls up into
# check.c (test/check_layers.sh, from the objects' symbols).
layers: $(LIB_OBJS)
	@sh test/check_layers.sh $(LIB_OBJS)

# SARIF validation with Microsoft's validator, pinned in test/sarif/
# (package-lock.json; npm ci on first use).  Without npm it is skipped with
# a loud message, except with CI=true, where that fails.  SARIF_VALIDATE=0
# only writes the documents and checks that they are JSON.
SARIF_VALIDATE ?= 1
sarif: $(BUILD)/propcheck
	@SARIF_VALIDATE=$(SARIF_VALIDATE) sh test/validate_sarif.sh $(BUILD)/propcheck

check: test asan tsan robust nosimd

# The splitter's byte-table path (no vector types: PC_NO_SIMD), against the
# same tests and fixtures.
NOSIMD_MAKE = $(MAKE) BUILD=build-nosimd CFLAGS="-O2 -g -DPC_NO_SIMD"
nosimd:
	$(NOSIMD_MAKE) unit fixtures
nosimd-build:
	$(NOSIMD_MAKE) all tests

ASAN_MAKE = $(MAKE) BUILD=build-asan \
  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
  LDFLAGS="-fsanitize=address,undefined"

# The SARIF documents are written (and parsed) under ASan, not validated a
# second time: the validator judges the default build's, which are the same.
asan:
	$(ASAN_MAKE) SARIF_VALIDATE=0 test

asan-unit:
	$(ASAN_MAKE) unit
asan-build:
	$(ASAN_MAKE) all tests
# The rest of `make asan` after asan-unit (.ci/run runs the two at once).
asan-rest:
	$(ASAN_MAKE) SARIF_VALIDATE=0 fixtures sarif examples-check

check-fast: all
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory fixtures
	@$(MAKE) --no-print-directory asan-unit
	@echo "check-fast: OK"

examples: $(BUILD)/propcheck
	@$(BUILD)/propcheck fixtures/examples/*.sql fixtures/seeds/*.sql; \
	  echo "(propcheck exit status: $$?)"

setup:
	@sh .ci/setup

# docs/rules.md is generated from the rule table; `make test` fails if stale.
docs: $(BUILD)/propcheck
	@mkdir -p docs
	$(BUILD)/propcheck --rules-markdown > docs/rules.md

clean:
	rm -rf build build-asan build-nosimd build-tsan build-fuzz build-oom

# ---- Examples and ThreadSanitizer ----
#   make examples-check  build examples/*.c against the public header alone
#                        (-Iinclude, no src/) and run them: connector_test
#                        (cmocka) and sql_frontend on fixtures/examples/demo.sql
#                        and on a clean statement
#   make tsan            the library and test/test_threads.c built with
#                        -fsanitize=thread in build-tsan/, run so that any
#                        data race report fails
.PHONY: examples-check tsan

EXAMPLE_CPPFLAGS = -Iinclude
EXAMPLE_CFLAGS   = -std=c11 $(CWARN) $(CFLAGS)

$(BUILD)/examples/sql_frontend: examples/sql_frontend.c include/propcheck.h $(BUILD)/libpropcheck.a | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(EXAMPLE_CPPFLAGS) $(EXAMPLE_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpropcheck.a $(LIBS)

$(BUILD)/examples/connector_test: examples/connector_test.c include/propcheck.h $(BUILD)/libpropcheck.a | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(EXAMPLE_CPPFLAGS) $(EXAMPLE_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpropcheck.a $(LIBS) -lcmocka

# sql_frontend exits 1 on findings, 0 on none; it must never echo a secret.
examples-check: $(BUILD)/examples/sql_frontend $(BUILD)/examples/connector_test
	$(BUILD)/examples/connector_test
	@out=$$($(BUILD)/examples/sql_frontend < fixtures/examples/demo.sql); st=$$?; \
	  printf '%s\n' "$$out"; \
	  [ $$st = 1 ] || { echo "examples-check: sql_frontend on demo.sql exited $$st, expected 1"; exit 1; }; \
	  for want in 'line 4: create_external_catalog s3=instance_profile glue=sdk_default' \
	      '9:5 warning ignored-credential' '11:39 warning bool-read-as-false' \
	      'line 16: broker_load s3=none' '24:5 warning unknown-key' \
	      '25:5 error role-without-base' 'line 31: create_external_catalog rest=none' \
	      '38:5 warning oauth2-fallback' '5 findings'; do \
	    printf '%s\n' "$$out" | grep -qF -- "$$want" || \
	      { echo "examples-check: sql_frontend output lacks '$$want'"; exit 1; }; \
	  done; \
	  for secret in AKIAQZFIXDEMO0000001 QzFixDemoTokenValue00001; do \
	    if printf '%s\n' "$$out" | grep -qF -- "$$secret"; then \
	      echo "examples-check: sql_frontend printed a secret"; exit 1; fi; \
	  done
	@out=$$(printf '%s\n' '-- one statement over several lines; a quoted ";" ends no line' \
	    'SELECT * FROM FILES("path" = "s3://sales-raw/a;' '", "format" = "parquet",' \
	    '  "aws.s3.use_instance_profile" = "true",' \
	    '  "aws.s3.iam_role_arn" = "arn:aws:iam::081976408565:role/s3_assumed_role",' \
	    '  "aws.s3.region" = "us-west-2");' \
	    'CREATE EXTERNAL CATALOG hms PROPERTIES ("type" = "hive",' \
	    '  "hive.metastore.uris" = "thrift://10.0.1.15:9083",' \
	    '  "aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-west-2")' \
	    | $(BUILD)/examples/sql_frontend); st=$$?; \
	  printf '%s\n' "$$out"; \
	  [ $$st = 0 ] || { echo "examples-check: sql_frontend on clean SQL exited $$st, expected 0"; exit 1; }; \
	  for want in 'line 2: files s3=assumed_role(base=instance_profile)' \
	      'line 7: create_external_catalog s3=instance_profile' '0 findings'; do \
	    printf '%s\n' "$$out" | grep -qF -- "$$want" || \
	      { echo "examples-check: sql_frontend output lacks '$$want'"; exit 1; }; \
	  done
	@echo "examples-check: OK"

TSAN_BUILD = build-tsan
TSAN_FLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer

TSAN_RUN = TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

# The library from several threads (test_threads), and the command with -j4
# (workers, ordered output, configuration and property-map parsing).
tsan:
	$(MAKE) BUILD=$(TSAN_BUILD) CFLAGS="$(TSAN_FLAGS)" LDFLAGS=-fsanitize=thread $(TSAN_BUILD)/test/test_threads $(TSAN_BUILD)/propcheck
	$(TSAN_RUN) $(TSAN_BUILD)/test/test_threads
	@for fmt in text json sarif github; do \
	  $(TSAN_RUN) $(TSAN_BUILD)/propcheck -j4 --format=$$fmt fixtures/config/*.sql \
	    fixtures/seeds/*.sql fixtures/statements/*.sql fixtures/rules/*.sql >/dev/null; \
	  [ $$? -le 2 ] || { echo "tsan: propcheck -j4 --format=$$fmt failed"; exit 1; }; \
	done
	@$(TSAN_RUN) $(TSAN_BUILD)/propcheck -j4 --props fixtures/props/*.json >/dev/null; \
	  [ $$? -le 2 ] || { echo "tsan: propcheck -j4 --props failed"; exit 1; }
	@big=$(TSAN_BUILD)/big.sql; : > $$big; \
	  while [ $$(wc -c < $$big) -lt 4300000 ]; do cat fixtures/seeds/*.sql >> $$big; done; \
	  $(TSAN_RUN) $(TSAN_BUILD)/propcheck -j2 --format=json $$big >/dev/null; \
	  [ $$? -le 2 ] || { echo "tsan: propcheck splitting a big file on a second thread failed"; exit 1; }
	@echo "tsan: OK"

.PHONY: bench
bench: $(BUILD)/libpropcheck.a $(BUILD)/propcheck
	@BUILD=$(BUILD) CC=$(CC) sh bench/run.sh

# ---- Packaging: shared library, install, man pages, completion, .deb ----
#   make shared     $(BUILD)/libpropcheck.so.X.Y.Z (soname libpropcheck.so.X),
#                   built with -fvisibility=hidden: only PC_API symbols
#   make install    bin, libs, header, pkg-config file, man pages and bash
#                   completion under $(DESTDIR)$(PREFIX) (default /usr/local)
#   make uninstall  removes exactly the files install adds (directories,
#                   which may be shared, stay)
#   make deb        $(BUILD)/propcheck_VERSION-1_ARCH.deb, with dpkg-deb
#                   (and lintian where it is installed)
#   make pkg-check  (part of make check) the man pages render without
#                   warnings; --help fits 24 lines; every option is in the
#                   man page and the completion, which works; only pc_
#                   symbols are exported; examples build and run against an
#                   installed copy with pkg-config; the .deb installs and
#                   runs; every artifact carries the same version
# The version is written once, in include/propcheck.h; everything here reads
# it from there.
.PHONY: shared install uninstall deb pkg-check man-check help-check \
        completion-check symbols-check install-check deb-check

VERSION_MAJOR := $(shell awk '$$2 == "PROPCHECK_VERSION_MAJOR" { print $$3 }' include/propcheck.h)
VERSION       := $(shell awk '$$2 == "PROPCHECK_VERSION" { gsub(/"/, "", $$3); print $$3 }' include/propcheck.h)
URL           = https://github.com/propcheck/propcheck

PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
PKGCONFIGDIR  = $(LIBDIR)/pkgconfig

SO_NAME  = libpropcheck.so.$(VERSION_MAJOR)
SO_FILE  = libpropcheck.so.$(VERSION)
PIC_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/pic/%.o)

# The files install adds, relative to $(DESTDIR); uninstall removes these.
INSTALLED = $(BINDIR)/propcheck $(LIBDIR)/libpropcheck.a \
            $(LIBDIR)/$(SO_FILE) $(LIBDIR)/$(SO_NAME) $(LIBDIR)/libpropcheck.so \
            $(INCLUDEDIR)/propcheck.h $(PKGCONFIGDIR)/propcheck.pc \
            $(MANDIR)/man1/propcheck.1 $(MANDIR)/man3/libpropcheck.3 \
            $(BASHCOMPDIR)/propcheck

shared: $(BUILD)/$(SO_FILE)

$(BUILD)/pic/%.o: src/%.c $(HEADERS) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/$(SO_FILE): $(PIC_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SO_NAME) -Wl,-z,defs \
	  -o $@ $^ $(LIBS)

# The pkg-config file is written with the directories of this install.
install: all shared
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	  $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	  $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/propcheck $(DESTDIR)$(BINDIR)/propcheck
	install -m 644 $(BUILD)/libpropcheck.a $(DESTDIR)$(LIBDIR)/libpropcheck.a
	install -m 644 $(BUILD)/$(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_FILE)
	ln -sf $(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_NAME)
	ln -sf $(SO_NAME) $(DESTDIR)$(LIBDIR)/libpropcheck.so
	install -m 644 include/propcheck.h $(DESTDIR)$(INCLUDEDIR)/propcheck.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@URL@|$(URL)|' propcheck.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/propcheck.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/propcheck.pc
	install -m 644 man/propcheck.1 $(DESTDIR)$(MANDIR)/man1/propcheck.1
	install -m 644 man/libpropcheck.3 $(DESTDIR)$(MANDIR)/man3/libpropcheck.3
	install -m 644 completion/propcheck.bash $(DESTDIR)$(BASHCOMPDIR)/propcheck
	@sh .ci/ldconfig "$(DESTDIR)" "$(LIBDIR)"

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

# The package installs under /usr, with the library in the multiarch directory.
DEB_STAGE = $(BUILD)/deb/root
deb: all shared
	@rm -rf $(DEB_STAGE)
	@$(MAKE) --no-print-directory -s install DESTDIR=$(DEB_STAGE) PREFIX=/usr \
	  LIBDIR=/usr/lib/$$(dpkg-architecture -qDEB_HOST_MULTIARCH) >/dev/null
	@sh pkg/deb.sh $(DEB_STAGE) $(VERSION) $(BUILD)

man-check: | $(BUILD)/.setup
	@sh test/check_man.sh

help-check: $(BUILD)/propcheck
	@sh test/check_help.sh $(BUILD)/propcheck $(VERSION)

completion-check: $(BUILD)/propcheck
	@sh test/check_completion.sh $(BUILD)/propcheck

symbols-check: $(BUILD)/$(SO_FILE) $(BUILD)/libpropcheck.a
	@sh test/check_symbols.sh $(BUILD)/$(SO_FILE) $(BUILD)/libpropcheck.a

install-check: all shared
	+@sh test/check_install.sh $(BUILD) $(VERSION) "$(MAKE)"

deb-check: deb
	@sh test/check_deb.sh $(BUILD) $(VERSION)

pkg-check: man-check help-check completion-check symbols-check install-check deb-check

# Run once, from the default build: the sanitizer builds link differently.
check: pkg-check

# ---- Robustness: fuzzing, hostile inputs, allocation failure, secrets ----
#   make fuzz            build the libFuzzer targets (clang,
#                        -fsanitize=fuzzer,address,undefined) in build-fuzz/,
#                        seed them from fixtures/ and run each for
#                        FUZZ_SECONDS (default 60)
#   make fuzz-smoke      every regression input of fuzz/regressions/, then
#                        each target for FUZZ_SMOKE_SECONDS (default 10)
#   make hostile         test/hostile.sh: NULs, invalid UTF-8, a 100 MB line,
#                        1e6 statements, nesting, FIFOs...; peak memory of
#                        the plain build within 16 MiB (a statement over
#                        the limit: the limit + 4 MiB), fatal unless
#                        HOSTILE_MEMORY=0
#   make canary          test/canary.sh: no piece of a secret in any output
#   make oom             test/oom.sh: the CLI with its Nth allocation failed,
#                        N = 1, 2, ... (build-oom/, ASan)
#   make valgrind        command lines under valgrind memcheck (the unit
#                        tests run under ASan in `make asan`)
#   make robust          hostile, canary and oom (part of `make check`)
.PHONY: fuzz fuzz-build fuzz-corpus fuzz-smoke hostile canary oom oom-build \
        valgrind robust

FUZZ_BUILD   = build-fuzz
FUZZ_TARGETS = fuzz_sql fuzz_props fuzz_policy fuzz_canary
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OPTS    = -timeout=20 -rss_limit_mb=2048 -print_final_stats=1

$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz_common.h $(BUILD)/libpropcheck-internal.a $(CLI_MODS) $(HEADERS) cli/cli.h | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) -Icli $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CLI_MODS) $(BUILD)/libpropcheck-internal.a $(LIBS) $(CLI_LIBS)

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	  LDFLAGS="-fsanitize=fuzzer,address,undefined" \
	  $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/%)

# Seed corpora, copied from fixtures/ (generated, never committed).
fuzz-corpus:
	@sh fuzz/seed.sh $(FUZZ_BUILD)

fuzz: fuzz-build fuzz-corpus
	@for t in $(FUZZ_TARGETS); do \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz/$$t $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_BUILD)/$$t- \
	    $(FUZZ_BUILD)/corpus-$$t fuzz/regressions/$$t || exit 1; \
	done

fuzz-smoke: fuzz-build fuzz-corpus
	@for t in $(FUZZ_TARGETS); do \
	  echo "== $$t: regression inputs"; \
	  $(FUZZ_BUILD)/fuzz/$$t -runs=0 fuzz/regressions/$$t 2>$(FUZZ_BUILD)/$$t.log || \
	    { tail -50 $(FUZZ_BUILD)/$$t.log; exit 1; }; \
	  echo "== $$t: $(FUZZ_SMOKE_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz/$$t $(FUZZ_OPTS) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	    -artifact_prefix=$(FUZZ_BUILD)/$$t- \
	    $(FUZZ_BUILD)/corpus-$$t fuzz/regressions/$$t 2>$(FUZZ_BUILD)/$$t.log || \
	    { tail -50 $(FUZZ_BUILD)/$$t.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' $(FUZZ_BUILD)/$$t.log; \
	done

# Allocation-failure build: the command with malloc, calloc, realloc and
# strdup wrapped by test/failalloc.c, under ASan (leaks are errors).  The
# wrapping is done by the linker, so build-oom/propcheck is build-asan's
# objects linked again, not a third compilation of everything.
OOM_BUILD = build-oom
OOM_WRAP  = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

$(BUILD)/failalloc.o: test/failalloc.c | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

ASAN_CLI_OBJS = $(CLI_SRCS:cli/%.c=build-asan/cli/%.o)
oom-build:
	$(ASAN_MAKE) build-asan/failalloc.o build-asan/libpropcheck.a $(ASAN_CLI_OBJS)
	@mkdir -p $(OOM_BUILD)
	$(CC) -fsanitize=address,undefined $(OOM_WRAP) -o $(OOM_BUILD)/propcheck \
	  $(ASAN_CLI_OBJS) build-asan/libpropcheck.a build-asan/failalloc.o $(LIBS) $(CLI_LIBS)

oom: oom-build
	@sh test/oom.sh $(OOM_BUILD)/propcheck

valgrind: all
	@sh test/valgrind.sh $(BUILD)

hostile: all
	$(ASAN_MAKE) build-asan/propcheck
	@sh test/hostile.sh $(BUILD)/propcheck build-asan/propcheck

canary: all
	@sh test/canary.sh $(BUILD)/propcheck

robust: hostile canary oom
