// HmacSha1: HMAC-SHA1 (RFC 2104) under one key, through OpenSSL's libcrypto, with the key's pads
// hashed once so each message costs only its own blocks.
#pragma once

#include <QByteArrayView>

#include <array>
#include <initializer_list>
#include <memory>
#include <optional>

namespace flux {

class HmacSha1
{
public:
    static constexpr qsizetype DigestBytes = 20;
    using Digest = std::array<unsigned char, DigestBytes>;

    // Any key, the empty one included; a key longer than SHA-1's block is hashed first.
    explicit HmacSha1(QByteArrayView key);

    // The MAC of `parts` one after another, as if they were one message, without joining them.
    // Empty only if libcrypto failed (out of memory, no SHA-1 in its provider): callers must
    // then refuse, never fall back to a known digest. Safe from several threads at once; copies
    // share the key's state.
    std::optional<Digest> mac(std::initializer_list<QByteArrayView> parts) const;

private:
    // SHA-1 states after the inner and the outer key block: immutable once built.
    struct PadStates;
    std::shared_ptr<const PadStates> m_pads;
};

} // namespace flux
