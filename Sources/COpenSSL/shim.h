#ifndef PGCHECK_COPENSSL_SHIM_H
#define PGCHECK_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/md5.h>

// Several OpenSSL entry points are macros, which Swift cannot call. These inline wrappers give them
// a function shape without adding any logic of their own.

static inline long pgcheck_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline long pgcheck_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long pgcheck_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline long pgcheck_SSL_CTX_set_options(SSL_CTX *ctx, long options) {
    return (long)SSL_CTX_set_options(ctx, (uint64_t)options);
}

// Flag sets that OpenSSL defines as macro expressions over other macros, which Swift cannot import.

static inline unsigned long pgcheck_XN_FLAG_RFC2253(void) {
    return XN_FLAG_RFC2253;
}

static inline int pgcheck_BIO_FLAGS_RWS(void) {
    return BIO_FLAGS_RWS;
}

// The key-share groups a client offers, most preferred first (its first group gets the key share).

static inline long pgcheck_SSL_set1_groups_list(SSL *ssl, const char *list) {
    return SSL_set1_groups_list(ssl, list);
}

#endif
