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
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
}

bool CallSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.parent().isValid()) {
        // Attempts read first to last, in either order of the list.
        const bool before = m_source->attemptAt(left) < m_source->attemptAt(right);
        return sortOrder() == Qt::AscendingOrder ? before : !before;
    }
    const CallRows &rows = m_source->rows();
    const int a = m_source->callRowAt(left);
    const int b = m_source->callRowAt(right);
    // Ties keep the store's order (newest first), as the default comparison would.
    switch (left.column()) {
    case CallTreeModel::Time:
        return m_source->timeMs(left) < m_source->timeMs(right);
    case CallTreeModel::Number:
        if (a >= 0 && b >= 0)
            return rows.toBytes(a) < rows.toBytes(b);
        break;
    case CallTreeModel::Duration:
        return (a >= 0 ? rows.durationSeconds(a) : -1) < (b >= 0 ? rows.durationSeconds(b) : -1);
    default:
        break;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace flux
