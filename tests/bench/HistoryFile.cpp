#include "HistoryFile.h"

#include "calls/CallStore.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace flux::bench {

QString historySid(int index)
{
    return QStringLiteral("CA%1").arg(index, 32, 10, QLatin1Char('0'));
}

bool fillStore(const QString &path, const std::function<bool(QSqlDatabase &)> &fill)
{
    {
        auto created = CallStore::open(path);
        if (!created)
            return false;
    }
    bool ok = true;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
        db.setDatabaseName(path);
        ok = db.open() && db.transaction();
        ok = ok && fill(db);
        ok = db.commit() && ok;
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
    return ok;
}

bool writeHistory(const QString &path, int calls)
{
    return fillStore(path, [calls](QSqlDatabase &db) {
        bool ok = true;
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO calls (sid, to_number, from_number, task_title, task_id, status, outcome,"
            " digits, last_sequence, duration_seconds, error_message, initiated_at, updated_at)"
            " VALUES (?, ?, '+15005550006', ?, ?, ?, ?, ?, 3, ?, '', ?, ?)"));
        const QStringList statuses{QStringLiteral("completed"), QStringLiteral("busy"),
                                   QStringLiteral("no-answer"), QStringLiteral("failed")};
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
        for (int i = 0; i < calls && ok; ++i) {
            const QString when = start.addSecs(i * 20).toString(Qt::ISODateWithMs);
            insert.addBindValue(historySid(i));
            insert.addBindValue(
                QStringLiteral("+1415555%1").arg(i % 10000, 4, 10, QLatin1Char('0')));
            insert.addBindValue(QStringLiteral("Task number %1 needs attention").arg(i));
            insert.addBindValue(QStringLiteral("INC-%1").arg(i));
            insert.addBindValue(statuses.at(i % statuses.size()));
            insert.addBindValue(i % 3 == 0 ? QStringLiteral("acknowledged")
                                           : QStringLiteral("not_acknowledged"));
            insert.addBindValue(i % 3 == 0 ? QStringLiteral("1") : QStringLiteral(""));
            insert.addBindValue(i % 90);
            insert.addBindValue(when);
            insert.addBindValue(when);
            ok = insert.exec();
        }
        return ok;
    });
}

} // namespace flux::bench
