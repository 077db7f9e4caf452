// CallTreeModel's structure: which rows there are and where (their text: CallTreeModelText.cpp).
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

CallTreeModel::CallTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void CallTreeModel::reset(const CallRows &rows, const QList<Notification> &notifications)
{
    beginResetModel();
    m_rows = rows;
    m_top.clear();
    m_topOfCall.fill(-1, m_rows.size());
    m_groupOfCall.clear();
    m_groups.clear();
    m_groupById.clear();
    m_groupOfRequest.clear();
    m_groupOfSid.clear();
    for (const Notification &notification : notifications) {
        if (notification.totalAttempts() <= 1 || m_groupById.contains(notification.id))
            continue;
        Group group;
        group.notification = notification;
        group.createdAtMs = notification.createdAt.toMSecsSinceEpoch();
        m_groupById.insert(notification.id, int(m_groups.size()));
        m_groups.append(group);
        remember(int(m_groups.size()) - 1);
    }
    // A history without notifications (all of it before they existed) costs no lookup per call.
    if (!m_groupOfSid.isEmpty()) {
        for (int row = 0; row < m_rows.size(); ++row) {
            const QString sid = m_rows.sid(row);
            const int group = m_groupOfSid.value(sid, -1);
            if (group < 0)
                continue;
            Group &g = m_groups[group];
            int attempt = attemptOfCall(g.notification, sid, {});
            const auto at = std::lower_bound(g.attempts.begin(), g.attempts.end(), attempt);
            const auto position = at - g.attempts.begin();
            g.attempts.insert(position, attempt);
            g.calls.insert(position, row);
            m_groupOfCall.insert(row, group);
        }
    }
    m_top.reserve(m_rows.size() + m_groups.size());
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_groupOfCall.isEmpty() && m_groupOfCall.contains(row))
            continue;
        m_topOfCall[row] = int(m_top.size());
        m_top.append(row);
    }
    for (int group = 0; group < m_groups.size(); ++group) {
        m_groups[group].top = int(m_top.size());
        m_top.append(groupCode(group));
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
    // A call of a notification with a row goes under it; the rest come in one insertion at the
    // end. The same sid twice in one batch: the first adds the row, the later ones update it.
    QList<const CallRecord *> tops;
    QList<const CallRecord *> updates;
    QSet<QString> newSids;
    for (const CallRecord *call : added) {
        if (newSids.contains(call->sid)) {
            updates.append(call);
            continue;
        }
        newSids.insert(call->sid);
        const int group = groupOf(*call);
        if (group < 0) {
            tops.append(call);
            continue;
        }
        m_rows.append(*call);
        m_topOfCall.append(-1);
        adopt(group, m_rows.size() - 1,
              attemptOfCall(m_groups.at(group).notification, call->sid, call->requestId));
    }
    if (!tops.isEmpty()) {
        const int first = int(m_top.size());
        beginInsertRows({}, first, first + int(tops.size()) - 1);
        for (const CallRecord *call : tops) {
            m_rows.append(*call);
            m_topOfCall.append(int(m_top.size()));
            m_top.append(m_rows.size() - 1);
        }
        endInsertRows();
    }
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
        g.top = int(m_top.size());
        beginInsertRows({}, g.top, g.top);
        m_groups.append(g);
        m_groupById.insert(notification.id, group);
        m_top.append(groupCode(group));
        endInsertRows();
    } else {
        Group &g = m_groups[group];
        const QList<NotificationAttempt> known = g.notification.attempts;
        g.notification = notification;
        if (notification.attempts.isEmpty())
            g.notification.attempts = known; // read without them: keep what was known
        // The time it sorts by never changes: the rest may.
        Q_EMIT dataChanged(index(g.top, Number), index(g.top, Duration));
    }
    remember(group);
    for (const NotificationAttempt &attempt : m_groups.at(group).notification.attempts) {
        if (attempt.callSid.isEmpty())
            continue;
        if (const int row = m_rows.find(attempt.callSid); row >= 0)
            adopt(group, row, attempt.index);
    }
}

void CallTreeModel::adopt(int group, int row, int attempt)
{
    if (m_groupOfCall.contains(row))
        return; // under its group already
    if (m_topOfCall.at(row) >= 0)
        removeTop(m_topOfCall.at(row)); // it came before its notification did
    Group &g = m_groups[group];
    // An attempt not named yet goes last: the notification's next change places it.
    const int key = attempt < 0 ? std::numeric_limits<int>::max() : attempt;
    const auto at = std::upper_bound(g.attempts.begin(), g.attempts.end(), key);
    const int position = int(at - g.attempts.begin());
    beginInsertRows(createIndex(g.top, 0, TopLevel), position, position);
    g.attempts.insert(position, key);
    g.calls.insert(position, row);
    m_groupOfCall.insert(row, group);
    m_topOfCall[row] = -1;
    endInsertRows();
}

void CallTreeModel::removeTop(int position)
{
    beginRemoveRows({}, position, position);
    const int code = m_top.at(position);
    if (code >= 0)
        m_topOfCall[code] = -1;
    m_top.remove(position);
    for (int i = position; i < m_top.size(); ++i) {
        const int moved = m_top.at(i);
        if (moved >= 0)
            m_topOfCall[moved] = i;
        else
            m_groups[-1 - moved].top = i;
    }
    endRemoveRows();
}

void CallTreeModel::announce(int row)
{
    // Number, task and time never change: announcing them would make a proxy sorted by time
    // move the row (and re-check the sort of 100,000 rows) for nothing.
    const QModelIndex first = indexOfRow(row, Status);
    Q_EMIT dataChanged(first, first.siblingAtColumn(Duration));
}

QModelIndex CallTreeModel::indexOf(const QString &sid, int column) const
{
    const int row = m_rows.find(sid);
    return row < 0 ? QModelIndex() : indexOfRow(row, column);
}

QModelIndex CallTreeModel::indexOfRow(int row, int column) const
{
    if (const int top = m_topOfCall.at(row); top >= 0)
        return createIndex(top, column, TopLevel);
    const int group = m_groupOfCall.value(row, -1);
    if (group < 0)
        return {};
    return createIndex(int(m_groups.at(group).calls.indexOf(row)), column, quintptr(group + 1));
}

QModelIndex CallTreeModel::notificationIndex(const QString &id, int column) const
{
    const int group = m_groupById.value(id, -1);
    return group < 0 ? QModelIndex() : createIndex(m_groups.at(group).top, column, TopLevel);
}

QString CallTreeModel::notificationIdOf(const QString &sid) const
{
    const int group = m_groupOfCall.value(m_rows.find(sid), -1);
    return group < 0 ? QString() : m_groups.at(group).notification.id;
}

int CallTreeModel::callRowAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return -1;
    if (index.internalId() != TopLevel)
        return m_groups.at(int(index.internalId() - 1)).calls.at(index.row());
    const int code = m_top.at(index.row());
    return code >= 0 ? code : -1;
}

qint64 CallTreeModel::timeMs(const QModelIndex &index) const
{
    const int row = callRowAt(index);
    if (row >= 0)
        return m_rows.initiatedAtMs(row);
    return index.isValid() ? m_groups.at(-1 - m_top.at(index.row())).createdAtMs : 0;
}

int CallTreeModel::attemptAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == TopLevel)
        return -1;
    return m_groups.at(int(index.internalId() - 1)).attempts.at(index.row());
}

QModelIndex CallTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_top.size() ? createIndex(row, column, TopLevel) : QModelIndex();
    if (parent.internalId() != TopLevel || parent.row() >= m_top.size())
        return {};
    const int code = m_top.at(parent.row());
    if (code >= 0 || row >= m_groups.at(-1 - code).calls.size())
        return {};
    return createIndex(row, column, quintptr(-code)); // -code == group + 1
}

QModelIndex CallTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(m_groups.at(int(child.internalId() - 1)).top, 0, TopLevel);
}

int CallTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.internalId() != TopLevel || parent.column() != 0)
        return 0;
    const int code = m_top.at(parent.row());
    return code >= 0 ? 0 : int(m_groups.at(-1 - code).calls.size());
}

int CallTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

} // namespace flux
