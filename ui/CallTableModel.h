// CallTableModel: the call history as a table (time, number, task, status, duration), kept live.
#pragma once

#include "CallRows.h"

#include "calls/CallRecord.h"

#include <QAbstractTableModel>

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
    void reset(const CallRows &rows);
    void reset(const QList<CallRecord> &calls);
    // Adds the call or updates its row in place (by sid).
    void upsert(const CallRecord &call);
    // Applies many changes at once: rows that changed are updated in place (only the status and
    // duration columns are announced, so a list sorted by time is not sorted again), calls not
    // in the list yet are added in one insertion, in the order given.
    void upsert(const QList<CallRecord> &calls);
    int rowOf(const QString &sid) const { return m_rows.find(sid); }
    // The list keeps only what it shows; the detail pane reads the rest from the store.
    const CallRows &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatDuration(int seconds);

private:
    CallRows m_rows;
};

} // namespace flux
