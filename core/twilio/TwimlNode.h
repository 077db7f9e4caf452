// TwimlNode: one TwiML element (verb or noun) with ordered attributes, text and children.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace flux {

struct TwimlNode
{
    QString name;
    QList<QPair<QString, QString>> attributes; // in writing order
    QString text;
    QList<TwimlNode> children;

    QString attribute(const QString &key, const QString &fallback = {}) const
    {
        for (const auto &[k, v] : attributes) {
            if (k == key)
                return v;
        }
        return fallback;
    }
    bool hasAttribute(const QString &key) const
    {
        for (const auto &attr : attributes) {
            if (attr.first == key)
                return true;
        }
        return false;
    }
    TwimlNode &attr(const QString &key, const QString &value)
    {
        attributes.append({key, value});
        return *this;
    }
    TwimlNode &child(TwimlNode node)
    {
        children.append(std::move(node));
        return *this;
    }
    static TwimlNode element(const QString &name, const QString &text = {})
    {
        TwimlNode node;
        node.name = name;
        node.text = text;
        return node;
    }
};

} // namespace flux
