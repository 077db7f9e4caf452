#include "CallSortProxy.h"

#include "CallTreeModel.h"

namespace flux {

CallSortProxy::CallSortProxy(CallTreeModel *source, QObject *parent)
    : QSortFilterProxyModel(parent), m_source(source)
{
    setSourceModel(source);
    setSortRole(CallTreeModel::SortRole);
    // One cheap role carries everything searchable, so filtering never formats dates.
    setFilterKeyColumn(0);
    setFilterRole(CallTreeModel::SearchRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(source, &CallTreeModel::collapsedChanged, this, [this] { invalidateRowsFilter(); });
}

bool CallSortProxy::keyLess(int a, int b, int column) const
{
    const CallRows &rows = m_source->rows();
    const int callA = m_source->callRowAt(a);
    const int callB = m_source->callRowAt(b);
    switch (column) {
    case CallTreeModel::Time:
        return m_source->timeMs(a) < m_source->timeMs(b);
    case CallTreeModel::Number:
        if (callA >= 0 && callB >= 0)
            return rows.toBytes(callA) < rows.toBytes(callB);
        break;
    case CallTreeModel::Duration:
        return (callA >= 0 ? rows.durationSeconds(callA) : -1) <
               (callB >= 0 ? rows.durationSeconds(callB) : -1);
    default:
        break;
    }
    return QSortFilterProxyModel::lessThan(m_source->index(a, column), m_source->index(b, column));
}

bool CallSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int a = left.row();
    const int b = right.row();
    // A notification's calls sort where their notification does.
    const int groupA = m_source->groupAt(a);
    const int groupB = m_source->groupAt(b);
    // Two calls of no notification, nearly every comparison of a long history: as the table
    // compared them, ties keeping the store's order (newest first).
    if (groupA < 0 && groupB < 0)
        return keyLess(a, b, left.column());
    const int keyA = groupA < 0 ? a : m_source->groupRow(groupA);
    const int keyB = groupB < 0 ? b : m_source->groupRow(groupB);
    if (keyA != keyB) {
        if (keyLess(keyA, keyB, left.column()))
            return true;
        if (keyLess(keyB, keyA, left.column()))
            return false;
        // Equal: still one order, so two notifications' rows never interleave.
        return keyA < keyB;
    }
    // One notification: its own row, then its calls first to last, in either order of the list.
    const int attemptA = a == keyA ? -1 : m_source->attemptAt(a);
    const int attemptB = b == keyB ? -1 : m_source->attemptAt(b);
    const bool before = attemptA < attemptB || (attemptA == attemptB && a < b);
    return sortOrder() == Qt::AscendingOrder ? before : !before;
}

bool CallSortProxy::matches(int row) const
{
    return QSortFilterProxyModel::filterAcceptsRow(row, {});
}

bool CallSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const int group = m_source->groupAt(sourceRow);
    const bool searching = !filterRegularExpression().pattern().isEmpty();
    if (group < 0)
        return !searching || matches(sourceRow);
    const int head = m_source->groupRow(group);
    if (!searching)
        return sourceRow == head || !m_source->isGroupCollapsed(group);
    if (matches(head))
        return true; // the notification matches: all of it shows
    if (sourceRow != head)
        return matches(sourceRow);
    for (const int call : m_source->groupCalls(group)) {
        if (matches(m_source->indexOf(m_source->rows().sid(call)).row()))
            return true;
    }
    return false;
}

} // namespace flux
