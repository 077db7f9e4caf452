#include "config/DotEnvFile.h"

#include <QFile>
#include <QRegularExpression>

namespace flux::DotEnvFile {

namespace {

QString unescapeDoubleQuoted(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            const QChar next = text.at(++i);
            out += next == QLatin1Char('n') ? QLatin1Char('\n') : next;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

Result<QHash<QString, QString>, ConfigError> parse(const QByteArray &text, const QString &fileName)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QHash<QString, QString> values;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? line : line.left(eq).trimmed();
        const auto error = [&](const QString &why) {
            return ConfigError{QStringLiteral("%1 line %2").arg(fileName).arg(n + 1), why};
        };
        if (eq < 0 || !keyPattern.match(key).hasMatch())
            return error(QStringLiteral("expected KEY=VALUE"));
        QString value = line.mid(eq + 1).trimmed();
        if (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\''))) {
            const QChar quote = value.at(0);
            qsizetype close = 1;
            while (close < value.size() && value.at(close) != quote)
                close +=
                    (quote == QLatin1Char('"') && value.at(close) == QLatin1Char('\\')) ? 2 : 1;
            if (close >= value.size())
                return error(QStringLiteral("unterminated quote"));
            const QString rest = value.mid(close + 1).trimmed();
            if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('#')))
                return error(QStringLiteral("unexpected text after the closing quote"));
            value = value.mid(1, close - 1);
            if (quote == QLatin1Char('"'))
                value = unescapeDoubleQuoted(value);
        } else {
            const qsizetype comment = value.indexOf(QLatin1String(" #"));
            if (comment >= 0)
                value = value.left(comment).trimmed();
        }
        values.insert(key, value);
    }
    return values;
}

Result<QHash<QString, QString>, ConfigError> read(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QHash<QString, QString>{};
    if (!file.open(QIODevice::ReadOnly))
        return ConfigError{path, QStringLiteral("cannot be read: %1").arg(file.errorString())};
    return parse(file.readAll(), path);
}

} // namespace flux::DotEnvFile
