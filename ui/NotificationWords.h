// NotificationWords: what a person reads for a notification: its state ("attempt 2 of 6",
// acknowledged, ...), who it is calling or who acknowledged, and the wait before its next call.
#pragma once

#include "calls/Notification.h"

#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace flux {

class NotificationWords
{
    Q_DECLARE_TR_FUNCTIONS(NotificationWords)

public:
    // The attempt a person thinks of as "now": the call out, or the one waited for; 0-based.
    static int currentAttempt(const Notification &notification);
    // Who acknowledged; while open, who is being called or is called next; else who was last.
    static QString who(const Notification &notification);
    // "attempt 2 of 6" while open; "acknowledged", "not acknowledged", "canceled" once closed.
    static QString state(const Notification &notification);
    static QColor stateColor(const Notification &notification);
    // "1:42" (or "1:02:03"): the wait before a due time, rounded up to the second; "0:00" past it.
    static QString countdown(qint64 msLeft);
    // "Alice (+49…)" when the contact book (number -> name) knows the number, else the number.
    static QString person(const QString &number, const QHash<QString, QString> &names);
    // "Next call to +49… in 1:42", "Calling +49… (attempt 2 of 6)", "Acknowledged by … at …";
    // people by name where `names` has them.
    static QString progress(const Notification &notification, const QDateTime &now,
                            const QHash<QString, QString> &names = {});
};

} // namespace flux
