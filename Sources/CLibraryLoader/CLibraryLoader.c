#include "CLibraryLoader.h"

#include <dlfcn.h>
#include <stdio.h>

static int load_locked(falco_ipfeed_library *library) {
  // RTLD_LOCAL: the library's symbols serve only the pointers resolved here, so nothing else in
  // the process binds to them by accident. Never closed: libcurl and OpenSSL do not support
  // being unloaded.
  void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    snprintf(library->error, sizeof library->error,
             "%s could not be loaded (%s): install Debian's %s", library->soname, dlerror(),
             library->package);
    return -1;
  }
  for (size_t index = 0; index < library->symbol_count; index++) {
    void *address = dlsym(handle, library->symbol_names[index]);
    if (address == NULL) {
      snprintf(library->error, sizeof library->error,
               "%s has no %s: it is older than falco-ipfeed needs; upgrade Debian's %s",
               library->soname, library->symbol_names[index], library->package);
      for (size_t filled = 0; filled < index; filled++) library->symbol_slots[filled] = NULL;
      return -1;
    }
    library->symbol_slots[index] = address;
  }
  return 1;
}

bool falco_ipfeed_library_load(falco_ipfeed_library *library) {
  pthread_mutex_lock(&library->lock);
  if (library->state == 0) library->state = load_locked(library);
  int state = library->state;
  pthread_mutex_unlock(&library->lock);
  return state == 1;
}
