#include "simulator/TwilioSimulator.h"

#include "api/ApiServer.h"
#include "api/DocsResource.h"
#include "base/LogCategories.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedTime.h"
#include "simulator/SimulatorCallsResource.h"
#include "simulator/SimulatorClock.h"
#include "simulator/SimulatorControlResource.h"
#include "simulator/SimulatorMessagesResource.h"
#include "simulator/WebhookDispatcher.h"
#include "simulator/WebhookSender.h"

#include <QRandomGenerator>

#include <algorithm>

namespace flux {

namespace {
QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toHex());
}
} // namespace

TwilioSimulator::TwilioSimulator(Options options, QObject *parent)
    : QObject(parent), m_options(options),
      m_clock(new SimulatorClock(m_options.speed > 0 ? m_options.speed : 1.0, this)),
      m_webhooks(new WebhookDispatcher(this)), m_ended(m_options.endedCallsKept)
{
    if (!(m_options.speed > 0))
        m_options.speed = 1.0;
}

TwilioSimulator::~TwilioSimulator()
{
    // Calls first: they abort their requests while the network they use still exists.
    qDeleteAll(std::exchange(m_live, {}));
    delete std::exchange(m_messageCallbacks, nullptr);
    delete m_server;
    // Their connections went with the server, so dropping them answers nothing.
    m_unanswered.clear();
}

Result<quint16, QString> TwilioSimulator::start()
{
    if (m_server)
        return m_server->port();
    m_accountSid = QStringLiteral("AC") + randomHex(16);
    m_authToken = m_options.authToken.isEmpty() ? randomHex(16).toLatin1() : m_options.authToken;
    m_phoneNumberSid = QStringLiteral("PN") + randomHex(16);

    auto server = std::make_unique<ApiServer>(this);
    m_callsResource = std::make_unique<SimulatorCallsResource>(*this);
    m_controlResource = std::make_unique<SimulatorControlResource>(*this);
    server->addRoutes(m_callsResource->routes());
    server->addRoutes(m_controlResource->routes());
    m_messageCallbacks = new WebhookSender(m_webhooks, m_authToken,
                                           SimulatedTime::webhookTimeoutMs(m_options.speed), this);
    m_messagesResource = std::make_unique<SimulatorMessagesResource>(*this, m_messageCallbacks);
    server->addRoutes(m_messagesResource->routes());
    m_docsResource = std::make_unique<DocsResource>(
        server.get(),
        QStringList{QStringLiteral(":/api/simulator-calls.json"),
                    QStringLiteral(":/api/simulator-control.json"),
                    QStringLiteral(":/api/simulator-messages.json")},
        [this] {
            return OpenApiDocument::Info{
                QStringLiteral("Flux Call Desk Twilio simulator"),
                QStringLiteral(FLUX_VERSION),
                QStringLiteral(
                    "The part of Twilio's Voice REST API the app uses (HTTP Basic auth "
                    "with this run's account sid and auth token, Twilio's error bodies), "
                    "and /sim/... to play the callee and inject faults."),
                baseUrl(),
                {}};
        });
    server->addRoutes(m_docsResource->routes());
    const quint16 port = server->listenOn(m_options.address, m_options.port);
    if (port == 0)
        return QStringLiteral("the Twilio simulator could not listen on %1 port %2")
            .arg(m_options.address.toString())
            .arg(m_options.port);
    m_server = server.release();
    qCInfo(lcSim).noquote() << "Twilio simulator listening on" << baseUrl() << "account"
                            << m_accountSid << "speed" << m_options.speed;
    if (m_options.manualAnswer)
        qCInfo(lcSim) << "non-scripted numbers ring until answered or declined at the phone";
    return port;
}

QString TwilioSimulator::baseUrl() const
{
    if (!m_server)
        return {};
    const QHostAddress &address = m_options.address;
    QString host = QStringLiteral("127.0.0.1");
    if (address == QHostAddress::LocalHostIPv6)
        host = QStringLiteral("[::1]");
    else if (address != QHostAddress::LocalHost && address != QHostAddress::Any &&
             address != QHostAddress::AnyIPv4 && address != QHostAddress::AnyIPv6)
        host = address.protocol() == QAbstractSocket::IPv6Protocol
                   ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                   : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_server->port());
}

QList<SimulatedMessage> TwilioSimulator::messagesTo(const QString &number) const
{
    QList<SimulatedMessage> found;
    for (const SimulatedMessage &message : m_messages) {
        if (message.to == number)
            found.append(message);
    }
    return found;
}

const SimulatedMessage &TwilioSimulator::addMessage(const SimulatedMessage &message)
{
    m_messages.append(message);
    Q_EMIT messageChanged(message.sid);
    return m_messages.constLast();
}

std::optional<SimulatedMessage> TwilioSimulator::setMessageStatus(const QString &sid,
                                                                  const QString &status,
                                                                  const QString &errorCode)
{
    for (SimulatedMessage &message : m_messages) {
        if (message.sid != sid)
            continue;
        message.status = status;
        message.errorCode = errorCode;
        message.updated = QDateTime::currentDateTimeUtc();
        qCInfo(lcSim).noquote() << "message" << sid << "to" << message.to << status;
        Q_EMIT messageChanged(sid);
        return message;
    }
    return std::nullopt;
}

QString TwilioSimulator::accountSid() const
{
    return m_accountSid;
}

QByteArray TwilioSimulator::authToken() const
{
    return m_authToken;
}

QString TwilioSimulator::phoneNumber() const
{
    return ScriptedNumbers::SimulatorFrom;
}

bool TwilioSimulator::pressDigits(const QString &callSid, const QString &digits)
{
    SimulatedCall *found = liveCall(callSid);
    return found && found->press(digits) == VoiceSession::PressResult::Accepted;
}

bool TwilioSimulator::answer(const QString &callSid)
{
    SimulatedCall *found = liveCall(callSid);
    return found && found->personAnswers();
}

bool TwilioSimulator::decline(const QString &callSid)
{
    SimulatedCall *found = liveCall(callSid);
    return found && found->personDeclines();
}

bool TwilioSimulator::hangUp(const QString &callSid)
{
    SimulatedCall *found = liveCall(callSid);
    return found && found->personHangsUp();
}

bool TwilioSimulator::sendToVoicemail(const QString &callSid)
{
    SimulatedCall *found = liveCall(callSid);
    return found && found->voicemailAnswers();
}

QList<SimulatedCallView> TwilioSimulator::calls() const
{
    QList<SimulatedCallView> views;
    const auto all = kept();
    views.reserve(qsizetype(all.size()));
    for (const auto &[record, live] : all)
        views.append(record->view(live && live->isListening()));
    return views;
}

std::optional<SimulatedCallView> TwilioSimulator::callView(const QString &callSid) const
{
    if (const SimulatedCall *live = liveCall(callSid))
        return live->view();
    if (const SimulatedCallRecord *ended = m_ended.find(callSid))
        return ended->view(false);
    return std::nullopt;
}

QJsonArray TwilioSimulator::callsJson() const
{
    QJsonArray calls;
    for (const auto &[record, live] : kept())
        calls.append(record->controlJson(live && live->isListening()));
    return calls;
}

std::vector<std::pair<const SimulatedCallRecord *, const SimulatedCall *>>
TwilioSimulator::kept() const
{
    std::vector<std::pair<const SimulatedCallRecord *, const SimulatedCall *>> all;
    all.reserve(std::size_t(m_live.size() + m_ended.size()));
    for (const SimulatedCallRecord &ended : m_ended.records())
        all.emplace_back(&ended, nullptr);
    for (const SimulatedCall *live : m_live)
        all.emplace_back(&live->record(), live);
    std::sort(all.begin(), all.end(),
              [](const auto &a, const auto &b) { return a.first->number < b.first->number; });
    return all;
}

std::vector<const SimulatedCallRecord *> TwilioSimulator::records() const
{
    const auto all = kept();
    std::vector<const SimulatedCallRecord *> newestFirst;
    newestFirst.reserve(all.size());
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        newestFirst.push_back(it->first);
    return newestFirst;
}

SimulatedCall *TwilioSimulator::liveCall(const QString &callSid) const
{
    return m_live.value(callSid);
}

const SimulatedCallRecord *TwilioSimulator::record(const QString &callSid) const
{
    if (const SimulatedCall *live = liveCall(callSid))
        return &live->record();
    return m_ended.find(callSid);
}

SimulatedCall *TwilioSimulator::placeCall(const SimulatedCallOrder &order)
{
    const SimulatorAccount account{m_accountSid,           m_authToken, m_phoneNumberSid, m_clock,
                                   m_options.manualAnswer, m_webhooks,  &m_faults};
    QString callSid = QStringLiteral("CA") + randomHex(16);
    callSid.squeeze(); // kept with the call's record long after it ended: no spare capacity
    SimulatedCallOrder numbered = order;
    numbered.callsBefore = m_callsTo[order.to]++;
    auto *created = new SimulatedCall(callSid, ++m_placed, numbered, account, this);
    const QString sid = created->sid();
    m_live.insert(sid, created);
    connect(created, &SimulatedCall::changed, this, [this, sid] { Q_EMIT callChanged(sid); });
    // Queued: the call emits it from inside its own code, and retiring deletes it.
    connect(
        created, &SimulatedCall::settled, this, [this, sid] { retire(sid); }, Qt::QueuedConnection);
    created->start();
    Q_EMIT callPlaced(sid);
    return created;
}

void TwilioSimulator::retire(const QString &callSid)
{
    SimulatedCall *call = liveCall(callSid);
    if (!call || !call->isSettled())
        return;
    m_live.remove(callSid);
    m_ended.add(call->record());
    delete call;
}

} // namespace flux
