// SignatureValidator: computes and checks X-Twilio-Signature the way Twilio's official SDKs do.
#pragma once

#include "net/FormEncoding.h"
#include "twilio/HmacSha1.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace flux {

class SignatureValidator
{
public:
    // A secondary token, when given, is accepted as well: an account rotating its auth token
    // has webhooks signed with either while calls placed before the swap are still running.
    explicit SignatureValidator(QByteArray authToken = {}, QByteArray secondaryToken = {});

    // base64(HMAC-SHA1(token, url + each param name sorted by code point followed by its values,
    // sorted)). `url` is the full URL Twilio requested, query included.
    static QByteArray compute(const QByteArray &authToken, const QString &url,
                              const FormParams &params);

    // A form-encoded webhook. Accepts the URL as given, with its port removed and with the
    // scheme's default port added, as the SDKs do. Constant-time comparison.
    bool isValid(const QString &url, const FormParams &params, const QByteArray &signature) const;
    // A JSON (or other raw) body: the URL carries bodySHA256=<hex sha256(body)> and the HMAC
    // covers the URL alone; the body's hash must match.
    bool isValidBody(const QString &url, const QByteArray &body, const QByteArray &signature) const;

    bool hasToken() const { return !m_token.isEmpty(); }

private:
    static QByteArray signedParams(const FormParams &params);
    static bool matches(const HmacSha1 &hmac, const QString &url, const QByteArray &data,
                        const QByteArray &signature);

    QByteArray m_token;
    // Keyed with the token once: its pads are hashed here, not per signature.
    HmacSha1 m_hmac;
    std::optional<HmacSha1> m_secondary;
};

} // namespace flux
