# falco-ipfeed: build, test, demo, install.
#   make demo    install what is missing, build, run the update twice on the bundled sample feed
#   make test    install what is missing, build, lint, run every test (the system test as root)
#   make system-test   falco-ipfeed under a real systemd in a booted Debian 12 container (root)
#   make soak    the daemon for SOAK_SECONDS (600) under SIGUSR1 every 0.2 s and a faulty feed
#   make fuzz    every libFuzzer harness for FUZZ_SECONDS (default 300) each (Fuzz/run.sh)
#   make leaks   once (each kind of cycle) and the Falco plugin under LeakSanitizer (Tests/Leaks)
#   make install / uninstall   (honour DESTDIR and PREFIX)
#   make deb     the Debian package falco-ipfeed_VERSION_ARCH.deb, checked with lintian

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib
BINARY = .build/release/falco-ipfeed
# Falco's plugin directory, where make install and the package put the plugin, built by
# `make build` (the product falco-ipfeed-plugin).
PLUGIN_DIR = /usr/share/falco/plugins
PLUGIN_LIBRARY = .build/release/libfalco-ipfeed-plugin.so

# Debian packages the build and the tests need.
DEB_PACKAGES = pkg-config libcurl4-openssl-dev libssl-dev libsystemd-dev libsqlite3-dev nginx \
  python3

DEMO_DIR = $(CURDIR)/demo
DEMO_FEED = $(CURDIR)/Tests/Fixtures/sample-ipsum.txt

.PHONY: all deps build test lint demo install uninstall clean system-test system-test-deps soak \
  deb deb-deps fuzz leaks bench bench-deps

all: build

deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources \
	  Benchmarks/Package.swift Benchmarks/Sources

# Fuzzing (Fuzz/, a package of its own: the daemon's build never sees the harnesses). The
# toolchain brings libFuzzer and the sanitizers; make test runs a short smoke of each harness.
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_HARNESSES ?=

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh $(FUZZ_HARNESSES)

# LeakSanitizer over once (first run, unchanged, changed, failed) against a loopback server,
# and over the Falco plugin loaded by its C harness.
LEAK_PACKAGES = python3

leaks: deps
	@if ! dpkg-query -W -f='$${Status}' $(LEAK_PACKAGES) 2>/dev/null | grep -q 'install ok installed'; then \
	  echo "make leaks: installing $(LEAK_PACKAGES)"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make leaks: run as root to install: $(LEAK_PACKAGES)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(LEAK_PACKAGES); \
	fi
	SWIFT=$(SWIFT) bash Tests/Leaks/run.sh

# build first: the plugin's linkage tests check the release library.
test: deps lint build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	FALCO_IPFEED_SOAK_SECONDS=60 $(SWIFT) test --skip-build --filter SoakTests
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)
	$(MAKE) --no-print-directory leaks
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make test: system test skipped: it needs root (systemd-nspawn, debootstrap); run sudo make system-test"; \
	elif ! $(MAKE) --no-print-directory system-test-deps; then \
	  echo "make test: system test skipped: could not install $(SYSTEM_TEST_PACKAGES)"; \
	else \
	  $(MAKE) --no-print-directory system-test; \
	fi

# The soak (Tests/IPFeedSystemTests/Soak): `make test` runs it for 60 s.
SOAK_SECONDS ?= 600

soak: deps
	$(SWIFT) build --build-tests
	FALCO_IPFEED_SOAK_SECONDS=$(SOAK_SECONDS) $(SWIFT) test --skip-build --filter SoakTests

# The system test (Tests/System/run.sh): falco-ipfeed installed and run under a real systemd in a
# booted Debian 12 container. Needs root, these packages and, the first time, Debian's mirror
# (the container's rootfs is cached in /var/cache/falco-ipfeed/system-test).
SYSTEM_TEST_PACKAGES = systemd-container debootstrap python3

system-test-deps:
	@missing=""; \
	for package in $(SYSTEM_TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make system-test-deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make system-test-deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# make bench: release builds of falco-ipfeed and of the benchmark package (Benchmarks/), then
# the tables: stages, whole processes beside the shell pipeline and Python, once, the daemon,
# instructions (valgrind), bytes on the wire, a fleet behind one cache. Fails on no timing.
BENCH_PACKAGES = python3 valgrind

bench-deps:
	@missing=""; \
	for package in $(BENCH_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make bench-deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make bench-deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

bench: build bench-deps
	cd Benchmarks && $(SWIFT) build -c release
	bash Benchmarks/scripts/bench.sh

system-test: build system-test-deps deb-deps
	bash Tests/System/run.sh

demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)/rules.d
	@printf '%s\n' \
	  "# falco-ipfeed demo: the bundled synthetic sample feed, output under $(DEMO_DIR)" \
	  "interval: 6h" \
	  "state_directory: $(DEMO_DIR)/state" \
	  "sources:" \
	  "  - name: sample" \
	  "    url: file://$(DEMO_FEED)" \
	  "    format: ipsum" \
	  "    threshold: 3" \
	  "output:" \
	  "  path: $(DEMO_DIR)/rules.d/falco-ipfeed.yaml" \
	  "falco:" \
	  "  reload: none" \
	  "  validate: never" > $(DEMO_DIR)/falco-ipfeed.yaml
	@echo "== falco-ipfeed check-config --config demo/falco-ipfeed.yaml"
	@$(BINARY) check-config --config $(DEMO_DIR)/falco-ipfeed.yaml > /dev/null && echo "config valid"
	@echo "== first run: writes the rules file"
	@$(BINARY) once --config $(DEMO_DIR)/falco-ipfeed.yaml
	@echo "== second run: same feed, nothing to write"
	@$(BINARY) once --config $(DEMO_DIR)/falco-ipfeed.yaml
	@echo "== head of $(DEMO_DIR)/rules.d/falco-ipfeed.yaml"
	@head -n 16 $(DEMO_DIR)/rules.d/falco-ipfeed.yaml
	@echo "   ..."
	@echo "== falco-ipfeed history: what changed, and when"
	@$(BINARY) history --config $(DEMO_DIR)/falco-ipfeed.yaml
	@address=$$(grep -m1 '^    - "' $(DEMO_DIR)/rules.d/falco-ipfeed.yaml | cut -d'"' -f2); \
	  echo "== falco-ipfeed lookup $$address: listed? since when?"; \
	  $(BINARY) lookup --config $(DEMO_DIR)/falco-ipfeed.yaml $$address
	@echo "== the rules file is $(DEMO_DIR)/rules.d/falco-ipfeed.yaml"

install:
	install -D -m 0755 $(BINARY) $(DESTDIR)$(PREFIX)/bin/falco-ipfeed
	install -D -m 0755 -s $(PLUGIN_LIBRARY) $(DESTDIR)$(PLUGIN_DIR)/libfalco-ipfeed.so
	install -d $(DESTDIR)/etc/systemd/system
	sed 's|/usr/local/bin/falco-ipfeed|$(PREFIX)/bin/falco-ipfeed|' systemd/falco-ipfeed.service \
	  > $(DESTDIR)/etc/systemd/system/falco-ipfeed.service
	chmod 0644 $(DESTDIR)/etc/systemd/system/falco-ipfeed.service
	install -D -m 0644 systemd/falco-ipfeed.catalog $(DESTDIR)/usr/lib/systemd/catalog/falco-ipfeed.catalog
	@if [ -z "$(DESTDIR)" ] && command -v journalctl >/dev/null; then journalctl --update-catalog || true; fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@if [ -e $(DESTDIR)/etc/falco-ipfeed/falco-ipfeed.yaml ]; then \
	  echo "keeping the existing $(DESTDIR)/etc/falco-ipfeed/falco-ipfeed.yaml"; \
	else \
	  install -D -m 0640 etc/falco-ipfeed/falco-ipfeed.yaml $(DESTDIR)/etc/falco-ipfeed/falco-ipfeed.yaml; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl disable --now falco-ipfeed.service || true; fi
	rm -f $(DESTDIR)$(PREFIX)/bin/falco-ipfeed $(DESTDIR)/etc/systemd/system/falco-ipfeed.service
	rm -f $(DESTDIR)$(PLUGIN_DIR)/libfalco-ipfeed.so
	rm -f $(DESTDIR)/usr/lib/systemd/catalog/falco-ipfeed.catalog
	@echo "kept $(DESTDIR)/etc/falco-ipfeed/ and /var/lib/falco-ipfeed/: remove them by hand if you want them gone"

# The Debian package, from the release build: Debian's places (/usr/bin, /usr/lib/systemd/system),
# the config as a conffile, the catalog, the man page falco-ipfeed(8) (swift-argument-parser's
# generate-manual plugin), bash, zsh and fish completions, and the Falco plugin. debian/ holds
# the packaging; debian/rules runs debhelper on what this target stages under staged/.
#   DEB_VERSION   the package's version (default: the project's, Sources/IPFeedCore/Version.swift,
#                 which must be debian/changelog's latest); another one gets a changelog entry
#   DEB_CONFIG    the default config to ship (a site's own defaults)
#   DEB_FILE      where to put the .deb
#   DEB_COMPRESSION  dpkg-deb's compressor, and its options: xz (default); "gzip -z1" packs the same
#                 files in seconds instead of a minute
VERSION := $(shell sed -n 's/.*static let string = "\(.*\)".*/\1/p' Sources/IPFeedCore/Version.swift)
DEB_VERSION ?= $(VERSION)
DEB_CONFIG ?= etc/falco-ipfeed/falco-ipfeed.yaml
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_FILE ?= falco-ipfeed_$(DEB_VERSION)_$(DEB_ARCH).deb
DEB_COMPRESSION ?= xz
DEB_WORK = .build/deb
DEB_TREE = $(DEB_WORK)/falco-ipfeed-$(DEB_VERSION)
DEB_MAINTAINER = falco-ipfeed maintainers <maintainers@users.noreply.r-seed-99f80702.example>
DEB_BUILD_PACKAGES = debhelper lintian

deb-deps:
	@missing=""; \
	for package in $(DEB_BUILD_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deb-deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deb-deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deb: build deb-deps
	@latest=$$(dpkg-parsechangelog -l debian/changelog -S Version); \
	if [ "$$latest" != "$(VERSION)" ]; then \
	  echo "make deb: debian/changelog's latest entry is $$latest, but Sources/IPFeedCore/Version.swift says $(VERSION): add an entry for $(VERSION) to debian/changelog" >&2; \
	  exit 1; \
	fi
	rm -rf $(DEB_TREE)
	mkdir -p $(DEB_TREE)/staged
	cp -R debian $(DEB_TREE)/debian
	@if [ "$(DEB_VERSION)" != "$(VERSION)" ]; then \
	  { printf 'falco-ipfeed (%s) bookworm; urgency=medium\n\n  * falco-ipfeed %s, packaged as %s.\n\n -- %s  %s\n\n' \
	      "$(DEB_VERSION)" "$(VERSION)" "$(DEB_VERSION)" "$(DEB_MAINTAINER)" "$$(date -R)"; \
	    cat debian/changelog; } > $(DEB_TREE)/debian/changelog; \
	fi
	sed 's|^ExecStart=/usr/local/bin/falco-ipfeed |ExecStart=/usr/bin/falco-ipfeed |' systemd/falco-ipfeed.service \
	  > $(DEB_TREE)/debian/falco-ipfeed.service
	grep -q '^ExecStart=/usr/bin/falco-ipfeed ' $(DEB_TREE)/debian/falco-ipfeed.service
	install -D -m 0755 $(BINARY) $(DEB_TREE)/staged/usr/bin/falco-ipfeed
	install -D -m 0644 $(DEB_CONFIG) $(DEB_TREE)/staged/etc/falco-ipfeed/falco-ipfeed.yaml
	install -D -m 0644 systemd/falco-ipfeed.catalog $(DEB_TREE)/staged/usr/lib/systemd/catalog/falco-ipfeed.catalog
	install -D -m 0644 README.md $(DEB_TREE)/staged/README.md
	mkdir -p $(DEB_TREE)/staged/usr/share/bash-completion/completions \
	  $(DEB_TREE)/staged/usr/share/zsh/vendor-completions $(DEB_TREE)/staged/usr/share/fish/vendor_completions.d
	$(BINARY) --generate-completion-script bash | sed '1{/^#!/d}' > $(DEB_TREE)/staged/usr/share/bash-completion/completions/falco-ipfeed
	$(BINARY) --generate-completion-script zsh > $(DEB_TREE)/staged/usr/share/zsh/vendor-completions/_falco-ipfeed
	$(BINARY) --generate-completion-script fish > $(DEB_TREE)/staged/usr/share/fish/vendor_completions.d/falco-ipfeed.fish
	$(SWIFT) package generate-manual --configuration debug --section 8 \
	  --date "$$(date -u -d "$$(dpkg-parsechangelog -l $(DEB_TREE)/debian/changelog -S Date)" +%F)" \
	  --authors "$(DEB_MAINTAINER)"
	install -m 0644 .build/plugins/GenerateManual/outputs/falco-ipfeed/falco-ipfeed.8 $(DEB_TREE)/staged/falco-ipfeed.8
	install -D -m 0644 $(PLUGIN_LIBRARY) $(DEB_TREE)/staged$(PLUGIN_DIR)/libfalco-ipfeed.so
	cd $(DEB_TREE) && DEB_COMPRESSION="$(DEB_COMPRESSION)" dpkg-buildpackage --build=binary --no-sign
	lintian --fail-on error,warning $(DEB_WORK)/falco-ipfeed_$(DEB_VERSION)_$(DEB_ARCH).deb
	cp $(DEB_WORK)/falco-ipfeed_$(DEB_VERSION)_$(DEB_ARCH).deb $(DEB_FILE)
	@echo "make deb: built $(DEB_FILE)"

clean:
	rm -rf .build .build-asan Fuzz/.build Benchmarks/.build $(DEMO_DIR) falco-ipfeed_*.deb
