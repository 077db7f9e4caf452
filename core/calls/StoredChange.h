// StoredChange: one row of the store's change log: which call or notification changed, and when.
// Every write to a call or a notification adds one in its own transaction (CallStoreSchema's
// triggers), so the log has each change once and no change is missing from it.
#pragma once

#include <QDateTime>
#include <QString>

namespace flux {

struct StoredChange
{
    enum class Kind
    {
        Call,        // `subject` is the call sid
        Notification // `subject` is the notification id
    };

    qint64 id = 0; // increasing, never reused, even after older rows are pruned
    Kind kind = Kind::Call;
    QString subject;
    QDateTime storedAt;
};

// The ids the log holds: changes oldest..latest are kept (none when oldest > latest); latest is
// the highest id ever given, 0 on a new file.
struct StoredChangeRange
{
    qint64 oldest = 1;
    qint64 latest = 0;
};

} // namespace flux
