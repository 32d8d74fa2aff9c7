#include "CCurl.h"

#include "CLibraryLoader.h"

enum {
  GLOBAL_INIT,
  EASY_INIT,
  EASY_CLEANUP,
  EASY_PERFORM,
  EASY_STRERROR,
  EASY_SETOPT,
  EASY_GETINFO,
  SLIST_APPEND,
  SLIST_FREE_ALL,
  SYMBOL_COUNT
};

static const char *const symbol_names[SYMBOL_COUNT] = {
    [GLOBAL_INIT] = "curl_global_init",     [EASY_INIT] = "curl_easy_init",
    [EASY_CLEANUP] = "curl_easy_cleanup",   [EASY_PERFORM] = "curl_easy_perform",
    [EASY_STRERROR] = "curl_easy_strerror", [EASY_SETOPT] = "curl_easy_setopt",
    [EASY_GETINFO] = "curl_easy_getinfo",   [SLIST_APPEND] = "curl_slist_append",
    [SLIST_FREE_ALL] = "curl_slist_free_all",
};
FALCO_IPFEED_LIBRARY(libcurl, "libcurl.so.4", "libcurl4");

typedef CURLcode (*setopt_function)(CURL *, CURLoption, ...);
typedef CURLcode (*getinfo_function)(CURL *, CURLINFO, ...);
#define SETOPT ((setopt_function)symbols[EASY_SETOPT])
#define GETINFO ((getinfo_function)symbols[EASY_GETINFO])

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static CURLcode global_result = CURLE_FAILED_INIT;
static const char *global_error = NULL;
static bool global_tried = false;

CURLcode ccurl_load(const char **error) {
  pthread_mutex_lock(&global_lock);
  if (!global_tried) {
    global_tried = true;
    if (!falco_ipfeed_library_load(&libcurl)) {
      global_error = libcurl.error;
    } else {
      global_result = ((CURLcode (*)(long))symbols[GLOBAL_INIT])(CURL_GLOBAL_DEFAULT);
      if (global_result != CURLE_OK) global_error = "curl_global_init failed";
    }
  }
  CURLcode result = global_result;
  *error = global_error;
  pthread_mutex_unlock(&global_lock);
  return result;
}

CURL *ccurl_easy_init(void) { return ((CURL * (*)(void)) symbols[EASY_INIT])(); }

void ccurl_easy_cleanup(CURL *handle) { ((void (*)(CURL *))symbols[EASY_CLEANUP])(handle); }

CURLcode ccurl_easy_perform(CURL *handle) {
  return ((CURLcode (*)(CURL *))symbols[EASY_PERFORM])(handle);
}

const char *ccurl_easy_strerror(CURLcode code) {
  const char *error = NULL;
  if (symbols[EASY_STRERROR] == NULL && ccurl_load(&error) != CURLE_OK) return error;
  return ((const char *(*)(CURLcode))symbols[EASY_STRERROR])(code);
}

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
  return ((struct curl_slist * (*)(struct curl_slist *, const char *)) symbols[SLIST_APPEND])(
      list, line);
}

void ccurl_slist_free_all(struct curl_slist *list) {
  // Called from deinit with an empty list too; libcurl accepts NULL.
  if (list == NULL) return;
  ((void (*)(struct curl_slist *))symbols[SLIST_FREE_ALL])(list);
}

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return SETOPT(handle, option, value);
}

CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return SETOPT(handle, option, value);
}

CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return SETOPT(handle, option, value);
}

CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
  return SETOPT(handle, option, value);
}

CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                          curl_write_callback callback) {
  return SETOPT(handle, option, callback);
}

CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                             curl_xferinfo_callback callback) {
  return SETOPT(handle, option, callback);
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return GETINFO(handle, info, value);
}

CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return GETINFO(handle, info, value);
}

CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
  return GETINFO(handle, info, value);
}
