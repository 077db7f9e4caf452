// Contact and EscalationList: the desk's contact book, and named orders in which to call its
// people until one of them acknowledges.
#pragma once

#include <QList>
#include <QString>

namespace flux {

struct Contact
{
    qint64 id = 0;    // 0 for one not stored yet
    QString name;     // "Alice Example"
    QString number;   // E.164, unique in the book
    QString language; // the prompts' language for this person ("en", "de"); empty: the desk's
    QString note;
};

struct EscalationList
{
    // The bounds the API and the window accept for a list's (and a request's) settings.
    static constexpr int MaxAttempts = 5;
    static constexpr int MinRetryAfterSeconds = 30;
    static constexpr int MaxRetryAfterSeconds = 3600;
    // Numbers called after the first, at most.
    static constexpr int MaxEscalation = 10;

    QString name;             // "Database on-call", unique
    QList<qint64> contactIds; // in the order they are called
    int attempts = 1;         // calls per contact
    int retryAfterSeconds = 120;
};

} // namespace flux
