// CallTreeModel: the call list, shaped as a tree in a flat table: one row per notification with
// the rows of its calls (attempt order) after it, and the calls of none (old history, adopted
// calls, a notification of one call) as rows of their own; time, number, task, status, duration,
// kept live. Flat, so a new row never makes the view lay out the 100,000 others again:
// CallSortProxy keeps a notification's rows together and hides those of a collapsed one.
#pragma once

#include "CallRows.h"

#include "calls/CallRecord.h"
#include "calls/Notification.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace flux {

class CallTreeModel : public QAbstractTableModel
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

    // The call's row in rows(), or -1; and its index in this model.
    int rowOf(const QString &sid) const { return m_rows.find(sid); }
    QModelIndex indexOf(const QString &sid, int column = 0) const;
    QModelIndex notificationIndex(const QString &id, int column = 0) const;
    // The id of the notification whose row the call is under; empty when none.
    QString notificationIdOf(const QString &sid) const;
    // The sids of the notification's calls, first to last.
    QStringList callsOf(const QString &id) const;
    // A collapsed notification hides its calls (a search still finds them).
    bool isCollapsed(const QString &id) const;
    void setCollapsed(const QString &id, bool collapsed);
    // The list keeps only what it shows; the detail pane reads the rest from the store.
    const CallRows &rows() const { return m_rows; }

    // For the sort proxy, by row of this model: the notification the row belongs to (-1 for a
    // lone call) and that notification's own row; the call's row in rows() (-1 on a
    // notification's row); the time a row sorts by; a call's attempt under its notification.
    int groupAt(int row) const;
    int groupRow(int group) const { return m_groups.at(group).row; }
    const QVector<qint32> &groupCalls(int group) const { return m_groups.at(group).calls; }
    bool isGroupCollapsed(int group) const { return m_groups.at(group).collapsed; }
    int callRowAt(int row) const { return m_flat.at(row) >= 0 ? m_flat.at(row) : -1; }
    qint64 timeMs(int row) const;
    int attemptAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatDuration(int seconds);

Q_SIGNALS:
    // A notification was collapsed or expanded: which rows show has changed.
    void collapsedChanged();

private:
    // A notification with a row of its own, its calls' rows after it.
    struct Group
    {
        Notification notification; // as last announced, attempts included
        qint64 createdAtMs = 0;
        int row = -1;             // its row in m_flat
        QVector<qint32> calls;    // rows in m_rows, in attempt order
        QVector<qint32> attempts; // the attempt index of each
        bool collapsed = false;
    };

    QVariant callData(int row, int column, int role) const;
    QVariant groupData(const Group &group, int column, int role) const;
    // The group a call belongs to, by its request id or sid; -1 when none.
    int groupOf(const CallRecord &call) const;
    void remember(int group);
    // Puts the call (a row of m_rows) under the group.
    void adopt(int group, int row, int attempt);
    void announce(int row);
    // Rows in m_flat: >= 0 a call's row in m_rows, < 0 a group (-1 - its index).
    static int groupCode(int group) { return -1 - group; }

    CallRows m_rows;
    QVector<qint32> m_flat;
    QVector<qint32> m_flatOfCall;  // per call row: its row in m_flat
    QVector<qint32> m_groupOfCall; // per call row: its group, -1 when none
    QVector<Group> m_groups;
    QHash<QString, int> m_groupById;
    QHash<QString, int> m_groupOfRequest; // an attempt's request id -> its group
    QHash<QString, int> m_groupOfSid;     // an attempt's call sid -> its group
};

} // namespace flux
