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
           src/resolve_catalog.c src/resolve_values.c src/aws_data.c src/suppress.c src/check.c \
           src/render.c src/render_json.c src/render_sarif.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
HEADERS  = include/propcheck.h src/pc_internal.h
CLI_SRCS = src/main.c src/cli_config.c src/cli_fix.c src/cli_docs.c
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

test: all unit fixtures sarif

# SARIF validation with Microsoft's validator (skipped where npx is missing).
sarif: $(BUILD)/propcheck
	@sh test/validate_sarif.sh $(BUILD)/propcheck

check: test asan

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
	rm -rf build build-asan
