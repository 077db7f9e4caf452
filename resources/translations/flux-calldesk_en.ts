<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CallBadge</name>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallDetailPane</name>
    <message>
        <source>Call requested from Twilio (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressed %1: task acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key pressed: not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressed %1: not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added from Twilio&apos;s webhook: this desk did not place the call (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressed *: message read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key pressed: message read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressed %1: told how to acknowledge, message read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallWords</name>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>initiated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key pressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fax machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone (could not tell who)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigSources</name>
    <message>
        <source>the command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the .env file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopRun</name>
    <message>
        <source>Virtual phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationWords</name>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody acknowledged: every number was called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next call to %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedSettings</name>
    <message>
        <source>could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::CallDetailPane</name>
    <message>
        <source>&amp;Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio call sid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the call sid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the callee heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys pressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End or cancel this call (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio sid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They heard:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::CallTreeModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (double-click to show or hide its calls)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::ContactBookDialog</name>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a CSV file with name and number columns (language and note optional); a number already in the book is updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation &amp;lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the desk&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the contact book and from every escalation list?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts imported: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact book was exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::ContactCompleter</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::ContactEditDialog</name>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Alice Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. database on-call, weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A contact needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include + and the country code, e.g. +14155551234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a full international number yet: start with + and the country code, then the number without spaces, e.g. +14155551234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looks right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone number:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::EscalationListsPage</name>
    <message>
        <source>&amp;New list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ta&amp;ke out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Database on-call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts in the order they are called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls per contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait between calls, in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls, in order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the escalation lists: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed contact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in this list already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove escalation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the escalation list &quot;%1&quot;? Its contacts stay in the book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contac&amp;t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attem&amp;pts per contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait &amp;between attempts:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::LanguageChooser</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls use it from the next call on, the window from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by %1, which wins over a value saved here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::LogView</name>
    <message>
        <source>Log level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by category or text, e.g. flux.http or CA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::MainWindow</name>
    <message>
        <source>Flux Call Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call list columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search number, task or status (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Flux Call Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Flux Call Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Flux Call Desk&lt;/b&gt; %1&lt;br&gt;Phone a person about a critical task and know they heard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks received and rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio REST API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio API: not contacted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio API: answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio API: &lt;b style=&quot;color:#d93025&quot;&gt;not reachable&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Twilio API: &lt;b style=&quot;color:#d93025&quot;&gt;not configured&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> SIMULATOR </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> LIVE </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls ring the built-in virtual phone, not real phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls ring real phones through Twilio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not hang up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks: %1 received · %2 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::NewCallForm</name>
    <message>
        <source>&amp;Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What must they know? e.g. Database is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. INC-42</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring the number and read the task out (Enter or Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;New call&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone &amp;number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task &amp;id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a full international number yet: start with + and the country code, then the number without spaces, e.g. +14155551234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looks right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number to call, in E.164 format; a contact&apos;s name completes to their number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is called next when the call ends without a 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to call next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names or numbers, in order, e.g. Bob, +4930123456</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls per number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait between calls, in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;hen call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call&amp;s per number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These people:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one contact is called &quot;%1&quot;: type the number instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a contact nor a number with + and the country code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name who to call next, or choose &quot;No one else&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 people can be called after the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include + and the country code, e.g. +14155551234, or type a contact&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looks right: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::NotificationDetailView</name>
    <message>
        <source>Cancel &amp;escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is called, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call nobody else about this task, and hang up a call in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, then </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2 apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2 attempts each, %3 apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel the escalation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome webhook:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deliver again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome webhook deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the outcome to every receiver once more, with the same event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gone (410)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>given up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text undelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not deliver the outcome again: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::OpenNotificationsPrompt</name>
    <message>
        <source>1 notification is still open. It pauses now and resumes, on schedule, the next time Flux Call Desk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 notifications are still open. They pause now and resume, on schedule, the next time Flux Call Desk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications are open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::PhoneKeypad</name>
    <message>
        <source>Key star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press %1 on the phone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::SecretStore</name>
    <message>
        <source>no answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls go through Twilio when the account SID, auth token and caller number are all set, otherwise through the built-in simulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available: the token is kept for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &amp;SID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AC followed by 32 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your Twilio number, such as +14155550123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public &amp;base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the listen address, which only this computer reaches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>such as 127.0.0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by %1, which wins over a value saved here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::TaskNotifier</name>
    <message>
        <source>Flux Call Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 acknowledged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, pressed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call to %1 ended without acknowledgment (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody acknowledged after %1 calls: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flux::VirtualPhonePanel</name>
    <message>
        <source>Declined (busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled by the caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other calls ringing or in progress on the simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the ringing call (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the ringing call: the caller hears busy (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoken on the call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoken text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys pressed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys pressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual phone: the call engine is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual phone: the call engine is restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual phone: available in simulator mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls placed in simulator mode ring here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls answer by themselves after a few rings unless you answer or decline first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call hit an application error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a scripted test number: the phone plays its part by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is listening: press keys on the keypad or type them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keypad opens when the call asks for keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <extracomment>The quotation marks around a sentence the phone heard.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoken in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fax machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let it go to voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let it go to voicemail (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voicemail recorded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voicemail recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scripted numbers +15555550101 to +15555550109 play their part by themselves; any other number waits for you to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (%1), decline (%2) or let it go to voicemail (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A voicemail answered: it records what is said after its beep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arriving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To %1 · %2 · %3
%4</source>
        <extracomment>A text on the virtual phone: the number it went to, when, and whether it arrived; its words on the next line.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: error %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts received (%1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
