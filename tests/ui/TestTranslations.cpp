// The window in German and in English on the real engine, offscreen, and the German translation
// checked against the sources: every string the window shows has a finished translation.
#include "EngineFixture.h"

#include "CallDetailPane.h"
#include "CallTreeModel.h"
#include "MainWindow.h"
#include "NewCallForm.h"
#include "Translations.h"

#include "engine/EngineClient.h"
#include "twilio/VoicePrompts.h"

#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QXmlStreamReader>

using namespace flux;
using namespace flux::test;

namespace {
const QString GermanTs =
    QStringLiteral(FLUX_SOURCE_DIR "/resources/translations/flux-calldesk_de.ts");

// The source text of each message in a .ts file that has no finished translation.
QStringList unfinishedMessages(const QString &tsPath)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + tsPath};
    QStringList unfinished;
    QXmlStreamReader xml(&file);
    QString source;
    while (xml.readNext() != QXmlStreamReader::Invalid && !xml.atEnd()) {
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const bool markedUnfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText();
            if (markedUnfinished || text.isEmpty())
                unfinished.append(source);
        }
    }
    if (xml.hasError())
        unfinished.append(xml.errorString());
    return unfinished;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<MainWindow> m_window;
    Translations m_translations;

    // A window built after `language` was installed, on an engine speaking it.
    void openWindow(const QString &language)
    {
        QVERIFY(m_translations.install(language));
        m_dir = std::make_unique<QTemporaryDir>();
        m_engine = std::make_unique<EngineClient>();
        Config config = EngineFixture::simulatorConfig(m_dir->path(), 25.0);
        config.language = language;
        QVERIFY(m_engine->start(config).ok());
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    // A column header as the call list shows it.
    QVariant header(int column) const
    {
        const auto *table = m_window->findChild<QTableView *>(QStringLiteral("callList"));
        return table ? table->model()->headerData(column, Qt::Horizontal) : QVariant();
    }
    // The status badge of the selected call, or empty.
    QString selectedBadge() const
    {
        return m_window->callModel()
            ->indexOf(m_window->selectedSid(), CallTreeModel::Status)
            .data()
            .toString();
    }
    // What the detail pane says the selected call's callee heard.
    QString heard() const
    {
        const auto *pane = m_window->findChild<CallDetailPane *>();
        return pane ? pane->spokenLabel()->text() : QString();
    }
    // Places a call through the form to the number that answers and presses 1.
    void callTheNumberThatAcknowledges()
    {
        NewCallForm *form = m_window->form();
        QTest::keyClicks(form->numberField(), QStringLiteral("+15555550101"));
        QTest::keyClicks(form->titleField(), QStringLiteral("Backup"));
        QTest::mouseClick(form->callButton(), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }
    void cleanup()
    {
        if (m_engine)
            m_engine->stop();
        m_window.reset();
        m_engine.reset();
        m_translations.install(QStringLiteral("en"));
    }

    void withGermanSelectedTheWindowSpeaksGerman()
    {
        openWindow(QStringLiteral("de"));
        QCOMPARE(m_window->form()->callButton()->text(), QStringLiteral("An&rufen"));
        QCOMPARE(m_window->fileMenu()->title(), QStringLiteral("&Datei"));
        QCOMPARE(header(CallTreeModel::Task), QVariant(QStringLiteral("Aufgabe")));
        QCOMPARE(header(CallTreeModel::Duration), QVariant(QStringLiteral("Dauer")));
        callTheNumberThatAcknowledges();
        QTRY_COMPARE_WITH_TIMEOUT(selectedBadge(), QStringLiteral("bestätigt"), 20000);
        // What the callee heard is shown in the language it was spoken in.
        QTRY_COMPARE_WITH_TIMEOUT(
            heard(),
            QStringLiteral("Hallo! Hier ist Flux. Sie haben eine kritische "
                           "Aufgabe: Backup. Drücken Sie 1 zum Bestätigen.\n"
                           "Vielen Dank. Aufgabe bestätigt. Auf Wiederhören."),
            5000);
    }

    void withEnglishSelectedTheWindowSpeaksEnglish()
    {
        openWindow(QStringLiteral("en"));
        QCOMPARE(m_window->form()->callButton()->text(), QStringLiteral("&Call"));
        QCOMPARE(m_window->fileMenu()->title(), QStringLiteral("&File"));
        QCOMPARE(header(CallTreeModel::Task), QVariant(QStringLiteral("Task")));
        callTheNumberThatAcknowledges();
        QTRY_COMPARE_WITH_TIMEOUT(selectedBadge(), QStringLiteral("acknowledged"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(heard(),
                                  QStringLiteral("Hi! This is Flux. You have a critical task: "
                                                 "Backup. Press 1 to acknowledge.\n"
                                                 "Thank you. Task acknowledged. Goodbye."),
                                  5000);
    }

    void aLanguageWithoutATranslationLeavesTheWindowInEnglish()
    {
        QVERIFY(!m_translations.install(QStringLiteral("xx")));
        QCOMPARE(m_translations.installed(), QStringLiteral("en"));
        QCOMPARE(CallTreeModel().headerData(CallTreeModel::Task, Qt::Horizontal, Qt::DisplayRole),
                 QVariant(QStringLiteral("Task")));
    }

    void everySpokenLanguageHasAWindowTranslationAndTheOtherWayRound()
    {
        QStringList spoken;
        for (const VoicePrompts::Language &language : VoicePrompts::languages())
            spoken.append(language.code);
        QStringList window = Translations::available();
        spoken.sort();
        window.sort();
        QCOMPARE(window, spoken);
    }

    void theGermanTranslationCoversEveryStringOfTheSources()
    {
        // lupdate over the sources as they are now, into a copy: a string added or changed in
        // ui/, app/ or the engine's words the window shows (ConfigSources) without its German
        // shows up here as unfinished. The same list as ui/CMakeLists.txt gives lupdate.
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("flux-calldesk_de.ts"));
        QVERIFY(QFile::copy(GermanTs, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(FLUX_LUPDATE),
                      {QStringLiteral(FLUX_SOURCE_DIR "/ui"),
                       QStringLiteral(FLUX_SOURCE_DIR "/app"),
                       QStringLiteral(FLUX_SOURCE_DIR "/core/config/ConfigSources.cpp"),
                       QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                       QStringLiteral("none"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QStringList unfinished = unfinishedMessages(copy);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QLatin1String(" | "))));
        // And the committed file is what lupdate writes: no string missing, none stale.
        QFile updated(copy), committed(GermanTs);
        QVERIFY(updated.open(QIODevice::ReadOnly) && committed.open(QIODevice::ReadOnly));
        QVERIFY2(updated.readAll() == committed.readAll(),
                 "resources/translations/flux-calldesk_de.ts is out of date: build the "
                 "update_translations target and translate what it adds");
    }
};

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
