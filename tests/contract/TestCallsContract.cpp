// TestCallsContract: TwilioClient's real requests checked by Prism against Twilio's OpenAPI spec.

#include "PrismServer.h"
#include "twilio/TwilioClient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <memory>
#include <optional>

using namespace flux;

namespace {

const QString AccountSid = QStringLiteral("AC") + QString(32, QLatin1Char('c'));
const QString CallSid = QStringLiteral("CA") + QString(32, QLatin1Char('d'));
const QByteArray Token = "contract-test-token";

CreateCallParams callParams()
{
    CreateCallParams params;
    params.to = QStringLiteral("+15558675310");
    params.from = QStringLiteral("+15017122661");
    params.url = QStringLiteral("https://flux.example.com/notifications/call/twiml?task=42");
    params.statusCallback = QStringLiteral("https://flux.example.com/notifications/call/status");
    return params;
}

} // namespace

class TestCallsContract : public QObject
{
    Q_OBJECT

private:
    QString prismLog() const { return m_prism.log(); }
    // Runs one client request against Prism and waits for its answer.
    std::optional<Result<TwilioCall, TwilioError>>
    call(const std::function<void(TwilioClient &, TwilioClient::CallCallback)> &start)
    {
        TwilioClient client({m_base, AccountSid, Token});
        std::optional<Result<TwilioCall, TwilioError>> outcome;
        start(client, [&](const Result<TwilioCall, TwilioError> &result) { outcome = result; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 15000))
            QTest::qFail("no answer from Prism", __FILE__, __LINE__);
        return outcome;
    }
    void verifyAccepted(const std::optional<Result<TwilioCall, TwilioError>> &outcome)
    {
        QVERIFY(outcome);
        if (!outcome->ok())
            QFAIL(qPrintable(outcome->error().describe() + QLatin1Char('\n') + prismLog()));
        QVERIFY(outcome->value().sid.startsWith(QLatin1String("CA")));
    }

    flux::test::PrismServer m_prism;
    QString m_base;

private Q_SLOTS:
    void initTestCase()
    {
        const QString failed = m_prism.start(
            QStringLiteral("mock"), {QStringLiteral("--errors"),
                                     QStringLiteral(FLUX_TEST_DATA_DIR "/calls_v2010.prism.json")});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_base = m_prism.url();
    }

    void createCallRequestSatisfiesTwilioSpec()
    {
        const auto outcome = call([](TwilioClient &client, TwilioClient::CallCallback done) {
            client.createCall(callParams(), done);
        });
        verifyAccepted(outcome);
    }

    void fetchCallRequestSatisfiesTwilioSpec()
    {
        verifyAccepted(call([](TwilioClient &client, TwilioClient::CallCallback done) {
            client.fetchCall(CallSid, done);
        }));
    }

    void updateCallStatusRequestSatisfiesTwilioSpec()
    {
        verifyAccepted(call([](TwilioClient &client, TwilioClient::CallCallback done) {
            client.updateCallStatus(CallSid, QStringLiteral("canceled"), done);
        }));
    }

    // Without this, a Prism that validated nothing would let every test above pass.
    void createRequestWithoutToIsRejectedBySpec()
    {
        FormParams form = TwilioClient::createCallForm(callParams());
        form.removeIf([](const auto &pair) { return pair.first == QLatin1String("To"); });
        QNetworkRequest request(
            QUrl(m_base + QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(AccountSid)));
        request.setRawHeader("Authorization",
                             "Basic " + QByteArray(AccountSid.toUtf8() + ':' + Token).toBase64());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.post(request, FormEncoding::encode(form)));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
        QVERIFY2(reply->readAll().contains("'To'"), qPrintable(prismLog()));
    }

    void updateToAStatusOutsideTheSpecIsRejected()
    {
        const auto outcome = call([](TwilioClient &client, TwilioClient::CallCallback done) {
            client.updateCallStatus(CallSid, QStringLiteral("hung-up"), done);
        });
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().kind, TwilioError::Kind::Api);
        QCOMPARE(outcome->error().httpStatus, 422);
    }
};

QTEST_GUILESS_MAIN(TestCallsContract)
#include "TestCallsContract.moc"
