// CallSortProxy: sorts and searches the call list; compares times, numbers and durations straight
// from the compact rows, so sorting 100,000 calls makes no QVariant per comparison.
#pragma once

#include <QSortFilterProxyModel>

namespace flux {

class CallTableModel;

class CallSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CallSortProxy(CallTableModel *source, QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    CallTableModel *m_source;
};

} // namespace flux
