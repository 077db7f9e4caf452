// TestRetryPolicy: which Twilio failures are worth another attempt, which prove no call was
// placed, and how long to wait: the policy's rules and arithmetic on their own.
#include "twilio/RetryPolicy.h"

#include <QtTest>

using namespace flux;

namespace {

TwilioError apiError(int status, int code = 0)
{
    TwilioError error;
    error.kind = TwilioError::Kind::Api;
    error.httpStatus = status;
    error.code = code;
    return error;
}

TwilioError networkError(TwilioError::Kind kind, bool requestSent)
{
    TwilioError error;
    error.kind = kind;
    error.requestSent = requestSent;
    return error;
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyFailuresThatProveNothingWasPlacedRetryACreate_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("fetchOrUpdate");
        QTest::newRow("429") << 429 << 20429 << true << true;
        QTest::newRow("code 20429 under another status") << 400 << 20429 << true << true;
        QTest::newRow("503") << 503 << 20503 << true << true;
        QTest::newRow("500") << 500 << 20500 << false << true;
        QTest::newRow("502") << 502 << 0 << false << true;
        QTest::newRow("504") << 504 << 0 << false << true;
        QTest::newRow("400") << 400 << 21211 << false << false;
        QTest::newRow("401") << 401 << 20003 << false << false;
        QTest::newRow("404") << 404 << 20404 << false << false;
    }
    void onlyFailuresThatProveNothingWasPlacedRetryACreate()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(bool, create);
        QFETCH(bool, fetchOrUpdate);
        const TwilioError error = apiError(status, code);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Create, error), create);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Fetch, error), fetchOrUpdate);
        QCOMPARE(RetryPolicy::mayRetry(RetryPolicy::Request::Update, error), fetchOrUpdate);
    }

    void aTimeoutOrDropAfterSendingIsNeverRetriedForACreate()
    {
        using Kind = TwilioError::Kind;
        using Request = RetryPolicy::Request;
        QVERIFY(!RetryPolicy::mayRetry(Request::Create, networkError(Kind::Timeout, true)));
        QVERIFY(!RetryPolicy::mayRetry(Request::Create, networkError(Kind::Network, true)));
        QVERIFY(RetryPolicy::mayRetry(Request::Create, networkError(Kind::Network, false)));
        QVERIFY(RetryPolicy::mayRetry(Request::Fetch, networkError(Kind::Timeout, true)));
        QVERIFY(RetryPolicy::mayRetry(Request::Update, networkError(Kind::Network, true)));
        QVERIFY(!RetryPolicy::mayRetry(Request::Fetch, networkError(Kind::BadAnswer, true)));
    }

    void waitsAreFullJitterUnderADoublingCeiling()
    {
        RetryPolicy policy;
        policy.baseDelayMs = 500;
        policy.maxDelayMs = 1500;
        policy.maxAttempts = 5;
        policy.budgetMs = 60000;
        const TwilioError limited = apiError(429, 20429);
        const auto delay = [&](int attempt, double random) {
            return policy.delayBefore(attempt, RetryPolicy::Request::Create, limited, 0, random);
        };
        QCOMPARE(delay(2, 0.0), 0);
        QCOMPARE(delay(2, 1.0), 500);
        QCOMPARE(delay(3, 1.0), 1000);
        QCOMPARE(delay(4, 1.0), 1500); // capped
        QCOMPARE(delay(5, 0.5), 750);
        QCOMPARE(delay(6, 0.5), -1); // past maxAttempts
    }

    void noRetryStartsOnceTheBudgetIsSpent()
    {
        RetryPolicy policy;
        policy.budgetMs = 1000;
        const TwilioError limited = apiError(429, 20429);
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, limited, 1000, 0.0), -1);
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, limited, 999, 0.0), 0);
        TwilioError later = limited;
        later.retryAfterMs = 2000;
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, later, 0, 0.0), -1);
        later.retryAfterMs = 700;
        QCOMPARE(policy.delayBefore(2, RetryPolicy::Request::Create, later, 0, 0.0), 700);
    }

    void retryAfterIsReadAsSecondsOrAnHttpDate()
    {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 58), Qt::UTC);
        QCOMPARE(RetryPolicy::parseRetryAfter("3", now), 3000);
        QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", now), 0);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), 2000);
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0);
        QCOMPARE(RetryPolicy::parseRetryAfter("", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("-5", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("soon", now), -1);
        QCOMPARE(RetryPolicy::parseRetryAfter("GMT", now), -1);
        // Found by fuzz_retry_after: seconds x 1000 overflowed.
        QCOMPARE(RetryPolicy::parseRetryAfter("9909995399990999", now), 24 * 3600 * 1000);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "TestRetryPolicy.moc"
