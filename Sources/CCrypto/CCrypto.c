#include "CCrypto.h"

#include <openssl/evp.h>

#include "CLibraryLoader.h"

enum { DIGEST, SHA256, SYMBOL_COUNT };

static const char *const symbol_names[SYMBOL_COUNT] = {
    [DIGEST] = "EVP_Digest",
    [SHA256] = "EVP_sha256",
};
FALCO_IPFEED_LIBRARY(libcrypto, "libcrypto.so.3", "libssl3");

bool ccrypto_sha256(const void *bytes, size_t count, unsigned char digest[32], const char **error) {
  if (!falco_ipfeed_library_load(&libcrypto)) {
    *error = libcrypto.error;
    return false;
  }
  typedef int (*digest_function)(const void *, size_t, unsigned char *, unsigned int *,
                                 const EVP_MD *, ENGINE *);
  unsigned char output[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const EVP_MD *sha256 = ((const EVP_MD *(*)(void))symbols[SHA256])();
  if (((digest_function)symbols[DIGEST])(bytes, count, output, &length, sha256, NULL) != 1 ||
      length != 32) {
    *error = "OpenSSL's SHA-256 failed (out of memory?)";
    return false;
  }
  for (int index = 0; index < 32; index++) digest[index] = output[index];
  *error = NULL;
  return true;
}
