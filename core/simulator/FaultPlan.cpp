#include "simulator/FaultPlan.h"

#include "base/LogCategories.h"

#include <QJsonValue>

namespace flux {

namespace {
constexpr int MaxDelayMs = 60000;

// Reads an optional integer field within [min, max] into `out`.
std::optional<QString> readInt(const QJsonObject &json, const char *name, int min, int max,
                               int &out)
{
    const QJsonValue value = json.value(QLatin1String(name));
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != double(qint64(number)) || number < min || number > max)
        return QStringLiteral("%1 must be a whole number from %2 to %3")
            .arg(QLatin1String(name))
            .arg(min)
            .arg(max);
    out = int(number);
    return std::nullopt;
}

std::optional<QString> readBool(const QJsonObject &json, const char *name, bool &out)
{
    const QJsonValue value = json.value(QLatin1String(name));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool())
        return QStringLiteral("%1 must be true or false").arg(QLatin1String(name));
    out = value.toBool();
    return std::nullopt;
}
} // namespace

void FaultPlan::failCreates(int count, const CreateFault &fault)
{
    m_create = fault;
    m_createsLeft = count;
}

void FaultPlan::disturbCallbacks(int count, const CallbackFault &fault)
{
    m_callback = fault;
    m_callbacksLeft = count;
}

void FaultPlan::clear()
{
    m_createsLeft = 0;
    m_callbacksLeft = 0;
}

std::optional<FaultPlan::CreateFault> FaultPlan::nextCreate()
{
    ++m_createsSeen;
    if (m_createsLeft == 0)
        return std::nullopt;
    if (m_createsLeft > 0)
        --m_createsLeft;
    ++m_createsFailed;
    return m_create;
}

std::optional<FaultPlan::CallbackFault> FaultPlan::nextCallback()
{
    if (m_callbacksLeft == 0)
        return std::nullopt;
    if (m_callbacksLeft > 0)
        --m_callbacksLeft;
    ++m_callbacksDisturbed;
    return m_callback;
}

Result<void, QString> FaultPlan::apply(const QJsonObject &json)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != QLatin1String("creates") && it.key() != QLatin1String("callbacks"))
            return QStringLiteral("unknown section \"%1\": use creates or callbacks").arg(it.key());
        if (!it.value().isObject())
            return QStringLiteral("%1 must be an object").arg(it.key());
    }
    // Both sections are read in full before either takes effect.
    CreateFault create;
    int creates = 1;
    const bool hasCreates = json.contains(QLatin1String("creates"));
    if (hasCreates) {
        const QJsonObject c = json.value(QLatin1String("creates")).toObject();
        for (auto error :
             {readInt(c, "count", 0, 1000000, creates),
              readInt(c, "status", 400, 599, create.status),
              readInt(c, "code", 0, 99999, create.code),
              readInt(c, "retry_after", 0, 3600, create.retryAfterSeconds),
              readBool(c, "hang", create.hang), readBool(c, "place_call", create.placeCall)}) {
            if (error)
                return QString(QStringLiteral("creates: ") + *error);
        }
    }
    CallbackFault callback;
    int callbacks = Always;
    const bool hasCallbacks = json.contains(QLatin1String("callbacks"));
    if (hasCallbacks) {
        const QJsonObject c = json.value(QLatin1String("callbacks")).toObject();
        for (auto error : {readInt(c, "count", Always, 1000000, callbacks),
                           readBool(c, "duplicate", callback.duplicate),
                           readBool(c, "reorder", callback.reorder),
                           readInt(c, "delay_ms", 0, MaxDelayMs, callback.delayMs)}) {
            if (error)
                return QString(QStringLiteral("callbacks: ") + *error);
        }
    }
    if (hasCreates)
        failCreates(creates, create);
    if (hasCallbacks)
        disturbCallbacks(callbacks, callback);
    qCInfo(lcSim).noquote() << "faults now" << toJson();
    return {};
}

QJsonObject FaultPlan::toJson() const
{
    return QJsonObject{
        {QStringLiteral("creates"),
         QJsonObject{{QStringLiteral("count"), m_createsLeft},
                     {QStringLiteral("status"), m_create.status},
                     {QStringLiteral("code"), m_create.code},
                     {QStringLiteral("retry_after"), m_create.retryAfterSeconds},
                     {QStringLiteral("hang"), m_create.hang},
                     {QStringLiteral("place_call"), m_create.placeCall}}},
        {QStringLiteral("callbacks"),
         QJsonObject{{QStringLiteral("count"), m_callbacksLeft},
                     {QStringLiteral("duplicate"), m_callback.duplicate},
                     {QStringLiteral("reorder"), m_callback.reorder},
                     {QStringLiteral("delay_ms"), m_callback.delayMs}}},
        {QStringLiteral("seen"),
         QJsonObject{{QStringLiteral("creates"), m_createsSeen},
                     {QStringLiteral("creates_failed"), m_createsFailed},
                     {QStringLiteral("callbacks_disturbed"), m_callbacksDisturbed}}},
    };
}

} // namespace flux
