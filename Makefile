# falco-ipfeed: build, test, demo, install.
#   make demo    install what is missing, build, run the update twice on the bundled sample feed
#   make test    install what is missing, build, lint, run every test (the system test as root)
#   make system-test   falco-ipfeed under a real systemd in a booted Debian 12 container (root)
#   make install / uninstall   (honour DESTDIR and PREFIX)

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib
BINARY = .build/release/falco-ipfeed

# Debian packages the build and the tests need.
DEB_PACKAGES = pkg-config libcurl4-openssl-dev libssl-dev libsystemd-dev libsqlite3-dev nginx \
  python3

DEMO_DIR = $(CURDIR)/demo
DEMO_FEED = $(CURDIR)/Tests/Fixtures/sample-ipsum.txt

.PHONY: all deps build test lint demo install uninstall clean system-test system-test-deps \
  bench bench-deps

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
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests \
	  Benchmarks/Package.swift Benchmarks/Sources

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make test: system test skipped: it needs root (systemd-nspawn, debootstrap); run sudo make system-test"; \
	elif ! $(MAKE) --no-print-directory system-test-deps; then \
	  echo "make test: system test skipped: could not install $(SYSTEM_TEST_PACKAGES)"; \
	else \
	  $(MAKE) --no-print-directory system-test; \
	fi

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
	rm -rf .build Benchmarks/.build $(DEMO_DIR)
