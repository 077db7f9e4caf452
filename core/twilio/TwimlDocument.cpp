#include "twilio/TwimlDocument.h"

#include <QXmlStreamReader>

#include <algorithm>

namespace flux::TwimlDocument {

namespace {

// TwiML is at most Response > Gather > Say > a few SSML levels; a deeper tree is an attack, and
// freeing or printing one recursively would overflow the stack.
constexpr int MaxDepth = 32;

// XML 1.0 cannot carry control characters, lone surrogates or U+FFFE/U+FFFF: such characters
// are dropped so a task title can never make the TwiML unreadable to Twilio. The rest is escaped
// as QXmlStreamWriter (which this replaced, for speed) does: <, >, &, " always, and tab and LF
// too in attribute values so they survive attribute-value normalisation. CR is escaped everywhere
// (Qt's writer leaves it raw in text, where a reader turns it into LF).
void appendEscaped(QString &out, const QString &text, bool attribute)
{
    // Characters that need nothing are copied in runs, not one by one.
    const qsizetype size = text.size();
    qsizetype runStart = 0;
    const auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += QStringView(text).sliced(runStart, end - runStart);
    };
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        QLatin1String replacement;
        switch (u) {
        case u'<':
            replacement = QLatin1String("&lt;");
            break;
        case u'>':
            replacement = QLatin1String("&gt;");
            break;
        case u'&':
            replacement = QLatin1String("&amp;");
            break;
        case u'"':
            replacement = QLatin1String("&quot;");
            break;
        case u'\t':
            if (!attribute)
                continue;
            replacement = QLatin1String("&#9;");
            break;
        case u'\n':
            if (!attribute)
                continue;
            replacement = QLatin1String("&#10;");
            break;
        case u'\r':
            replacement = QLatin1String("&#13;");
            break;
        default:
            if ((u >= 0x20 && u < 0xD800) || (u >= 0xE000 && u <= 0xFFFD))
                continue;
            break; // dropped: replacement stays empty
        }
        flush(i);
        out += replacement;
        runStart = i + 1;
    }
    flush(size);
}

void writeNode(QString &out, const TwimlNode &node)
{
    out += QLatin1Char('<');
    out += node.name;
    for (const auto &[key, value] : node.attributes) {
        out += QLatin1Char(' ');
        out += key;
        out += QLatin1String("=\"");
        appendEscaped(out, value, true);
        out += QLatin1Char('"');
    }
    if (node.text.isEmpty() && node.children.isEmpty()) {
        out += QLatin1String("/>");
        return;
    }
    out += QLatin1Char('>');
    appendEscaped(out, node.text, false);
    for (const TwimlNode &child : node.children)
        writeNode(out, child);
    out += QLatin1String("</");
    out += node.name;
    out += QLatin1Char('>');
}

} // namespace

QByteArray write(const TwimlNode &response)
{
    // Twilio's SDKs write the declaration with double quotes.
    QString out = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.reserve(512);
    writeNode(out, response);
    return out.toUtf8();
}

namespace {

// A surrogate without its pair is no character at all, and XML 1.0 cannot carry one. Qt's reader
// lets one through from a declared encoding such as UTF-7; the writer would drop it, so a
// document holding one would not read back the same.
QString loneSurrogateError()
{
    return QStringLiteral("a character XML cannot carry (a lone UTF-16 surrogate)");
}

bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

} // namespace

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
            if (hasLoneSurrogate(reader.name()))
                return loneSurrogateError();
            TwimlNode node;
            node.name = reader.name().toString();
            // A prefix's declaration stays with the element, so a prefixed attribute written
            // back out still has its namespace.
            for (const QXmlStreamNamespaceDeclaration &ns : reader.namespaceDeclarations()) {
                if (hasLoneSurrogate(ns.prefix()) || hasLoneSurrogate(ns.namespaceUri()))
                    return loneSurrogateError();
                const QString key = ns.prefix().isEmpty() ? QStringLiteral("xmlns")
                                                          : QStringLiteral("xmlns:") + ns.prefix();
                node.attributes.append({key, ns.namespaceUri().toString()});
            }
            for (const QXmlStreamAttribute &attr : reader.attributes()) {
                if (hasLoneSurrogate(attr.qualifiedName()) || hasLoneSurrogate(attr.value()))
                    return loneSurrogateError();
                node.attributes.append({attr.qualifiedName().toString(), attr.value().toString()});
            }
            stack.append(node);
        } else if (token == QXmlStreamReader::Characters && !stack.isEmpty()) {
            if (hasLoneSurrogate(reader.text()))
                return loneSurrogateError();
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
