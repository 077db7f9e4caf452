// RequestTarget: a request line's target read as the server's routes and signature checks see
// it: the percent-decoded path and the query as sent, both exactly as QUrl reads them.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace flux {

struct RequestTarget
{
    QString path;     // decoded, e.g. /notifications/call
    QString rawQuery; // encoded, without '?'; empty when there is none

    static RequestTarget parse(QByteArrayView target);
    // Through QUrl, for every target: what parse() must give (tests compare the two).
    static RequestTarget parseWithQUrl(QByteArrayView target);
};

} // namespace flux
