// CallTreeModel's structure: which rows there are and which notification each belongs to (their
// text: CallTreeModelText.cpp).
#include "CallTreeModel.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace flux {

namespace {

// The attempt of `notification` that placed the call, or -1.
int attemptOfCall(const Notification &notification, const QString &sid, const QString &requestId)
{
    for (const NotificationAttempt &attempt : notification.attempts) {
        if ((!sid.isEmpty() && attempt.callSid == sid) ||
            (!requestId.isEmpty() && attempt.requestId == requestId))
            return attempt.index;
    }
    return -1;
}

} // namespace

CallTreeModel::CallTreeModel(QObject *parent) : QAbstractTableModel(parent) {}

void CallTreeModel::reset(const CallRows &rows, const QList<Notification> &notifications)
{
    beginResetModel();
    m_rows = rows;
    m_flat.clear();
    m_flat.reserve(m_rows.size() + notifications.size());
    m_flatOfCall.resize(m_rows.size());
    m_groupOfCall.fill(-1, m_rows.size());
    m_groups.clear();
    m_groupById.clear();
    m_groupOfRequest.clear();
    m_groupOfSid.clear();
    for (int row = 0; row < m_rows.size(); ++row) {
        m_flatOfCall[row] = int(m_flat.size());
        m_flat.append(row);
    }
    for (const Notification &notification : notifications) {
        if (notification.totalAttempts() <= 1 || m_groupById.contains(notification.id))
            continue;
        Group group;
        group.notification = notification;
        group.createdAtMs = notification.createdAt.toMSecsSinceEpoch();
        group.row = int(m_flat.size());
        group.collapsed = !notification.isOpen(); // history folds; what is calling shows
        m_groupById.insert(notification.id, int(m_groups.size()));
        m_flat.append(groupCode(int(m_groups.size())));
        m_groups.append(group);
        remember(int(m_groups.size()) - 1);
    }
    // A history without notifications (all of it before they existed) costs no lookup per call.
    if (!m_groupOfSid.isEmpty()) {
        for (int row = 0; row < m_rows.size(); ++row) {
            const QString sid = m_rows.sid(row);
            if (const int group = m_groupOfSid.value(sid, -1); group >= 0)
                adopt(group, row, attemptOfCall(m_groups.at(group).notification, sid, {}));
        }
    }
    endResetModel();
}

void CallTreeModel::reset(const QList<CallRecord> &calls, const QList<Notification> &notifications)
{
    CallRows rows;
    rows.reserve(int(calls.size()));
    for (const CallRecord &call : calls)
        rows.append(call);
    reset(rows, notifications);
}

void CallTreeModel::remember(int group)
{
    for (const NotificationAttempt &attempt : m_groups.at(group).notification.attempts) {
        if (!attempt.requestId.isEmpty())
            m_groupOfRequest.insert(attempt.requestId, group);
        if (!attempt.callSid.isEmpty())
            m_groupOfSid.insert(attempt.callSid, group);
    }
}

int CallTreeModel::groupOf(const CallRecord &call) const
{
    if (!call.requestId.isEmpty()) {
        if (const auto group = m_groupOfRequest.constFind(call.requestId);
            group != m_groupOfRequest.cend())
            return group.value();
    }
    return m_groupOfSid.value(call.sid, -1);
}

void CallTreeModel::adopt(int group, int row, int attempt)
{
    if (m_groupOfCall.at(row) >= 0)
        return; // under its group already
    Group &g = m_groups[group];
    // An attempt not named yet goes last: the notification's next change places it.
    const int key = attempt < 0 ? std::numeric_limits<int>::max() : attempt;
    const auto at = std::upper_bound(g.attempts.begin(), g.attempts.end(), key);
    const int position = int(at - g.attempts.begin());
    g.attempts.insert(position, key);
    g.calls.insert(position, row);
    m_groupOfCall[row] = group;
}

void CallTreeModel::upsert(const CallRecord &call)
{
    upsert(QList<CallRecord>{call});
}

void CallTreeModel::upsert(const QList<CallRecord> &calls)
{
    QList<const CallRecord *> added;
    for (const CallRecord &call : calls) {
        const int row = m_rows.find(call.sid);
        if (row < 0)
            added.append(&call);
        else if (m_rows.update(row, call))
            announce(row);
    }
    if (added.isEmpty())
        return;
    // The same sid twice in one batch: the first adds the row, the later ones update it.
    QSet<QString> newSids;
    for (const CallRecord *call : added)
        newSids.insert(call->sid);
    const int first = int(m_flat.size());
    beginInsertRows({}, first, first + int(newSids.size()) - 1);
    QList<const CallRecord *> updates;
    for (const CallRecord *call : added) {
        if (!newSids.remove(call->sid)) {
            updates.append(call);
            continue;
        }
        m_rows.append(*call);
        const int row = m_rows.size() - 1;
        m_flatOfCall.append(int(m_flat.size()));
        m_groupOfCall.append(-1);
        m_flat.append(row);
        if (const int group = groupOf(*call); group >= 0)
            adopt(group, row,
                  attemptOfCall(m_groups.at(group).notification, call->sid, call->requestId));
    }
    endInsertRows();
    for (const CallRecord *call : updates) {
        const int row = m_rows.find(call->sid);
        if (m_rows.update(row, *call))
            announce(row);
    }
}

void CallTreeModel::upsert(const Notification &notification)
{
    // A single call says all there is: it stays a row of its own.
    if (notification.totalAttempts() <= 1)
        return;
    int group = m_groupById.value(notification.id, -1);
    if (group < 0) {
        group = int(m_groups.size());
        Group g;
        g.notification = notification;
        g.createdAtMs = notification.createdAt.toMSecsSinceEpoch();
        g.row = int(m_flat.size());
        beginInsertRows({}, g.row, g.row);
        m_groups.append(g);
        m_groupById.insert(notification.id, group);
        m_flat.append(groupCode(group));
        endInsertRows();
    } else {
        Group &g = m_groups[group];
        const QList<NotificationAttempt> known = g.notification.attempts;
        g.notification = notification;
        if (notification.attempts.isEmpty())
            g.notification.attempts = known; // read without them: keep what was known
        // The time it sorts by never changes; who and the state do, and its calls sort by them.
        Q_EMIT dataChanged(index(g.row, Number), index(g.row, Duration));
        for (const int call : std::as_const(g.calls))
            Q_EMIT dataChanged(index(m_flatOfCall.at(call), Number),
                               index(m_flatOfCall.at(call), Duration));
    }
    remember(group);
    for (const NotificationAttempt &attempt : m_groups.at(group).notification.attempts) {
        if (attempt.callSid.isEmpty())
            continue;
        const int row = m_rows.find(attempt.callSid);
        if (row < 0 || m_groupOfCall.at(row) >= 0)
            continue;
        // It came before its notification did: every column it sorts by is now the group's.
        adopt(group, row, attempt.index);
        const int flat = m_flatOfCall.at(row);
        Q_EMIT dataChanged(index(flat, 0), index(flat, ColumnCount - 1));
    }
}

void CallTreeModel::announce(int row)
{
    // Number, task and time never change: announcing them would make a proxy sorted by time
    // move the row (and re-check the sort of 100,000 rows) for nothing.
    const int flat = m_flatOfCall.at(row);
    Q_EMIT dataChanged(index(flat, Status), index(flat, Duration));
}

QModelIndex CallTreeModel::indexOf(const QString &sid, int column) const
{
    const int row = m_rows.find(sid);
    return row < 0 ? QModelIndex() : index(m_flatOfCall.at(row), column);
}

QModelIndex CallTreeModel::notificationIndex(const QString &id, int column) const
{
    const int group = m_groupById.value(id, -1);
    return group < 0 ? QModelIndex() : index(m_groups.at(group).row, column);
}

QString CallTreeModel::notificationIdOf(const QString &sid) const
{
    const int row = m_rows.find(sid);
    const int group = row < 0 ? -1 : m_groupOfCall.at(row);
    return group < 0 ? QString() : m_groups.at(group).notification.id;
}

QStringList CallTreeModel::callsOf(const QString &id) const
{
    QStringList sids;
    if (const int group = m_groupById.value(id, -1); group >= 0) {
        for (const int row : m_groups.at(group).calls)
            sids.append(m_rows.sid(row));
    }
    return sids;
}

bool CallTreeModel::isCollapsed(const QString &id) const
{
    const int group = m_groupById.value(id, -1);
    return group >= 0 && m_groups.at(group).collapsed;
}

void CallTreeModel::setCollapsed(const QString &id, bool collapsed)
{
    const int group = m_groupById.value(id, -1);
    if (group < 0 || m_groups.at(group).collapsed == collapsed)
        return;
    m_groups[group].collapsed = collapsed;
    const int row = m_groups.at(group).row;
    Q_EMIT dataChanged(index(row, Time), index(row, Time), {Qt::DisplayRole});
    Q_EMIT collapsedChanged();
}

int CallTreeModel::groupAt(int row) const
{
    const int code = m_flat.at(row);
    return code >= 0 ? m_groupOfCall.at(code) : -1 - code;
}

qint64 CallTreeModel::timeMs(int row) const
{
    const int code = m_flat.at(row);
    return code >= 0 ? m_rows.initiatedAtMs(code) : m_groups.at(-1 - code).createdAtMs;
}

int CallTreeModel::attemptAt(int row) const
{
    const int code = m_flat.at(row);
    if (code < 0)
        return -1;
    const int group = m_groupOfCall.at(code);
    if (group < 0)
        return -1;
    const Group &g = m_groups.at(group);
    return g.attempts.at(g.calls.indexOf(code));
}

int CallTreeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_flat.size());
}

int CallTreeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

} // namespace flux
