#include "RawHttpClient.h"

#include <QTest>

namespace flux::test {

RawHttpClient::RawHttpClient()
{
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [this] { m_received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { m_closed = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket,
                     [this](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError ||
                             socket.state() == QAbstractSocket::UnconnectedState)
                             m_closed = true;
                     });
    QObject::connect(&socket, &QTcpSocket::bytesWritten, &socket,
                     [this](qint64 written) { m_sent += written; });
}

bool RawHttpClient::connectTo(quint16 port, const QHostAddress &from)
{
    if (!from.isNull() && !socket.bind(from, 0))
        return false;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

bool RawHttpClient::send(const QByteArray &bytes, int timeoutMs)
{
    if (m_closed || socket.state() != QAbstractSocket::ConnectedState)
        return false;
    socket.write(bytes);
    return QTest::qWaitFor([this] { return socket.bytesToWrite() == 0 || m_closed; }, timeoutMs) &&
           !m_closed;
}

qsizetype RawHttpClient::completeAnswerSize() const
{
    const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    const QByteArray length = header(m_received.left(headEnd + 4), "Content-Length");
    const qsizetype size = headEnd + 4 + length.toLongLong();
    return m_received.size() >= size ? size : -1;
}

QByteArray RawHttpClient::readAnswer(int timeoutMs)
{
    [[maybe_unused]] const bool arrived =
        QTest::qWaitFor([this] { return completeAnswerSize() >= 0 || m_closed; }, timeoutMs);
    m_received += socket.readAll();
    const qsizetype size = completeAnswerSize();
    if (size < 0)
        return {};
    const QByteArray answer = m_received.left(size);
    m_received.remove(0, size);
    return answer;
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

int RawHttpClient::status(const QByteArray &answer)
{
    // "HTTP/1.1 413 Content Too Large"
    return answer.startsWith("HTTP/1.") ? answer.mid(9, 3).toInt() : 0;
}

QByteArray RawHttpClient::header(const QByteArray &answer, const QByteArray &name)
{
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = answer.left(headEnd < 0 ? answer.size() : headEnd).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray RawHttpClient::body(const QByteArray &answer)
{
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    return headEnd < 0 ? QByteArray() : answer.mid(headEnd + 4);
}

} // namespace flux::test
