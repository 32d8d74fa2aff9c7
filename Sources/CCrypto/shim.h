#ifndef FALCO_IPFEED_CCRYPTO_SHIM_H
#define FALCO_IPFEED_CCRYPTO_SHIM_H

// OpenSSL's one-shot message digest (EVP_Digest, EVP_sha256): the SHA-256 of the rules file.
#include <openssl/evp.h>

#endif
