// TwimlDocument: writes a <Response> tree as TwiML and reads TwiML back into a tree.
#pragma once

#include "base/Result.h"
#include "twilio/TwimlNode.h"

#include <QByteArray>
#include <QString>

namespace flux {

namespace TwimlDocument {
// XML declaration plus the tree; text and attribute values are escaped, never interpreted, and
// characters XML 1.0 cannot carry (control characters, lone surrogates) are dropped.
QByteArray write(const TwimlNode &response);
// Parses TwiML. The root must be <Response>; DTDs and nesting over 32 levels are refused.
// Whitespace-only text between elements is dropped.
Result<TwimlNode, QString> parse(const QByteArray &xml);
// A canonical form for structural comparison: attributes sorted, text trimmed, one line.
QString canonical(const TwimlNode &node);
} // namespace TwimlDocument

} // namespace flux
