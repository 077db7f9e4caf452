// Holds SignatureValidator to Twilio's own SDK test vectors and to python3-twilio as an oracle.
#include "net/FormEncoding.h"
#include "twilio/SignatureValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

using namespace flux;

namespace {

constexpr int VectorCount = 37;
const QString PythonPath = QStringLiteral("/usr/bin/python3");
const QString MissingTwilioHint =
    QStringLiteral("/usr/bin/python3 cannot import twilio: run packaging/install-deps.sh "
                   "(it installs Debian's python3-twilio)");

// The vector everything else is tampered from: twilio-python's test_validation.
const QByteArray SdkToken = QByteArrayLiteral("12345");
const QString SdkUrl = QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2");
const QByteArray SdkSignature = QByteArrayLiteral("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
FormParams sdkParams()
{
    return {{QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE")},
            {QStringLiteral("Caller"), QStringLiteral("+14158675309")},
            {QStringLiteral("Digits"), QStringLiteral("1234")},
            {QStringLiteral("From"), QStringLiteral("+14158675309")},
            {QStringLiteral("To"), QStringLiteral("+18005551212")}};
}

QJsonArray loadVectors()
{
    QFile file(QStringLiteral(FLUX_TEST_DATA_DIR "/signature_vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("vectors"))
        .toArray();
}

// Every field a vector may carry; a new one must be looked at before the test passes again.
const QSet<QString> KnownFields = {
    QStringLiteral("id"),
    QStringLiteral("source"),
    QStringLiteral("auth_token"),
    QStringLiteral("url"),
    QStringLiteral("sign_url"),
    QStringLiteral("params"),
    QStringLiteral("params_multi"),
    QStringLiteral("raw_form_body"),
    QStringLiteral("body"),
    QStringLiteral("expected_body_sha256_hex"),
    QStringLiteral("expected_signature"),
    QStringLiteral("expect_valid"),
    QStringLiteral("python_sdk_expected_valid"),
    QStringLiteral("derived_signature"),
    QStringLiteral("derived_signed_string_url"),
    QStringLiteral("description"),
    QStringLiteral("note"),
    QStringLiteral("note2"),
};

// The form a webhook would deliver: `params` (a JSON list stands for a repeated name, as
// Node's arrays do), `params_multi` (ordered pairs, as Flask's MultiDict), or `raw_form_body`
// (decoded by FormEncoding, as a real request is).
FormParams formParams(const QJsonObject &vector)
{
    FormParams params;
    if (vector.contains(QStringLiteral("raw_form_body")))
        return FormEncoding::parse(
            vector.value(QStringLiteral("raw_form_body")).toString().toUtf8());
    const QJsonObject map = vector.value(QStringLiteral("params")).toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.value().isArray()) {
            for (const QJsonValue &value : it.value().toArray())
                params.append({it.key(), value.toString()});
        } else {
            params.append({it.key(), it.value().toString()});
        }
    }
    for (const QJsonValue &pair : vector.value(QStringLiteral("params_multi")).toArray())
        params.append({pair[0].toString(), pair[1].toString()});
    return params;
}

// A generated string drawn from pieces that stress signing: the form's own delimiters, '+',
// percent signs, empty strings, and characters whose UTF-16 order differs from code point
// order (U+E000..U+FFFF sort after surrogate pairs in UTF-16, before them by code point).
QString generatedText(QRandomGenerator &random, const QStringList &pieces, int maxPieces)
{
    QString text;
    const int count = random.bounded(maxPieces + 1);
    for (int i = 0; i < count; ++i)
        text += pieces.at(random.bounded(pieces.size()));
    return text;
}

} // namespace

class TestSignatureValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theFileHoldsAllThirtySevenVectors();
    void everySdkVectorHolds_data();
    void everySdkVectorHolds();
    void aTamperedParamFails();
    void aTamperedUrlFails();
    void anEmptySignatureFails();
    void anEmptyTokenRejectsEverything();
    void aSignatureForAnotherTokenFails();
    void aBodyWhoseHashDiffersFails();
    void theSecondaryTokenIsAcceptedToo();
    void computeAgreesWithPythonTwilio();
};

void TestSignatureValidator::theFileHoldsAllThirtySevenVectors()
{
    const QJsonArray vectors = loadVectors();
    QCOMPARE(vectors.size(), VectorCount);
    QSet<QString> ids;
    for (const QJsonValue &value : vectors)
        ids.insert(value.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(ids.size(), VectorCount);
}

void TestSignatureValidator::everySdkVectorHolds_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = loadVectors();
    // A row even when the file is unreadable, so the test fails instead of running dataless.
    if (vectors.isEmpty())
        QTest::newRow("no vectors") << QJsonObject();
    for (const QJsonValue &value : vectors) {
        const QJsonObject vector = value.toObject();
        QTest::newRow(qPrintable(vector.value(QStringLiteral("id")).toString())) << vector;
    }
}

void TestSignatureValidator::everySdkVectorHolds()
{
    QFETCH(QJsonObject, vector);
    QVERIFY2(vector.contains(QStringLiteral("id")), "signature_vectors.json is missing or empty");
    for (const QString &field : vector.keys())
        QVERIFY2(KnownFields.contains(field), qPrintable(QStringLiteral("unknown field ") + field));

    const QByteArray token = vector.value(QStringLiteral("auth_token")).toString().toUtf8();
    const QString url = vector.value(QStringLiteral("url")).toString();
    const QByteArray body = vector.value(QStringLiteral("body")).toString().toUtf8();

    // The SDKs' own hash tests have no URL or token: hang the expected hash on a URL, sign that
    // URL, and our body check must agree that the body has exactly that hash.
    if (vector.contains(QStringLiteral("expected_body_sha256_hex"))) {
        QVERIFY(!vector.contains(QStringLiteral("url")));
        const QString hex = vector.value(QStringLiteral("expected_body_sha256_hex")).toString();
        const QString hashedUrl = QStringLiteral("https://flux.example/hook?bodySHA256=") + hex;
        const SignatureValidator validator(SdkToken);
        QVERIFY(validator.isValidBody(hashedUrl, body,
                                      SignatureValidator::compute(SdkToken, hashedUrl, {})));
        return;
    }

    QVERIFY(!token.isEmpty());
    QVERIFY(!url.isEmpty());
    const FormParams params = formParams(vector);
    const bool isBody = vector.contains(QStringLiteral("body"));
    QVERIFY(!(isBody && !params.isEmpty()));

    // The webhook tests in twilio-node sign `sign_url` at run time; the file records that
    // signature as derived_signature, which pins our compute to it.
    QByteArray signature = vector.value(QStringLiteral("expected_signature")).toString().toUtf8();
    if (vector.value(QStringLiteral("expected_signature")).isNull()) {
        const QString signUrl = vector.value(QStringLiteral("sign_url")).toString();
        QVERIFY(!signUrl.isEmpty());
        signature = SignatureValidator::compute(token, signUrl, params);
        QCOMPARE(signature, vector.value(QStringLiteral("derived_signature")).toString().toUtf8());
    }

    // The string the SDK actually signed, where the file states it.
    const QString signedUrl = vector.value(QStringLiteral("derived_signed_string_url")).toString();
    if (!signedUrl.isEmpty())
        QCOMPARE(SignatureValidator::compute(token, signedUrl, params), signature);

    // twilio-node re-serialises the URL (WHATWG URL: ' <-> %27) before checking; twilio-python
    // checks it verbatim. We follow Python: we sit behind Twilio, which signs the URL exactly as
    // it requested it, and we rebuild that URL from the request line byte for byte, so the
    // verbatim URL always matches; accepting a re-escaped one would only widen what passes.
    bool expected = vector.value(QStringLiteral("expect_valid")).toBool();
    if (vector.contains(QStringLiteral("python_sdk_expected_valid"))) {
        expected = vector.value(QStringLiteral("python_sdk_expected_valid")).toBool();
        QVERIFY(!signedUrl.isEmpty());
        // ...and the URL as Twilio requested and signed it still passes.
        QVERIFY(SignatureValidator(token).isValid(signedUrl, params, signature));
    }

    const SignatureValidator validator(token);
    if (isBody)
        QCOMPARE(validator.isValidBody(url, body, signature), expected);
    else
        QCOMPARE(validator.isValid(url, params, signature), expected);
}

void TestSignatureValidator::aTamperedParamFails()
{
    const SignatureValidator validator(SdkToken);
    QVERIFY(validator.isValid(SdkUrl, sdkParams(), SdkSignature));

    FormParams changed = sdkParams();
    changed[2].second = QStringLiteral("1235");
    QVERIFY(!validator.isValid(SdkUrl, changed, SdkSignature));

    FormParams added = sdkParams();
    added.append({QStringLiteral("Digits"), QStringLiteral("9")});
    QVERIFY(!validator.isValid(SdkUrl, added, SdkSignature));

    FormParams removed = sdkParams();
    removed.removeLast();
    QVERIFY(!validator.isValid(SdkUrl, removed, SdkSignature));

    // Names are case-sensitive in the signed string.
    FormParams renamed = sdkParams();
    renamed[0].first = QStringLiteral("callSid");
    QVERIFY(!validator.isValid(SdkUrl, renamed, SdkSignature));
}

void TestSignatureValidator::aTamperedUrlFails()
{
    const SignatureValidator validator(SdkToken);
    const QStringList tampered = {
        QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=3"),
        QStringLiteral("https://mycompany.com/myapp.php?foo=1"),
        QStringLiteral("https://mycompany.com/other.php?foo=1&bar=2"),
        QStringLiteral("http://mycompany.com/myapp.php?foo=1&bar=2"),
        QStringLiteral("https://evil.example/myapp.php?foo=1&bar=2"),
        QStringLiteral("https://mycompany.com:8443/myapp.php?foo=1&bar=3"),
        QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2&extra"),
        QStringLiteral("not a url"),
        QString(),
    };
    for (const QString &url : tampered)
        QVERIFY2(!validator.isValid(url, sdkParams(), SdkSignature), qPrintable(url));
}

void TestSignatureValidator::anEmptySignatureFails()
{
    const SignatureValidator validator(SdkToken);
    QVERIFY(!validator.isValid(SdkUrl, sdkParams(), QByteArray()));
    QVERIFY(!validator.isValid(SdkUrl, {}, QByteArray()));
    const QString bodyUrl = SdkUrl + QStringLiteral("&bodySHA256=44136fa355b3678a1146ad16f7e8649e9"
                                                    "4fb4fc21fe77e8310c060f61caaff8a");
    QVERIFY(!validator.isValidBody(bodyUrl, QByteArrayLiteral("{}"), QByteArray()));
}

void TestSignatureValidator::anEmptyTokenRejectsEverything()
{
    // HMAC is defined for an empty key, so a forger knows that signature: an unconfigured token
    // must not turn into a known one.
    const SignatureValidator validator{QByteArray()};
    QVERIFY(!validator.hasToken());
    const QByteArray emptyKeySignature = SignatureValidator::compute({}, SdkUrl, sdkParams());
    QVERIFY(!emptyKeySignature.isEmpty());
    QVERIFY(!validator.isValid(SdkUrl, sdkParams(), emptyKeySignature));
    QVERIFY(!validator.isValid(SdkUrl, sdkParams(), SdkSignature));

    const QString bodyUrl = SdkUrl + QStringLiteral("&bodySHA256=44136fa355b3678a1146ad16f7e8649e9"
                                                    "4fb4fc21fe77e8310c060f61caaff8a");
    QVERIFY(!validator.isValidBody(bodyUrl, QByteArrayLiteral("{}"),
                                   SignatureValidator::compute({}, bodyUrl, {})));
}

void TestSignatureValidator::aSignatureForAnotherTokenFails()
{
    const SignatureValidator other(QByteArrayLiteral("54321"));
    QVERIFY(!other.isValid(SdkUrl, sdkParams(), SdkSignature));
    const SignatureValidator longer(SdkToken + '6');
    QVERIFY(!longer.isValid(SdkUrl, sdkParams(), SdkSignature));
}

void TestSignatureValidator::aBodyWhoseHashDiffersFails()
{
    // twilio-node's "request body when empty" vector, with the body changed after signing.
    const QString url = SdkUrl + QStringLiteral("&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4"
                                                "fc21fe77e8310c060f61caaff8a");
    const QByteArray signature = QByteArrayLiteral("Ldidvp12m26NI7eqEvxnEpkd9Hc=");
    const SignatureValidator validator(SdkToken);
    QVERIFY(validator.isValidBody(url, QByteArrayLiteral("{}"), signature));
    QVERIFY(!validator.isValidBody(url, QByteArrayLiteral("{ }"), signature));
    QVERIFY(!validator.isValidBody(url, QByteArray(), signature));
}

void TestSignatureValidator::theSecondaryTokenIsAcceptedToo()
{
    // The SDK's vectors are signed with SdkToken: as the secondary token it still validates them,
    // in every URL variant and for a JSON body alike.
    const SignatureValidator rotating(QByteArrayLiteral("the-new-primary"), SdkToken);
    QVERIFY(rotating.isValid(SdkUrl, sdkParams(), SdkSignature));
    QVERIFY(!rotating.isValid(SdkUrl, sdkParams(), SdkSignature.left(10) + "xx"));
    const QString url = SdkUrl + QStringLiteral("&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4"
                                                "fc21fe77e8310c060f61caaff8a");
    QVERIFY(rotating.isValidBody(url, QByteArrayLiteral("{}"),
                                 QByteArrayLiteral("Ldidvp12m26NI7eqEvxnEpkd9Hc=")));
    const QByteArray primarySigned =
        SignatureValidator::compute(QByteArrayLiteral("the-new-primary"), SdkUrl, sdkParams());
    QVERIFY(rotating.isValid(SdkUrl, sdkParams(), primarySigned));

    // Without a primary token nothing is accepted, whatever the secondary.
    const SignatureValidator secondaryOnly({}, SdkToken);
    QVERIFY(!secondaryOnly.isValid(SdkUrl, sdkParams(), SdkSignature));
}

void TestSignatureValidator::computeAgreesWithPythonTwilio()
{
    QProcess probe;
    probe.start(PythonPath, {QStringLiteral("-I"), QStringLiteral("-c"),
                             QStringLiteral("import twilio.request_validator")});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0)
        QFAIL(qPrintable(MissingTwilioHint + QStringLiteral("\n") +
                         QString::fromUtf8(probe.readAllStandardError())));

    const QStringList namePieces = {
        QStringLiteral("Digits"), QStringLiteral("digits"), QStringLiteral("From"),
        QStringLiteral("To"),     QStringLiteral("+"),      QStringLiteral("&"),
        QStringLiteral("="),      QStringLiteral("é"),      QStringLiteral("\uFFFD"),
        QStringLiteral("\uE000"), QStringLiteral("😀"),      QStringLiteral("𝄞"),
        QStringLiteral("a"),      QStringLiteral("Z"),      QStringLiteral(" "),
    };
    const QStringList valuePieces =
        namePieces + QStringList{
                         QStringLiteral("%2B"),  QStringLiteral("%"), QStringLiteral("+1415"),
                         QStringLiteral("日本"), QStringLiteral("'"), QStringLiteral("\""),
                         QStringLiteral("?"),    QStringLiteral("#"), QStringLiteral("\n"),
                         QStringLiteral("ß"),    QStringLiteral("0"),
                     };
    const QStringList urls = {
        QStringLiteral("https://flux.example/twilio/gather?call=1"),
        QStringLiteral("https://flux.example:8443/twilio/status"),
        QStringLiteral("http://flux.example/twilio/voice?task=Caf%C3%A9&x=a+b"),
        QStringLiteral("https://flux.example/twilio/voice?task=Café 😀"),
    };

    // Seeded, so a failure names the same case on every run.
    QRandomGenerator random(20240607);
    QJsonArray cases;
    QList<QPair<QByteArray, QPair<QString, FormParams>>> ours;
    for (int i = 0; i < 400; ++i) {
        const QByteArray token =
            QByteArray::number(random.generate64(), 16) + QByteArray::number(random.generate(), 16);
        const QString url = urls.at(random.bounded(urls.size()));
        FormParams params;
        const int count = random.bounded(8);
        for (int p = 0; p < count; ++p) {
            // Names come from a short list so they repeat; the values of a repeated name differ
            // because python3-twilio 7.7.1 predates de-duplicating identical pairs (the SDK
            // vectors pin that), and signs sorted(params.items()).
            const QString name = random.bounded(3) == 0 ? generatedText(random, namePieces, 3)
                                                        : namePieces.at(random.bounded(6));
            const QString value = generatedText(random, valuePieces, 4);
            if (!params.contains({name, value}))
                params.append({name, value});
        }
        QJsonArray pairs;
        for (const auto &[name, value] : params)
            pairs.append(QJsonArray{name, value});
        cases.append(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                 {QStringLiteral("url"), url},
                                 {QStringLiteral("params"), pairs}});
        ours.append({token, {url, params}});
    }

    // A list of pairs with items() lets one name repeat, which a dict cannot.
    const QString script = QStringLiteral(R"(
import json, sys
from twilio.request_validator import RequestValidator
class Pairs(list):
    def items(self):
        return [tuple(pair) for pair in self]
cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
print(json.dumps([RequestValidator(c["token"]).compute_signature(c["url"], Pairs(c["params"]))
                  for c in cases]))
)");
    QProcess python;
    python.start(PythonPath, {QStringLiteral("-I"), QStringLiteral("-c"), script});
    QVERIFY2(python.waitForStarted(30000), qPrintable(python.errorString()));
    python.write(QJsonDocument(cases).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonArray expected = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(expected.size(), ours.size());

    QStringList mismatches;
    for (int i = 0; i < ours.size(); ++i) {
        const auto &[token, request] = ours.at(i);
        const QByteArray computed =
            SignatureValidator::compute(token, request.first, request.second);
        if (computed != expected.at(i).toString().toUtf8())
            mismatches.append(QString::fromUtf8(
                QJsonDocument(cases.at(i).toObject()).toJson(QJsonDocument::Compact)));
    }
    QVERIFY2(mismatches.isEmpty(),
             qPrintable(QStringLiteral("%1 of %2 differ from python3-twilio, first: %3")
                            .arg(mismatches.size())
                            .arg(ours.size())
                            .arg(mismatches.value(0))));
}

QTEST_GUILESS_MAIN(TestSignatureValidator)
#include "TestSignatureValidator.moc"
