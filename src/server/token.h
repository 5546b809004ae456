// Private: random bytes from the kernel and their encodings.
#ifndef CARTA_SRC_SERVER_TOKEN_H_
#define CARTA_SRC_SERVER_TOKEN_H_

#include <string>

namespace carta::server {

// `bytes` random bytes from getrandom(2) as 2 * bytes lower-case hex digits.
std::string RandomHex(size_t bytes);
// 32 random bytes as 43 characters of unpadded base64url (RFC 4648, section 5).
std::string RandomToken();

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_TOKEN_H_
