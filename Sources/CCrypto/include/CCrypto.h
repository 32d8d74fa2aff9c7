#ifndef FALCO_IPFEED_CCRYPTO_H
#define FALCO_IPFEED_CCRYPTO_H

// OpenSSL's SHA-256 (EVP_Digest with EVP_sha256) from libcrypto.so.3, loaded on first use (see
// CLibraryLoader.h): the digest of the rules file. libcurl loads the same library when it runs.

#include <stdbool.h>
#include <stddef.h>

/// Writes the 32-byte SHA-256 of `bytes` to `digest`. Returns true, or false with `*error` set
/// to a sentence that says why and what to install (the text lives as long as the process).
bool ccrypto_sha256(const void *bytes, size_t count, unsigned char digest[32], const char **error);

#endif
