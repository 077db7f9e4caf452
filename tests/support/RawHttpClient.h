// RawHttpClient: one TCP connection that sends bytes exactly as written (malformed, slow,
// oversized) and reads the raw answers, for tests that a well-behaved HTTP client cannot write.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>

namespace flux::test {

class RawHttpClient
{
public:
    RawHttpClient();

    // `from` picks the client's own address (127.0.0.2 is another client on loopback).
    bool connectTo(quint16 port, const QHostAddress &from = {});
    // Writes and waits, event loop running, until the kernel took every byte. False when the
    // connection closed first or the timeout passed.
    bool send(const QByteArray &bytes, int timeoutMs = 5000);
    // The next whole answer (head, then Content-Length bytes of body); empty if none came.
    QByteArray readAnswer(int timeoutMs = 5000);
    // True once the server has closed the connection (waiting up to `timeoutMs` for it).
    bool waitForClose(int timeoutMs);
    bool closed() const { return m_closed; }
    qint64 bytesSent() const { return m_sent; }

    static int status(const QByteArray &answer);
    static QByteArray header(const QByteArray &answer, const QByteArray &name);
    static QByteArray body(const QByteArray &answer);

    QTcpSocket socket;

private:
    qsizetype completeAnswerSize() const;

    QByteArray m_received;
    qint64 m_sent = 0;
    bool m_closed = false;
};

} // namespace flux::test
