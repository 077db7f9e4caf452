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
    if (!index.isValid() || index.row() >= m_flat.size())
        return {};
    const int code = m_flat.at(index.row());
    if (code < 0)
        return groupData(m_groups.at(-1 - code), index.column(), role);
    const int group = m_groupOfCall.at(code);
    if (group >= 0 && role == Qt::DisplayRole) {
        // Under its notification: indented, and saying which attempt it was.
        const Group &g = m_groups.at(group);
        if (index.column() == Time)
            return QString(QStringLiteral("    \u21b3 ") + callData(code, Time, role).toString());
        const int attempt = g.attempts.at(g.calls.indexOf(code));
        if (index.column() == Task && attempt != std::numeric_limits<int>::max())
            return tr("attempt %1 of %2").arg(attempt + 1).arg(g.notification.totalAttempts());
    }
    return callData(code, index.column(), role);
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
        // A triangle shows whether its calls are shown (double-click or Enter toggles).
        if (role == Qt::DisplayRole)
            return QString(
                (group.collapsed ? QStringLiteral("\u25b8 ") : QStringLiteral("\u25be ")) +
                timeText(group.createdAtMs));
        if (role == Qt::ToolTipRole)
            return tr("%1 (double-click to show or hide its calls)")
                .arg(QDateTime::fromMSecsSinceEpoch(group.createdAtMs).toString(Qt::ISODate));
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
