/* C side of the crypto choice for WireGuardCore (see compare.sh): libsodium ChaCha20-Poly1305
 * in place and X25519, libb2 and OpenSSL 3 BLAKE2s-256. Usage: libraries <what> <iterations>. */
#include <blake2.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3 || sodium_init() < 0)
        return 1;
    const char *what = argv[1];
    int n = atoi(argv[2]);
    unsigned char key[32] = {1}, nonce[12] = {0}, tag[16], buf[1420], out[32], in[148];
    unsigned char sk[32], pk[32], ss[32];
    unsigned int mdlen;
    volatile int sink = 0;
    memset(buf, 7, sizeof buf);
    memset(in, 3, sizeof in);
    randombytes_buf(sk, 32);
    crypto_scalarmult_base(pk, sk);
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    EVP_MD *md = EVP_MD_fetch(NULL, "BLAKE2S-256", NULL);
    for (int i = 0; i < n; i++) {
        if (!strcmp(what, "chacha")) {
            buf[0] = (unsigned char)i;
            crypto_aead_chacha20poly1305_ietf_encrypt_detached(buf, tag, NULL, buf, sizeof buf, NULL, 0, NULL, nonce, key);
            sink += tag[0];
        } else if (!strcmp(what, "x25519")) {
            if (crypto_scalarmult(ss, sk, pk) != 0)
                return 2;
            sink += ss[0];
        } else if (!strcmp(what, "libb2")) {
            in[0] = (unsigned char)i;
            blake2s(out, in, NULL, 32, 116, 0);
            sink += out[0];
        } else if (!strcmp(what, "openssl-blake2s")) {
            in[0] = (unsigned char)i;
            EVP_DigestInit_ex(mc, md, NULL);
            EVP_DigestUpdate(mc, in, 116);
            EVP_DigestFinal_ex(mc, out, &mdlen);
            sink += out[0];
        }
    }
    EVP_MD_free(md);
    EVP_MD_CTX_free(mc);
    return 0;
}
