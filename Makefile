# falco-ipfeed: build, test, demo, install.
#   make demo    install what is missing, build, run the update twice on the bundled sample feed
#   make test    install what is missing, build, lint, run every test (the system test as root)
#   make system-test   falco-ipfeed under a real systemd in a booted Debian 12 container (root)
#   make soak    the daemon for SOAK_SECONDS (600) under SIGUSR1 every 0.2 s and a faulty feed
#   make fuzz    every libFuzzer harness for FUZZ_SECONDS (default 300) each (Fuzz/run.sh)
#   make leaks   once through its four kinds of cycle under LeakSanitizer (Tests/Leaks/run.sh)
#   make install / uninstall   (honour DESTDIR and PREFIX)

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib
BINARY = .build/release/falco-ipfeed

# Debian packages the build and the tests need.
DEB_PACKAGES = pkg-config libcurl4-openssl-dev libssl-dev libsystemd-dev libsqlite3-dev nginx

DEMO_DIR = $(CURDIR)/demo
DEMO_FEED = $(CURDIR)/Tests/Fixtures/sample-ipsum.txt

.PHONY: all deps build test lint demo install uninstall clean system-test system-test-deps soak \
  fuzz leaks

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
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources

# Fuzzing (Fuzz/, a package of its own: the daemon's build never sees the harnesses). The
# toolchain brings libFuzzer and the sanitizers; make test runs a short smoke of each harness.
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_HARNESSES ?=

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh $(FUZZ_HARNESSES)

# LeakSanitizer over once (first run, unchanged, changed, failed) against a loopback server.
LEAK_PACKAGES = python3

leaks: deps
	@if ! dpkg-query -W -f='$${Status}' $(LEAK_PACKAGES) 2>/dev/null | grep -q 'install ok installed'; then \
	  echo "make leaks: installing $(LEAK_PACKAGES)"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make leaks: run as root to install: $(LEAK_PACKAGES)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(LEAK_PACKAGES); \
	fi
	SWIFT=$(SWIFT) bash Tests/Leaks/run.sh

test: deps lint
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

system-test: build system-test-deps
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
	  install -D -m 0644 etc/falco-ipfeed/falco-ipfeed.yaml $(DESTDIR)/etc/falco-ipfeed/falco-ipfeed.yaml; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl disable --now falco-ipfeed.service || true; fi
	rm -f $(DESTDIR)$(PREFIX)/bin/falco-ipfeed $(DESTDIR)/etc/systemd/system/falco-ipfeed.service
	rm -f $(DESTDIR)/usr/lib/systemd/catalog/falco-ipfeed.catalog
	@echo "kept $(DESTDIR)/etc/falco-ipfeed/ and /var/lib/falco-ipfeed/: remove them by hand if you want them gone"

clean:
	rm -rf .build .build-asan Fuzz/.build $(DEMO_DIR)
