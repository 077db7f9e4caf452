#include "simulator/SimulatorMessagesResource.h"

#include "base/LogCategories.h"
#include "calls/PhoneNumber.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedMessage.h"
#include "simulator/SimulatorCallsResource.h"
#include "simulator/TwilioSimulator.h"
#include "simulator/WebhookSender.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

namespace flux {

namespace {
const QString MessagesPath = QStringLiteral("/2010-04-01/Accounts/{AccountSid}/Messages.json");
const QString SimMessagesPath = QStringLiteral("/sim/messages");
constexpr int MaxBody = 1600;
// From the create until the carrier has it ("sent"), and until the handset has it.
constexpr int SentMs = 500;
constexpr int DeliveredMs = 1500;
} // namespace

SimulatorMessagesResource::SimulatorMessagesResource(TwilioSimulator &simulator,
                                                     WebhookSender *callbacks)
    : m_simulator(simulator), m_callbacks(callbacks)
{}

QList<Route> SimulatorMessagesResource::routes()
{
    using namespace std::placeholders;
    return {
        {HttpMethod::Post, MessagesPath, Route::Access::Public,
         QStringLiteral("post_2010_04_01_Accounts_AccountSid_Messages_json"),
         QStringLiteral("Send a text (SMS)"),
         std::bind(&SimulatorMessagesResource::create, this, _1, _2)},
        {HttpMethod::Get, SimMessagesPath, Route::Access::Public,
         QStringLiteral("get_sim_messages"),
         QStringLiteral("The texts the virtual phones received"),
         std::bind(&SimulatorMessagesResource::list, this, _1, _2)},
    };
}

void SimulatorMessagesResource::create(const HttpRequest &request, const Responder &responder)
{
    if (const auto refused = SimulatorCallsResource::refuse(m_simulator, request))
        return responder.send(*refused);
    const FormParams &form = request.form;
    SimulatedMessage message;
    message.to = FormEncoding::value(form, QStringLiteral("To"));
    message.from = FormEncoding::value(form, QStringLiteral("From"));
    message.body = FormEncoding::value(form, QStringLiteral("Body"));
    message.statusCallback = FormEncoding::value(form, QStringLiteral("StatusCallback"));
    const auto error = [&](int code, const QString &text) {
        qCInfo(lcSim).noquote() << "message create refused:" << code << text;
        responder.send(SimulatorCallsResource::twilioError(HttpStatus::BadRequest, code, text));
    };
    if (message.to.isEmpty())
        return error(21604, QStringLiteral("A 'To' phone number is required."));
    if (!PhoneNumber::isE164(message.to))
        return error(
            21211,
            QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(message.to));
    if (message.from != m_simulator.phoneNumber())
        return error(21606, QStringLiteral("The From phone number %1 is not a valid, "
                                           "SMS-capable inbound phone number or short code for "
                                           "your account.")
                                .arg(message.from));
    if (message.body.isEmpty())
        return error(21602, QStringLiteral("Message body is required."));
    if (message.body.size() > MaxBody)
        return error(21617, QStringLiteral("The concatenated message body exceeds the %1 "
                                           "character limit.")
                                .arg(MaxBody));
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    message.sid = QStringLiteral("SM") + QString::fromLatin1(raw.toHex());
    message.created = message.updated = QDateTime::currentDateTimeUtc();
    const SimulatedMessage &stored = m_simulator.addMessage(message);
    qCInfo(lcSim).noquote() << "message" << stored.sid << "to" << stored.to << "queued";
    HttpResponse response =
        HttpResponse::json(HttpStatus::Created, stored.resource(m_simulator.accountSid()));
    responder.send(response);

    const QString sid = stored.sid;
    const double speed = m_simulator.speed();
    const bool fails = message.to == ScriptedNumbers::Fails;
    QTimer::singleShot(int(SentMs / speed), &m_simulator,
                       [this, sid] { progress(sid, QStringLiteral("sent")); });
    QTimer::singleShot(int(DeliveredMs / speed), &m_simulator, [this, sid, fails] {
        // 30003: Twilio's "Unreachable destination handset".
        if (fails)
            progress(sid, QStringLiteral("undelivered"), QStringLiteral("30003"));
        else
            progress(sid, QStringLiteral("delivered"));
    });
}

void SimulatorMessagesResource::progress(const QString &sid, const QString &status,
                                         const QString &errorCode)
{
    const auto updated = m_simulator.setMessageStatus(sid, status, errorCode);
    if (!updated || updated->statusCallback.isEmpty())
        return;
    FormParams params{
        {QStringLiteral("AccountSid"), m_simulator.accountSid()},
        {QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01")},
        {QStringLiteral("From"), updated->from},
        {QStringLiteral("MessageSid"), sid},
        {QStringLiteral("MessageStatus"), status},
        {QStringLiteral("SmsSid"), sid},
        {QStringLiteral("SmsStatus"), status},
        {QStringLiteral("To"), updated->to},
    };
    if (!errorCode.isEmpty())
        params.append({QStringLiteral("ErrorCode"), errorCode});
    m_callbacks->send(QStringLiteral("POST"), updated->statusCallback, params,
                      [sid, status](const WebhookSender::Answer &answer) {
                          if (!answer.error.isEmpty())
                              qCInfo(lcSim).noquote() << "message" << sid << status
                                                      << "callback failed:" << answer.error;
                      });
}

void SimulatorMessagesResource::list(const HttpRequest &request, const Responder &responder)
{
    const QString to = FormEncoding::value(request.queryForm, QStringLiteral("to"));
    QJsonArray messages;
    for (const SimulatedMessage &message : m_simulator.messages()) {
        if (to.isEmpty() || message.to == to)
            messages.append(message.view());
    }
    responder.send(
        HttpResponse::json(HttpStatus::Ok, QJsonObject{{QStringLiteral("messages"), messages}}));
}

} // namespace flux
