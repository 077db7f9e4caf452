#include "twilio/TwimlDocument.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>

namespace flux::TwimlDocument {

namespace {

// TwiML is at most Response > Gather > Say > a few SSML levels; a deeper tree is an attack, and
// freeing or printing one recursively would overflow the stack.
constexpr int MaxDepth = 32;

// XML 1.0 cannot carry control characters, lone surrogates or U+FFFE/U+FFFF, and Qt 6.4's
// QXmlStreamWriter writes a broken document when given a lone surrogate; such characters are
// dropped so a task title can never make the TwiML unreadable to Twilio.
QString xmlChars(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        const char16_t u = c.unicode();
        const bool allowed = u == 0x9 || u == 0xA || u == 0xD || (u >= 0x20 && u < 0xD800) ||
                             (u >= 0xE000 && u <= 0xFFFD);
        if (allowed)
            out += c;
    }
    return out;
}

void writeNode(QXmlStreamWriter &xml, const TwimlNode &node)
{
    xml.writeStartElement(node.name);
    for (const auto &[key, value] : node.attributes)
        xml.writeAttribute(key, xmlChars(value));
    if (!node.text.isEmpty())
        xml.writeCharacters(xmlChars(node.text));
    for (const TwimlNode &child : node.children)
        writeNode(xml, child);
    xml.writeEndElement();
}

} // namespace

QByteArray write(const TwimlNode &response)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    writeNode(xml, response);
    xml.writeEndDocument();
    // QXmlStreamWriter declares version and encoding with single quotes unless asked otherwise;
    // Twilio's SDKs write the declaration with double quotes, so match them.
    const qsizetype end = out.indexOf("?>");
    if (end > 0)
        out.replace(0, end + 2, R"(<?xml version="1.0" encoding="UTF-8"?>)");
    return out.trimmed();
}

Result<TwimlNode, QString> parse(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    QList<TwimlNode> stack;
    TwimlNode root;
    bool haveRoot = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (haveRoot)
                return QStringLiteral("content after the root element");
            if (stack.size() >= MaxDepth)
                return QStringLiteral("elements nested deeper than %1").arg(MaxDepth);
            TwimlNode node;
            node.name = reader.name().toString();
            for (const QXmlStreamAttribute &attr : reader.attributes())
                node.attributes.append({attr.qualifiedName().toString(), attr.value().toString()});
            stack.append(node);
        } else if (token == QXmlStreamReader::Characters && !stack.isEmpty()) {
            if (!reader.isWhitespace())
                stack.last().text += reader.text().toString();
        } else if (token == QXmlStreamReader::EndElement) {
            TwimlNode done = stack.takeLast();
            if (stack.isEmpty()) {
                root = std::move(done);
                haveRoot = true;
            } else {
                stack.last().children.append(std::move(done));
            }
        } else if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference) {
            return QStringLiteral("DTDs and entity references are not allowed in TwiML");
        }
    }
    if (reader.hasError())
        return QStringLiteral("malformed XML at line %1: %2")
            .arg(reader.lineNumber())
            .arg(reader.errorString());
    if (!haveRoot)
        return QStringLiteral("empty document");
    if (root.name != QLatin1String("Response"))
        return QStringLiteral("the root element is <%1>, not <Response>").arg(root.name);
    return root;
}

QString canonical(const TwimlNode &node)
{
    auto attributes = node.attributes;
    std::sort(attributes.begin(), attributes.end());
    // Escaped, so text that looks like markup can never read as the same form as real markup.
    QString out = QLatin1Char('<') + node.name;
    for (const auto &[key, value] : attributes)
        out += QStringLiteral(" %1=\"%2\"").arg(key, value.toHtmlEscaped());
    out += QLatin1Char('>') + node.text.trimmed().toHtmlEscaped();
    for (const TwimlNode &child : node.children)
        out += canonical(child);
    return out + QStringLiteral("</") + node.name + QLatin1Char('>');
}

} // namespace flux::TwimlDocument
