# Shenfa (审发) — build, test and packaging. `make help` lists the targets.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Go from the official tarball lives in /usr/local/go/bin, which is not always on PATH.
ifeq ($(shell command -v go 2>/dev/null),)
export PATH := $(PATH):/usr/local/go/bin
endif

GO       ?= go
BIN      := bin/shenfa
DEMO_DB  := .demo/workspace.db
DIST     := dist
VERSION  := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n1)
APP_NAME := $(shell sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n1)
PKG      := $(DIST)/shenfa-$(VERSION)-linux-$(shell $(GO) env GOARCH 2>/dev/null).tar.xz
# The fyne packaging tool, pinned (fyne.io/tools v1.7.0) with checksums in .ci/tools/go.mod.
FYNE     := bin/tools/fyne

# Debian 12 packages: to build (cgo + GLFW) and to run the GUI smoke test under Xvfb.
DEPS_BUILD := ca-certificates gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
              libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
DEPS_GUI   := xvfb xauth xdotool x11-utils imagemagick libgl1-mesa-dri
DEPS_PKG   := xz-utils
# A reader other than Shenfa for the annotated .docx test (sensitive/docxnote): python-docx with lxml.
# poppler-utils and qpdf check the PDF records (archive/recordpdf): qpdf --check, pdffonts, pdftotext, pdfdetach;
# libnss3-tools gives certutil, to put the workspace CA into an NSS database for pdfsig.
DEPS_TEST  := python3-docx python3-lxml poppler-utils qpdf libnss3-tools

# install_debs <packages>: install the missing ones (as root) or say how to (otherwise).
define install_debs
missing=(); \
for p in $(1); do \
  s=$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null || true); \
  [[ "$$s" == "install ok installed" ]] || missing+=("$$p"); \
done; \
if (( $${#missing[@]} == 0 )); then exit 0; fi; \
if [[ $$(id -u) -ne 0 ]]; then \
  echo "Missing Debian packages: $${missing[*]}" >&2; \
  echo "Install them with:" >&2; \
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $${missing[*]}" >&2; \
  exit 1; \
fi; \
echo "Installing missing Debian packages: $${missing[*]}"; \
export DEBIAN_FRONTEND=$${DEBIAN_FRONTEND:-noninteractive}; \
apt-get update && apt-get install -y --no-install-recommends "$${missing[@]}"
endef

.PHONY: help deps deps-build deps-gui deps-test deps-pkg build run test fmt-check vet unit smoke bench shots fuzz release package clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

deps: deps-build deps-gui ## install (as root) or list the Debian packages needed to build and test

deps-build: ## Debian packages needed to build (gcc, GL/X11 headers) and a Go toolchain
	@$(call install_debs,$(DEPS_BUILD))
	@command -v $(GO) >/dev/null || { echo "Go is not installed (need Go 1.26: https://go.dev/dl/, into /usr/local/go)" >&2; exit 1; }

deps-gui: ## Debian packages needed by the GUI smoke test (Xvfb, xdotool, x11-utils, imagemagick) and xvfb-run
	@$(call install_debs,$(DEPS_GUI))

deps-test: ## Debian packages the tests read annotated .docx files with (python3-docx, python3-lxml)
	@$(call install_debs,$(DEPS_TEST))

deps-pkg: ## Debian packages needed by `make package` (xz)
	@$(call install_debs,$(DEPS_PKG))

build: deps-build ## go build -o bin/shenfa .
	$(GO) build -o $(BIN) .

run: deps build ## build and start the app on .demo/workspace.db (demo accounts created on first run)
	@if [[ -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo "make run: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2; \
	  echo "Run it from a desktop session, or under a virtual X server: xvfb-run -a make run" >&2; \
	  exit 1; \
	fi
	@if [[ ! -e $(DEMO_DB) ]]; then \
	  mkdir -p $(dir $(DEMO_DB)); \
	  echo "Creating demo workspace $(DEMO_DB); note the demo accounts' passwords:"; \
	  $(BIN) init --demo --db $(DEMO_DB); \
	fi
	$(BIN) --db $(DEMO_DB)

test: deps deps-test ## gofmt check, go vet, go test -race, build, GUI smoke test (in that order)
	@for t in fmt-check vet unit build smoke; do $(MAKE) --no-print-directory $$t || exit 1; done

fmt-check: ## fail if gofmt would change any file
	@files=$$(gofmt -l . ); \
	if [[ -n "$$files" ]]; then echo "gofmt: these files need formatting (run gofmt -w):" >&2; echo "$$files" >&2; exit 1; fi; \
	echo "gofmt: ok"

vet: ## go vet ./...
	$(GO) vet ./...

unit: ## go test -race ./... (60 minutes a package: the UI tests under the race detector take many on 2 cores)
	$(GO) test -race -timeout 60m ./...

smoke: ## GUI smoke test of bin/shenfa under Xvfb (screenshot in .ci/artifacts/smoke.png)
	.ci/smoke

bench: deps ## run the benchmarks one package at a time (parallel packages would share the CPUs), start-up under Xvfb when there is no display (output also in bench.txt)
	@if [[ -n "$${DISPLAY:-}" ]]; then run=(); else run=(xvfb-run -a -s "-screen 0 1280x800x24"); fi; \
	LIBGL_ALWAYS_SOFTWARE=1 "$${run[@]}" $(GO) test -p 1 -run '^$$' -bench . -benchmem ./... | tee bench.txt
	@echo; echo "Against the targets:"; .ci/bench-report bench.txt

# The screenshot scripts `make shots` plays (docs/shots/README.md); SHOTS=docs/shots/signin.txt plays one.
SHOTS ?= $(wildcard docs/shots/*.txt)
shots: deps-build deps-gui ## build bin/shenfa-shots (-tags shots) and play each docs/shots/*.txt under Xvfb on a fresh demo workspace; the PNGs go into docs/
	$(GO) build -tags shots -o bin/shenfa-shots .
	@# Fyne's preferences and caches live in the temporary directory, as in .ci/smoke; every script
	@# gets its own copy of one demo workspace and empty preferences. Mesa's llvmpipe reads frames
	@# back as black under Xvfb, softpipe does not; FYNE_SCALE=1 keeps the pixels the same everywhere.
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/shenfa-shots.XXXXXX"); trap 'rm -rf "$$tmp"' EXIT; \
	export XDG_CONFIG_HOME="$$tmp/config" XDG_CACHE_HOME="$$tmp/cache" XDG_DATA_HOME="$$tmp/data"; \
	bin/shenfa-shots init --demo --db "$$tmp/demo.db" >"$$tmp/init.log" 2>&1 || { cat "$$tmp/init.log" >&2; exit 1; }; \
	for s in $(SHOTS); do \
	  echo "shots: $$s"; \
	  rm -rf "$$tmp/ws" "$$tmp/config" "$$tmp/cache" "$$tmp/data"; mkdir "$$tmp/ws"; \
	  for f in "$$tmp"/demo.db*; do cp "$$f" "$$tmp/ws/ws.db$${f#"$$tmp"/demo.db}"; done; \
	  SHENFA_SHOTS="$$s" GALLIUM_DRIVER=softpipe LIBGL_ALWAYS_SOFTWARE=1 FYNE_SCALE=1 \
	    xvfb-run -a -s "-screen 0 1600x1000x24" bin/shenfa-shots --db "$$tmp/ws/ws.db" || exit 1; \
	done

FUZZTIME ?= 30s
fuzz: ## run every fuzz target for FUZZTIME each (default 30s)
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s $$pkg || exit 1; \
	  done; \
	done

release: deps-build ## optimised dist/shenfa, version from FyneApp.toml
	CGO_ENABLED=1 $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(DIST)/shenfa .

package: deps-build deps-pkg $(FYNE) ## Linux tar.xz package in dist/ (fyne package --release)
	@mkdir -p $(DIST)
	rm -f "$(APP_NAME).tar.xz"
	@# fyne package rewrites FyneApp.toml to bump Build after every run: keep the file as it is.
	cp FyneApp.toml $(DIST)/.FyneApp.toml.orig; st=0; \
	GOFLAGS="$${GOFLAGS:-} -ldflags=-X=main.version=$(VERSION)" $(FYNE) package -os linux --release || st=$$?; \
	mv -f $(DIST)/.FyneApp.toml.orig FyneApp.toml; exit $$st
	@# The fonts' licences (the Arphic licence must travel with every copy) go in usr/local/share/doc.
	rm -rf $(DIST)/.pkg && mkdir -p $(DIST)/.pkg/usr/local/share/doc/shenfa
	tar -xJf "$(APP_NAME).tar.xz" -C $(DIST)/.pkg && rm -f "$(APP_NAME).tar.xz"
	cp -r assets/licenses $(DIST)/.pkg/usr/local/share/doc/shenfa/
	tar -cJf $(PKG) -C $(DIST)/.pkg usr Makefile && rm -rf $(DIST)/.pkg
	@echo "package: $(PKG)"; tar -tvJf $(PKG)

$(FYNE): .ci/tools/go.mod .ci/tools/go.sum
	$(GO) build -C .ci/tools -o $(CURDIR)/$(FYNE) fyne.io/tools/cmd/fyne

clean: ## remove build outputs (bin/, dist/, bench.txt, .ci/artifacts/); keeps .demo/
	rm -rf bin $(DIST) bench.txt .ci/artifacts shenfa tmp-pkg "$(APP_NAME).tar.xz"
