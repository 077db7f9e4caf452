#include "twilio/SignatureValidator.h"

#include "base/ConstantTime.h"

#include <QCryptographicHash>
#include <QUrlQuery>
#include <QVarLengthArray>

#include <algorithm>
#include <array>

namespace flux {

namespace {

// Names and values sort by code point, as twilio-python's sorted() does (twilio-node's default
// sort compares UTF-16 units, and so does QString's operator<, which would put U+E000..U+FFFF
// after every character outside the BMP).
bool codePointLess(const QString &a, const QString &b)
{
    return a.toUcs4() < b.toUcs4();
}

struct UrlParts
{
    QString scheme;   // "https"
    QString userInfo; // "user:pass@" or empty
    QString host;
    QString port; // empty when none
    QString rest; // path, query, fragment
};

// Splits by hand, not with QUrl: QUrl would normalise the escaping Twilio signed.
bool split(const QString &url, UrlParts &parts)
{
    const qsizetype schemeEnd = url.indexOf(QStringLiteral("://"));
    if (schemeEnd <= 0)
        return false;
    parts.scheme = url.left(schemeEnd).toLower();
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = url.indexOf(stop, authorityStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    QString authority = url.mid(authorityStart, authorityEnd - authorityStart);
    parts.rest = url.mid(authorityEnd);
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        parts.userInfo = authority.left(at + 1);
        authority = authority.mid(at + 1);
    }
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && !authority.endsWith(QLatin1Char(']'))) {
        parts.host = authority.left(colon);
        parts.port = authority.mid(colon + 1);
    } else {
        parts.host = authority;
    }
    return true;
}

QString join(const UrlParts &parts, const QString &port)
{
    return parts.scheme + QStringLiteral("://") + parts.userInfo + parts.host +
           (port.isEmpty() ? QString() : QLatin1Char(':') + port) + parts.rest;
}

// The URL variants the SDKs accept: without any port, and with the scheme's default port when
// none was given.
QStringList urlVariants(const QString &url)
{
    QStringList variants{url};
    UrlParts parts;
    if (!split(url, parts))
        return variants;
    // At most three: a linear check, not removeDuplicates' hash set.
    const auto add = [&variants](QString variant) {
        if (!variants.contains(variant))
            variants.append(std::move(variant));
    };
    add(join(parts, {}));
    if (parts.port.isEmpty()) {
        if (parts.scheme == QLatin1String("https"))
            add(join(parts, QStringLiteral("443")));
        else if (parts.scheme == QLatin1String("http"))
            add(join(parts, QStringLiteral("80")));
    }
    return variants;
}

bool hasSurrogate(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSurrogate(); });
}

// signedParams for text without surrogates: the distinct pairs in (name, value) order.
QByteArray signedPairs(const FormParams &params)
{
    QVarLengthArray<const QPair<QString, QString> *, 32> pairs;
    qsizetype length = 0;
    for (const auto &pair : params) {
        pairs.append(&pair);
        length += pair.first.size() + pair.second.size();
    }
    std::sort(pairs.begin(), pairs.end(), [](const auto *a, const auto *b) { return *a < *b; });
    QString data;
    data.reserve(length);
    const QPair<QString, QString> *previous = nullptr;
    for (const auto *pair : pairs) {
        if (previous && *previous == *pair)
            continue;
        data += pair->first;
        data += pair->second;
        previous = pair;
    }
    return data.toUtf8();
}

constexpr qsizetype Sha1BlockBytes = 64;

// HMAC-SHA1 (RFC 2104) key block XORed with `pad`: worked out once per token, not per signature.
QByteArray keyPad(const QByteArray &authToken, char pad)
{
    QByteArray block = authToken.size() > Sha1BlockBytes
                           ? QCryptographicHash::hash(authToken, QCryptographicHash::Sha1)
                           : authToken;
    block.append(QByteArray(Sha1BlockBytes - block.size(), '\0'));
    for (char &c : block)
        c = char(c ^ pad);
    return block;
}

// base64(HMAC-SHA1) of `url` followed by `params`, the key given by its two pads.
QByteArray hmacBase64(QCryptographicHash &sha1, const QByteArray &innerPad,
                      const QByteArray &outerPad, QByteArrayView url, QByteArrayView params)
{
    sha1.reset();
    sha1.addData(innerPad);
    sha1.addData(url);
    sha1.addData(params);
    std::array<char, 20> inner;
    const QByteArrayView innerView = sha1.resultView();
    std::copy(innerView.begin(), innerView.end(), inner.begin());
    sha1.reset();
    sha1.addData(outerPad);
    sha1.addData(QByteArrayView(inner.data(), qsizetype(inner.size())));
    return sha1.resultView().toByteArray().toBase64();
}

} // namespace

SignatureValidator::SignatureValidator(QByteArray authToken)
    : m_token(std::move(authToken)), m_innerPad(keyPad(m_token, 0x36)),
      m_outerPad(keyPad(m_token, 0x5c))
{}

// What follows the URL in the signed data: each name, sorted, followed by its values, sorted.
QByteArray SignatureValidator::signedParams(const FormParams &params)
{
    // Without surrogates, UTF-16 order is code point order and equal order means equal text,
    // so the set of (name, value) pairs sorted once gives the same bytes as the general path
    // below, without converting each string to UCS-4 on every comparison.
    if (std::none_of(params.begin(), params.end(), [](const QPair<QString, QString> &pair) {
            return hasSurrogate(pair.first) || hasSurrogate(pair.second);
        }))
        return signedPairs(params);

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
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    return hmacBase64(sha1, keyPad(authToken, 0x36), keyPad(authToken, 0x5c), url.toUtf8(),
                      signedParams(params));
}

bool SignatureValidator::isValid(const QString &url, const FormParams &params,
                                 const QByteArray &signature) const
{
    if (m_token.isEmpty() || signature.isEmpty())
        return false;
    // The parameters are the same for every URL variant: sorted and joined once.
    const QByteArray data = signedParams(params);
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    bool valid = false;
    // Every variant is computed so the time taken does not tell which one matched.
    for (const QString &variant : urlVariants(url))
        valid |= ConstantTime::equals(
            hmacBase64(sha1, m_innerPad, m_outerPad, variant.toUtf8(), data), signature);
    return valid;
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
