// CallReconciler: asks Twilio's REST API about calls whose final status callback may be lost (the
// app was down, the callback failed), and about creates whose answer was lost, and stores what
// Twilio says through CallService like any status callback.
#pragma once

#include "calls/CallRecord.h"
#include "calls/PendingCall.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <optional>

namespace flux {

class CallService;
class TwilioClient;
struct TwilioCall;
struct TwilioError;

class CallReconciler : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        // Between passes; 0: the pass at start() only (tried again later if Twilio refused it
        // with a 429 or could not be reached).
        int intervalSeconds = 300;
        // A call is asked about once it heard nothing for this long, a pending request once it
        // is this old: a call in its normal course hears something well within it.
        int quietSeconds = 120;
        // A pending request Twilio lists no call for is dropped once this old: nothing rang.
        int abandonSeconds = 900;
        // Twilio's REST limits: requests go one at a time, and at most this many in a pass.
        int maxRequestsPerPass = 20;
        // After a 429 the next pass waits twice as long as the last wait, up to this; a pass
        // without one brings the interval back.
        int maxBackoffSeconds = 3600;
        // A listed call is the pending request's when Twilio created it within this much of the
        // request (our clock and Twilio's may differ a little; a create may take its retries).
        int createdBeforeSlackSeconds = 60;
        int createdAfterSlackSeconds = 300;
        int listPageSize = 50;
        int maxListPages = 3; // per pending request
    };
    // What one pass did, for logs and tests.
    struct Pass
    {
        int requests = 0; // sent to Twilio
        int settled = 0;  // calls that got their final status
        int adopted = 0;  // pending requests whose call was found
        int dropped = 0;  // pending requests with no call after abandonSeconds
        bool rateLimited = false;
        bool stoppedByError = false; // Twilio unreachable or failing: tried again next pass
    };
    // The detail of the status events it stores.
    static QString eventDetail();

    // `twilio` is the client its requests go through: one that does not retry on its own, so
    // the pass decides (a 429 ends it). Neither may be null.
    CallReconciler(CallService *calls, TwilioClient *twilio, Options options,
                   QObject *parent = nullptr);

    // Runs a pass now (once the event loop runs), then every intervalSeconds.
    void start();
    // No more passes; an answer still on its way is ignored.
    void stop();
    // Runs a pass now unless one is running.
    void reconcileNow();

    bool isPassRunning() const { return m_running; }
    // How long after the last pass the next one runs, 0 for none: the interval, or longer
    // after a 429.
    int nextPassSeconds() const { return m_nextPassSeconds; }

Q_SIGNALS:
    void passFinished(const flux::CallReconciler::Pass &pass);

private:
    struct Work
    {
        std::optional<CallRecord> call;     // ask for this call
        std::optional<PendingCall> pending; // or list the calls that may be this request's
    };
    void runPass();
    void next();
    void fetch(const CallRecord &call);
    void list(const PendingCall &pending);
    void adoptFromList(const PendingCall &pending, const QList<TwilioCall> &listed, bool complete);
    // Stores Twilio's final status of a call as a status event, then goes on with the pass.
    void settle(const QString &callSid, const TwilioCall &twilioCall);
    // A failed request: false when the pass must end (429, Twilio unreachable or failing).
    bool failed(const QString &what, const TwilioError &error);
    void finishPass();

    CallService *m_calls;
    TwilioClient *m_twilio;
    Options m_options;
    QTimer m_timer;
    bool m_stopped = true;
    bool m_running = false;
    int m_generation = 0; // answers of a stopped pass carry an older one
    std::deque<Work> m_work;
    Pass m_pass;
    int m_nextPassSeconds = 0;
    int m_backoffSeconds = 0;         // the last wait a 429 chose; 0 when none
    QHash<QString, qint64> m_askedAt; // sid -> when this process last asked about it (ms)
    QSet<QString> m_unknownToTwilio;  // 404: not asked about again by this process
};

} // namespace flux
