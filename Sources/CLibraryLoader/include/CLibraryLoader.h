#ifndef FALCO_IPFEED_CLIBRARYLOADER_H
#define FALCO_IPFEED_CLIBRARYLOADER_H

// A shared library loaded with dlopen on first use instead of at process start.
//
// libcurl, libsystemd and libcrypto bring some forty libraries with them. Linked as NEEDED
// entries, every run of every command would map them and resolve their symbols, which is most
// of the cost of a short command such as `render` or `lookup`. Loaded here, only the commands
// that fetch over HTTP, notify systemd or hash a file pay for them, and a missing library is an
// error of that command that names the library rather than a loader failure at start.

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct falco_ipfeed_library {
  /// The file to dlopen: the library's soname, e.g. "libcurl.so.4".
  const char *soname;
  /// The Debian package that installs it, named in the error.
  const char *package;
  /// The symbols to resolve, and where each address goes: all or none are filled in.
  const char *const *symbol_names;
  void **symbol_slots;
  size_t symbol_count;
  /// Set by falco_ipfeed_library_load.
  pthread_mutex_t lock;
  int state; // 0 not tried, 1 loaded, -1 failed
  char error[512];
} falco_ipfeed_library;

/// Defines `static void *symbols[SYMBOL_COUNT]`, where the addresses of `symbol_names` go, and
/// `static falco_ipfeed_library NAME` for SONAME from PACKAGE: each library's file declares its
/// `enum { …, SYMBOL_COUNT }` and `symbol_names`, then this.
#define FALCO_IPFEED_LIBRARY(NAME, SONAME, PACKAGE)                                             \
  static void *symbols[SYMBOL_COUNT];                                                            \
  static falco_ipfeed_library NAME = {                                                           \
      .soname = SONAME,                                                                          \
      .package = PACKAGE,                                                                        \
      .symbol_names = symbol_names,                                                              \
      .symbol_slots = symbols,                                                                   \
      .symbol_count = SYMBOL_COUNT,                                                              \
      .lock = PTHREAD_MUTEX_INITIALIZER,                                                         \
  }

/// Loads the library and resolves every symbol, once per process; later calls return the first
/// call's result. Thread-safe. Returns true when loaded; false with `library->error` set to a
/// sentence that names the library, the reason and the package to install.
bool falco_ipfeed_library_load(falco_ipfeed_library *library);

#endif
