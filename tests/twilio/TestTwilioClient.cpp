// TestTwilioClient: TwilioClient against a loopback peer, held to the requests Twilio's SDKs send.
#include "SdkCapture.h"

#include "api/ApiServer.h"
#include "base/LogCategories.h"
#include "twilio/TwilioClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace flux;

namespace {

const QByteArray Token = "s3cr3t-t0ken-9f8e7d6c5b4a";

QString accountSidOf(const HttpRequest &request)
{
    return QRegularExpression(QStringLiteral("/Accounts/(AC[0-9a-f]{32})/"))
        .match(request.path)
        .captured(1);
}

QStringList valuesOf(const FormParams &form, const QString &name)
{
    QStringList values;
    for (const auto &[key, value] : form) {
        if (key == name)
            values.append(value);
    }
    return values;
}

// What the SDK was asked to send, read back from what it sent.
CreateCallParams paramsOf(const HttpRequest &sdk)
{
    CreateCallParams params;
    params.to = FormEncoding::value(sdk.form, QStringLiteral("To"));
    params.from = FormEncoding::value(sdk.form, QStringLiteral("From"));
    params.url = FormEncoding::value(sdk.form, QStringLiteral("Url"));
    params.statusCallback = FormEncoding::value(sdk.form, QStringLiteral("StatusCallback"));
    params.statusCallbackEvents = valuesOf(sdk.form, QStringLiteral("StatusCallbackEvent"));
    return params;
}

QByteArray readData(const QString &fileName)
{
    QFile file(QStringLiteral(FLUX_TEST_DATA_DIR "/") + fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

FormParams withMethodAfterUrl(FormParams form)
{
    const auto url = std::find_if(form.begin(), form.end(), [](const auto &pair) {
        return pair.first == QLatin1String("Url");
    });
    form.insert(url + 1, {QStringLiteral("Method"), QStringLiteral("POST")});
    return form;
}

// A stand-in for api.twilio.com on loopback: records every request and answers as told.
class LoopbackTwilio
{
public:
    using Answer = std::function<void(const HttpRequest &, const Responder &)>;

    LoopbackTwilio()
    {
        const Route::Handler record = [this](const HttpRequest &request, const Responder &r) {
            requests.append(request);
            answer(request, r);
        };
        const QString calls = QStringLiteral("/2010-04-01/Accounts/{account}/Calls.json");
        const QString call = QStringLiteral("/2010-04-01/Accounts/{account}/Calls/{file}");
        server.addRoutes({{HttpMethod::Post, calls, Route::Access::Public, {}, {}, record},
                          {HttpMethod::Get, calls, Route::Access::Public, {}, {}, record},
                          {HttpMethod::Get, call, Route::Access::Public, {}, {}, record},
                          {HttpMethod::Post, call, Route::Access::Public, {}, {}, record}});
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    ApiServer server;
    quint16 port = 0;
    QList<HttpRequest> requests;
    QList<Responder> held; // requests left unanswered on purpose
    Answer answer = [](const HttpRequest &, const Responder &r) {
        r.send({HttpStatus::Created,
                "application/json",
                readData(QStringLiteral("call_resource_example_create.json")),
                {}});
    };
};

// What a client's callback saw: how often it ran, on which thread, and the last result.
struct Outcome
{
    int calls = 0;
    QThread *thread = nullptr;
    std::optional<Result<TwilioCall, TwilioError>> result;

    static TwilioClient::CallCallback recordInto(const std::shared_ptr<Outcome> &outcome)
    {
        return [outcome](const Result<TwilioCall, TwilioError> &result) {
            ++outcome->calls;
            outcome->thread = QThread::currentThread();
            outcome->result = result;
        };
    }
};

QStringList *capturedLog = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog->append(message);
}

} // namespace

class TestTwilioClient : public QObject
{
    Q_OBJECT

private:
    // Starts a request and waits for its callback; tests check how often and where it ran.
    std::shared_ptr<Outcome> run(const std::function<void(TwilioClient::CallCallback)> &start)
    {
        auto outcome = std::make_shared<Outcome>();
        start(Outcome::recordInto(outcome));
        if (!QTest::qWaitFor([&] { return outcome->calls > 0; }, 10000))
            QTest::qFail("the callback never ran", __FILE__, __LINE__);
        QCoreApplication::processEvents(); // a second call, if any, would come now
        return outcome;
    }
    std::shared_ptr<Outcome> create(const CreateCallParams &params)
    {
        return run([&](auto done) { m_client->createCall(params, done); });
    }
    void verifyRanOnceOnClientThread(const Outcome &outcome)
    {
        QCOMPARE(outcome.calls, 1);
        QCOMPARE(outcome.thread, m_client->thread());
    }
    void verifySucceeded(const Outcome &outcome)
    {
        verifyRanOnceOnClientThread(outcome);
        QVERIFY(outcome.result);
        if (!outcome.result->ok())
            QFAIL(qPrintable(outcome.result->error().describe()));
    }
    // The failure, after checking it came once and holds neither the token nor the header.
    TwilioError failure(const Outcome &outcome)
    {
        verifyRanOnceOnClientThread(outcome);
        if (!outcome.result || outcome.result->ok()) {
            QTest::qFail("the request succeeded", __FILE__, __LINE__);
            return {};
        }
        const TwilioError error = outcome.result->error();
        verifyHoldsNoSecret({error.describe(), error.message, error.moreInfo});
        return error;
    }
    void verifyHoldsNoSecret(const QStringList &texts)
    {
        const QByteArray basic =
            QByteArray(accountSidOf(m_python).toUtf8() + ':' + Token).toBase64();
        for (const QString &text : texts) {
            QVERIFY2(!text.contains(QString::fromUtf8(Token)), qPrintable(text));
            QVERIFY2(!text.contains(QString::fromLatin1(basic)), qPrintable(text));
        }
    }
    void useClientAt(const QString &apiBase)
    {
        m_client = std::make_unique<TwilioClient>(
            TwilioCredentials{apiBase, accountSidOf(m_python), Token});
    }

    HttpRequest m_python;
    HttpRequest m_node;
    std::unique_ptr<LoopbackTwilio> m_peer;
    std::unique_ptr<TwilioClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        m_python = SdkCapture::read(QStringLiteral("twilio_python_calls_create_request.txt"));
        m_node = SdkCapture::read(QStringLiteral("twilio_node_calls_create_request.txt"));
        for (const HttpRequest *sdk : {&m_python, &m_node}) {
            QVERIFY(!sdk->body.isEmpty());
            QVERIFY(!accountSidOf(*sdk).isEmpty());
            // The captures' own decoding and ours of their bodies must agree, or the
            // comparisons below would compare the wrong things.
            QCOMPARE(FormEncoding::parse(sdk->body), sdk->form);
        }
    }

    void init()
    {
        m_peer = std::make_unique<LoopbackTwilio>();
        QVERIFY(m_peer->port != 0);
        useClientAt(m_peer->base());
    }

    void cleanup()
    {
        m_client.reset();
        m_peer.reset();
    }

    void createCallPostsToTheAccountsCallsCollection()
    {
        verifyRanOnceOnClientThread(*create(paramsOf(m_python)));
        QCOMPARE(m_peer->requests.size(), 1);
        QCOMPARE(m_peer->requests.first().method, m_python.method);
        QCOMPARE(m_peer->requests.first().path, m_python.path);
    }

    void createCallAuthenticatesWithAccountSidAndToken()
    {
        create(paramsOf(m_python));
        QCOMPARE(m_peer->requests.size(), 1);
        const QByteArray authorization = m_peer->requests.first().header("Authorization");
        QVERIFY2(authorization.startsWith("Basic "), authorization.constData());
        QCOMPARE(QByteArray::fromBase64(authorization.mid(6)),
                 accountSidOf(m_python).toUtf8() + ':' + Token);
    }

    void createCallSendsTheHeadersTheSdksSend()
    {
        create(paramsOf(m_python));
        QCOMPARE(m_peer->requests.size(), 1);
        const HttpRequest &sent = m_peer->requests.first();
        for (const HttpRequest *sdk : {&m_python, &m_node}) {
            for (const QByteArray name : {"Content-Type", "Accept", "Accept-Charset"})
                QCOMPARE(sent.header(name), sdk->header(name));
        }
        QCOMPARE(sent.header("User-Agent"),
                 QByteArray("flux-calldesk/" FLUX_VERSION " (Qt ") + qVersion() + ')');
    }

    void createCallFormIsThePythonSdkFormWithMethodAfterUrl()
    {
        create(paramsOf(m_python));
        QCOMPARE(m_peer->requests.size(), 1);
        QCOMPARE(m_peer->requests.first().form, withMethodAfterUrl(m_python.form));
    }

    void createCallFormHoldsTheNodeSdkFieldsAndEventOrder()
    {
        create(paramsOf(m_node));
        QCOMPARE(m_peer->requests.size(), 1);
        FormParams sent = m_peer->requests.first().form;
        FormParams expected = m_node.form;
        expected.append({QStringLiteral("Method"), QStringLiteral("POST")});
        QCOMPARE(valuesOf(sent, QStringLiteral("StatusCallbackEvent")),
                 valuesOf(expected, QStringLiteral("StatusCallbackEvent")));
        std::sort(sent.begin(), sent.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(sent, expected);
    }

    void createCallBodyIsBytewiseThePythonSdkBodyPlusMethod()
    {
        create(paramsOf(m_python));
        QCOMPARE(m_peer->requests.size(), 1);
        QList<QByteArray> pairs = m_peer->requests.first().body.split('&');
        QCOMPARE(pairs.removeAll("Method=POST"), 1);
        QCOMPARE(pairs.join('&'), m_python.body);
    }

    void createCallAnswersWithTheCallTwilioCreated()
    {
        const auto outcome = create(paramsOf(m_python));
        verifySucceeded(*outcome);
        const QJsonObject answered =
            QJsonDocument::fromJson(readData(QStringLiteral("call_resource_example_create.json")))
                .object();
        const TwilioCall &call = outcome->result->value();
        QCOMPARE(call.sid, answered.value(QLatin1String("sid")).toString());
        QCOMPARE(call.status, answered.value(QLatin1String("status")).toString());
        QCOMPARE(call.to, answered.value(QLatin1String("to")).toString());
        QCOMPARE(call.dateCreated, answered.value(QLatin1String("date_created")).toString());
    }

    void fetchCallGetsTheCallBySid()
    {
        const QString sid = QStringLiteral("CA") + QString(32, QLatin1Char('e'));
        const auto outcome = run([&](auto done) { m_client->fetchCall(sid, done); });
        verifySucceeded(*outcome);
        QCOMPARE(m_peer->requests.size(), 1);
        const HttpRequest &sent = m_peer->requests.first();
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.path, QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2.json")
                                .arg(accountSidOf(m_python), sid));
        QVERIFY(sent.body.isEmpty());
        QCOMPARE(QByteArray::fromBase64(sent.header("Authorization").mid(6)),
                 accountSidOf(m_python).toUtf8() + ':' + Token);
    }

    void listCallsSendsTwiliosFiltersAndFollowsNextPageUri()
    {
        const QString account = accountSidOf(m_python);
        const QString listPath = QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(account);
        m_peer->answer = [&](const HttpRequest &request, const Responder &r) {
            const bool first =
                FormEncoding::value(request.queryForm, QStringLiteral("Page")).isEmpty();
            const QJsonArray calls =
                first ? QJsonArray{QJsonObject{{QStringLiteral("sid"), QStringLiteral("CA2")}},
                                   QJsonObject{{QStringLiteral("sid"), QStringLiteral("CA1")}}}
                      : QJsonArray{QJsonObject{
                            {QStringLiteral("sid"), QStringLiteral("CA0")},
                            {QStringLiteral("answered_by"), QStringLiteral("machine_end_beep")}}};
            const QJsonValue next =
                first ? QJsonValue(listPath + QStringLiteral("?To=%2B14155550123&PageSize=2&Page=1"
                                                             "&PageToken=PACA1"))
                      : QJsonValue();
            r.send(HttpResponse::json(HttpStatus::Ok,
                                      QJsonObject{{QStringLiteral("calls"), calls},
                                                  {QStringLiteral("next_page_uri"), next}}));
        };
        TwilioCallFilter filter;
        filter.to = QStringLiteral("+14155550123");
        filter.startedFrom = QDate(2026, 12, 7);
        filter.pageSize = 2;
        std::optional<Result<TwilioCallList, TwilioError>> listed;
        m_client->listCalls(filter, [&](const auto &result) { listed = result; });
        QTRY_VERIFY(listed);
        QVERIFY(listed->ok());
        QCOMPARE(listed->value().pages, 2);
        QVERIFY(listed->value().complete);
        QCOMPARE(listed->value().calls.size(), 3);
        QCOMPARE(listed->value().calls.last().sid, QStringLiteral("CA0"));
        QCOMPARE(listed->value().calls.last().answeredBy, QStringLiteral("machine_end_beep"));

        QCOMPARE(m_peer->requests.size(), 2);
        const HttpRequest &first = m_peer->requests.first();
        QCOMPARE(first.method, QByteArray("GET"));
        QCOMPARE(first.path, listPath);
        // As the official SDKs encode it: "StartTime>" is one name, its ">" escaped.
        QCOMPARE(first.rawQuery,
                 QStringLiteral("To=%2B14155550123&StartTime%3E=2026-12-07&PageSize=2"));
        const HttpRequest &second = m_peer->requests.last();
        QCOMPARE(FormEncoding::value(second.queryForm, QStringLiteral("PageToken")),
                 QStringLiteral("PACA1"));
        QCOMPARE(QByteArray::fromBase64(second.header("Authorization").mid(6)),
                 account.toUtf8() + ':' + Token);
    }

    void listCallsStopsAtItsPageLimitAndAtAPageOfAnotherAccount()
    {
        QString next;
        m_peer->answer = [&](const HttpRequest &, const Responder &r) {
            r.send(HttpResponse::json(
                HttpStatus::Ok, QJsonObject{{QStringLiteral("calls"),
                                             QJsonArray{QJsonObject{
                                                 {QStringLiteral("sid"), QStringLiteral("CA1")}}}},
                                            {QStringLiteral("next_page_uri"), next}}));
        };
        const auto list = [&](int maxPages) {
            TwilioCallFilter filter;
            filter.maxPages = maxPages;
            std::optional<Result<TwilioCallList, TwilioError>> listed;
            m_client->listCalls(filter, [&](const auto &result) { listed = result; });
            if (!QTest::qWaitFor([&listed] { return listed.has_value(); }, 5000))
                return Result<TwilioCallList, TwilioError>(TwilioError{});
            return *listed;
        };
        next = QStringLiteral("/2010-04-01/Accounts/%1/Calls.json?Page=1&PageToken=PACA1")
                   .arg(accountSidOf(m_python));
        const auto limited = list(1);
        QVERIFY(limited.ok());
        QVERIFY(!limited.value().complete);
        QCOMPARE(m_peer->requests.size(), 1);

        next = QStringLiteral("/2010-04-01/Accounts/AC%1/Calls.json?Page=1")
                   .arg(QString(32, QLatin1Char('0')));
        const auto foreign = list(3);
        QVERIFY(foreign.ok());
        QVERIFY(!foreign.value().complete);
        QCOMPARE(m_peer->requests.size(), 2);
    }

    void aListThatIsNotAListIsABadAnswer()
    {
        m_peer->answer = [](const HttpRequest &, const Responder &r) {
            r.send(HttpResponse::json(HttpStatus::Ok,
                                      QJsonObject{{QStringLiteral("sid"), QStringLiteral("CA1")}}));
        };
        std::optional<Result<TwilioCallList, TwilioError>> listed;
        m_client->listCalls({}, [&](const auto &result) { listed = result; });
        QTRY_VERIFY(listed);
        QVERIFY(!listed->ok());
        QCOMPARE(listed->error().kind, TwilioError::Kind::BadAnswer);
        QVERIFY2(listed->error().message.contains(QLatin1String("a list of calls")),
                 qPrintable(listed->error().message));
    }

    void updateCallStatusPostsTheStatusToTheCall()
    {
        const QString sid = QStringLiteral("CA") + QString(32, QLatin1Char('7'));
        const auto outcome = run(
            [&](auto done) { m_client->updateCallStatus(sid, QStringLiteral("canceled"), done); });
        verifySucceeded(*outcome);
        QCOMPARE(m_peer->requests.size(), 1);
        const HttpRequest &sent = m_peer->requests.first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2.json")
                                .arg(accountSidOf(m_python), sid));
        QCOMPARE(sent.header("Content-Type"), m_python.header("Content-Type"));
        QCOMPARE(sent.body, QByteArray("Status=canceled"));
    }

    void twilioErrorJsonBecomesAnApiErrorWithItsCode()
    {
        const QJsonObject twilioError{
            {QStringLiteral("code"), 21211},
            {QStringLiteral("message"),
             QStringLiteral("The 'To' number 5551234 is not a valid phone number.")},
            {QStringLiteral("more_info"),
             QStringLiteral("https://www.twilio.com/docs/errors/21211")},
            {QStringLiteral("status"), 400}};
        m_peer->answer = [&](const HttpRequest &, const Responder &r) {
            r.send(HttpResponse::json(HttpStatus::BadRequest, twilioError));
        };
        const TwilioError error = failure(*create(paramsOf(m_python)));
        QCOMPARE(error.kind, TwilioError::Kind::Api);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.code, 21211);
        QCOMPARE(error.message, twilioError.value(QLatin1String("message")).toString());
        QCOMPARE(error.moreInfo, twilioError.value(QLatin1String("more_info")).toString());
        QVERIFY(error.describe().contains(error.message));
    }

    void htmlServerErrorBecomesAnApiErrorNamingTheStatus()
    {
        m_peer->answer = [](const HttpRequest &, const Responder &r) {
            r.send({HttpStatus::InternalServerError,
                    "text/html",
                    "<html><body><h1>Internal Server Error</h1></body></html>",
                    {}});
        };
        const TwilioError error = failure(*create(paramsOf(m_python)));
        QCOMPARE(error.kind, TwilioError::Kind::Api);
        QCOMPARE(error.httpStatus, 500);
        QCOMPARE(error.code, 0);
        QVERIFY2(error.message.contains(QLatin1String("500")), qPrintable(error.message));
    }

    void silentPeerTimesOut()
    {
        m_peer->answer = [this](const HttpRequest &, const Responder &r) {
            m_peer->held.append(r);
        };
        m_client->setTimeoutMs(300);
        QElapsedTimer elapsed;
        elapsed.start();
        const auto outcome = create(paramsOf(m_python));
        const TwilioError error = failure(*outcome);
        QCOMPARE(error.kind, TwilioError::Kind::Timeout);
        QCOMPARE(error.httpStatus, 0);
        QCOMPARE(m_peer->held.size(), 1); // it was heard and left unanswered, not refused
        QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    }

    void closedPortIsANetworkError()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        useClientAt(QStringLiteral("http://127.0.0.1:%1").arg(closedPort));
        const TwilioError error = failure(*create(paramsOf(m_python)));
        QCOMPARE(error.kind, TwilioError::Kind::Network);
        QCOMPARE(error.httpStatus, 0);
        QVERIFY(!error.message.isEmpty());
    }

    void createdAnswerThatIsNotACallIsABadAnswer_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("garbage") << QByteArray("<<not json at all");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("object without sid") << QByteArray(R"({"status":"queued"})");
        QTest::newRow("empty") << QByteArray();
    }
    void createdAnswerThatIsNotACallIsABadAnswer()
    {
        QFETCH(QByteArray, body);
        m_peer->answer = [&](const HttpRequest &, const Responder &r) {
            r.send({HttpStatus::Created, "application/json", body, {}});
        };
        const TwilioError error = failure(*create(paramsOf(m_python)));
        QCOMPARE(error.kind, TwilioError::Kind::BadAnswer);
        QCOMPARE(error.httpStatus, 201);
    }

    void redirectToAnotherHostIsNotFollowed()
    {
        LoopbackTwilio elsewhere;
        m_peer->answer = [&](const HttpRequest &request, const Responder &r) {
            r.send({HttpStatus(307),
                    "text/plain",
                    {},
                    {{"Location", (elsewhere.base() + request.path).toUtf8()}}});
        };
        const TwilioError error = failure(*create(paramsOf(m_python)));
        QCOMPARE(error.kind, TwilioError::Kind::Api);
        QCOMPARE(error.httpStatus, 307);
        QVERIFY(elsewhere.requests.isEmpty());
    }

    void reachabilityFollowsWhetherTwilioAnswersAtAll()
    {
        QSignalSpy spy(m_client.get(), &TwilioClient::reachabilityChanged);
        m_client->setTimeoutMs(300);
        const LoopbackTwilio::Answer answers = m_peer->answer;
        const LoopbackTwilio::Answer silence = [this](const HttpRequest &, const Responder &r) {
            m_peer->held.append(r);
        };
        const LoopbackTwilio::Answer refusal = [](const HttpRequest &, const Responder &r) {
            r.send(HttpResponse::detail(HttpStatus::Unauthorized, QStringLiteral("Authenticate")));
        };
        for (const auto &answer : {answers, refusal, silence, silence, refusal}) {
            m_peer->answer = answer;
            create(paramsOf(m_python));
        }
        QCOMPARE(spy.size(), 3);
        QCOMPARE(spy.at(0).at(0).toBool(), true);
        QCOMPARE(spy.at(1).at(0).toBool(), false);
        QCOMPARE(spy.at(2).at(0).toBool(), true);
    }

    void logsNameTheCallSidButNeverTheToken()
    {
        QStringList log;
        capturedLog = &log;
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        // A success is logged at debug: switched on here, whatever QT_LOGGING_RULES says.
        QLoggingCategory &category = const_cast<QLoggingCategory &>(lcTwilio());
        const bool debugWasOn = category.isDebugEnabled();
        category.setEnabled(QtDebugMsg, true);
        const auto restore = qScopeGuard([&] { category.setEnabled(QtDebugMsg, debugWasOn); });
        const QString sid = QStringLiteral("CA") + QString(32, QLatin1Char('b'));
        run([&](auto done) { m_client->fetchCall(sid, done); });
        m_peer->answer = [](const HttpRequest &, const Responder &r) {
            r.send(HttpResponse::json(HttpStatus::NotFound,
                                      QJsonObject{{QStringLiteral("code"), 20404}}));
        };
        run([&](auto done) { m_client->updateCallStatus(sid, QStringLiteral("completed"), done); });
        qInstallMessageHandler(previous);
        capturedLog = nullptr;

        QCOMPARE(log.filter(sid).size(), 2);
        verifyHoldsNoSecret(log);
        QVERIFY(log.filter(QLatin1String("Authorization")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTwilioClient)
#include "TestTwilioClient.moc"
