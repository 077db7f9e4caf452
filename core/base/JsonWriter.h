// JsonWriter: appends compact JSON straight to bytes, for answers sent so often that building a
// QJsonObject and serialising each is worth avoiding (the simulator's Call resource, the status
// webhook's answer; bench-server.sh measures both). It writes exactly what
// QJsonDocument(object).toJson(QJsonDocument::Compact) writes for the same object, provided the
// keys come in the order QJsonObject keeps them (sorted); it neither sorts nor checks them.
#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QStringView>

namespace flux {

class JsonWriter
{
public:
    // Appends to `out`, which must outlive the writer.
    explicit JsonWriter(QByteArray &out) : m_out(out) {}

    void beginObject();
    void endObject();
    // A member's name; its value follows: string(), null(), or an object from beginObject()
    // to endObject().
    void key(QLatin1String name);
    void key(QStringView name);
    void string(QStringView text);
    void string(QLatin1String text);
    void null();

    void field(QLatin1String name, QStringView text)
    {
        key(name);
        string(text);
    }
    void field(QLatin1String name, QLatin1String text)
    {
        key(name);
        string(text);
    }
    void nullField(QLatin1String name)
    {
        key(name);
        null();
    }

    // `text` as a JSON string, quoted and escaped as QJsonDocument's writer does: quote,
    // backslash and control characters escaped (\b \f \n \r \t, else \u00xx), the rest as UTF-8,
    // a surrogate without its pair as \uxxxx.
    static void appendString(QByteArray &out, QStringView text);
    static void appendString(QByteArray &out, QLatin1String text);

private:
    QByteArray &m_out;
    bool m_afterValue = false; // the next member needs a comma before it
};

} // namespace flux
