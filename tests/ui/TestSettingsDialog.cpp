// The settings dialog: values round-trip through the settings file and the keychain, the token
// never reaches the file, every field is checked as the engine checks it.
#include "MemorySecretBackend.h"
#include "SavedSettings.h"
#include "SecretStore.h"
#include "SettingsDialog.h"
#include "config/ConfigSources.h"

#include "engine/EngineClient.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flux;

namespace {

const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString Token = QStringLiteral("s3cr3t-T0ken-f0r-the-r0und-trip");
const QString Number = QStringLiteral("+15005550006");
const QString Url = QStringLiteral("https://calls.example.com/flux");

template <typename T> T *control(QWidget *dialog, const QString &accessibleName)
{
    for (T *widget : dialog->findChildren<T *>()) {
        if (widget->accessibleName() == accessibleName)
            return widget;
    }
    return nullptr;
}

QLineEdit *edit(QWidget *dialog, const QString &name)
{
    return control<QLineEdit>(dialog, name);
}

QAbstractButton *button(QWidget *dialog, const QString &name)
{
    return control<QAbstractButton>(dialog, name);
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }
    ConfigSources sources() const
    {
        ConfigSources sources;
        sources.dotEnvPath = m_dir.filePath(QStringLiteral("absent.env"));
        sources.defaultDataDir = m_dir.path();
        return sources;
    }

private Q_SLOTS:
    void init() { QFile::remove(settingsFile()); }

    void settingsRoundTripKeepsTheTokenOutOfTheSettingsFile()
    {
        auto *backend = new MemorySecretBackend;
        SecretStore secrets{std::unique_ptr<SecretBackend>(backend)};
        secrets.loadToken();
        QVERIFY(secrets.available());
        SavedSettings saved(&secrets, settingsFile());
        {
            SettingsDialog dialog(&saved, sources());
            QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
            edit(&dialog, QStringLiteral("Account SID"))->setText(Sid);
            edit(&dialog, QStringLiteral("Auth token"))->setText(Token);
            edit(&dialog, QStringLiteral("Caller number"))->setText(Number);
            edit(&dialog, QStringLiteral("Public base URL"))->setText(Url);
            edit(&dialog, QStringLiteral("Listen address"))->setText(QStringLiteral("0.0.0.0"));
            control<QSpinBox>(&dialog, QStringLiteral("Listen port"))->setValue(8123);
            QVERIFY(button(&dialog, QStringLiteral("Apply"))->isEnabled());
            QTest::mouseClick(button(&dialog, QStringLiteral("Apply")), Qt::LeftButton);
            QCOMPARE(applied.count(), 1);
            // The typed token leaves the field once saved.
            QVERIFY(edit(&dialog, QStringLiteral("Auth token"))->text().isEmpty());
            QVERIFY(!button(&dialog, QStringLiteral("Apply"))->isEnabled());
        }
        QTRY_COMPARE(backend->entries().value(Keychain::AuthTokenKey), Token.toUtf8());

        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QString &value : {Sid, Number, Url, QStringLiteral("0.0.0.0:8123")})
            QVERIFY2(bytes.contains(value.toUtf8()), qPrintable(value));
        const QByteArray token = Token.toUtf8();
        for (const QByteArray &form :
             {token, token.toBase64(), token.toHex(), QUrl::toPercentEncoding(Token),
              QByteArray(reinterpret_cast<const char *>(Token.utf16()), Token.size() * 2),
              token.left(8)})
            QVERIFY2(!bytes.contains(form), form.constData());

        // The next start: a fresh store over what the keychain kept, the same file.
        SecretStore restarted{std::make_unique<MemorySecretBackend>(backend->entries())};
        restarted.loadToken();
        SavedSettings reread(&restarted, settingsFile());
        const QHash<QString, QString> expected{
            {QStringLiteral("TWILIO_ACCOUNT_SID"), Sid},
            {QStringLiteral("TWILIO_AUTH_TOKEN"), Token},
            {QStringLiteral("TWILIO_PHONE_NUMBER"), Number},
            {QStringLiteral("PUBLIC_BASE_URL"), Url},
            {QStringLiteral("FLUX_LISTEN"), QStringLiteral("0.0.0.0:8123")}};
        QCOMPARE(reread.values(), expected);
        const auto config = sources().load(reread.values());
        QVERIFY(config.ok());
        QCOMPARE(config.value().resolvedMode(), Config::Mode::Live);
        QCOMPARE(config.value().authToken, Token.toUtf8());
        QCOMPARE(config.value().listenPort, quint16(8123));

        // Reopened, the dialog shows the values but never the token.
        SettingsDialog again(&reread, sources());
        QCOMPARE(edit(&again, QStringLiteral("Account SID"))->text(), Sid);
        QCOMPARE(edit(&again, QStringLiteral("Listen address"))->text(), QStringLiteral("0.0.0.0"));
        QCOMPARE(control<QSpinBox>(&again, QStringLiteral("Listen port"))->value(), 8123);
        QLineEdit *tokenField = edit(&again, QStringLiteral("Auth token"));
        QVERIFY(tokenField->text().isEmpty());
        QCOMPARE(tokenField->placeholderText(), QStringLiteral("unchanged"));
        QCOMPARE(tokenField->echoMode(), QLineEdit::Password);
        QTest::mouseClick(button(&again, QStringLiteral("Show auth token")), Qt::LeftButton);
        QCOMPARE(tokenField->echoMode(), QLineEdit::Normal);
        QVERIFY(tokenField->text().isEmpty());
    }

    void invalidValuesShowAMessageAndKeepApplyDisabled_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("bad");
        QTest::addColumn<QString>("good");
        QTest::newRow("sid") << "Account SID"
                             << "AC123" << Sid;
        QTest::newRow("token") << "Auth token"
                               << "two words" << Token;
        QTest::newRow("number") << "Caller number"
                                << "415-555-1234" << Number;
        QTest::newRow("url") << "Public base URL"
                             << "calls.example.com" << Url;
        QTest::newRow("listen") << "Listen address"
                                << "not-an-ip" << QStringLiteral("::1");
    }
    void invalidValuesShowAMessageAndKeepApplyDisabled()
    {
        QFETCH(QString, field);
        QFETCH(QString, bad);
        QFETCH(QString, good);
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        SettingsDialog dialog(&saved, sources());
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        QLabel *message = control<QLabel>(&dialog, field + QStringLiteral(" message"));
        QVERIFY(message);
        QVERIFY(message->isHidden());

        edit(&dialog, field)->setText(bad);
        QVERIFY(!message->isHidden());
        QVERIFY(!message->text().isEmpty());
        QCOMPARE(edit(&dialog, field)->accessibleDescription(), message->text());
        QVERIFY(!button(&dialog, QStringLiteral("Apply"))->isEnabled());
        QVERIFY(!button(&dialog, QStringLiteral("OK"))->isEnabled());
        QVERIFY(!dialog.apply());
        QCOMPARE(applied.count(), 0);
        QVERIFY(saved.values().isEmpty());

        edit(&dialog, field)->setText(good);
        QVERIFY(message->isHidden());
        QVERIFY(button(&dialog, QStringLiteral("Apply"))->isEnabled());
        QVERIFY(button(&dialog, QStringLiteral("OK"))->isEnabled());
    }

    void anUnavailableKeychainIsSaidAndTheTokenKeptForThisRun()
    {
        SecretStore secrets{
            std::make_unique<MemorySecretBackend>(QHash<QString, QByteArray>{}, false)};
        secrets.loadToken();
        QVERIFY(!secrets.available());
        SavedSettings saved(&secrets, settingsFile());
        SettingsDialog dialog(&saved, sources());
        QLabel *note = control<QLabel>(&dialog, QStringLiteral("Keychain note"));
        QVERIFY(!note->isHidden());
        QCOMPARE(note->text(), QStringLiteral("The system keychain is not available: the token "
                                              "is kept for this run only."));

        edit(&dialog, QStringLiteral("Auth token"))->setText(Token);
        QVERIFY(dialog.apply());
        QCOMPARE(saved.values().value(QStringLiteral("TWILIO_AUTH_TOKEN")), Token);
        QCOMPARE(edit(&dialog, QStringLiteral("Auth token"))->placeholderText(),
                 QStringLiteral("unchanged"));
        QFile file(settingsFile());
        QVERIFY(!file.open(QIODevice::ReadOnly) || !file.readAll().contains(Token.toUtf8()));
    }

    void aKeychainThatFailsOnSaveBringsTheNoteUp()
    {
        // Reads work, writes fail: a keychain that is locked and refuses to open, say.
        class RefusingWrites : public MemorySecretBackend
        {
        public:
            void write(const QString &key, const QByteArray &value, Done done) override
            {
                m_refusing.write(key, value, std::move(done));
            }

        private:
            MemorySecretBackend m_refusing{{}, false};
        };
        SecretStore secrets{std::make_unique<RefusingWrites>()};
        secrets.loadToken();
        SavedSettings saved(&secrets, settingsFile());
        SettingsDialog dialog(&saved, sources());
        QLabel *note = control<QLabel>(&dialog, QStringLiteral("Keychain note"));
        QVERIFY(note->isHidden());
        QSignalSpy savedToken(&secrets, &SecretStore::tokenSaved);
        edit(&dialog, QStringLiteral("Auth token"))->setText(Token);
        QVERIFY(dialog.apply());
        QVERIFY(savedToken.wait());
        QCOMPARE(savedToken.first().first().toBool(), false);
        QVERIFY(!note->isHidden());
        QCOMPARE(secrets.token(), Token.toUtf8());
    }

    void aChosenLanguageIsSavedAndReachesTheEnginesConfiguration()
    {
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        SettingsDialog dialog(&saved, sources());
        auto *language = control<QComboBox>(&dialog, QStringLiteral("Language"));
        QVERIFY(language);
        QCOMPARE(language->currentData().toString(), QString()); // the system's
        QVERIFY(!dialog.hasChanges());
        language->setCurrentIndex(language->findData(QStringLiteral("de")));
        QCOMPARE(language->currentText(), QStringLiteral("Deutsch"));
        QCOMPARE(language->itemText(language->findData(QStringLiteral("en"))),
                 QStringLiteral("English"));
        QVERIFY(dialog.hasChanges());
        QVERIFY(dialog.apply());

        QCOMPARE(QSettings(settingsFile(), QSettings::IniFormat).value("FLUX_LANGUAGE").toString(),
                 QStringLiteral("de"));
        const auto config = sources().load(saved.values());
        QVERIFY(config.ok());
        QCOMPARE(config.value().language, QStringLiteral("de"));

        // Back to the system's language: the saved value goes.
        language->setCurrentIndex(0);
        QVERIFY(dialog.apply());
        QVERIFY(!QSettings(settingsFile(), QSettings::IniFormat).contains("FLUX_LANGUAGE"));
    }

    void aLanguageSetElsewhereIsShownButCannotBeChosen()
    {
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        ConfigSources layered = sources();
        layered.flags.insert(QStringLiteral("FLUX_LANGUAGE"), QStringLiteral("de"));
        SettingsDialog dialog(&saved, layered);
        auto *language = control<QComboBox>(&dialog, QStringLiteral("Language"));
        QVERIFY(!language->isEnabled());
        QCOMPARE(language->currentData().toString(), QStringLiteral("de"));
        bool noted = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            noted = noted || label->text().contains(QStringLiteral("the command line"));
        QVERIFY(noted);
    }

    void valuesSetElsewhereAreShownReadOnlyAndNotSaved()
    {
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        ConfigSources layered = sources();
        layered.environment.insert(QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:9000"));
        layered.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), Token);
        layered.flags.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), Sid);
        SettingsDialog dialog(&saved, layered);

        QLineEdit *address = edit(&dialog, QStringLiteral("Listen address"));
        QVERIFY(address->isReadOnly());
        QCOMPARE(address->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(control<QSpinBox>(&dialog, QStringLiteral("Listen port"))->value(), 9000);
        QVERIFY(control<QLabel>(&dialog, QStringLiteral("Listen address message"))
                    ->text()
                    .contains(QStringLiteral("the environment")));
        QVERIFY(edit(&dialog, QStringLiteral("Account SID"))->isReadOnly());
        QVERIFY(control<QLabel>(&dialog, QStringLiteral("Account SID message"))
                    ->text()
                    .contains(QStringLiteral("the command line")));
        QLineEdit *token = edit(&dialog, QStringLiteral("Auth token"));
        QVERIFY(token->isReadOnly());
        QVERIFY(token->text().isEmpty()); // set elsewhere, still never shown

        edit(&dialog, QStringLiteral("Caller number"))->setText(Number);
        QVERIFY(dialog.apply());
        QCOMPARE(saved.values(),
                 (QHash<QString, QString>{{QStringLiteral("TWILIO_PHONE_NUMBER"), Number}}));
    }

    void aTakenPortIsShownAtTheFieldAndCancelBringsTheEngineBack()
    {
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        // The first engine listens on a free port, saved as if chosen earlier.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString freePort = QString::number(probe.serverPort());
        probe.close();
        QVERIFY(
            saved.save({{QStringLiteral("FLUX_LISTEN"), QStringLiteral("127.0.0.1:") + freePort}}));

        // What the window does with settingsApplied: reload and restart the engine.
        EngineClient engine;
        const ConfigSources layers = sources();
        QVERIFY(engine.start(layers.load(saved.values()).value()).ok());
        SettingsDialog dialog(&saved, layers);
        connect(&dialog, &SettingsDialog::settingsApplied, this, [&] {
            const auto config = layers.load(saved.values());
            QVERIFY(config.ok());
            if (const auto started = engine.start(config.value()); !started)
                dialog.showApplyError(started.error().variable, started.error().problem);
        });

        control<QSpinBox>(&dialog, QStringLiteral("Listen port"))->setValue(squatter.serverPort());
        QVERIFY(!dialog.apply());
        QVERIFY(!engine.isRunning());
        QLabel *message = control<QLabel>(&dialog, QStringLiteral("Listen address message"));
        QVERIFY(!message->isHidden());
        QVERIFY2(message->text().contains(QString::number(squatter.serverPort())),
                 qPrintable(message->text()));

        dialog.reject();
        QCOMPARE(saved.value(QStringLiteral("FLUX_LISTEN")),
                 QStringLiteral("127.0.0.1:") + freePort);
        QVERIFY(engine.isRunning());
        QCOMPARE(QString::number(QUrl(engine.facts().listenUrl).port()), freePort);
    }

    void everyControlIsNamedAndTabOrderFollowsTheForm()
    {
        SecretStore secrets{std::make_unique<MemorySecretBackend>()};
        SavedSettings saved(&secrets, settingsFile());
        SettingsDialog dialog(&saved, sources());

        for (QWidget *widget : dialog.findChildren<QWidget *>()) {
            const bool control = qobject_cast<QLineEdit *>(widget) ||
                                 qobject_cast<QAbstractButton *>(widget) ||
                                 qobject_cast<QSpinBox *>(widget);
            // A spin box's own line edit is part of the spin box.
            if (control && !qobject_cast<QSpinBox *>(widget->parentWidget()))
                QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
        }

        const QStringList expected{QStringLiteral("Account SID"),
                                   QStringLiteral("Auth token"),
                                   QStringLiteral("Show auth token"),
                                   QStringLiteral("Caller number"),
                                   QStringLiteral("Public base URL"),
                                   QStringLiteral("Listen address"),
                                   QStringLiteral("Listen port"),
                                   QStringLiteral("Language"),
                                   QStringLiteral("OK"),
                                   QStringLiteral("Apply"),
                                   QStringLiteral("Cancel")};
        QStringList order;
        QWidget *widget = edit(&dialog, expected.first());
        while (order.size() < expected.size()) {
            if ((widget->focusPolicy() & Qt::TabFocus) && !widget->accessibleName().isEmpty() &&
                !qobject_cast<QSpinBox *>(widget->parentWidget()))
                order << widget->accessibleName();
            widget = widget->nextInFocusChain();
        }
        QCOMPARE(order, expected);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
