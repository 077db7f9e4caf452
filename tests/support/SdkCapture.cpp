#include "SdkCapture.h"

#include <QFile>
#include <QRegularExpression>

namespace flux::SdkCapture {

// Layout: '#' notes, the request line, headers, a blank line, the body, then "#   Name = Value"
// lines decoding the body.
HttpRequest read(const QString &fileName)
{
    QFile file(QStringLiteral(FLUX_TEST_DATA_DIR "/") + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    enum class Part
    {
        RequestLine,
        Headers,
        Body,
        Decoded
    } part = Part::RequestLine;
    HttpRequest request;
    static const QRegularExpression decodedLine(QStringLiteral("^#   (\\S+) = (.*)$"));
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (part == Part::RequestLine && !line.isEmpty() && !line.startsWith('#')) {
            const QList<QByteArray> words = line.split(' ');
            request.method = words.value(0);
            request.path = QString::fromLatin1(words.value(1));
            part = Part::Headers;
        } else if (part == Part::Headers) {
            const qsizetype colon = line.indexOf(':');
            if (line.isEmpty())
                part = Part::Body;
            else
                request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        } else if (part == Part::Body && !line.isEmpty()) {
            request.body = line;
            part = Part::Decoded;
        } else if (part == Part::Decoded) {
            const auto match = decodedLine.match(QString::fromUtf8(line));
            if (match.hasMatch())
                request.form.append({match.captured(1), match.captured(2)});
        }
    }
    return request;
}

} // namespace flux::SdkCapture
