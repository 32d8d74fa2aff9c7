#ifndef FALCO_IPFEED_CCURL_SHIM_H
#define FALCO_IPFEED_CCURL_SHIM_H

// Swift cannot call C variadic functions, so curl_easy_setopt and curl_easy_getinfo are wrapped
// here in typed functions, one per argument type. The option or info constant decides which
// wrapper is right (see its CURLOPTTYPE_* / CURLINFO_* type in curl.h).

// The typecheck macros of typecheck-gcc.h would wrap the calls below; the wrappers are already
// typed, so use the plain functions.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/// curl_global_init(CURL_GLOBAL_DEFAULT): CURL_GLOBAL_DEFAULT is a macro expression.
static inline CURLcode ccurl_global_init_default(void) {
  return curl_global_init(CURL_GLOBAL_DEFAULT);
}

// MARK: - curl_easy_setopt

/// Options of type CURLOPTTYPE_LONG (and CURLOPTTYPE_VALUES).
static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

/// Options of type CURLOPTTYPE_STRINGPOINT. libcurl copies the string.
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option,
                                                const char *value) {
  return curl_easy_setopt(handle, option, value);
}

/// Options of type CURLOPTTYPE_OBJECTPOINT, CURLOPTTYPE_CBPOINT and CURLOPTTYPE_SLISTPOINT.
static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

/// Options of type CURLOPTTYPE_OFF_T.
static inline CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option,
                                               curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
static inline CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                                        curl_write_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

/// CURLOPT_XFERINFOFUNCTION.
static inline CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                                           curl_xferinfo_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

// MARK: - curl_easy_getinfo

/// Infos of type CURLINFO_LONG.
static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}

/// Infos of type CURLINFO_OFF_T.
static inline CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info,
                                                curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

/// Infos of type CURLINFO_STRING. The string belongs to the handle: copy it before the next
/// transfer or curl_easy_cleanup.
static inline CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info,
                                                 const char **value) {
  return curl_easy_getinfo(handle, info, value);
}

#endif
