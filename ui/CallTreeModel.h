// CallTreeModel: the call list: one row per notification with its calls underneath in attempt
// order, and the calls of none (old history, adopted calls, a notification of one call) as rows
// of their own; time, number, task, status, duration, kept live.
#pragma once

#include "CallRows.h"

#include "calls/CallRecord.h"
#include "calls/Notification.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QVector>

namespace flux {

class CallTreeModel : public QAbstractItemModel
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
        SidRole,                 // the call sid; empty on a notification's row
        BadgeColorRole,          // QColor of the status badge
        SearchRole,              // what the search box matches: number, task, id, status, sid
        NotificationIdRole,      // the notification's id on its row; empty on a call's
        OpenRole,                // true on the row of a notification still calling
    };

    explicit CallTreeModel(QObject *parent = nullptr);

    // Replaces every row, e.g. with the history read when the engine starts. Only notifications
    // of more than one attempt get a row: a single call says all there is.
    void reset(const CallRows &rows, const QList<Notification> &notifications = {});
    void reset(const QList<CallRecord> &calls, const QList<Notification> &notifications = {});
    // Adds the call or updates its row in place (by sid).
    void upsert(const CallRecord &call);
    // Applies many changes at once: rows that changed are updated in place (only the status and
    // duration columns are announced, so a list sorted by time is not sorted again), calls not
    // in the list yet are added in one insertion, in the order given.
    void upsert(const QList<CallRecord> &calls);
    // Adds the notification or updates its row, and gathers the calls of its attempts under it.
    void upsert(const Notification &notification);

    // The call's row in rows(), or -1; and its index in the tree.
    int rowOf(const QString &sid) const { return m_rows.find(sid); }
    QModelIndex indexOf(const QString &sid, int column = 0) const;
    QModelIndex notificationIndex(const QString &id, int column = 0) const;
    // The id of the notification whose row the call is under; empty when none.
    QString notificationIdOf(const QString &sid) const;
    // The list keeps only what it shows; the detail pane reads the rest from the store.
    const CallRows &rows() const { return m_rows; }
    // For the sort proxy: the call's row in rows() (-1 on a notification's), the time a row
    // sorts by, and a call's attempt index under its notification.
    int callRowAt(const QModelIndex &index) const;
    qint64 timeMs(const QModelIndex &index) const;
    int attemptAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatDuration(int seconds);

private:
    // A notification with a row of its own, its calls as children.
    struct Group
    {
        Notification notification; // as last announced, attempts included
        qint64 createdAtMs = 0;
        int top = -1;             // its position among the top-level rows
        QVector<qint32> calls;    // rows in m_rows, in attempt order
        QVector<qint32> attempts; // the attempt index of each
    };

    QVariant callData(int row, int column, int role) const;
    QVariant groupData(const Group &group, int column, int role) const;
    // The group a call belongs to, by its request id or sid; -1 when none.
    int groupOf(const CallRecord &call) const;
    void remember(int group);
    void adopt(int group, int row, int attempt);
    void removeTop(int position);
    void announce(int row);
    QModelIndex indexOfRow(int row, int column) const;
    // A child's internal id is its group's index + 1; top-level rows have this.
    static constexpr quintptr TopLevel = 0;
    // Top-level rows: >= 0 a call's row in m_rows, < 0 a group (-1 - its index).
    static int groupCode(int group) { return -1 - group; }

    CallRows m_rows;
    QVector<qint32> m_top;
    QVector<qint32> m_topOfCall;   // per call row: its top-level position, -1 under a group
    QHash<int, int> m_groupOfCall; // call row -> group, for calls under one
    QVector<Group> m_groups;
    QHash<QString, int> m_groupById;
    QHash<QString, int> m_groupOfRequest; // an attempt's request id -> its group
    QHash<QString, int> m_groupOfSid;     // an attempt's call sid -> its group
};

} // namespace flux
