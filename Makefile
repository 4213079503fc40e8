# propcheck - one Makefile, no generators.
#   make            build/propcheck and build/libpropcheck.a
#   make check      everything: `make test`, then the same built with
#                   -fsanitize=address,undefined (`make asan`)
#   make test       unit tests (cmocka) and golden fixtures
#   make setup      install the Debian packages the build and tests need
#                   (every target does this first, once)
#   make examples   build, then run propcheck over fixtures/examples

CC      ?= cc
BUILD   ?= build
CWARN    = -Wall -Wextra -Wshadow -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wundef -Wcast-qual
CFLAGS  ?= -O2 -g
CPPFLAGS += -Iinclude -Isrc $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(CWARN) $(CFLAGS)
LIBS     = $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)

LIB_SRCS = src/arena.c src/split.c src/lexer.c src/parser.c src/keys.c \
           src/values.c src/diag.c src/resolve.c src/resolve_aws.c \
           src/resolve_catalog.c src/resolve_values.c src/resolve_dialects.c src/aws_data.c src/suppress.c src/expect.c src/props.c src/iam_needs.c src/iam_docs.c src/iam_json.c src/iam_eval.c src/check.c \
           src/render.c src/render_json.c src/render_sarif.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
HEADERS  = include/propcheck.h src/pc_internal.h
CLI_SRCS = src/main.c src/cli_config.c src/cli_fix.c src/cli_docs.c \
           src/cli_props.c src/cli_verify.c
CLI_OBJS = $(CLI_SRCS:src/%.c=$(BUILD)/obj/%.o)

TESTS    = $(patsubst test/%.c,$(BUILD)/test/%,$(wildcard test/test_*.c))

.PHONY: all check test unit fixtures sarif asan clean setup examples docs

all: $(BUILD)/propcheck $(BUILD)/libpropcheck.a

# Installs missing Debian packages once per build directory.
$(BUILD)/.setup: .ci/setup
	@sh .ci/setup
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/obj/%.o: src/%.c $(HEADERS) | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libpropcheck.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^


$(CLI_OBJS): src/cli.h

$(BUILD)/propcheck: $(CLI_OBJS) $(BUILD)/libpropcheck.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# Tests may also use the command line's modules (not main.c).
CLI_MODS = $(filter-out $(BUILD)/obj/main.o,$(CLI_OBJS))

$(BUILD)/test/%: test/%.c $(BUILD)/libpropcheck.a $(CLI_MODS) $(HEADERS) src/cli.h | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(CLI_MODS) $(BUILD)/libpropcheck.a $(LIBS) -lcmocka

unit: $(TESTS)
	@fail=0; for t in $(TESTS); do echo "== $$t"; $$t || fail=1; done; \
	  if [ $$fail != 0 ]; then echo "unit tests: FAILED"; exit 1; fi

fixtures: $(BUILD)/propcheck
	@sh test/run_fixtures.sh $(BUILD)/propcheck
	@sh test/check_policies.sh $(BUILD)/propcheck

test: all unit fixtures sarif examples-check

# SARIF validation with Microsoft's validator (skipped where npx is missing).
sarif: $(BUILD)/propcheck
	@sh test/validate_sarif.sh $(BUILD)/propcheck

check: test asan tsan robust

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined" test

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
	rm -rf build build-asan build-tsan build-fuzz build-oom

# ---- Examples and ThreadSanitizer ----
#   make examples-check  build examples/*.c against the public header alone
#                        (-Iinclude, no src/) and run them: connector_test
#                        (cmocka) and sql_frontend on fixtures/examples/demo.sql
#                        and on a clean statement
#   make tsan            the library and test/test_threads.c built with
#                        -fsanitize=thread in build-tsan/, run so that any
#                        data race report fails
.PHONY: examples-check tsan

EXAMPLE_CPPFLAGS = -Iinclude $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
EXAMPLE_CFLAGS   = -std=c11 $(CWARN) $(CFLAGS)

$(BUILD)/examples/sql_frontend: examples/sql_frontend.c include/propcheck.h $(BUILD)/libpropcheck.a | $(BUILD)/.setup
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

tsan:
	$(MAKE) BUILD=$(TSAN_BUILD) CFLAGS="$(TSAN_FLAGS)" LDFLAGS=-fsanitize=thread $(TSAN_BUILD)/test/test_threads
	TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" $(TSAN_BUILD)/test/test_threads

.PHONY: bench
bench: $(BUILD)/libpropcheck.a $(BUILD)/propcheck
	@sh bench/run.sh

# ---- Robustness: fuzzing, hostile inputs, allocation failure, secrets ----
#   make fuzz            build the libFuzzer targets (clang,
#                        -fsanitize=fuzzer,address,undefined) in build-fuzz/,
#                        seed them from fixtures/ and run each for
#                        FUZZ_SECONDS (default 60)
#   make fuzz-smoke      every regression input of fuzz/regressions/, then
#                        each target for FUZZ_SMOKE_SECONDS (default 10)
#   make hostile         test/hostile.sh: NULs, invalid UTF-8, a 100 MB line,
#                        1e6 statements, nesting, FIFOs... (HOSTILE_MEMORY=1
#                        makes the 16 MiB peak-memory bound fatal)
#   make canary          test/canary.sh: no piece of a secret in any output
#   make oom             test/oom.sh: the CLI with its Nth allocation failed,
#                        N = 1, 2, ... (build-oom/, ASan)
#   make valgrind        unit tests and CLI runs under valgrind memcheck
#   make robust          hostile, canary and oom (part of `make check`)
.PHONY: fuzz fuzz-build fuzz-corpus fuzz-smoke hostile canary oom oom-build \
        valgrind robust

FUZZ_BUILD   = build-fuzz
FUZZ_TARGETS = fuzz_sql fuzz_props fuzz_policy
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OPTS    = -timeout=20 -rss_limit_mb=2048 -print_final_stats=1

$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz_common.h $(BUILD)/libpropcheck.a $(CLI_MODS) $(HEADERS) src/cli.h | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CLI_MODS) $(BUILD)/libpropcheck.a $(LIBS)

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
# strdup wrapped by test/failalloc.c, under ASan (leaks are errors).
OOM_BUILD = build-oom
OOM_WRAP  = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

$(BUILD)/failalloc.o: test/failalloc.c | $(BUILD)/.setup
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

oom-build:
	$(MAKE) BUILD=$(OOM_BUILD) \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined $(OOM_WRAP) $(OOM_BUILD)/failalloc.o" \
	  $(OOM_BUILD)/failalloc.o $(OOM_BUILD)/propcheck

oom: oom-build
	@sh test/oom.sh $(OOM_BUILD)/propcheck

valgrind: all $(TESTS)
	@sh test/valgrind.sh $(BUILD)

hostile: all
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" build-asan/propcheck
	@sh test/hostile.sh $(BUILD)/propcheck build-asan/propcheck

canary: all
	@sh test/canary.sh $(BUILD)/propcheck

robust: hostile canary oom
