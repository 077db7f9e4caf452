// Tests the simulator's list of calls (GET .../Calls.json) over real HTTP on loopback: Twilio's
// filters and paging, and the official Python SDK's calls.list() and calls.stream() against it.
#include "calls/CallStatus.h"
#include "net/FormEncoding.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedCallRecord.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace flux;

namespace {

constexpr double Speed = 20.0;
constexpr int WaitMs = 8000;
constexpr int PythonWaitMs = 60000;

const QString PythonPath = QStringLiteral("/usr/bin/python3");
// A call that stays in progress for the whole test (30 s at Speed): it answers, then waits.
const QString LongCall = QStringLiteral("<Response><Pause length=\"600\"/></Response>");
const QString Alice = QStringLiteral("+14155550123");
const QString Bob = QStringLiteral("+14155550199");

// The official SDK pointed at the simulator: its http_client sends what it would send to
// api.twilio.com to the simulator's base URL instead, next pages included. Prints the sids
// of calls.list(to, limit) and of calls.stream(page_size=2), one per line, each after a title.
const QString SdkScript = QStringLiteral(R"(
import sys
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

base_url, account_sid, auth_token, to, limit = sys.argv[1:6]


class Loopback(TwilioHttpClient):
    def request(self, method, url, **kwargs):
        return super().request(method, url.replace('https://api.twilio.com', base_url), **kwargs)


client = Client(account_sid, auth_token, http_client=Loopback())
print('list')
for call in client.calls.list(to=to, limit=int(limit)):
    print(call.sid)
print('stream')
for call in client.calls.stream(page_size=2):
    print(call.sid)
)");

struct Answer
{
    int status = 0;
    QJsonObject json;
};

QStringList sidsOf(const QJsonArray &calls)
{
    QStringList sids;
    for (const QJsonValue &call : calls)
        sids.append(call[QStringLiteral("sid")].toString());
    return sids;
}

} // namespace

class TestSimulatorListCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listingAnswersEveryCallNewestFirstInTheCallResourceShape();
    void filteringByToAndStatusKeepsOnlyTheMatchingCalls();
    void filteringByStartTimeTakesTwiliosDays();
    void pagingByTwoFollowsNextPageUriAcrossThreePagesUntilItIsNull();
    void endedCallsAreListedWithTheirFinalStatus();
    void listingWithoutTheAccountsCredentialsIsRefused();
    void aBadPageSizeIsRefusedWithTwiliosCode();
    void theOfficialPythonSdkListsAndStreamsTheSimulatorsCalls();

private:
    Answer get(const QString &pathAndQuery, bool authorized = true);
    QString listPath() const
    {
        return QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(m_sim->accountSid());
    }
    QString placeCall(const QString &to);
    // Busy calls end at once: the ended calls the archive keeps.
    QStringList placeEndedCalls(int count);
    // Three live calls (to Alice, Bob, Alice) and two ended ones, newest first.
    QStringList placeFiveCalls();

    std::unique_ptr<TwilioSimulator> m_sim;
    QNetworkAccessManager m_network;
};

void TestSimulatorListCalls::init()
{
    m_sim = std::make_unique<TwilioSimulator>(
        TwilioSimulator::Options{QHostAddress::LocalHost, 0, Speed});
    const auto started = m_sim->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error()));
}

void TestSimulatorListCalls::cleanup()
{
    m_sim.reset();
}

Answer TestSimulatorListCalls::get(const QString &pathAndQuery, bool authorized)
{
    QNetworkRequest request(QUrl(m_sim->baseUrl() + pathAndQuery));
    request.setRawHeader("Accept", "application/json");
    if (authorized)
        request.setRawHeader(
            "Authorization",
            "Basic " +
                QByteArray(m_sim->accountSid().toLatin1() + ':' + m_sim->authToken()).toBase64());
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Answer answer;
    if (finished.wait(WaitMs)) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
    }
    reply->deleteLater();
    return answer;
}

QString TestSimulatorListCalls::placeCall(const QString &to)
{
    const FormParams form{{QStringLiteral("To"), to},
                          {QStringLiteral("From"), m_sim->phoneNumber()},
                          {QStringLiteral("Twiml"), LongCall}};
    QNetworkRequest request(QUrl(m_sim->baseUrl() + listPath()));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(
        "Authorization",
        "Basic " +
            QByteArray(m_sim->accountSid().toLatin1() + ':' + m_sim->authToken()).toBase64());
    QNetworkReply *reply = m_network.post(request, FormEncoding::encode(form));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QString sid;
    if (finished.wait(WaitMs))
        sid = QJsonDocument::fromJson(reply->readAll())
                  .object()
                  .value(QStringLiteral("sid"))
                  .toString();
    reply->deleteLater();
    return sid;
}

QStringList TestSimulatorListCalls::placeEndedCalls(int count)
{
    QStringList newestFirst;
    for (int i = 0; i < count; ++i)
        newestFirst.prepend(placeCall(ScriptedNumbers::Busy));
    const int ended = m_sim->endedCallCount() + count;
    if (!QTest::qWaitFor([&] { return m_sim->endedCallCount() >= ended; }, WaitMs))
        qWarning() << "only" << m_sim->endedCallCount() << "of" << ended << "calls ended";
    return newestFirst;
}

QStringList TestSimulatorListCalls::placeFiveCalls()
{
    QStringList newestFirst = placeEndedCalls(2);
    for (const QString &to : {Alice, Bob, Alice})
        newestFirst.prepend(placeCall(to));
    // Answered, they keep still until the test ends, so a list and a fetch read the same.
    const auto allAnswered = [&] {
        for (const QString &sid : newestFirst.mid(0, 3)) {
            const SimulatedCallRecord *call = m_sim->record(sid);
            if (!call || call->status != CallStatus::InProgress)
                return false;
        }
        return true;
    };
    if (!QTest::qWaitFor(allAnswered, WaitMs))
        qWarning() << "not every live call was answered";
    return newestFirst;
}

void TestSimulatorListCalls::listingAnswersEveryCallNewestFirstInTheCallResourceShape()
{
    const QStringList placed = placeFiveCalls();
    QVERIFY(!placed.contains(QString()));
    const Answer list = get(listPath());
    QCOMPARE(list.status, 200);
    const QJsonArray calls = list.json.value(QStringLiteral("calls")).toArray();
    QCOMPARE(sidsOf(calls), placed);
    for (const QJsonValue &call : calls) {
        const QString sid = call[QStringLiteral("sid")].toString();
        const Answer fetched =
            get(listPath().chopped(5) + QLatin1Char('/') + sid + QStringLiteral(".json"));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(call.toObject(), fetched.json);
    }
    // Twilio's list envelope, key for key.
    QCOMPARE(list.json.keys(),
             QStringList({QStringLiteral("calls"), QStringLiteral("end"),
                          QStringLiteral("first_page_uri"), QStringLiteral("next_page_uri"),
                          QStringLiteral("page"), QStringLiteral("page_size"),
                          QStringLiteral("previous_page_uri"), QStringLiteral("start"),
                          QStringLiteral("uri")}));
    QCOMPARE(list.json.value(QStringLiteral("page")).toInt(), 0);
    QCOMPARE(list.json.value(QStringLiteral("page_size")).toInt(), 50);
    QCOMPARE(list.json.value(QStringLiteral("start")).toInt(), 0);
    QCOMPARE(list.json.value(QStringLiteral("end")).toInt(), 4);
    QVERIFY(list.json.value(QStringLiteral("next_page_uri")).isNull());
    QVERIFY(list.json.value(QStringLiteral("previous_page_uri")).isNull());
    QCOMPARE(list.json.value(QStringLiteral("uri")).toString(),
             listPath() + QStringLiteral("?PageSize=50&Page=0"));
}

void TestSimulatorListCalls::filteringByToAndStatusKeepsOnlyTheMatchingCalls()
{
    const QStringList placed = placeFiveCalls(); // Alice, Bob, Alice, busy, busy
    const QString aliceQuery =
        QStringLiteral("?To=") + QString::fromLatin1(FormEncoding::encodeComponent(Alice));
    const Answer toAlice = get(listPath() + aliceQuery);
    QCOMPARE(toAlice.status, 200);
    QCOMPARE(sidsOf(toAlice.json.value(QStringLiteral("calls")).toArray()),
             QStringList({placed[0], placed[2]}));
    QVERIFY(toAlice.json.value(QStringLiteral("uri")).toString().contains(aliceQuery));

    const Answer busy = get(listPath() + QStringLiteral("?Status=busy"));
    QCOMPARE(sidsOf(busy.json.value(QStringLiteral("calls")).toArray()),
             QStringList({placed[3], placed[4]}));

    const Answer aliceBusy = get(listPath() + aliceQuery + QStringLiteral("&Status=busy"));
    QCOMPARE(aliceBusy.status, 200);
    QVERIFY(aliceBusy.json.value(QStringLiteral("calls")).toArray().isEmpty());
    QCOMPARE(aliceBusy.json.value(QStringLiteral("end")).toInt(), 0);
}

void TestSimulatorListCalls::filteringByStartTimeTakesTwiliosDays()
{
    const QStringList placed = placeEndedCalls(2);
    const SimulatedCallRecord *first = m_sim->record(placed.last());
    QVERIFY(first && first->started.isValid());
    const QDate day = first->started.toUTC().date();
    const auto startedSids = [this](const QString &query) {
        return sidsOf(get(listPath() + query).json.value(QStringLiteral("calls")).toArray());
    };
    const QString today = day.toString(Qt::ISODate);
    const QString yesterday = day.addDays(-1).toString(Qt::ISODate);
    const QString tomorrow = day.addDays(1).toString(Qt::ISODate);
    QCOMPARE(startedSids(QStringLiteral("?StartTime=") + today), placed);
    QCOMPARE(startedSids(QStringLiteral("?StartTime=") + yesterday), QStringList());
    // "StartTime<=" as Twilio's documentation writes it: on or before that day.
    QCOMPARE(startedSids(QStringLiteral("?StartTime<=") + today), placed);
    QCOMPARE(startedSids(QStringLiteral("?StartTime%3C=") + yesterday), QStringList());
    QCOMPARE(startedSids(QStringLiteral("?StartTime>=") + today), placed);
    QCOMPARE(startedSids(QStringLiteral("?StartTime%3E=") + tomorrow), QStringList());
    QCOMPARE(startedSids(QStringLiteral("?EndTime=") + today), placed);
    QCOMPARE(get(listPath() + QStringLiteral("?StartTime=yesterday")).status, 400);
}

void TestSimulatorListCalls::pagingByTwoFollowsNextPageUriAcrossThreePagesUntilItIsNull()
{
    const QStringList placed = placeFiveCalls();
    QStringList listed;
    QString next = listPath() + QStringLiteral("?PageSize=2");
    int pages = 0;
    while (!next.isEmpty() && pages < 10) {
        const Answer page = get(next);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json.value(QStringLiteral("page")).toInt(), pages);
        QCOMPARE(page.json.value(QStringLiteral("page_size")).toInt(), 2);
        QCOMPARE(page.json.value(QStringLiteral("start")).toInt(), 2 * pages);
        QCOMPARE(page.json.value(QStringLiteral("previous_page_uri")).isNull(), pages == 0);
        QCOMPARE(page.json.value(QStringLiteral("first_page_uri")).toString(),
                 listPath() + QStringLiteral("?PageSize=2&Page=0"));
        const QJsonArray calls = page.json.value(QStringLiteral("calls")).toArray();
        QCOMPARE(page.json.value(QStringLiteral("end")).toInt(), 2 * pages + int(calls.size()) - 1);
        listed += sidsOf(calls);
        const QJsonValue nextUri = page.json.value(QStringLiteral("next_page_uri"));
        QVERIFY(nextUri.isNull() || nextUri.isString());
        next = nextUri.toString();
        ++pages;
    }
    QCOMPARE(pages, 3);
    QCOMPARE(listed, placed);

    // The previous page of the last one is the second.
    const Answer second = get(listPath() + QStringLiteral("?PageSize=2&Page=1"));
    const Answer third = get(second.json.value(QStringLiteral("next_page_uri")).toString());
    const Answer back = get(third.json.value(QStringLiteral("previous_page_uri")).toString());
    QCOMPARE(sidsOf(back.json.value(QStringLiteral("calls")).toArray()),
             QStringList({placed[2], placed[3]}));
}

void TestSimulatorListCalls::endedCallsAreListedWithTheirFinalStatus()
{
    const QStringList ended = placeEndedCalls(2);
    QCOMPARE(m_sim->liveCallCount(), 0);
    const Answer list = get(listPath());
    const QJsonArray calls = list.json.value(QStringLiteral("calls")).toArray();
    QCOMPARE(sidsOf(calls), ended);
    for (const QJsonValue &call : calls) {
        QCOMPARE(call[QStringLiteral("status")].toString(), CallStatus::Busy);
        QCOMPARE(call[QStringLiteral("duration")].toString(), QStringLiteral("0"));
        QVERIFY(call[QStringLiteral("end_time")].isString());
    }
}

void TestSimulatorListCalls::listingWithoutTheAccountsCredentialsIsRefused()
{
    QVERIFY(!placeCall(Alice).isEmpty());
    const Answer anonymous = get(listPath(), false);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.json.value(QStringLiteral("code")).toInt(), 20003);
    const Answer otherAccount =
        get(QStringLiteral("/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json"));
    QCOMPARE(otherAccount.status, 401);
    QCOMPARE(otherAccount.json.value(QStringLiteral("code")).toInt(), 20003);
}

void TestSimulatorListCalls::aBadPageSizeIsRefusedWithTwiliosCode()
{
    const Answer zero = get(listPath() + QStringLiteral("?PageSize=0"));
    QCOMPARE(zero.status, 400);
    QCOMPARE(zero.json.value(QStringLiteral("code")).toInt(), 20001);
    const Answer huge = get(listPath() + QStringLiteral("?PageSize=5000"));
    QCOMPARE(huge.status, 200);
    QCOMPARE(huge.json.value(QStringLiteral("page_size")).toInt(), 1000);
}

void TestSimulatorListCalls::theOfficialPythonSdkListsAndStreamsTheSimulatorsCalls()
{
    QProcess probe;
    probe.start(PythonPath, {QStringLiteral("-c"), QStringLiteral("import twilio.rest")});
    if (!probe.waitForFinished(PythonWaitMs) || probe.exitCode() != 0)
        QSKIP("/usr/bin/python3 cannot import twilio: run packaging/install-deps.sh "
              "(it installs Debian's python3-twilio)");

    const QStringList placed = placeFiveCalls(); // Alice, Bob, Alice, busy, busy
    QProcess sdk;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A proxy set for the host must not catch the SDK's loopback requests.
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    sdk.setProcessEnvironment(environment);
    // The simulator answers on this thread's event loop, so wait without blocking it.
    sdk.start(PythonPath, {QStringLiteral("-c"), SdkScript, m_sim->baseUrl(), m_sim->accountSid(),
                           QString::fromLatin1(m_sim->authToken()), Alice, QStringLiteral("2")});
    QSignalSpy finished(&sdk, &QProcess::finished);
    QVERIFY(finished.wait(PythonWaitMs));
    QVERIFY2(sdk.exitCode() == 0, sdk.readAllStandardError().constData());
    const QStringList lines =
        QString::fromUtf8(sdk.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const qsizetype streamAt = lines.indexOf(QStringLiteral("stream"));
    QVERIFY(streamAt > 0);
    QCOMPARE(lines.mid(0, streamAt), QStringList({QStringLiteral("list"), placed[0], placed[2]}));
    QCOMPARE(lines.mid(streamAt + 1), placed);
}

QTEST_GUILESS_MAIN(TestSimulatorListCalls)
#include "TestSimulatorListCalls.moc"
