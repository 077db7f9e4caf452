#include "twilio/HmacSha1.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>

namespace flux {

namespace {

constexpr qsizetype Sha1BlockBytes = 64;
using KeyBlock = std::array<unsigned char, Sha1BlockBytes>;

struct ContextFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using Context = std::unique_ptr<EVP_MD_CTX, ContextFree>;

// SHA-1 from the default provider, fetched once: given EVP_sha1(), every init fetches it anew
// (about 5k instructions, more than a block of SHA-1). Kept for the life of the process.
const EVP_MD *sha1()
{
    static const EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    return md;
}

// A SHA-1 state that has absorbed the key block XORed with `pad`, or null if libcrypto failed.
Context absorbed(const KeyBlock &key, unsigned char pad)
{
    KeyBlock padded;
    std::transform(key.begin(), key.end(), padded.begin(),
                   [pad](unsigned char byte) { return static_cast<unsigned char>(byte ^ pad); });
    Context context(EVP_MD_CTX_new());
    const bool ok = context && sha1() && EVP_DigestInit_ex2(context.get(), sha1(), nullptr) &&
                    EVP_DigestUpdate(context.get(), padded.data(), padded.size());
    OPENSSL_cleanse(padded.data(), padded.size());
    return ok ? std::move(context) : Context();
}

} // namespace

struct HmacSha1::PadStates
{
    Context inner;
    Context outer;
};

HmacSha1::HmacSha1(QByteArrayView key)
{
    KeyBlock block{};
    if (key.size() > Sha1BlockBytes) {
        if (!sha1() ||
            !EVP_Digest(key.data(), size_t(key.size()), block.data(), nullptr, sha1(), nullptr))
            return;
    } else {
        std::copy(key.begin(), key.end(), block.begin());
    }
    auto pads = std::make_shared<PadStates>();
    pads->inner = absorbed(block, 0x36);
    pads->outer = absorbed(block, 0x5c);
    OPENSSL_cleanse(block.data(), block.size());
    if (pads->inner && pads->outer)
        m_pads = std::move(pads);
}

std::optional<HmacSha1::Digest> HmacSha1::mac(std::initializer_list<QByteArrayView> parts) const
{
    if (!m_pads)
        return std::nullopt;
    // Copying a state that has absorbed a pad costs a small allocation; absorbing the pad again
    // would cost a SHA-1 block per hash.
    const Context work(EVP_MD_CTX_new());
    if (!work || !EVP_MD_CTX_copy_ex(work.get(), m_pads->inner.get()))
        return std::nullopt;
    for (const QByteArrayView part : parts) {
        if (!part.isEmpty() && !EVP_DigestUpdate(work.get(), part.data(), size_t(part.size())))
            return std::nullopt;
    }
    Digest inner;
    Digest digest;
    if (!EVP_DigestFinal_ex(work.get(), inner.data(), nullptr) ||
        !EVP_MD_CTX_copy_ex(work.get(), m_pads->outer.get()) ||
        !EVP_DigestUpdate(work.get(), inner.data(), inner.size()) ||
        !EVP_DigestFinal_ex(work.get(), digest.data(), nullptr))
        return std::nullopt;
    return digest;
}

} // namespace flux
