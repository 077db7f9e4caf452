<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CallBadge</name>
    <message>
        <source>acknowledged</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation>nicht bestätigt</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>im Gespräch</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>besetzt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>nicht abgenommen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>abgelehnt</translation>
    </message>
</context>
<context>
    <name>CallDetailPane</name>
    <message>
        <source>Call requested from Twilio (%1)</source>
        <translation>Anruf bei Twilio angefordert (%1)</translation>
    </message>
    <message>
        <source>Pressed %1: task acknowledged</source>
        <translation>%1 gedrückt: Aufgabe bestätigt</translation>
    </message>
    <message>
        <source>No key pressed: not acknowledged</source>
        <translation>Keine Taste gedrückt: nicht bestätigt</translation>
    </message>
    <message>
        <source>Pressed %1: not acknowledged</source>
        <translation>%1 gedrückt: nicht bestätigt</translation>
    </message>
    <message>
        <source>Added from Twilio&apos;s webhook: this desk did not place the call (%1)</source>
        <translation>Aus Twilios Webhook übernommen: dieser Platz hat den Anruf nicht gestartet (%1)</translation>
    </message>
    <message>
        <source>Pressed *: message read again</source>
        <translation>* gedrückt: Nachricht erneut vorgelesen</translation>
    </message>
    <message>
        <source>No key pressed: message read again</source>
        <translation>Keine Taste gedrückt: Nachricht erneut vorgelesen</translation>
    </message>
    <message>
        <source>Pressed %1: told how to acknowledge, message read again</source>
        <translation>%1 gedrückt: Bestätigen erklärt, Nachricht erneut vorgelesen</translation>
    </message>
    <message>
        <source>Answered by %1 (%2)</source>
        <translation>Angenommen von %1 (%2)</translation>
    </message>
    <message>
        <source>answered by %1</source>
        <translation>angenommen von %1</translation>
    </message>
</context>
<context>
    <name>CallWords</name>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>initiated</source>
        <translation>gestartet</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>im Gespräch</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>besetzt</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>nicht abgenommen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>no key pressed</source>
        <translation>keine Taste gedrückt</translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>a person</source>
        <translation>einer Person</translation>
    </message>
    <message>
        <source>a voicemail</source>
        <translation>einer Mailbox</translation>
    </message>
    <message>
        <source>a fax machine</source>
        <translation>einem Faxgerät</translation>
    </message>
    <message>
        <source>someone (could not tell who)</source>
        <translation>jemandem (nicht erkennbar, wem)</translation>
    </message>
</context>
<context>
    <name>ConfigSources</name>
    <message>
        <source>the command line</source>
        <translation>die Befehlszeile</translation>
    </message>
    <message>
        <source>the environment</source>
        <translation>die Umgebung</translation>
    </message>
    <message>
        <source>the .env file</source>
        <translation>die .env-Datei</translation>
    </message>
</context>
<context>
    <name>DesktopRun</name>
    <message>
        <source>Virtual phone</source>
        <translation>Virtuelles Telefon</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>NotificationWords</name>
    <message>
        <source>acknowledged</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation>nicht bestätigt</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>attempt %1 of %2</source>
        <translation>Versuch %1 von %2</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation>Bestätigt von %1 um %2</translation>
    </message>
    <message>
        <source>Nobody acknowledged: every number was called</source>
        <translation>Niemand hat bestätigt: Alle Nummern wurden angerufen</translation>
    </message>
    <message>
        <source>Canceled at %1</source>
        <translation>Abgebrochen um %1</translation>
    </message>
    <message>
        <source>Next call to %1 in %2</source>
        <translation>Nächster Anruf bei %1 in %2</translation>
    </message>
    <message>
        <source>Calling %1 (%2)</source>
        <translation>Ruft %1 an (%2)</translation>
    </message>
</context>
<context>
    <name>SavedSettings</name>
    <message>
        <source>could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>flux::CallDetailPane</name>
    <message>
        <source>&amp;Hang up</source>
        <translation>Auf&amp;legen</translation>
    </message>
    <message>
        <source>Call &amp;again</source>
        <translation>&amp;Erneut anrufen</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Wählen Sie einen Anruf aus, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Call status</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <source>Twilio call sid</source>
        <translation>Twilio-Anruf-SID</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the call sid</source>
        <translation>Die Anruf-SID kopieren</translation>
    </message>
    <message>
        <source>What the callee heard</source>
        <translation>Was die angerufene Person gehört hat</translation>
    </message>
    <message>
        <source>Keys pressed</source>
        <translation>Gedrückte Tasten</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Call timeline</source>
        <translation>Anrufverlauf</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Timeline columns</source>
        <translation>Spalten des Verlaufs</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <source>End or cancel this call (Ctrl+H)</source>
        <translation>Diesen Anruf beenden oder abbrechen (Strg+H)</translation>
    </message>
    <message>
        <source>Call again</source>
        <translation>Erneut anrufen</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Twilio sid:</source>
        <translation>Twilio-SID:</translation>
    </message>
    <message>
        <source>They heard:</source>
        <translation>Gehört:</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>Tasten:</translation>
    </message>
    <message>
        <source>Nothing yet</source>
        <translation>Noch nichts</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>flux::CallTreeModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>attempt %1 of %2</source>
        <translation>Versuch %1 von %2</translation>
    </message>
    <message>
        <source>%1 (double-click to show or hide its calls)</source>
        <translation>%1 (Doppelklick zeigt oder verbirgt ihre Anrufe)</translation>
    </message>
</context>
<context>
    <name>flux::ContactBookDialog</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Read a CSV file with name and number columns (language and note optional); a number already in the book is updated</source>
        <translation>Liest eine CSV-Datei mit den Spalten name und number (language und note optional); eine Nummer, die schon im Adressbuch steht, wird aktualisiert</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakte</translation>
    </message>
    <message>
        <source>Escalation &amp;lists</source>
        <translation>Eskalations&amp;listen</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Kontakte exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation>Die Kontakte konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the desk&apos;s</source>
        <translation>die des Desks</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>Kontakt entfernen</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the contact book and from every escalation list?</source>
        <translation>%1 (%2) aus dem Adressbuch und aus allen Eskalationslisten entfernen?</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>%1 konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nichts wurde importiert: %1</translation>
    </message>
    <message>
        <source>Contacts imported: %1.</source>
        <translation>Importierte Kontakte: %1.</translation>
    </message>
    <message>
        <source>Rows not imported: %1</source>
        <translation>Nicht importierte Zeilen: %1</translation>
    </message>
    <message>
        <source>Could not export the contacts: %1</source>
        <translation>Die Kontakte konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The contact book was exported to %1.</source>
        <translation>Das Adressbuch wurde nach %1 exportiert.</translation>
    </message>
</context>
<context>
    <name>flux::ContactCompleter</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>flux::ContactEditDialog</name>
    <message>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Kontakt bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e.g. Alice Example</source>
        <translation>z. B. Erika Mustermann</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>Language of the call</source>
        <translation>Sprache des Anrufs</translation>
    </message>
    <message>
        <source>The desk&apos;s language</source>
        <translation>Sprache des Desks</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>optional, e.g. database on-call, weekdays</source>
        <translation>optional, z. B. Datenbank-Bereitschaft, werktags</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>A contact needs a name</source>
        <translation>Ein Kontakt braucht einen Namen</translation>
    </message>
    <message>
        <source>Include + and the country code, e.g. +14155551234</source>
        <translation>Mit + und Ländervorwahl, z. B. +4930123456</translation>
    </message>
    <message>
        <source>Not a full international number yet: start with + and the country code, then the number without spaces, e.g. +14155551234</source>
        <translation>Noch keine vollständige internationale Nummer: Beginnen Sie mit + und der Ländervorwahl, dann die Nummer ohne Leerzeichen, z. B. +4930123456</translation>
    </message>
    <message>
        <source>Looks right</source>
        <translation>Sieht richtig aus</translation>
    </message>
    <message>
        <source>&amp;Phone number:</source>
        <translation>&amp;Telefonnummer:</translation>
    </message>
</context>
<context>
    <name>flux::EscalationListsPage</name>
    <message>
        <source>&amp;New list</source>
        <translation>&amp;Neue Liste</translation>
    </message>
    <message>
        <source>Remove list</source>
        <translation>Liste entfernen</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Ta&amp;ke out</source>
        <translation>He&amp;rausnehmen</translation>
    </message>
    <message>
        <source>&amp;Save list</source>
        <translation>Liste &amp;speichern</translation>
    </message>
    <message>
        <source>Escalation lists</source>
        <translation>Eskalationslisten</translation>
    </message>
    <message>
        <source>List name</source>
        <translation>Name der Liste</translation>
    </message>
    <message>
        <source>e.g. Database on-call</source>
        <translation>z. B. Datenbank-Bereitschaft</translation>
    </message>
    <message>
        <source>Contacts in the order they are called</source>
        <translation>Kontakte in der Reihenfolge, in der sie angerufen werden</translation>
    </message>
    <message>
        <source>Contact to add</source>
        <translation>Hinzuzufügender Kontakt</translation>
    </message>
    <message>
        <source>Calls per contact</source>
        <translation>Anrufe pro Kontakt</translation>
    </message>
    <message>
        <source>Wait between calls, in seconds</source>
        <translation>Wartezeit zwischen Anrufen, in Sekunden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Calls, in order:</source>
        <translation>Anrufe, der Reihe nach:</translation>
    </message>
    <message>
        <source>Could not read the contacts: %1</source>
        <translation>Die Kontakte konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not read the escalation lists: %1</source>
        <translation>Die Eskalationslisten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(removed contact)</source>
        <translation>(entfernter Kontakt)</translation>
    </message>
    <message>
        <source>%1 is in this list already.</source>
        <translation>%1 steht schon in dieser Liste.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; saved.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Remove escalation list</source>
        <translation>Eskalationsliste entfernen</translation>
    </message>
    <message>
        <source>Remove the escalation list &quot;%1&quot;? Its contacts stay in the book.</source>
        <translation>Die Eskalationsliste „%1“ entfernen? Ihre Kontakte bleiben im Adressbuch.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; removed.</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Add contac&amp;t:</source>
        <translation>Kon&amp;takt hinzufügen:</translation>
    </message>
    <message>
        <source>Attem&amp;pts per contact:</source>
        <translation>&amp;Versuche pro Kontakt:</translation>
    </message>
    <message>
        <source>Wait &amp;between attempts:</source>
        <translation>&amp;Wartezeit zwischen Versuchen:</translation>
    </message>
</context>
<context>
    <name>flux::LanguageChooser</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Calls use it from the next call on, the window from its next start.</source>
        <translation>Anrufe verwenden sie ab dem nächsten Anruf, das Fenster ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Set by %1, which wins over a value saved here.</source>
        <translation>Festgelegt durch %1; das hat Vorrang vor einem hier gespeicherten Wert.</translation>
    </message>
</context>
<context>
    <name>flux::LogView</name>
    <message>
        <source>Log level</source>
        <translation>Protokollstufe</translation>
    </message>
    <message>
        <source> and above</source>
        <translation> und höher</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>Log filter</source>
        <translation>Protokollfilter</translation>
    </message>
    <message>
        <source>Filter by category or text, e.g. flux.http or CA…</source>
        <translation>Nach Kategorie oder Text filtern, z. B. flux.http oder CA…</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>flux::MainWindow</name>
    <message>
        <source>Flux Call Desk</source>
        <translation>Flux Call Desk</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Call list columns</source>
        <translation>Spalten der Anrufliste</translation>
    </message>
    <message>
        <source>Search calls</source>
        <translation>Anrufe suchen</translation>
    </message>
    <message>
        <source>Search number, task or status (Ctrl+F)</source>
        <translation>Nummer, Aufgabe oder Status suchen (Strg+F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation>&amp;Neuer Anruf</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>An&amp;sicht</translation>
    </message>
    <message>
        <source>&amp;Search calls</source>
        <translation>Anrufe &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Flux Call Desk</source>
        <translation>Ü&amp;ber Flux Call Desk</translation>
    </message>
    <message>
        <source>About Flux Call Desk</source>
        <translation>Über Flux Call Desk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flux Call Desk&lt;/b&gt; %1&lt;br&gt;Phone a person about a critical task and know they heard it.</source>
        <translation>&lt;b&gt;Flux Call Desk&lt;/b&gt; %1&lt;br&gt;Rufen Sie eine Person wegen einer kritischen Aufgabe an und wissen Sie, dass sie es gehört hat.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook-URL</translation>
    </message>
    <message>
        <source>Webhooks received and rejected</source>
        <translation>Empfangene und abgewiesene Webhooks</translation>
    </message>
    <message>
        <source>Twilio REST API</source>
        <translation>Twilio-REST-API</translation>
    </message>
    <message>
        <source>Twilio API: not contacted yet</source>
        <translation>Twilio-API: noch nicht kontaktiert</translation>
    </message>
    <message>
        <source>Twilio API: answering</source>
        <translation>Twilio-API: antwortet</translation>
    </message>
    <message>
        <source>Twilio API: &lt;b style=&quot;color:#d93025&quot;&gt;not reachable&lt;/b&gt;</source>
        <translation>Twilio-API: &lt;b style=&quot;color:#d93025&quot;&gt;nicht erreichbar&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Twilio API: &lt;b style=&quot;color:#d93025&quot;&gt;not configured&lt;/b&gt;</source>
        <translation>Twilio-API: &lt;b style=&quot;color:#d93025&quot;&gt;nicht eingerichtet&lt;/b&gt;</translation>
    </message>
    <message>
        <source> SIMULATOR </source>
        <translation> SIMULATOR </translation>
    </message>
    <message>
        <source> LIVE </source>
        <translation> LIVE </translation>
    </message>
    <message>
        <source>Calls ring the built-in virtual phone, not real phones</source>
        <translation>Anrufe klingeln beim eingebauten virtuellen Telefon, nicht bei echten Telefonen</translation>
    </message>
    <message>
        <source>Calls ring real phones through Twilio</source>
        <translation>Anrufe klingeln über Twilio bei echten Telefonen</translation>
    </message>
    <message>
        <source>Webhooks at %1</source>
        <translation>Webhooks unter %1</translation>
    </message>
    <message>
        <source>Could not hang up: %1</source>
        <translation>Auflegen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Webhooks: %1 received · %2 rejected</source>
        <translation>Webhooks: %1 empfangen · %2 abgewiesen</translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation>&amp;Kontakte…</translation>
    </message>
</context>
<context>
    <name>flux::NewCallForm</name>
    <message>
        <source>&amp;Call</source>
        <translation>An&amp;rufen</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>What must they know? e.g. Database is down</source>
        <translation>Was muss die Person wissen? z. B. Datenbank ist ausgefallen</translation>
    </message>
    <message>
        <source>Task title</source>
        <translation>Titel der Aufgabe</translation>
    </message>
    <message>
        <source>optional, e.g. INC-42</source>
        <translation>optional, z. B. INC-42</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>Aufgaben-ID</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <source>Ring the number and read the task out (Enter or Ctrl+Return)</source>
        <translation>Die Nummer anrufen und die Aufgabe vorlesen (Eingabe oder Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Phone number hint</source>
        <translation>Hinweis zur Telefonnummer</translation>
    </message>
    <message>
        <source>Call error</source>
        <translation>Anruffehler</translation>
    </message>
    <message>
        <source>&lt;b&gt;New call&lt;/b&gt;</source>
        <translation>&lt;b&gt;Neuer Anruf&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Phone &amp;number:</source>
        <translation>Telefon&amp;nummer:</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Aufgabe:</translation>
    </message>
    <message>
        <source>Task &amp;id:</source>
        <translation>Aufgaben-&amp;ID:</translation>
    </message>
    <message>
        <source>Not a full international number yet: start with + and the country code, then the number without spaces, e.g. +14155551234</source>
        <translation>Noch keine vollständige internationale Nummer: Beginnen Sie mit + und der Ländervorwahl, dann die Nummer ohne Leerzeichen, z. B. +4930123456</translation>
    </message>
    <message>
        <source>Looks right</source>
        <translation>Sieht richtig aus</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Wird angerufen…</translation>
    </message>
    <message>
        <source>The number to call, in E.164 format; a contact&apos;s name completes to their number</source>
        <translation>Die anzurufende Nummer im E.164-Format; der Name eines Kontakts wird zu seiner Nummer ergänzt</translation>
    </message>
    <message>
        <source>Then call</source>
        <translation>Danach anrufen</translation>
    </message>
    <message>
        <source>Who is called next when the call ends without a 1</source>
        <translation>Wer als Nächstes angerufen wird, wenn der Anruf ohne eine 1 endet</translation>
    </message>
    <message>
        <source>People to call next</source>
        <translation>Als Nächstes anzurufende Personen</translation>
    </message>
    <message>
        <source>names or numbers, in order, e.g. Bob, +4930123456</source>
        <translation>Namen oder Nummern, der Reihe nach, z. B. Bob, +4930123456</translation>
    </message>
    <message>
        <source>Calls per number</source>
        <translation>Anrufe pro Nummer</translation>
    </message>
    <message>
        <source>Wait between calls, in seconds</source>
        <translation>Wartezeit zwischen Anrufen, in Sekunden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;every</source>
        <translation>a&amp;lle</translation>
    </message>
    <message>
        <source>T&amp;hen call:</source>
        <translation>&amp;Danach anrufen:</translation>
    </message>
    <message>
        <source>Call&amp;s per number:</source>
        <translation>Anrufe &amp;pro Nummer:</translation>
    </message>
    <message>
        <source>No one else</source>
        <translation>Niemand sonst</translation>
    </message>
    <message>
        <source>List: %1</source>
        <translation>Liste: %1</translation>
    </message>
    <message>
        <source>These people:</source>
        <translation>Diese Personen:</translation>
    </message>
    <message>
        <source>More than one contact is called &quot;%1&quot;: type the number instead</source>
        <translation>Mehrere Kontakte heißen „%1“: Geben Sie stattdessen die Nummer ein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a contact nor a number with + and the country code</source>
        <translation>„%1“ ist weder ein Kontakt noch eine Nummer mit + und Ländervorwahl</translation>
    </message>
    <message>
        <source>Name who to call next, or choose &quot;No one else&quot;</source>
        <translation>Nennen Sie, wer als Nächstes angerufen wird, oder wählen Sie „Niemand sonst“</translation>
    </message>
    <message>
        <source>At most %1 people can be called after the first</source>
        <translation>Nach der ersten Person können höchstens %1 weitere angerufen werden</translation>
    </message>
    <message>
        <source>Include + and the country code, e.g. +14155551234, or type a contact&apos;s name</source>
        <translation>Mit + und Ländervorwahl, z. B. +4930123456, oder den Namen eines Kontakts eingeben</translation>
    </message>
    <message>
        <source>Looks right: %1</source>
        <translation>Sieht richtig aus: %1</translation>
    </message>
</context>
<context>
    <name>flux::NotificationDetailView</name>
    <message>
        <source>Cancel &amp;escalation</source>
        <translation>&amp;Eskalation abbrechen</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Benachrichtigung</translation>
    </message>
    <message>
        <source>Notification state</source>
        <translation>Stand der Benachrichtigung</translation>
    </message>
    <message>
        <source>Who is called, in order</source>
        <translation>Wer angerufen wird, der Reihe nach</translation>
    </message>
    <message>
        <source>Next call</source>
        <translation>Nächster Anruf</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Angerufen</translation>
    </message>
    <message>
        <source>Cancel escalation</source>
        <translation>Eskalation abbrechen</translation>
    </message>
    <message>
        <source>Call nobody else about this task, and hang up a call in progress</source>
        <translation>Wegen dieser Aufgabe niemanden mehr anrufen und einen laufenden Anruf beenden</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Stand:</translation>
    </message>
    <message>
        <source>Calls:</source>
        <translation>Anrufe:</translation>
    </message>
    <message>
        <source>, then </source>
        <translation>, danach </translation>
    </message>
    <message>
        <source>%1; %2 apart</source>
        <translation>%1; im Abstand von %2</translation>
    </message>
    <message>
        <source>%1; %2 attempts each, %3 apart</source>
        <translation>%1; je %2 Versuche im Abstand von %3</translation>
    </message>
    <message>
        <source>not placed</source>
        <translation>nicht angerufen</translation>
    </message>
    <message>
        <source>placing</source>
        <translation>wird angerufen</translation>
    </message>
    <message>
        <source>Could not cancel the escalation: %1</source>
        <translation>Die Eskalation konnte nicht abgebrochen werden: %1</translation>
    </message>
    <message>
        <source>Outcome webhook:</source>
        <translation>Ergebnis-Webhook:</translation>
    </message>
    <message>
        <source>&amp;Deliver again</source>
        <translation>Erneut &amp;zustellen</translation>
    </message>
    <message>
        <source>Outcome webhook deliveries</source>
        <translation>Zustellungen des Ergebnis-Webhooks</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last try</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Deliver again</source>
        <translation>Erneut zustellen</translation>
    </message>
    <message>
        <source>Send the outcome to every receiver once more, with the same event id</source>
        <translation>Das Ergebnis noch einmal an jeden Empfänger senden, mit derselben Ereignis-ID</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>gone (410)</source>
        <translation>abgemeldet (410)</translation>
    </message>
    <message>
        <source>given up</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>text sending</source>
        <translation>SMS wird gesendet</translation>
    </message>
    <message>
        <source>text unconfirmed</source>
        <translation>SMS unbestätigt</translation>
    </message>
    <message>
        <source>text refused</source>
        <translation>SMS abgelehnt</translation>
    </message>
    <message>
        <source>text queued</source>
        <translation>SMS eingereiht</translation>
    </message>
    <message>
        <source>text sent</source>
        <translation>SMS gesendet</translation>
    </message>
    <message>
        <source>text delivered</source>
        <translation>SMS zugestellt</translation>
    </message>
    <message>
        <source>text undelivered</source>
        <translation>SMS nicht zugestellt</translation>
    </message>
    <message>
        <source>text failed</source>
        <translation>SMS fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not deliver the outcome again: %1</source>
        <translation>Das Ergebnis konnte nicht erneut zugestellt werden: %1</translation>
    </message>
</context>
<context>
    <name>flux::OpenNotificationsPrompt</name>
    <message>
        <source>1 notification is still open. It pauses now and resumes, on schedule, the next time Flux Call Desk starts.</source>
        <translation>1 Benachrichtigung ist noch offen. Sie pausiert jetzt und läuft beim nächsten Start von Flux Call Desk planmäßig weiter.</translation>
    </message>
    <message>
        <source>%1 notifications are still open. They pause now and resume, on schedule, the next time Flux Call Desk starts.</source>
        <translation>%1 Benachrichtigungen sind noch offen. Sie pausieren jetzt und laufen beim nächsten Start von Flux Call Desk planmäßig weiter.</translation>
    </message>
    <message>
        <source>Notifications are open</source>
        <translation>Benachrichtigungen sind offen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortfahren</translation>
    </message>
</context>
<context>
    <name>flux::PhoneKeypad</name>
    <message>
        <source>Key star</source>
        <translation>Taste Stern</translation>
    </message>
    <message>
        <source>Key hash</source>
        <translation>Taste Raute</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Taste %1</translation>
    </message>
    <message>
        <source>Press %1 on the phone</source>
        <translation>Auf dem Telefon %1 drücken</translation>
    </message>
</context>
<context>
    <name>flux::SecretStore</name>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
</context>
<context>
    <name>flux::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Calls go through Twilio when the account SID, auth token and caller number are all set, otherwise through the built-in simulator.</source>
        <translation>Anrufe laufen über Twilio, wenn Konto-SID, Auth-Token und Anrufernummer gesetzt sind, sonst über den eingebauten Simulator.</translation>
    </message>
    <message>
        <source>The system keychain is not available: the token is kept for this run only.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar: Das Token wird nur für diese Sitzung behalten.</translation>
    </message>
    <message>
        <source>Keychain note</source>
        <translation>Hinweis zum Schlüsselbund</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Show auth token</source>
        <translation>Auth-Token zeigen</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Listen port</source>
        <translation>Server-Port</translation>
    </message>
    <message>
        <source>Account &amp;SID</source>
        <translation>Konto-&amp;SID</translation>
    </message>
    <message>
        <source>AC followed by 32 hex digits</source>
        <translation>AC, gefolgt von 32 Hexadezimalziffern</translation>
    </message>
    <message>
        <source>Auth &amp;token</source>
        <translation>Auth-&amp;Token</translation>
    </message>
    <message>
        <source>Caller &amp;number</source>
        <translation>A&amp;nrufernummer</translation>
    </message>
    <message>
        <source>your Twilio number, such as +14155550123</source>
        <translation>Ihre Twilio-Nummer, etwa +14155550123</translation>
    </message>
    <message>
        <source>Public &amp;base URL</source>
        <translation>Öffentliche &amp;Basis-URL</translation>
    </message>
    <message>
        <source>empty: the listen address, which only this computer reaches</source>
        <translation>leer: die Server-Adresse, die nur dieser Computer erreicht</translation>
    </message>
    <message>
        <source>&amp;Listen address</source>
        <translation>Server-&amp;Adresse</translation>
    </message>
    <message>
        <source>such as 127.0.0.1</source>
        <translation>etwa 127.0.0.1</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Hide auth token</source>
        <translation>Auth-Token verbergen</translation>
    </message>
    <message>
        <source>Settings error</source>
        <translation>Fehler in den Einstellungen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source> message</source>
        <translation> – Meldung</translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation>festgelegt durch %1</translation>
    </message>
    <message>
        <source>Set by %1, which wins over a value saved here.</source>
        <translation>Festgelegt durch %1; das hat Vorrang vor einem hier gespeicherten Wert.</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Could not save the settings: %1.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1.</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>S&amp;prache</translation>
    </message>
</context>
<context>
    <name>flux::TaskNotifier</name>
    <message>
        <source>Flux Call Desk</source>
        <translation>Flux Call Desk</translation>
    </message>
    <message>
        <source>%1 acknowledged: %2</source>
        <translation>%1 hat bestätigt: %2</translation>
    </message>
    <message>
        <source>, pressed %1</source>
        <translation>, %1 gedrückt</translation>
    </message>
    <message>
        <source>Call to %1 ended without acknowledgment (%2): %3</source>
        <translation>Anruf an %1 endete ohne Bestätigung (%2): %3</translation>
    </message>
    <message>
        <source>Task acknowledged</source>
        <translation>Aufgabe bestätigt</translation>
    </message>
    <message>
        <source>Task not acknowledged</source>
        <translation>Aufgabe nicht bestätigt</translation>
    </message>
    <message>
        <source>Nobody acknowledged after %1 calls: %2</source>
        <translation>Niemand hat nach %1 Anrufen bestätigt: %2</translation>
    </message>
</context>
<context>
    <name>flux::VirtualPhonePanel</name>
    <message>
        <source>Declined (busy)</source>
        <translation>Abgelehnt (besetzt)</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Nicht abgenommen</translation>
    </message>
    <message>
        <source>Call failed</source>
        <translation>Anruf fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled by the caller</source>
        <translation>Vom Anrufer abgebrochen</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Anruf beendet</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>in call</source>
        <translation>im Gespräch</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>Virtual phone</source>
        <translation>Virtuelles Telefon</translation>
    </message>
    <message>
        <source>&amp;Call:</source>
        <translation>Anr&amp;uf:</translation>
    </message>
    <message>
        <source>Live calls</source>
        <translation>Laufende Anrufe</translation>
    </message>
    <message>
        <source>Other calls ringing or in progress on the simulator</source>
        <translation>Andere Anrufe, die im Simulator klingeln oder laufen</translation>
    </message>
    <message>
        <source>Call state</source>
        <translation>Anrufzustand</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Answer call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <source>Answer the ringing call (%1)</source>
        <translation>Den klingelnden Anruf annehmen (%1)</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Decline call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <source>Decline the ringing call: the caller hears busy (%1)</source>
        <translation>Den klingelnden Anruf ablehnen: Der Anrufer hört besetzt (%1)</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <source>End the call (%1)</source>
        <translation>Den Anruf beenden (%1)</translation>
    </message>
    <message>
        <source>Spoken on the call:</source>
        <translation>Im Anruf gesprochen:</translation>
    </message>
    <message>
        <source>Spoken text</source>
        <translation>Gesprochener Text</translation>
    </message>
    <message>
        <source>Keys pressed:</source>
        <translation>Gedrückte Tasten:</translation>
    </message>
    <message>
        <source>Keys pressed</source>
        <translation>Gedrückte Tasten</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>Tastenfeld</translation>
    </message>
    <message>
        <source>Virtual phone: the call engine is not running</source>
        <translation>Virtuelles Telefon: Die Anruf-Engine läuft nicht</translation>
    </message>
    <message>
        <source>Virtual phone: the call engine is restarting</source>
        <translation>Virtuelles Telefon: Die Anruf-Engine startet neu</translation>
    </message>
    <message>
        <source>Virtual phone: available in simulator mode</source>
        <translation>Virtuelles Telefon: im Simulatormodus verfügbar</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Kein Anruf</translation>
    </message>
    <message>
        <source>Calls placed in simulator mode ring here.</source>
        <translation>Anrufe im Simulatormodus klingeln hier.</translation>
    </message>
    <message>
        <source>Calls answer by themselves after a few rings unless you answer or decline first.</source>
        <translation>Anrufe werden nach einigen Klingeltönen von selbst angenommen, sofern Sie nicht vorher annehmen oder ablehnen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <source>Incoming call from %1 to %2</source>
        <translation>Eingehender Anruf von %1 an %2</translation>
    </message>
    <message>
        <source>In call</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindet…</translation>
    </message>
    <message>
        <source>Call from %1 to %2</source>
        <translation>Anruf von %1 an %2</translation>
    </message>
    <message>
        <source>The call hit an application error: %1</source>
        <translation>Im Anruf ist ein Anwendungsfehler aufgetreten: %1</translation>
    </message>
    <message>
        <source>%1 is a scripted test number: the phone plays its part by itself.</source>
        <translation>%1 ist eine Testnummer mit festem Ablauf: Das Telefon spielt seine Rolle von selbst.</translation>
    </message>
    <message>
        <source>The call is listening: press keys on the keypad or type them.</source>
        <translation>Der Anruf wartet auf Tasten: Drücken Sie sie auf dem Tastenfeld oder tippen Sie sie ein.</translation>
    </message>
    <message>
        <source>The keypad opens when the call asks for keys.</source>
        <translation>Das Tastenfeld öffnet sich, wenn der Anruf nach Tasten fragt.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <extracomment>The quotation marks around a sentence the phone heard.</extracomment>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Spoken in %1</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>Fax machine</source>
        <translation>Faxgerät</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>Let it go to voicemail</source>
        <translation>An die Mailbox weiterleiten</translation>
    </message>
    <message>
        <source>Let it go to voicemail (%1)</source>
        <translation>An die Mailbox weiterleiten (%1)</translation>
    </message>
    <message>
        <source>Voicemail recorded:</source>
        <translation>Von der Mailbox aufgezeichnet:</translation>
    </message>
    <message>
        <source>Voicemail recorded</source>
        <translation>Von der Mailbox aufgezeichnet</translation>
    </message>
    <message>
        <source>The scripted numbers +15555550101 to +15555550109 play their part by themselves; any other number waits for you to answer.</source>
        <translation>Die Testnummern +15555550101 bis +15555550109 spielen ihre Rolle von selbst; jede andere Nummer wartet darauf, dass Sie annehmen.</translation>
    </message>
    <message>
        <source>Answer (%1), decline (%2) or let it go to voicemail (%3).</source>
        <translation>Annehmen (%1), ablehnen (%2) oder an die Mailbox weiterleiten (%3).</translation>
    </message>
    <message>
        <source>A voicemail answered: it records what is said after its beep.</source>
        <translation>Die Mailbox hat angenommen: Sie zeichnet auf, was nach dem Signalton gesagt wird.</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>noch nichts</translation>
    </message>
    <message>
        <source>arriving</source>
        <translation>kommt an</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <source>not received</source>
        <translation>nicht empfangen</translation>
    </message>
    <message>
        <source>Texts received:</source>
        <translation>Empfangene SMS:</translation>
    </message>
    <message>
        <source>Texts received</source>
        <translation>Empfangene SMS</translation>
    </message>
    <message>
        <source>To %1 · %2 · %3
%4</source>
        <extracomment>A text on the virtual phone: the number it went to, when, and whether it arrived; its words on the next line.</extracomment>
        <translation>An %1 · %2 · %3
%4</translation>
    </message>
    <message>
        <source>%1: error %2</source>
        <translation>%1: Fehler %2</translation>
    </message>
    <message>
        <source>Texts received (%1):</source>
        <translation>Empfangene SMS (%1):</translation>
    </message>
</context>
</TS>
