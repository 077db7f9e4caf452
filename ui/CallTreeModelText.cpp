// CallTreeModel's text: what each row says, in each role (the structure is in CallTreeModel.cpp).
#include "CallTreeModel.h"

#include "CallBadge.h"
#include "NotificationWords.h"

#include <QFont>

#include <limits>

namespace flux {

namespace {

QString timeText(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms);
    return local.date() == QDate::currentDate()
               ? local.toString(QStringLiteral("HH:mm:ss"))
               : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString taskText(const QString &title, const QString &taskId)
{
    return taskId.isEmpty() ? title : QStringLiteral("%1 (%2)").arg(title, taskId);
}

} // namespace

QString CallTreeModel::formatDuration(int seconds)
{
    if (seconds < 0)
        return {};
    return seconds < 60
               ? tr("%1 s").arg(seconds)
               : tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QVariant CallTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() != TopLevel) {
        const Group &group = m_groups.at(int(index.internalId() - 1));
        const int attempt = group.attempts.at(index.row());
        if (index.column() == Task && role == Qt::DisplayRole &&
            attempt != std::numeric_limits<int>::max())
            return tr("attempt %1 of %2").arg(attempt + 1).arg(group.notification.totalAttempts());
        return callData(group.calls.at(index.row()), index.column(), role);
    }
    if (index.row() >= m_top.size())
        return {};
    const int code = m_top.at(index.row());
    return code >= 0 ? callData(code, index.column(), role)
                     : groupData(m_groups.at(-1 - code), index.column(), role);
}

QVariant CallTreeModel::callData(int row, int column, int role) const
{
    if (role == SidRole)
        return m_rows.sid(row);
    if (role == SearchRole)
        return QStringList{
            m_rows.to(row), m_rows.taskTitle(row), m_rows.taskId(row),
            CallBadge::of(m_rows.status(row), m_rows.outcome(row), m_rows.reason(row)).text,
            m_rows.sid(row)}
            .join(QLatin1Char('\n'));
    switch (column) {
    case Time:
        // Sorting asks for this role n log n times: keep it free of time-zone conversion.
        if (role == SortRole)
            return m_rows.initiatedAtMs(row);
        if (role == Qt::DisplayRole)
            return timeText(m_rows.initiatedAtMs(row));
        if (role == Qt::ToolTipRole)
            return QDateTime::fromMSecsSinceEpoch(m_rows.initiatedAtMs(row)).toString(Qt::ISODate);
        break;
    case Number:
        if (role == Qt::DisplayRole || role == SortRole)
            return m_rows.to(row);
        break;
    case Task:
        if (role == Qt::DisplayRole || role == SortRole)
            return taskText(m_rows.taskTitle(row), m_rows.taskId(row));
        if (role == Qt::ToolTipRole)
            return m_rows.taskTitle(row);
        break;
    case Status: {
        const CallBadge badge =
            CallBadge::of(m_rows.status(row), m_rows.outcome(row), m_rows.reason(row));
        if (role == Qt::DisplayRole || role == SortRole)
            return badge.text;
        if (role == BadgeColorRole)
            return badge.color;
        if (role == Qt::ToolTipRole) {
            const QString error = m_rows.errorMessage(row);
            return error.isEmpty() ? m_rows.status(row) : error;
        }
        break;
    }
    case Duration:
        if (role == Qt::DisplayRole)
            return formatDuration(m_rows.durationSeconds(row));
        if (role == SortRole)
            return m_rows.durationSeconds(row);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant CallTreeModel::groupData(const Group &group, int column, int role) const
{
    const Notification &n = group.notification;
    if (role == NotificationIdRole)
        return n.id;
    if (role == OpenRole)
        return n.isOpen();
    if (role == SidRole)
        return QString();
    if (role == SearchRole)
        return QStringList{n.numbers.join(QLatin1Char('\n')), n.taskTitle, n.taskId,
                           NotificationWords::state(n), n.id}
            .join(QLatin1Char('\n'));
    switch (column) {
    case Time:
        if (role == SortRole)
            return group.createdAtMs;
        if (role == Qt::DisplayRole)
            return timeText(group.createdAtMs);
        if (role == Qt::ToolTipRole)
            return QDateTime::fromMSecsSinceEpoch(group.createdAtMs).toString(Qt::ISODate);
        break;
    case Number:
        if (role == Qt::DisplayRole || role == SortRole)
            return NotificationWords::who(n);
        if (role == Qt::ToolTipRole)
            return n.numbers.join(QStringLiteral(" → "));
        break;
    case Task:
        if (role == Qt::DisplayRole || role == SortRole)
            return taskText(n.taskTitle, n.taskId);
        if (role == Qt::ToolTipRole)
            return n.taskTitle;
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Status:
        if (role == Qt::DisplayRole || role == SortRole)
            return NotificationWords::state(n);
        if (role == BadgeColorRole)
            return NotificationWords::stateColor(n);
        if (role == Qt::ToolTipRole)
            return NotificationWords::progress(n, QDateTime::currentDateTimeUtc());
        break;
    case Duration:
        if (role == SortRole)
            return -1;
        break;
    default:
        break;
    }
    return {};
}

QVariant CallTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Number:
        return tr("Number");
    case Task:
        return tr("Task");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace flux
