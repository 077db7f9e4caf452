// ShutdownSignals: turns SIGINT and SIGTERM into a clean QCoreApplication::quit().
#pragma once

#include <QObject>

class QSocketNotifier;

namespace flux {

class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void received(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace flux
