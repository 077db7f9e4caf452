#include "twilio/SignatureValidator.h"

#include "base/ConstantTime.h"

#include <QCryptographicHash>
#include <QStringEncoder>
#include <QUrlQuery>
#include <QVarLengthArray>

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <optional>

namespace flux {

namespace {

// Names and values sort by code point, as twilio-python's sorted() does (twilio-node's default
// sort compares UTF-16 units, and so does QString's operator<, which would put U+E000..U+FFFF
// after every character outside the BMP).
bool codePointLess(const QString &a, const QString &b)
{
    return a.toUcs4() < b.toUcs4();
}

// The URLs the SDKs accept for one requested URL: as given, without its port, and with the
// scheme's default port when it had none. Each is up to four pieces of UTF-8 hashed one after
// another, so no variant is assembled; the pieces point into this object, which stays put.
class UrlVariants
{
public:
    using Pieces = std::array<QByteArrayView, 4>;

    explicit UrlVariants(const QString &url);
    UrlVariants(const UrlVariants &) = delete;
    UrlVariants &operator=(const UrlVariants &) = delete;

    const QVarLengthArray<Pieces, 3> &list() const { return m_list; }

private:
    QByteArrayView utf8(const QString &url, qsizetype from, qsizetype to);
    QByteArrayView keep(QByteArray bytes);

    QByteArray m_whole;
    // Pieces that are not slices of m_whole: a lowered scheme, or pieces of a non-ASCII URL.
    std::array<QByteArray, 3> m_kept;
    qsizetype m_keptCount = 0;
    QVarLengthArray<Pieces, 3> m_list;
};

// Splits by hand, not with QUrl: QUrl would normalise the escaping Twilio signed. Splits the
// UTF-16 text, not its UTF-8: toUtf8() writes a lone surrogate as '?', which must not end the
// authority.
UrlVariants::UrlVariants(const QString &url) : m_whole(url.toUtf8())
{
    m_list.append({m_whole, {}, {}, {}});
    const qsizetype schemeEnd = url.indexOf(QStringLiteral("://"));
    if (schemeEnd <= 0)
        return;
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = url.indexOf(stop, authorityStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    const QStringView authority =
        QStringView(url).sliced(authorityStart, authorityEnd - authorityStart);
    const qsizetype hostStart = authority.lastIndexOf(QLatin1Char('@')) + 1; // after user info
    const QStringView hostAndPort = authority.sliced(hostStart);
    const qsizetype colon = hostAndPort.lastIndexOf(QLatin1Char(':'));
    const bool hasPort = colon >= 0 && !hostAndPort.endsWith(QLatin1Char(']'));
    const qsizetype hostEnd = hasPort ? authorityStart + hostStart + colon : authorityEnd;
    const bool portEmpty = !hasPort || colon == hostAndPort.size() - 1;

    QByteArrayView scheme;
    bool schemeLowered = false;
    const QStringView givenScheme = QStringView(url).first(schemeEnd);
    if (std::all_of(givenScheme.begin(), givenScheme.end(), [](QChar c) {
            return c.unicode() < 0x80 && !(c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        })) {
        scheme = utf8(url, 0, schemeEnd);
    } else {
        const QString lowered = givenScheme.toString().toLower();
        schemeLowered = lowered != givenScheme;
        scheme = keep(lowered.toUtf8());
    }
    const QByteArrayView head = utf8(url, schemeEnd, hostEnd); // "://", user info, host
    const QByteArrayView rest = utf8(url, authorityEnd, url.size());
    // Without a port and with the scheme already in lower case, this is the URL as given.
    if (hasPort || schemeLowered)
        m_list.append({scheme, head, {}, rest});
    if (portEmpty) {
        if (scheme == QByteArrayView("https"))
            m_list.append({scheme, head, QByteArrayView(":443"), rest});
        else if (scheme == QByteArrayView("http"))
            m_list.append({scheme, head, QByteArrayView(":80"), rest});
    }
}

// url[from, to) as toUtf8() converts it. When every UTF-16 unit became one byte (ASCII, or a
// lone surrogate that became '?'), that is the same slice of the whole URL's bytes.
QByteArrayView UrlVariants::utf8(const QString &url, qsizetype from, qsizetype to)
{
    if (m_whole.size() == url.size())
        return QByteArrayView(m_whole).sliced(from, to - from);
    return keep(QStringView(url).sliced(from, to - from).toUtf8());
}

QByteArrayView UrlVariants::keep(QByteArray bytes)
{
    QByteArray &kept = m_kept.at(size_t(m_keptCount++));
    kept = std::move(bytes);
    return kept;
}

// signedParams when no name or value holds a lone surrogate, which is every real request (the
// form decoder never makes one): valid UTF-8 sorts bytewise in code point order and equal text
// gives equal bytes, so each string is converted once and the distinct (name, value) pairs are
// sorted as bytes. Empty if a lone surrogate turned up.
std::optional<QByteArray> signedUtf8Pairs(const FormParams &params)
{
    QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    qsizetype space = 0;
    for (const auto &[name, value] : params)
        space += encoder.requiredSpace(name.size()) + encoder.requiredSpace(value.size());
    struct Pair
    {
        QByteArrayView name;
        QByteArrayView value;
    };
    QVarLengthArray<Pair, 32> pairs;
    QByteArray encoded(space, Qt::Uninitialized);
    char *end = encoded.data();
    for (const auto &[name, value] : params) {
        char *const nameStart = end;
        char *const valueStart = encoder.appendToBuffer(nameStart, name);
        end = encoder.appendToBuffer(valueStart, value);
        pairs.append({QByteArrayView(nameStart, valueStart), QByteArrayView(valueStart, end)});
    }
    if (encoder.hasError())
        return std::nullopt;
    std::sort(pairs.begin(), pairs.end(), [](const Pair &a, const Pair &b) {
        const int byName = a.name.compare(b.name);
        return byName != 0 ? byName < 0 : a.value.compare(b.value) < 0;
    });
    QByteArray data(end - encoded.data(), Qt::Uninitialized);
    char *out = data.data();
    const Pair *previous = nullptr;
    for (const Pair &pair : pairs) {
        if (previous && previous->name == pair.name && previous->value == pair.value)
            continue;
        out = std::copy(pair.name.begin(), pair.name.end(), out);
        out = std::copy(pair.value.begin(), pair.value.end(), out);
        previous = &pair;
    }
    data.truncate(out - data.data());
    return data;
}

constexpr qsizetype Base64DigestChars = (HmacSha1::DigestBytes + 2) / 3 * 4;
using Base64Digest = std::array<char, Base64DigestChars + 1>; // EVP_EncodeBlock adds a NUL

// The signature's text, without allocating: standard base64 with padding, as toBase64() writes.
Base64Digest base64(const HmacSha1::Digest &digest)
{
    Base64Digest text;
    EVP_EncodeBlock(reinterpret_cast<unsigned char *>(text.data()), digest.data(),
                    int(digest.size()));
    return text;
}

} // namespace

SignatureValidator::SignatureValidator(QByteArray authToken, QByteArray secondaryToken)
    : m_token(std::move(authToken)), m_hmac(m_token)
{
    if (!secondaryToken.isEmpty() && secondaryToken != m_token)
        m_secondary.emplace(secondaryToken);
}

// What follows the URL in the signed data: each name, sorted, followed by its values, sorted.
QByteArray SignatureValidator::signedParams(const FormParams &params)
{
    if (std::optional<QByteArray> data = signedUtf8Pairs(params))
        return *std::move(data);

    QStringList names;
    names.reserve(params.size());
    for (const auto &pair : params)
        names.append(pair.first);
    names.removeDuplicates();
    std::sort(names.begin(), names.end(), codePointLess);

    QString data;
    for (const QString &name : names) {
        QStringList values;
        for (const auto &[key, value] : params) {
            if (key == name)
                values.append(value);
        }
        // The SDKs sign a repeated name's values as a set: Python sorted(set(values)), Node
        // Array.from(new Set(values)).sort().
        values.removeDuplicates();
        std::sort(values.begin(), values.end(), codePointLess);
        for (const QString &value : values)
            data += name + value;
    }
    return data.toUtf8();
}

QByteArray SignatureValidator::compute(const QByteArray &authToken, const QString &url,
                                       const FormParams &params)
{
    const std::optional<HmacSha1::Digest> digest =
        HmacSha1(authToken).mac({url.toUtf8(), signedParams(params)});
    if (!digest)
        return {};
    return QByteArray(base64(*digest).data(), Base64DigestChars);
}

bool SignatureValidator::isValid(const QString &url, const FormParams &params,
                                 const QByteArray &signature) const
{
    if (m_token.isEmpty() || signature.isEmpty())
        return false;
    // The parameters are the same for every URL variant and token: sorted and joined once.
    const QByteArray data = signedParams(params);
    return matches(m_hmac, url, data, signature) ||
           (m_secondary && matches(*m_secondary, url, data, signature));
}

bool SignatureValidator::matches(const HmacSha1 &hmac, const QString &url, const QByteArray &data,
                                 const QByteArray &signature)
{
    const UrlVariants variants(url);
    // Stops at the first match, as the SDKs' validators do: the URL as given comes first and
    // is the one Twilio signs, so a genuine webhook costs one HMAC. Which variant matched tells
    // a sender nothing about the token, and each comparison takes the same time whatever it
    // compares, so a forgery still learns nothing from the time taken.
    for (const UrlVariants::Pieces &pieces : variants.list()) {
        const std::optional<HmacSha1::Digest> digest =
            hmac.mac({pieces[0], pieces[1], pieces[2], pieces[3], data});
        if (!digest)
            return false;
        if (ConstantTime::equals(QByteArrayView(base64(*digest).data(), Base64DigestChars),
                                 signature))
            return true;
    }
    return false;
}

bool SignatureValidator::isValidBody(const QString &url, const QByteArray &body,
                                     const QByteArray &signature) const
{
    const qsizetype queryStart = url.indexOf(QLatin1Char('?'));
    if (queryStart < 0)
        return false;
    const QUrlQuery query(url.mid(queryStart + 1));
    const QByteArray expectedHash = query.queryItemValue(QStringLiteral("bodySHA256")).toLatin1();
    if (expectedHash.isEmpty())
        return false;
    const QByteArray actualHash =
        QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    const bool bodyMatches = ConstantTime::equals(actualHash, expectedHash.toLower());
    const bool urlMatches = isValid(url, {}, signature);
    return bodyMatches && urlMatches;
}

} // namespace flux
