#include "StatusBadgeDelegate.h"

#include "CallTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace flux {

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter);

    const QString text = index.data(Qt::DisplayRole).toString();
    const QColor color = index.data(CallTreeModel::BadgeColorRole).value<QColor>();
    if (text.isEmpty())
        return;
    const QFontMetrics metrics(option.font);
    const int height = metrics.height() + 4;
    const int width = metrics.horizontalAdvance(text) + 16;
    QRect badge(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    badge = badge.intersected(option.rect.adjusted(2, 1, -2, -1));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color.isValid() ? color : QColor(Qt::gray));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.setWidth(metrics.horizontalAdvance(index.data().toString()) + 28);
    size.setHeight(qMax(size.height(), metrics.height() + 8));
    return size;
}

} // namespace flux
