// Reading the API's and the simulator's call JSON in tests: lists of strings, statuses in order.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace flux::test {

inline QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out.append(item.toString());
    return out;
}

// The statuses of a call's status events (GET /notifications/call/{sid}), by SequenceNumber.
inline QStringList statusesBySequence(const QJsonObject &call)
{
    QMap<int, QString> bySequence;
    for (const QJsonValue &value : call.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("type")).toString() == QLatin1String("status"))
            bySequence.insert(event.value(QStringLiteral("sequence_number")).toInt(),
                              event.value(QStringLiteral("status")).toString());
    }
    return bySequence.values();
}

} // namespace flux::test
