# Targets: build, test, demo, fuzz, dist. See README.md.
GO       ?= go
BIN      ?= bin/aello-import
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/aello-copilot/aello-import/cli.Version=$(VERSION)
FUZZTIME ?= 30s

PLATFORMS := linux/amd64 windows/amd64 darwin/amd64 darwin/arm64

.PHONY: build test demo fuzz dist soak bench clean

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

# Every test: unit tests, fuzz seeds, and the end-to-end scripts that run
# the real binary against the sandbox emulator over loopback.
test:
	$(GO) vet ./...
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null .
	$(GO) test -race -count=1 ./...

# The long forms of the crash, fault and interrupt tests: 10,000 rows,
# 50 kills with SIGKILL, 10 interrupts. They run the real binary against
# the sandbox emulator over loopback and take a few minutes.
soak:
	AELLO_SOAK=1 $(GO) test ./cli -run 'Crash|Fault|Interrupt' -v -count=1 -timeout 30m

# Imports the bundled samples into an in-process sandbox; reports go to
# aello-demo/.
demo: build
	./$(BIN) demo

# Runs each fuzz target for FUZZTIME.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$target"; \
			$(GO) test $$pkg -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) || exit 1; \
		done; \
	done

# Measures speed and memory next to Miller, xlsx2csv, excelize and hey,
# and writes BENCHMARKS.md. It installs the comparison tools with apt-get
# when missing, and takes under 20 minutes on 2 cores because the optional
# check of a 1,000,000-row workbook stops when measure's 18-minute budget
# runs out. Pass measure's flags in BENCH_FLAGS, such as '-runs 5'.
bench:
	bench/run.sh $(BENCH_FLAGS)

# One binary per platform in dist/, with the version stamped in.
dist:
	@for platform in $(PLATFORMS); do \
		os=$${platform%/*}; arch=$${platform#*/}; ext=; \
		[ $$os = windows ] && ext=.exe; \
		out=dist/aello-import-$(VERSION)-$$os-$$arch$$ext; \
		echo "== $$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$out . || exit 1; \
	done

clean:
	rm -rf bin dist aello-demo
