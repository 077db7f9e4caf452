// TestCallsContract: TwilioClient's real requests checked by Prism against Twilio's OpenAPI spec.

#include "LocalPorts.h"
#include "twilio/TwilioClient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

#include <csignal>
#include <sys/prctl.h>

using namespace flux;
using flux::test::accepts;
using flux::test::freePort;

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
    QString prismLog() const
    {
        QFile log(m_logDir.filePath(QStringLiteral("prism.log")));
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(4000))
                                             : QString();
    }
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

    QTemporaryDir m_logDir;
    QProcess m_prism;
    QString m_base;

private Q_SLOTS:
    void initTestCase()
    {
        const QString prism =
            QStringLiteral(FLUX_SOURCE_DIR "/tests/contract/node_modules/.bin/prism");
        if (!QFile::exists(prism))
            QFAIL(qPrintable(QStringLiteral("%1 is missing: run packaging/install-deps.sh, which "
                                            "runs npm ci in tests/contract")
                                 .arg(prism)));
        QVERIFY(m_logDir.isValid());
        const quint16 port = freePort();
        QVERIFY(port != 0);
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(port);

        // Should this test crash (ASan aborts), Prism must not outlive it holding a port.
        m_prism.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_prism.setProcessChannelMode(QProcess::MergedChannels);
        m_prism.setStandardOutputFile(m_logDir.filePath(QStringLiteral("prism.log")));
        m_prism.start(prism,
                      {QStringLiteral("mock"), QStringLiteral("--errors"), QStringLiteral("-h"),
                       QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port),
                       QStringLiteral(FLUX_TEST_DATA_DIR "/calls_v2010.prism.json")});
        QVERIFY2(m_prism.waitForStarted(10000), qPrintable(m_prism.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(accepts(port) || m_prism.state() == QProcess::NotRunning, 60000);
        QVERIFY2(m_prism.state() == QProcess::Running, qPrintable(prismLog()));
    }

    void cleanupTestCase()
    {
        m_prism.kill();
        m_prism.waitForFinished(10000);
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
                             "Basic " + (AccountSid.toUtf8() + ':' + Token).toBase64());
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
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
