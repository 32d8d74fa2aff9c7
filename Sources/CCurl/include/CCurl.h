#ifndef FALCO_IPFEED_CCURL_H
#define FALCO_IPFEED_CCURL_H

// libcurl's easy interface, loaded on first use (see CLibraryLoader.h). curl.h gives the types
// and constants; its functions are not linked, so Swift calls the ccurl_ functions below, which
// call libcurl through the pointers resolved by ccurl_load.
//
// Swift cannot call C variadic functions, so curl_easy_setopt and curl_easy_getinfo are wrapped
// in typed functions, one per argument type. The option or info constant decides which wrapper
// is right (see its CURLOPTTYPE_* / CURLINFO_* type in curl.h).

// The typecheck macros of typecheck-gcc.h would wrap the calls; the wrappers are already typed.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <stdbool.h>

/// Loads libcurl.so.4 and calls curl_global_init(CURL_GLOBAL_DEFAULT), once per process.
/// Returns CURLE_OK, or an error code with `*error` set to a sentence that says why and what to
/// install (the text lives as long as the process).
CURLcode ccurl_load(const char **error);

// The functions below may be called only after ccurl_load returned CURLE_OK, except
// ccurl_easy_strerror, which loads libcurl itself (and answers with ccurl_load's error when it
// cannot).

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_perform(CURL *handle);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

// MARK: - curl_easy_setopt

/// Options of type CURLOPTTYPE_LONG (and CURLOPTTYPE_VALUES).
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
/// Options of type CURLOPTTYPE_STRINGPOINT. libcurl copies the string.
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
/// Options of type CURLOPTTYPE_OBJECTPOINT, CURLOPTTYPE_CBPOINT and CURLOPTTYPE_SLISTPOINT.
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// Options of type CURLOPTTYPE_OFF_T.
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                          curl_write_callback callback);
/// CURLOPT_XFERINFOFUNCTION.
CURLcode ccurl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option,
                                             curl_xferinfo_callback callback);

// MARK: - curl_easy_getinfo

/// Infos of type CURLINFO_LONG.
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
/// Infos of type CURLINFO_OFF_T.
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// Infos of type CURLINFO_STRING. The string belongs to the handle: copy it before the next
/// transfer or curl_easy_cleanup.
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
