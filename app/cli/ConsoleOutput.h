// ConsoleOutput: the command line's results on stdout and errors on stderr, a line at a time and
// flushed at once, so a cron log or a pipe sees each line as it happens.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>

namespace flux {

class ConsoleOutput
{
public:
    // One line (or several) of text; the newline is added.
    void print(const QString &text) { write(stdout, text.toUtf8()); }
    // A body as the API gave it, on one line.
    void printRaw(const QByteArray &body) { write(stdout, body.trimmed()); }
    // "flux-calldesk: <message>" on stderr; returns `status` for the caller to exit with.
    int fail(int status, const QString &message)
    {
        write(stderr, QByteArrayLiteral("flux-calldesk: ") + message.toUtf8());
        return status;
    }

private:
    static void write(std::FILE *stream, const QByteArray &line)
    {
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stream);
        std::fputc('\n', stream);
        std::fflush(stream);
    }
};

} // namespace flux
