// CallTableModel: the call history as a table (time, number, task, status, duration), kept live.
#pragma once

#include "calls/CallRecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace flux {

class CallTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Number,
        Task,
        Status,
        Duration,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole, // a value that sorts right (time, seconds)
        SidRole,                 // the call sid
        BadgeColorRole,          // QColor of the status badge
        SearchRole,              // what the search box matches: number, task, id, status, sid
    };

    explicit CallTableModel(QObject *parent = nullptr);

    // Replaces every row, e.g. with the history read when the engine starts.
    void reset(const QList<CallRecord> &calls);
    // Adds the call or updates its row in place (by sid).
    void upsert(const CallRecord &call);
    int rowOf(const QString &sid) const { return m_rowBySid.value(sid, -1); }
    const CallRecord &callAt(int row) const { return m_calls.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatDuration(int seconds);

private:
    QVector<CallRecord> m_calls;
    QHash<QString, int> m_rowBySid;
};

} // namespace flux
