# Amends: `make run` starts the app, `make test` runs every test. Both install what is
# missing first (on Debian/Ubuntu with apt-get; elsewhere they say what to install).

GO        ?= go
TAGS      := migrated_fynedo,sqlite_fts5
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
BUILD     := $(GO) build -tags $(TAGS) -trimpath -ldflags "$(LDFLAGS)"
DB        ?=
FUZZTIME  ?= 5s
BENCHTIME ?= 1s
STARTRUNS ?= 9
UIRUNS    ?= 200x
# `make test` also cross-compiles for these systems (CROSS= skips it).
CROSS     ?= windows
GOOS      := $(shell $(GO) env GOOS)
ARCH      := $(shell $(GO) env GOARCH)
PREFIX    ?= $(HOME)/.local
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

# Debian/Ubuntu packages: to build the app, and in addition to test it (cups and
# printer-driver-cups-pdf: the print test starts a private cupsd with a PDF printer).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev wayland-protocols
TEST_PKGS  := xvfb xauth poppler-utils imagemagick xdotool cups printer-driver-cups-pdf
# The Windows cross-compiler, for `make windows` (which `make test` runs).
WINDOWS_PKGS := gcc-mingw-w64-x86-64

# gofmt checks every Go file, the fpdf copy in third_party too (see its PATCHES.md).
GOFMT_FILES = .

# Every FuzzXxx in the tree runs for $(FUZZTIME) by `make test`, longer with `make fuzz`.
FUZZ_TARGETS = $(shell grep -rlE --include='*_test.go' --exclude-dir=third_party '^func Fuzz' . | while read f; do \
	for fn in $$(grep -oE '^func Fuzz[A-Za-z0-9_]+' $$f | cut -d' ' -f2); do echo "./$$(dirname $${f#./}):$$fn"; done; done)

.PHONY: all run build test bench lint fuzz clean deps deps-test deps-windows screenshots \
	package windows install-user uninstall-user

all: build

## deps: install missing build dependencies (Debian/Ubuntu), or say what to install.
deps:
	@./.ci/deps $(BUILD_PKGS)

deps-test:
	@./.ci/deps $(BUILD_PKGS) $(TEST_PKGS) $(WINDOWS_PKGS)

deps-windows:
	@./.ci/deps $(BUILD_PKGS) $(WINDOWS_PKGS)

## build: the amends binary in this folder.
build: deps
	$(BUILD) -o amends .

## run: build and start the app (DB=FILE to open another data file).
run: build
	./amends $(if $(DB),--db $(DB))

## test: vet, every unit and UI test, the concurrent PDF renders under the race detector
## (documents share the fonts fpdf parses once per process), vet and the tests of our fpdf
## patches, and a short fuzz of each fuzz target.
test: deps-test
	gofmt -l $(GOFMT_FILES) | (! grep .) || (echo "gofmt would change the files above"; exit 1)
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -count=1 ./...
	$(GO) test -tags $(TAGS) -count=1 -race -run Concurrent ./pdf/
	cd third_party/fpdf && $(GO) vet . && $(GO) test -count=1 -run Amends .
	./.ci/fuzz $(TAGS) $(FUZZTIME) $(FUZZ_TARGETS)
	$(if $(CROSS),$(MAKE) $(CROSS))
	@! git rev-parse --git-dir >/dev/null 2>&1 || git diff --quiet -- FyneApp.toml || \
		(echo "packaging left FyneApp.toml changed"; exit 1)

## fuzz: fuzz every target longer (FUZZTIME=1m by default here).
fuzz: FUZZTIME := 1m
fuzz: deps-test
	./.ci/fuzz $(TAGS) $(FUZZTIME) $(FUZZ_TARGETS)

## bench: the store, document, PDF, UI-thread and start-up benchmarks.
bench: deps-test
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./data/... ./pdf/... ./app/documents/...
	$(GO) test -tags $(TAGS) -run '^$$' -bench UIThread -benchtime $(UIRUNS) ./app/
	$(GO) run -tags $(TAGS) ./app/internal/startbench -runs $(STARTRUNS)

## lint: formatting and vet.
lint: deps
	gofmt -l $(GOFMT_FILES) | (! grep .) || (echo "gofmt would change the files above"; exit 1)
	$(GO) vet -tags $(TAGS) ./...

## screenshots: refresh the pictures in assets/screenshots/ from a demo database under Xvfb.
screenshots: build deps-test
	./.ci/screenshots ./amends assets/screenshots

## package: the installable app for this system in dist/ (Linux: .tar.xz; macOS: .app; Windows: .exe),
## stripped and trimmed, built by the pinned Fyne packaging tool.
package: deps
	./.ci/package $(GOOS) $(VERSION)

## windows: dist/Amends.exe for Windows (cross-compiled with mingw-w64 on Linux), with icon and version.
windows: deps-windows
	./.ci/package windows $(VERSION)

## install-user: install the Linux package under PREFIX (default ~/.local), into the app menu.
install-user: package
	./.ci/install-user dist/Amends-$(GOOS)-$(ARCH).tar.xz "$(PREFIX)"

uninstall-user:
	./.ci/install-user --uninstall "$(PREFIX)"

clean:
	rm -rf amends amends.exe dist
	$(GO) clean -testcache
