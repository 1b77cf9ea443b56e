<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AddToConfigPanel</name>
    <message>
        <source>Pick a value above to add it to the line config</source>
        <translation>Oben einen Wert wählen, um ihn in die Konfiguration aufzunehmen</translation>
    </message>
    <message>
        <source>line config file (TOML)</source>
        <translation>Konfigurationsdatei (TOML)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>station.name_unit, e.g. dry_room.dew_point_c</source>
        <translation>station.name_einheit, z. B. dry_room.dew_point_c</translation>
    </message>
    <message>
        <source>writable</source>
        <translation>beschreibbar</translation>
    </message>
    <message>
        <source>Add to line config</source>
        <translation>Zur Konfiguration</translation>
    </message>
    <message>
        <source>Tag id</source>
        <translation>Variablen-ID</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Line config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Line config (*.toml)</source>
        <translation>Konfiguration (*.toml)</translation>
    </message>
    <message>
        <source>{0} (fix it first: `lineside config check {1}`)</source>
        <translation>{0} (zuerst beheben: `lineside config check {1}`)</translation>
    </message>
    <message>
        <source>{0} has no {1} connection: add one first</source>
        <translation>{0} hat keine {1}-Verbindung: zuerst eine anlegen</translation>
    </message>
    <message>
        <source>Add to the line config</source>
        <translation>In die Konfiguration aufnehmen</translation>
    </message>
    <message>
        <source>choose the line config file to add the tag to</source>
        <translation>Konfigurationsdatei wählen, in die die Variable soll</translation>
    </message>
    <message>
        <source>name the tag: station.name_unit (the station must exist in the file)</source>
        <translation>Variable benennen: station.name_einheit (die Station muss in der Datei stehen)</translation>
    </message>
    <message>
        <source>not added: {0}: {1}</source>
        <translation>nicht aufgenommen: {0}: {1}</translation>
    </message>
    <message>
        <source>{0} added to {1} (checked: {2} tags)</source>
        <translation>{0} in {1} aufgenommen (geprüft: {2} Variablen)</translation>
    </message>
</context>
<context>
    <name>AgeHistogram</name>
    <message>
        <source>no values yet</source>
        <translation>noch keine Werte</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <source>Alarm banner: touch to open the alarm list</source>
        <translation>Alarmbanner: antippen öffnet die Alarmliste</translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>Keine unquittierten Alarme</translation>
    </message>
    <message numerus="yes">
        <source>{0}; %n active, acknowledged</source>
        <translation>
            <numerusform>{0}; %n aktiv, quittiert</numerusform>
            <numerusform>{0}; %n aktiv, quittiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmHistoryScreen</name>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>KPIs per console</source>
        <translation>Kennzahlen je Leitstand</translation>
    </message>
</context>
<context>
    <name>AlarmJournalView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Pri</source>
        <comment>priority</comment>
        <translation>Prio</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Leitstand</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>text in alarm, user or reason</source>
        <translation>Text in Alarm, Benutzer oder Grund</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n journal entries, newest first</source>
        <translation>
            <numerusform>%n Journaleintrag, neuester zuerst</numerusform>
            <numerusform>%n Journaleinträge, neueste zuerst</numerusform>
        </translation>
    </message>
    <message>
        <source>(the first {0})</source>
        <translation>(die ersten {0})</translation>
    </message>
    <message>
        <source>(engine)</source>
        <translation>(Alarmsystem)</translation>
    </message>
</context>
<context>
    <name>AlarmKpiView</name>
    <message>
        <source>Alarms per 10 min (average)</source>
        <translation>Alarme pro 10 min (Mittel)</translation>
    </message>
    <message>
        <source>Alarms per day (average)</source>
        <translation>Alarme pro Tag (Mittel)</translation>
    </message>
    <message>
        <source>Peak alarms in one hour</source>
        <translation>Höchstzahl Alarme in einer Stunde</translation>
    </message>
    <message>
        <source>10-min intervals in flood</source>
        <translation>10-min-Intervalle mit Alarmflut</translation>
    </message>
    <message>
        <source>Chattering alarms (≥3 in 60 s)</source>
        <translation>Flatternde Alarme (≥3 in 60 s)</translation>
    </message>
    <message>
        <source>Stale alarms (active &gt; 24 h)</source>
        <translation>Stehende Alarme (aktiv &gt; 24 h)</translation>
    </message>
    <message>
        <source>Share priority 1-2</source>
        <translation>Anteil Priorität 1-2</translation>
    </message>
    <message>
        <source>Share priority 3</source>
        <translation>Anteil Priorität 3</translation>
    </message>
    <message>
        <source>Share priority 4</source>
        <translation>Anteil Priorität 4</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Leitstand</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Target (DOMAIN 3.2)</source>
        <translation>Ziel (DOMAIN 3.2)</translation>
    </message>
    <message>
        <source>Alarms per 10 min</source>
        <translation>Alarme pro 10 min</translation>
    </message>
    <message>
        <source>Priority distribution (% of alarms)</source>
        <translation>Prioritätenverteilung (% der Alarme)</translation>
    </message>
    <message>
        <source>Top 10 bad actors</source>
        <translation>Die 10 häufigsten Alarme</translation>
    </message>
    <message>
        <source>target 1</source>
        <translation>Ziel 1</translation>
    </message>
    <message>
        <source>flood &gt; {0}</source>
        <translation>Alarmflut &gt; {0}</translation>
    </message>
    <message>
        <source>peak target 15/h</source>
        <translation>Spitzenziel 15/h</translation>
    </message>
    <message>
        <source>Alarms per hour</source>
        <translation>Alarme pro Stunde</translation>
    </message>
    <message>
        <source>no alarms</source>
        <translation>keine Alarme</translation>
    </message>
    <message>
        <source>no annunciated alarms in the period</source>
        <translation>keine angezeigten Alarme im Zeitraum</translation>
    </message>
    <message>
        <source>Console {0}: no annunciated alarm and no stale alarm in the period.</source>
        <translation>Leitstand {0}: kein angezeigter und kein stehender Alarm im Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>%n flood(s), longest {0} min</source>
        <translation>
            <numerusform>%n Alarmflut, längste {0} min</numerusform>
            <numerusform>%n Alarmfluten, längste {0} min</numerusform>
        </translation>
    </message>
    <message>
        <source>no flood</source>
        <translation>keine Alarmflut</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>Console {0}: %n alarm(s), {1}. Chattering: {2}. Stale: {3}.</source>
        <translation>
            <numerusform>Leitstand {0}: %n Alarm, {1}. Flatternd: {2}. Stehend: {3}.</numerusform>
            <numerusform>Leitstand {0}: %n Alarme, {1}. Flatternd: {2}. Stehend: {3}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Less than 30 days of data: the rates are indicative only.</source>
        <translation>Weniger als 30 Tage Daten: die Raten sind nur Richtwerte.</translation>
    </message>
    <message>
        <source>✓ met</source>
        <translation>✓ erfüllt</translation>
    </message>
    <message>
        <source>✗ NOT MET</source>
        <translation>✗ NICHT ERFÜLLT</translation>
    </message>
</context>
<context>
    <name>AlarmMessages</name>
    <message>
        <source>alarm {alarm} may be shelved for at most {hours} h ({seconds} s): choose a shorter time</source>
        <translation>Alarm {alarm} darf höchstens {hours} h ({seconds} s) zurückgestellt werden: eine kürzere Zeit wählen</translation>
    </message>
    <message>
        <source>shelving alarm {alarm} needs a reason: say why</source>
        <translation>Zurückstellen von Alarm {alarm} braucht einen Grund: angeben, warum</translation>
    </message>
    <message>
        <source>taking alarm {alarm} out of service needs a reason: say why</source>
        <translation>Alarm {alarm} außer Betrieb nehmen braucht einen Grund: angeben, warum</translation>
    </message>
    <message>
        <source>no alarm {alarms} in this line&apos;s config</source>
        <translation>kein Alarm {alarms} in der Konfiguration dieser Linie</translation>
    </message>
    <message>
        <source>alarm actions need the command service: none is wired</source>
        <translation>Alarmaktionen brauchen den Befehlsdienst: keiner ist angebunden</translation>
    </message>
    <message>
        <source>one-shot shelve ended: the alarm returned to normal</source>
        <translation>einmalige Zurückstellung beendet: der Alarm ist in den Normalzustand zurückgekehrt</translation>
    </message>
    <message>
        <source>one_shot shelve expired at its time limit</source>
        <translation>einmalige Zurückstellung nach Ablauf ihrer Höchstdauer beendet</translation>
    </message>
    <message>
        <source>timed shelve expired at its time limit</source>
        <translation>zeitlich begrenzte Zurückstellung nach Ablauf ihrer Zeit beendet</translation>
    </message>
</context>
<context>
    <name>AlarmScreen</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>Unterdrückt</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>quittiert</translation>
    </message>
    <message>
        <source>reset</source>
        <comment>alarms were reset</comment>
        <translation>zurückgesetzt</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>unshelved</source>
        <translation>wieder aktiviert</translation>
    </message>
    <message>
        <source>taken out of service</source>
        <translation>außer Betrieb genommen</translation>
    </message>
    <message>
        <source>returned to service</source>
        <translation>wieder in Betrieb genommen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Ack page</source>
        <translation>Seite quitt.</translation>
    </message>
    <message>
        <source>Reset</source>
        <comment>reset a latched alarm</comment>
        <translation>Rücksetzen</translation>
    </message>
    <message>
        <source>Shelve…</source>
        <translation>Zurückstellen…</translation>
    </message>
    <message>
        <source>Unshelve…</source>
        <translation>Reaktivieren…</translation>
    </message>
    <message>
        <source>Out of service…</source>
        <translation>Außer Betrieb…</translation>
    </message>
    <message>
        <source>Return to service…</source>
        <translation>In Betrieb…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederanlauf…</translation>
    </message>
    <message>
        <source>Go to station</source>
        <translation>Zur Station</translation>
    </message>
    <message>
        <source>Touch an alarm to see its cause and what to do.</source>
        <translation>Alarm antippen: Ursache und Maßnahme werden angezeigt.</translation>
    </message>
    <message>
        <source>FIRST OUT</source>
        <translation>ERSTWERT</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>alarm id at station</comment>
        <translation>{0} an {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cause:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Ursache:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consequence:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Folge:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Action:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Maßnahme:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Respond within:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Reagieren innerhalb:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>Shelved by {0} until {1}: {2}</source>
        <translation>Zurückgestellt von {0} bis {1}: {2}</translation>
    </message>
    <message>
        <source>Out of service by {0} since {1}: {2}</source>
        <translation>Außer Betrieb durch {0} seit {1}: {2}</translation>
    </message>
    <message>
        <source>Restore procedure: {0}</source>
        <translation>Wiederanlaufverfahren: {0}</translation>
    </message>
    <message>
        <source>Shelve {0} (at most {1}): why, and for how long?</source>
        <translation>{0} zurückstellen (höchstens {1}): warum und wie lange?</translation>
    </message>
    <message>
        <source>Shelve</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>Unshelve {0}: why?</source>
        <translation>{0} reaktivieren: warum?</translation>
    </message>
    <message>
        <source>Unshelve</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>Out of service: {0}. Why (permit)?</source>
        <translation>Außer Betrieb: {0}. Warum (Freigabeschein)?</translation>
    </message>
    <message>
        <source>Return {0} to service: why?</source>
        <translation>{0} wieder in Betrieb nehmen: warum?</translation>
    </message>
    <message>
        <source>Return to service</source>
        <translation>In Betrieb nehmen</translation>
    </message>
    <message numerus="yes">
        <source>✓ %n alarm(s) {0}</source>
        <translation>
            <numerusform>✓ %n Alarm {0}</numerusform>
            <numerusform>✓ %n Alarme {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do: no alarm there needed it</source>
        <translation>Nichts zu tun: kein Alarm dort brauchte es</translation>
    </message>
    <message>
        <source>✓ {0} ({1}) {2}</source>
        <translation>✓ {0} ({1}) {2}</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last hour</source>
        <translation>{0} von {1} Einträgen der letzten Stunde</translation>
    </message>
    <message>
        <source>8 h</source>
        <translation>8 h</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 8 h</source>
        <translation>{0} von {1} Einträgen der letzten 8 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 24 h</source>
        <translation>{0} von {1} Einträgen der letzten 24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 7 days</source>
        <translation>{0} von {1} Einträgen der letzten 7 Tage</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the last 30 days</source>
        <translation>{0} von {1} Einträgen der letzten 30 Tage</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>{0} of {1} entries in the whole trail</source>
        <translation>{0} von {1} Einträgen im gesamten Audit-Trail</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Verify chain: checks every entry&apos;s hash against the one before it (a changed, deleted or inserted entry shows).</source>
        <translation>Kette prüfen: vergleicht den Hash jedes Eintrags mit dem davor (ein geänderter, gelöschter oder eingefügter Eintrag fällt auf).</translation>
    </message>
    <message>
        <source>Export CSV saves the rows shown in {0}</source>
        <translation>CSV exportieren speichert die angezeigten Zeilen in {0}</translation>
    </message>
    <message>
        <source>Verifying every entry of the audit trail…</source>
        <translation>Jeder Eintrag des Audit-Trails wird geprüft…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n entries to {0}…</source>
        <translation>
            <numerusform>%n Eintrag wird in {0} geschrieben…</numerusform>
            <numerusform>%n Einträge werden in {0} geschrieben…</numerusform>
        </translation>
    </message>
    <message>
        <source>Touch a row to read the whole entry here.</source>
        <translation>Eine Zeile antippen, um hier den ganzen Eintrag zu lesen.</translation>
    </message>
    <message>
        <source>The audit trail could not be read: {0}</source>
        <translation>Der Audit-Trail konnte nicht gelesen werden: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail intact: %n entries, each matches its hash (head {0}); checked {1} UTC</source>
        <translation>
            <numerusform>Audit-Trail intakt: %n Eintrag, passt zu seinem Hash (Kopf {0}); geprüft {1} UTC</numerusform>
            <numerusform>Audit-Trail intakt: %n Einträge, jeder passt zu seinem Hash (Kopf {0}); geprüft {1} UTC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail BROKEN at entry {0}: {1}. %n entries before it verify. Keep this record; tell QA.</source>
        <translation>
            <numerusform>Audit-Trail GEBROCHEN bei Eintrag {0}: {1}. %n Eintrag davor ist gültig. Diesen Befund aufbewahren; die QS informieren.</numerusform>
            <numerusform>Audit-Trail GEBROCHEN bei Eintrag {0}: {1}. %n Einträge davor sind gültig. Diesen Befund aufbewahren; die QS informieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail could not be verified: {0}</source>
        <translation>Der Audit-Trail konnte nicht geprüft werden: {0}</translation>
    </message>
    <message>
        <source>{0} not written: {1}. Check the folder exists and is writable.</source>
        <translation>{0} nicht geschrieben: {1}. Prüfen, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries written to {0}</source>
        <translation>
            <numerusform>%n Eintrag in {0} geschrieben</numerusform>
            <numerusform>%n Einträge in {0} geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Nicht geladen</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>old</source>
        <comment>value before</comment>
        <translation>alt</translation>
    </message>
    <message>
        <source>sent</source>
        <comment>value written</comment>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>read back</source>
        <comment>value read back</comment>
        <translation>rückgelesen</translation>
    </message>
    <message>
        <source>reason: {0}</source>
        <translation>Grund: {0}</translation>
    </message>
    <message>
        <source>at {0}</source>
        <comment>at a panel/host</comment>
        <translation>an {0}</translation>
    </message>
    <message>
        <source>signature #{0}</source>
        <translation>Signatur #{0}</translation>
    </message>
    <message>
        <source>UTC time</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Rückgelesen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
</context>
<context>
    <name>ChangeoverChecklistPage</name>
    <message>
        <source>Run the automatic checks</source>
        <translation>Automatische Prüfungen starten</translation>
    </message>
    <message>
        <source>Confirm the selected item</source>
        <translation>Gewählten Punkt bestätigen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ Tastatur</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>{0} {1} ({2}, {3} by {4})</source>
        <translation>{0} {1} ({2}, {3} von {4})</translation>
    </message>
    <message>
        <source>{0} {1} ({2}, {3})</source>
        <translation>{0} {1} ({2}, {3})</translation>
    </message>
</context>
<context>
    <name>ChangeoverChoosePage</name>
    <message>
        <source>Resume it</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Roll it back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <source>Trial run (lot held)</source>
        <translation>Probelauf (Los gesperrt)</translation>
    </message>
    <message>
        <source>⚠ TRIAL: not an Effective recipe version. The lot of this changeover is held until QA releases it.</source>
        <translation>⚠ PROBELAUF: keine gültige Rezeptversion. Das Los dieses Umrüstens bleibt gesperrt, bis die QS es freigibt.</translation>
    </message>
    <message>
        <source>Active changeover: variances and lot hold</source>
        <translation>Aktives Umrüsten: Abweichungen und Lossperre</translation>
    </message>
    <message>
        <source>Start changeover</source>
        <translation>Umrüsten starten</translation>
    </message>
    <message>
        <source>Lot id</source>
        <translation>Los-Nr.</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ Tastatur</translation>
    </message>
    <message>
        <source>Draft and Approved versions, for a trial:</source>
        <translation>Entwurfs- und genehmigte Versionen, für einen Probelauf:</translation>
    </message>
    <message>
        <source>Effective recipe versions (only these run in production):</source>
        <translation>Gültige Rezeptversionen (nur diese laufen in der Produktion):</translation>
    </message>
    <message numerus="yes">
        <source>{0} v{1} ({2}, {3}; %n parameter(s))</source>
        <translation>
            <numerusform>{0} v{1} ({2}, {3}; %n Parameter)</numerusform>
            <numerusform>{0} v{1} ({2}, {3}; %n Parameter)</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: cached at {1} (plant database offline)</source>
        <translation>{0}: zwischengespeichert um {1} (Werksdatenbank offline)</translation>
    </message>
    <message>
        <source>No Effective recipe version yet: an engineer imports and submits one, QA approves and releases it on the Recipes screen.</source>
        <translation>Noch keine gültige Rezeptversion: ein Ingenieur importiert und reicht eine ein, die QS genehmigt und gibt sie im Bild Rezepte frei.</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2} (TRIAL)</source>
        <translation>Aktiv: {0} v{1}, Los {2} (PROBELAUF)</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}</source>
        <translation>Aktiv: {0} v{1}, Los {2}</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}, released {3} (TRIAL)</source>
        <translation>Aktiv: {0} v{1}, Los {2}, freigegeben {3} (PROBELAUF)</translation>
    </message>
    <message>
        <source>Active: {0} v{1}, lot {2}, released {3}</source>
        <translation>Aktiv: {0} v{1}, Los {2}, freigegeben {3}</translation>
    </message>
    <message>
        <source>⚠ Interrupted changeover: {0} v{1}, lot {2}, stopped at &apos;{3}&apos; ({4}). {5}</source>
        <translation>⚠ Unterbrochenes Umrüsten: {0} v{1}, Los {2}, angehalten bei „{3}“ ({4}). {5}</translation>
    </message>
</context>
<context>
    <name>ChangeoverDownloadPage</name>
    <message>
        <source>{0} v{1}, lot {2}: {3} — {4}</source>
        <translation>{0} v{1}, Los {2}: {3} — {4}</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2}: {3}</source>
        <translation>{0} v{1}, Los {2}: {3}</translation>
    </message>
</context>
<context>
    <name>ChangeoverEngine</name>
    <message>
        <source>a changeover needs a lot id: enter the lot to produce</source>
        <translation>ein Umrüsten braucht eine Losnummer: das zu fertigende Los eingeben</translation>
    </message>
    <message>
        <source>resumed at {state} (what the PLC held: {holds})</source>
        <translation>fortgesetzt bei {state} (was die SPS hielt: {holds})</translation>
    </message>
    <message>
        <source>pre-checks failed; nothing was written</source>
        <translation>Vorprüfungen nicht bestanden; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>pre-checks passed</source>
        <translation>Vorprüfungen bestanden</translation>
    </message>
    <message>
        <source>no snapshot; nothing written</source>
        <translation>keine Sicherung; nichts geschrieben</translation>
    </message>
    <message>
        <source>PLC link failed: {why}</source>
        <translation>SPS-Verbindung gestört: {why}</translation>
    </message>
    <message>
        <source>cannot read the values to roll back to: {why}</source>
        <translation>die Werte für das Zurücksetzen können nicht gelesen werden: {why}</translation>
    </message>
    <message>
        <source>download failed: {why}</source>
        <translation>Laden fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>read-back verification failed: {why}</source>
        <translation>Prüfung durch Rücklesen fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>stopped before anything was written</source>
        <translation>angehalten, bevor etwas geschrieben wurde</translation>
    </message>
    <message>
        <source>rolling back: {reason}</source>
        <translation>wird zurückgesetzt: {reason}</translation>
    </message>
    <message>
        <source>rolled back: the PLC holds the snapshot values again (all {count} read back, attempt {attempt})</source>
        <translation>zurückgesetzt: die SPS hält wieder die gesicherten Werte (alle {count} zurückgelesen, Versuch {attempt})</translation>
    </message>
    <message>
        <source>rollback could not be verified after {attempt} attempts: {problems}; check the PLC by hand</source>
        <translation>Zurücksetzen nach {attempt} Versuchen nicht bestätigt: {problems}; die SPS von Hand prüfen</translation>
    </message>
    <message>
        <source>{reason}; rollback failed: {problems}</source>
        <translation>{reason}; Zurücksetzen fehlgeschlagen: {problems}</translation>
    </message>
    <message>
        <source>rollback attempt {attempt} failed ({problems}); trying again</source>
        <translation>Rücksetzversuch {attempt} fehlgeschlagen ({problems}); neuer Versuch</translation>
    </message>
    <message>
        <source>first article failed: {why}</source>
        <translation>Erstmuster nicht bestanden: {why}</translation>
    </message>
    <message>
        <source>{seen}, held {hold:g} s</source>
        <translation>{seen}, gehalten {hold:g} s</translation>
    </message>
    <message>
        <source>checklist failed: {why}</source>
        <translation>Checkliste nicht bestanden: {why}</translation>
    </message>
    <message>
        <source>{item} is no manual item of this changeover</source>
        <translation>{item} ist kein manueller Prüfpunkt dieses Umrüstens</translation>
    </message>
    <message>
        <source>{item}: say what you checked in the note</source>
        <translation>{item}: in der Notiz angeben, was geprüft wurde</translation>
    </message>
    <message>
        <source>the {signature} signature means {means}</source>
        <translation>die Unterschrift „{signature}“ bedeutet {means}</translation>
    </message>
    <message>
        <source>{user}&apos;s signature is over another record ({hash}…); sign this control recipe</source>
        <translation>die Unterschrift von {user} gilt einem anderen Datensatz ({hash}…); dieses Steuerrezept unterschreiben</translation>
    </message>
    <message>
        <source>{user} cannot both perform and verify; a second person (Lead or QA) must verify</source>
        <translation>{user} kann nicht zugleich durchführen und verifizieren; eine zweite Person (Schichtführer oder QS) muss verifizieren</translation>
    </message>
    <message>
        <source>changeover {id} is {state}, not {expected}</source>
        <translation>Umrüsten {id} ist {state}, nicht {expected}</translation>
    </message>
    <message>
        <source>{version} changed since the changeover began</source>
        <translation>{version} wurde seit Beginn des Umrüstens geändert</translation>
    </message>
    <message>
        <source>{applied} of {total} parameters applied at the PLC</source>
        <translation>{applied} von {total} Parametern in der SPS übernommen</translation>
    </message>
    <message>
        <source>{count} sent to the recipe mailbox, not committed (the PLC still runs on their snapshot values)</source>
        <translation>{count} an das Rezeptpostfach gesendet, nicht übernommen (die SPS läuft noch mit ihren gesicherten Werten)</translation>
    </message>
    <message>
        <source>{count} with a write in flight (outcome unknown: read them)</source>
        <translation>{count} mit laufendem Schreibvorgang (Ergebnis unbekannt: lesen)</translation>
    </message>
    <message>
        <source>{count} restored to the snapshot</source>
        <translation>{count} auf die Sicherung zurückgesetzt</translation>
    </message>
    <message>
        <source>{count} never sent (at their snapshot values)</source>
        <translation>{count} nie gesendet (auf ihren gesicherten Werten)</translation>
    </message>
    <message>
        <source>no changeover {id}</source>
        <translation>kein Umrüsten {id}</translation>
    </message>
    <message>
        <source>performed-by</source>
        <translation>Durchgeführt-von</translation>
    </message>
    <message>
        <source>verified-by</source>
        <translation>Verifiziert-von</translation>
    </message>
    <message>
        <source>performed by</source>
        <translation>„Durchgeführt von“</translation>
    </message>
    <message>
        <source>verified by</source>
        <translation>„Verifiziert von“</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first}</source>
        <translation>{user} unterschreibt als {role}; {signature} erfordert {first}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first} or {second}</source>
        <translation>{user} unterschreibt als {role}; {signature} erfordert {first} oder {second}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs {first} or {second} or {third}</source>
        <translation>{user} unterschreibt als {role}; {signature} erfordert {first}, {second} oder {third}</translation>
    </message>
    <message>
        <source>{user} signs as {role}; {signature} needs one of {roles}</source>
        <translation>{user} unterschreibt als {role}; {signature} erfordert eine dieser Rollen: {roles}</translation>
    </message>
    <message>
        <source>{recipe} v{version} changed since it was loaded; load it again</source>
        <translation>{recipe} v{version} wurde seit dem Laden geändert; neu laden</translation>
    </message>
    <message>
        <source>this changeover may not be released: roll it back</source>
        <translation>dieses Umrüsten darf nicht freigegeben werden: zurücksetzen</translation>
    </message>
    <message>
        <source>the changeover was not started</source>
        <translation>das Umrüsten wurde nicht gestartet</translation>
    </message>
    <message>
        <source>{recipe} v{version} was made {status} on the plant database; {what}</source>
        <translation>{recipe} v{version} wurde in der Werksdatenbank auf {status} gesetzt; {what}</translation>
    </message>
    <message>
        <source>{recipe} v{version} was made {status} by {user} at {at} ({reason}) on the plant database; {what}</source>
        <translation>{recipe} v{version} wurde von {user} um {at} ({reason}) in der Werksdatenbank auf {status} gesetzt; {what}</translation>
    </message>
    <message>
        <source>download handshake refused: {why}</source>
        <translation>Lade-Handshake abgelehnt: {why}</translation>
    </message>
    <message>
        <source>commit refused: {why}</source>
        <translation>Übernahme abgelehnt: {why}</translation>
    </message>
    <message>
        <source>{tag}: could not be read back ({why})</source>
        <translation>{tag}: konnte nicht zurückgelesen werden ({why})</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>{tag}: sent {sent}, the PLC holds {held} (tolerance {tolerance:g})</source>
        <translation>{tag}: gesendet {sent}, die SPS hält {held} (Toleranz {tolerance:g})</translation>
    </message>
    <message>
        <source>{tag}: sent {sent}, the PLC holds {held}</source>
        <translation>{tag}: gesendet {sent}, die SPS hält {held}</translation>
    </message>
</context>
<context>
    <name>ChangeoverPrecheck</name>
    <message>
        <source>{station} is in an unknown state: stop it first (a changeover needs {allowed})</source>
        <translation>{station} ist in unbekanntem Zustand: zuerst anhalten (zum Umrüsten nötig: {allowed})</translation>
    </message>
    <message>
        <source>{station} is {state}: stop it first (a changeover needs {allowed})</source>
        <translation>{station} ist in {state}: zuerst anhalten (zum Umrüsten nötig: {allowed})</translation>
    </message>
    <message>
        <source>{station}: lot {lot} is still open; close it first</source>
        <translation>{station}: Los {lot} ist noch offen; zuerst abschließen</translation>
    </message>
    <message>
        <source>active high-priority alarm: {alarm}</source>
        <translation>aktive Störung hoher Priorität: {alarm}</translation>
    </message>
    <message>
        <source>dew point {tag} cannot be read ({why})</source>
        <translation>Taupunkt {tag} kann nicht gelesen werden ({why})</translation>
    </message>
    <message>
        <source>dew point {tag} is {value} °C, above the {max} °C these stations need</source>
        <translation>Taupunkt {tag} ist {value} °C, über den {max} °C, die diese Stationen brauchen</translation>
    </message>
</context>
<context>
    <name>ChangeoverResult</name>
    <message>
        <source>QA: release the lot from hold…</source>
        <translation>QS: Los aus der Sperre freigeben…</translation>
    </message>
    <message>
        <source>⚠ HELD: {0}</source>
        <translation>⚠ GESPERRT: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Variance monitoring: %n change(s) at the PLC since release</source>
        <translation>
            <numerusform>Abweichungsüberwachung: %n Änderung an der SPS seit Freigabe</numerusform>
            <numerusform>Abweichungsüberwachung: %n Änderungen an der SPS seit Freigabe</numerusform>
        </translation>
    </message>
    <message>
        <source>Variance monitoring: every parameter still at its downloaded value</source>
        <translation>Abweichungsüberwachung: alle Parameter noch auf dem geladenen Wert</translation>
    </message>
    <message numerus="yes">
        <source>Lot {0}: release from hold (%n hold(s))</source>
        <translation>
            <numerusform>Los {0}: aus der Sperre freigeben (%n Sperre)</numerusform>
            <numerusform>Los {0}: aus der Sperre freigeben (%n Sperren)</numerusform>
        </translation>
    </message>
    <message>
        <source>Lot {0} released from hold by {1}.</source>
        <translation>Los {0} von {1} aus der Sperre freigegeben.</translation>
    </message>
    <message>
        <source>all stations</source>
        <translation>allen Stationen</translation>
    </message>
    <message>
        <source>lot {0} held at {1} since {2} UTC by {3}: {4}</source>
        <translation>Los {0} gesperrt an {1} seit {2} UTC von {3}: {4}</translation>
    </message>
    <message>
        <source>{0}; released by {1} at {2} UTC: {3}</source>
        <translation>{0}; freigegeben von {1} um {2} UTC: {3}</translation>
    </message>
</context>
<context>
    <name>ChangeoverRoles</name>
    <message>
        <source>operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>Schichtführer</translation>
    </message>
    <message>
        <source>qa</source>
        <translation>QS</translation>
    </message>
</context>
<context>
    <name>ChangeoverScreen</name>
    <message>
        <source>Tag</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Before (rollback)</source>
        <translation>Altwert</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Rückgelesen</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>Umrüsten</translation>
    </message>
    <message>
        <source>Recipe and lot</source>
        <translation>Rezept und Los</translation>
    </message>
    <message>
        <source>Download and verify</source>
        <translation>Laden und prüfen</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Signaturen</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2} (recovered)</source>
        <translation>{0} v{1}, Los {2} (wiederhergestellt)</translation>
    </message>
    <message>
        <source>✗ Choose an Effective recipe version.</source>
        <translation>✗ Eine gültige Rezeptversion wählen.</translation>
    </message>
    <message>
        <source>✗ Give the lot id (scan or type it).</source>
        <translation>✗ Los-Nr. angeben (scannen oder eintippen).</translation>
    </message>
    <message>
        <source>{0} v{1}, lot {2}</source>
        <translation>{0} v{1}, Los {2}</translation>
    </message>
    <message>
        <source>Pre-checks, snapshot, download and read-back …</source>
        <translation>Vorprüfungen, Sicherung, Laden und Zurücklesen …</translation>
    </message>
    <message>
        <source>{0} — TRIAL: the lot is held until QA releases it (below)</source>
        <translation>{0} — PROBELAUF: das Los bleibt gesperrt, bis die QS es freigibt (unten)</translation>
    </message>
    <message>
        <source>aborted by the operator</source>
        <translation>vom Bediener abgebrochen</translation>
    </message>
    <message>
        <source>rolled back after an interruption</source>
        <translation>nach einer Unterbrechung zurückgesetzt</translation>
    </message>
    <message>
        <source>Automatic checks: holding each condition for its time …</source>
        <translation>Automatische Prüfungen: jede Bedingung wird ihre Zeit lang gehalten …</translation>
    </message>
    <message>
        <source>✗ Touch the checklist item you confirm.</source>
        <translation>✗ Den zu bestätigenden Checklistenpunkt antippen.</translation>
    </message>
    <message numerus="yes">
        <source>%n parameter(s) read back equal</source>
        <translation>
            <numerusform>%n Parameter gleich zurückgelesen</numerusform>
            <numerusform>%n Parameter gleich zurückgelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) passed</source>
        <translation>
            <numerusform>%n Punkt bestanden</numerusform>
            <numerusform>%n Punkte bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} von {1}</translation>
    </message>
</context>
<context>
    <name>ChangeoverSignPage</name>
    <message>
        <source>Sign: performed…</source>
        <translation>Signieren: ausgeführt…</translation>
    </message>
    <message>
        <source>Sign: verified…</source>
        <translation>Signieren: geprüft…</translation>
    </message>
    <message>
        <source>Performed by (Operator, Lead or QA), then verified by a second person (Lead or QA).</source>
        <translation>Ausgeführt von (Bediener, Schichtführer oder QS), dann geprüft von einer zweiten Person (Schichtführer oder QS).</translation>
    </message>
    <message>
        <source>Performed by {0}; now verified by a second person.</source>
        <translation>Ausgeführt von {0}; jetzt prüft eine zweite Person.</translation>
    </message>
    <message numerus="yes">
        <source>Changeover {0} v{1}, lot {2} (%n parameter(s) verified)</source>
        <translation>
            <numerusform>Umrüsten {0} v{1}, Los {2} (%n Parameter geprüft)</numerusform>
            <numerusform>Umrüsten {0} v{1}, Los {2} (%n Parameter geprüft)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverState</name>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>prechecked</source>
        <translation>vorgeprüft</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>gesichert</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>wird geladen</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>abgehakt</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signiert</translation>
    </message>
    <message>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>rolling_back</source>
        <translation>wird zurückgerollt</translation>
    </message>
    <message>
        <source>rolled_back</source>
        <translation>zurückgerollt</translation>
    </message>
    <message>
        <source>rollback_failed</source>
        <translation>Zurückrollen fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ChecklistCondition</name>
    <message>
        <source>{tag} has no good value</source>
        <translation>{tag} hat keinen gültigen Wert</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs below {limit:g}</source>
        <translation>{tag} = {value:g}, muss unter {limit:g} liegen</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs above {limit:g}</source>
        <translation>{tag} = {value:g}, muss über {limit:g} liegen</translation>
    </message>
    <message>
        <source>{tag}: no reference value for {of}</source>
        <translation>{tag}: kein Bezugswert für {of}</translation>
    </message>
    <message>
        <source>{tag} = {value:g}, needs {ref:g} ± {within:g}</source>
        <translation>{tag} = {value:g}, muss {ref:g} ± {within:g} sein</translation>
    </message>
    <message>
        <source>{tag} = {value:g}</source>
        <translation>{tag} = {value:g}</translation>
    </message>
</context>
<context>
    <name>ChecklistStatus</name>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
</context>
<context>
    <name>CommandAction</name>
    <message>
        <source>view</source>
        <translation>ansehen</translation>
    </message>
    <message>
        <source>write_setpoint</source>
        <translation>Sollwerte schreiben</translation>
    </message>
    <message>
        <source>command</source>
        <translation>Befehle geben</translation>
    </message>
    <message>
        <source>ack_alarm</source>
        <translation>Alarme quittieren</translation>
    </message>
    <message>
        <source>shelve_alarm</source>
        <translation>Alarme zurückstellen</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>überbrücken</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>Wiederanlauf durchführen</translation>
    </message>
    <message>
        <source>changeover</source>
        <translation>umrüsten</translation>
    </message>
    <message>
        <source>recipe_edit</source>
        <translation>Rezepte bearbeiten</translation>
    </message>
    <message>
        <source>recipe_verify</source>
        <translation>Rezepte prüfen</translation>
    </message>
    <message>
        <source>recipe_approve</source>
        <translation>Rezepte genehmigen</translation>
    </message>
    <message>
        <source>recipe_release</source>
        <translation>Rezepte freigeben</translation>
    </message>
    <message>
        <source>manage_users</source>
        <translation>Benutzer verwalten</translation>
    </message>
    <message>
        <source>manage_certificates</source>
        <translation>Zertifikate verwalten</translation>
    </message>
    <message>
        <source>audit_export</source>
        <translation>den Audit-Trail exportieren</translation>
    </message>
</context>
<context>
    <name>CommandMessages</name>
    <message>
        <source>{user} ({role}) may not {action} at {station}: ask a user whose role allows it</source>
        <translation>{user} ({role}) darf an {station} nicht {action}: einen Benutzer fragen, dessen Rolle es erlaubt</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>{action} at {station} needs a reason: say why, then send again</source>
        <translation>{action} an {station} braucht eine Begründung: Grund angeben, dann erneut senden</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>unbekannter Benutzer</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>1 hour earlier</source>
        <translation>1 Stunde früher</translation>
    </message>
    <message>
        <source>1 day earlier</source>
        <translation>1 Tag früher</translation>
    </message>
    <message>
        <source>1 week earlier</source>
        <translation>1 Woche früher</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>Kein Vergleich</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>Draw the same window, from</source>
        <translation>Dasselbe Zeitfenster zeichnen, von</translation>
    </message>
</context>
<context>
    <name>ConfigEditorScreen</name>
    <message>
        <source>Line config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>no file open</source>
        <translation>keine Datei geöffnet</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save and apply</source>
        <translation>Speichern und übernehmen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Problems ({0})</source>
        <translation>Fehler ({0})</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Changes ({0})</source>
        <translation>Änderungen ({0})</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>{0}: cannot read ({1})</source>
        <translation>{0}: nicht lesbar ({1})</translation>
    </message>
    <message>
        <source>{0}: reverted to the file on disk</source>
        <translation>{0}: auf den Stand der Datei zurückgesetzt</translation>
    </message>
    <message>
        <source>Open a line config</source>
        <translation>Konfiguration öffnen</translation>
    </message>
    <message>
        <source>Line config (*.toml)</source>
        <translation>Konfiguration (*.toml)</translation>
    </message>
    <message>
        <source>the check failed: {0}</source>
        <translation>die Prüfung ist fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>the checker accepts this config</source>
        <translation>die Prüfung akzeptiert diese Konfiguration</translation>
    </message>
    <message>
        <source>problems: {0}; it can be saved only as a draft and cannot be applied</source>
        <translation>Fehler: {0}; nur als Entwurf speicherbar, nicht übernehmbar</translation>
    </message>
    <message>
        <source>no running line to compare with</source>
        <translation>keine laufende Linie zum Vergleich</translation>
    </message>
    <message>
        <source>fix the problems first: only a config the checker accepts is compared</source>
        <translation>zuerst die Fehler beheben: verglichen wird nur eine geprüfte Konfiguration</translation>
    </message>
    <message>
        <source>Apply: nothing to apply</source>
        <translation>Übernehmen: nichts zu übernehmen</translation>
    </message>
    <message>
        <source>Apply: {0}</source>
        <translation>Übernehmen: {0}</translation>
    </message>
    <message>
        <source>screens and alarms use the new config after the HMI restarts</source>
        <translation>Bilder und Alarme nutzen die neue Konfiguration nach dem HMI-Neustart</translation>
    </message>
    <message>
        <source>({0} tags)</source>
        <translation>({0} Variablen)</translation>
    </message>
    <message>
        <source>{0} ({1}): {2} tags</source>
        <translation>{0} ({1}): {2} Variablen</translation>
    </message>
    <message>
        <source>alarms: {0}; loops: {1}; trends: {2}</source>
        <translation>Alarme: {0}; Regelkreise: {1}; Trends: {2}</translation>
    </message>
    <message>
        <source>apply refused: this editor has no running line to apply to</source>
        <translation>Übernehmen abgelehnt: dieser Editor hat keine laufende Linie</translation>
    </message>
    <message>
        <source>apply a line config</source>
        <translation>Konfiguration übernehmen</translation>
    </message>
    <message>
        <source>apply refused: the check of your last edit is still running; try again</source>
        <translation>Übernehmen abgelehnt: die Prüfung der letzten Änderung läuft noch; erneut versuchen</translation>
    </message>
    <message>
        <source>apply refused: the checker refuses this config ({0}); fix the problems listed first</source>
        <translation>Übernehmen abgelehnt: die Prüfung lehnt diese Konfiguration ab ({0}); zuerst die aufgeführten Fehler beheben</translation>
    </message>
    <message>
        <source>apply refused: nothing to apply, the config is the one running</source>
        <translation>Übernehmen abgelehnt: nichts zu übernehmen, diese Konfiguration läuft bereits</translation>
    </message>
    <message>
        <source>open a config file first</source>
        <translation>zuerst eine Konfigurationsdatei öffnen</translation>
    </message>
    <message>
        <source>save a line config</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <source>applying…</source>
        <translation>wird übernommen…</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>wird gespeichert…</translation>
    </message>
    <message>
        <source>not done: {0}</source>
        <translation>nicht ausgeführt: {0}</translation>
    </message>
    <message>
        <source>saved as draft {0}: the checker refuses the text, so {1} is unchanged</source>
        <translation>als Entwurf {0} gespeichert: die Prüfung lehnt den Text ab, {1} bleibt unverändert</translation>
    </message>
    <message>
        <source>the config</source>
        <translation>die Konfiguration</translation>
    </message>
    <message>
        <source>(previous version: {0})</source>
        <translation>(vorherige Version: {0})</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <source>applied: {0}; kept running: {1}</source>
        <translation>übernommen: {0}; weiter in Betrieb: {1}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Records forwarded after the plant database was offline that need a decision</source>
        <translation>Nach dem Ausfall der Werksdatenbank nachgesendete Datensätze, die eine Entscheidung brauchen</translation>
    </message>
    <message>
        <source>Resolve with a signature…</source>
        <translation>Mit Unterschrift klären…</translation>
    </message>
    <message>
        <source>Cannot read the conflicts: {0}</source>
        <translation>Konflikte nicht lesbar: {0}</translation>
    </message>
    <message>
        <source>{0} (from {1})</source>
        <translation>{0} (von {1})</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to review.</source>
        <translation>
            <numerusform>%n Konflikt zu prüfen.</numerusform>
            <numerusform>%n Konflikte zu prüfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to review.</source>
        <translation>Keine Konflikte zu prüfen.</translation>
    </message>
    <message>
        <source>decision on a conflict</source>
        <translation>Entscheidung zu einem Konflikt</translation>
    </message>
    <message>
        <source>What was decided, e.g. lot re-tested</source>
        <translation>Was entschieden wurde, z. B. Los nachgeprüft</translation>
    </message>
</context>
<context>
    <name>DiagnosticsScreen</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Keep-alive</source>
        <translation>Keep-alive</translation>
    </message>
    <message>
        <source>Read p50 / p99 / max</source>
        <translation>Lesen p50 / p99 / max</translation>
    </message>
    <message>
        <source>Echo p50 / p99 / max</source>
        <translation>Echo p50 / p99 / max</translation>
    </message>
    <message>
        <source>Reconnects</source>
        <translation>Neuverbindungen</translation>
    </message>
    <message>
        <source>Values/s</source>
        <translation>Werte/s</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>no status from the PLC</source>
        <translation>kein Status von der SPS</translation>
    </message>
    <message>
        <source>PLC clock {0} s ahead of this HMI&apos;s: its time stamps are corrected and its values shown uncertain</source>
        <translation>SPS-Uhr {0} s vor der Uhr dieses HMI: Zeitstempel werden korrigiert, Werte als unsicher angezeigt</translation>
    </message>
    <message>
        <source>PLC clock {0} s behind this HMI&apos;s: its time stamps are corrected and its values shown uncertain</source>
        <translation>SPS-Uhr {0} s hinter der Uhr dieses HMI: Zeitstempel werden korrigiert, Werte als unsicher angezeigt</translation>
    </message>
    <message>
        <source>Connection diagnostics</source>
        <translation>Verbindungsdiagnose</translation>
    </message>
    <message>
        <source>Age since the PLC stamped each value; an unchanged setpoint keeps its stamp. Not live: stale, lost or bad.</source>
        <translation>Alter seit dem Zeitstempel der SPS; ein unveränderter Sollwert behält seinen Zeitstempel. Nicht aktuell: veraltet, getrennt oder schlecht.</translation>
    </message>
    <message>
        <source>Measure read round trip</source>
        <translation>Lese-Umlaufzeit messen</translation>
    </message>
    <message>
        <source>Measure write-to-echo</source>
        <translation>Schreib-Echo-Zeit messen</translation>
    </message>
    <message>
        <source>write-to-echo needs the signed-in command path</source>
        <translation>Schreib-Echo braucht den angemeldeten Befehlsweg</translation>
    </message>
    <message>
        <source>Setpoint</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>not live</source>
        <comment>values stale, lost or bad</comment>
        <translation>nicht aktuell</translation>
    </message>
    <message>
        <source>Data age of {0}: {1} of {2} tags</source>
        <translation>Datenalter von {0}: {1} von {2} Variablen</translation>
    </message>
    <message>
        <source>Reconnects: not connected yet</source>
        <translation>Neuverbindungen: noch nicht verbunden</translation>
    </message>
    <message>
        <source>Reconnects of {0}: {1}, disconnected {2} s in all</source>
        <translation>Neuverbindungen von {0}: {1}, insgesamt {2} s getrennt</translation>
    </message>
    <message>
        <source>last cause: {0}</source>
        <translation>letzte Ursache: {0}</translation>
    </message>
    <message>
        <source>no loss since the PLC link started</source>
        <translation>keine Unterbrechung seit Start der SPS-Verbindung</translation>
    </message>
    <message>
        <source>Tags of {0} not good: {1}</source>
        <translation>Variablen von {0} nicht gut: {1}</translation>
    </message>
    <message>
        <source>every tag is good</source>
        <translation>alle Variablen sind gut</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <source>{0}: a measurement is under way; its result shows in the table</source>
        <translation>{0}: eine Messung läuft; ihr Ergebnis erscheint in der Tabelle</translation>
    </message>
    <message>
        <source>{0} has no tags</source>
        <translation>{0} hat keine Variablen</translation>
    </message>
    <message>
        <source>Reading {0} {1} times…</source>
        <translation>{0} wird {1}-mal gelesen…</translation>
    </message>
    <message>
        <source>{0}: read round trip not measured: {1}</source>
        <translation>{0}: Lese-Umlaufzeit nicht gemessen: {1}</translation>
    </message>
    <message>
        <source>{0}: read round trip {1}</source>
        <translation>{0}: Lese-Umlaufzeit {1}</translation>
    </message>
    <message>
        <source>{0}: no read came back live ({1})</source>
        <translation>{0}: kein Lesewert kam aktuell zurück ({1})</translation>
    </message>
    <message>
        <source>write-to-echo needs a setpoint and the signed-in command path</source>
        <translation>Schreib-Echo braucht einen Sollwert und den angemeldeten Befehlsweg</translation>
    </message>
    <message>
        <source>Writing {0} back and forth as {1}, timing each echo…</source>
        <translation>{0} wird als {1} hin und zurück geschrieben, jedes Echo wird gemessen…</translation>
    </message>
    <message>
        <source>{0}: {1} (restored {2})</source>
        <translation>{0}: {1} ({2} wiederhergestellt)</translation>
    </message>
    <message>
        <source>{0}: {1} (NOT restored: check the PLC {2})</source>
        <translation>{0}: {1} (NICHT wiederhergestellt: SPS prüfen, {2})</translation>
    </message>
    <message>
        <source>no echo</source>
        <translation>kein Echo</translation>
    </message>
    <message>
        <source>{0}: write-to-echo {1}; original {2} restored</source>
        <translation>{0}: Schreib-Echo {1}; Ursprungswert {2} wiederhergestellt</translation>
    </message>
    <message>
        <source>{0}: write-to-echo {1}; original {2} NOT restored: check the PLC</source>
        <translation>{0}: Schreib-Echo {1}; Ursprungswert {2} NICHT wiederhergestellt: SPS prüfen</translation>
    </message>
</context>
<context>
    <name>FirstArticle</name>
    <message>
        <source>{station} has no SPC characteristics</source>
        <translation>{station} hat keine SPC-Merkmale</translation>
    </message>
    <message>
        <source>waiting for first article on {station}: {charts}</source>
        <translation>warten auf Erstmuster an {station}: {charts}</translation>
    </message>
    <message>
        <source>{count}/{subgroups} subgroups ({char})</source>
        <translation>{count}/{subgroups} Untergruppen ({char})</translation>
    </message>
    <message>
        <source>{char} {value}{unit} below LSL {lsl}</source>
        <translation>{char} {value}{unit} unter USG {lsl}</translation>
    </message>
    <message>
        <source>{char} {value}{unit} above USL {usl}</source>
        <translation>{char} {value}{unit} über OSG {usl}</translation>
    </message>
    <message>
        <source>{char} {values}{unit} within spec (no control limits yet: judged against the spec only)</source>
        <translation>{char} {values}{unit} innerhalb der Spezifikation (noch keine Eingriffsgrenzen: nur gegen die Spezifikation beurteilt)</translation>
    </message>
    <message>
        <source>{char}: rule {rule} {description} ({values}{unit})</source>
        <translation>{char}: Regel {rule} {description} ({values}{unit})</translation>
    </message>
    <message>
        <source>{char} {values}{unit} in control and in spec</source>
        <translation>{char} {values}{unit} unter statistischer Kontrolle und innerhalb der Spezifikation</translation>
    </message>
    <message>
        <source>no SPC monitor runs on this HMI: the first article cannot be judged here</source>
        <translation>auf diesem HMI läuft keine SPC-Überwachung: das Erstmuster kann hier nicht beurteilt werden</translation>
    </message>
    <message>
        <source>{item}: {status}</source>
        <translation>{item}: {status}</translation>
    </message>
    <message>
        <source>{status} (still waiting after {timeout} s: run the automatic checks again, or abort)</source>
        <translation>{status} (nach {timeout} s noch ausstehend: die automatischen Prüfungen erneut ausführen oder abbrechen)</translation>
    </message>
    <message>
        <source>First article on {station} passes SPC</source>
        <translation>Erstmuster an {station} besteht SPC</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>First start: who runs this line?</source>
        <translation>Erster Start: wer fährt diese Linie?</translation>
    </message>
    <message>
        <source>Lineside has no default password. Create the administrator (users and certificates) and the first operator (runs the line).</source>
        <translation>Lineside hat kein Standardpasswort. Legen Sie den Administrator (Benutzer und Zertifikate) und den ersten Bediener (fährt die Linie) an.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>First operator</source>
        <translation>Erster Bediener</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzerkennung</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>Anlegen und anmelden</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>{0}: give the user id, full name and password</source>
        <translation>{0}: Benutzerkennung, vollständigen Namen und Passwort angeben</translation>
    </message>
    <message>
        <source>{0}: the two passwords differ</source>
        <translation>{0}: die beiden Passwörter sind verschieden</translation>
    </message>
    <message>
        <source>The administrator is needed: give user id, full name and password.</source>
        <translation>Der Administrator wird benötigt: Benutzerkennung, vollständigen Namen und Passwort angeben.</translation>
    </message>
</context>
<context>
    <name>GroupList</name>
    <message>
        <source>Find…</source>
        <translation>Suchen…</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>No limit alarms</source>
        <translation>Keine Grenzwertalarme</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <source>Night shift: the same colour meanings on dark grey</source>
        <translation>Nachtschicht: dieselben Farbbedeutungen auf Dunkelgrau</translation>
    </message>
    <message>
        <source>EN ▾</source>
        <comment>this language&apos;s short name</comment>
        <translation>DE ▾</translation>
    </message>
    <message>
        <source>English · Deutsch · 中文</source>
        <translation>English · Deutsch · 中文</translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>Keine unquittierten Alarme</translation>
    </message>
    <message>
        <source>{0} connecting</source>
        <translation>{0} verbindet</translation>
    </message>
    <message>
        <source>{0} LOST</source>
        <translation>{0} VERLOREN</translation>
    </message>
    <message>
        <source>no round trip yet</source>
        <translation>noch keine Umlaufzeit</translation>
    </message>
    <message>
        <source>⚠ No OPC UA security on {0}: values and writes travel unsigned and unencrypted (the line config says security None).</source>
        <translation>⚠ Keine OPC-UA-Sicherheit auf {0}: Werte und Schreibbefehle laufen unsigniert und unverschlüsselt (die Linienkonfiguration sagt Security None).</translation>
    </message>
    <message>
        <source>Not signed in: sign in to act</source>
        <translation>Nicht angemeldet: zum Bedienen anmelden</translation>
    </message>
    <message>
        <source>Locked ({0}): sign in to act</source>
        <translation>Gesperrt ({0}): zum Bedienen anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>User…</source>
        <translation>Benutzer…</translation>
    </message>
    <message numerus="yes">
        <source>%n stop(s) need a reason</source>
        <translation>
            <numerusform>%n Stillstand ohne Grund</numerusform>
            <numerusform>%n Stillstände ohne Grund</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database offline since {0} · %n record(s) waiting</source>
        <translation>
            <numerusform>Anlagendatenbank offline seit {0} · %n Datensatz wartet</numerusform>
            <numerusform>Anlagendatenbank offline seit {0} · %n Datensätze warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database back: forwarding %n record(s)</source>
        <translation>
            <numerusform>Anlagendatenbank wieder erreichbar: %n Datensatz wird übertragen</numerusform>
            <numerusform>Anlagendatenbank wieder erreichbar: %n Datensätze werden übertragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n forwarded record(s) to review</source>
        <translation>
            <numerusform>%n übertragener Datensatz zu prüfen</numerusform>
            <numerusform>%n übertragene Datensätze zu prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} lost for {1}</source>
        <translation>{0} seit {1} verloren</translation>
    </message>
    <message>
        <source>PLC connection lost: {0}. Its values are greyed and not live.</source>
        <translation>SPS-Verbindung verloren: {0}. Ihre Werte sind grau und nicht aktuell.</translation>
    </message>
    <message>
        <source>{0} (cleared)</source>
        <translation>{0} (gegangen)</translation>
    </message>
    <message>
        <source>? Help</source>
        <translation>? Hilfe</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>Help is not available</source>
        <translation>Hilfe ist nicht verfügbar</translation>
    </message>
    <message numerus="yes">
        <source>Search: %n topic(s)</source>
        <translation>
            <numerusform>Suche: %n Thema</numerusform>
            <numerusform>Suche: %n Themen</numerusform>
        </translation>
    </message>
    <message>
        <source>Help: {0}</source>
        <translation>Hilfe: {0}</translation>
    </message>
    <message>
        <source>Nothing found for “{0}”. Try fewer or other words: a tag, an alarm&apos;s cause, a control&apos;s name.</source>
        <translation>Nichts gefunden für „{0}“. Weniger oder andere Wörter versuchen: eine Variable, die Ursache eines Alarms, den Namen eines Bedienelements.</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Open this procedure in the restore wizard</source>
        <translation>Dieses Verfahren im Wiederanlauf-Assistenten öffnen</translation>
    </message>
    <message>
        <source>Search help: alarms, procedures, screens</source>
        <translation>Hilfe durchsuchen: Alarme, Verfahren, Bilder</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Close help</source>
        <translation>Hilfe schließen</translation>
    </message>
</context>
<context>
    <name>HelpWiring</name>
    <message>
        <source>Sign in to start a restore.</source>
        <translation>Melden Sie sich an, um einen Wiederanlauf zu starten.</translation>
    </message>
    <message>
        <source>Your role may not run restores at {0}.</source>
        <translation>Ihre Rolle darf an {0} keinen Wiederanlauf ausführen.</translation>
    </message>
</context>
<context>
    <name>IoCheckoutScreen</name>
    <message>
        <source>Tag</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Expected / action</source>
        <translation>Erwartet / Aktion</translation>
    </message>
    <message>
        <source>Live value</source>
        <translation>Istwert</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>{0}/{1} checked, {2} pass, {3} fail</source>
        <translation>{0}/{1} geprüft, {2} i. O., {3} n. i. O.</translation>
    </message>
    <message>
        <source>I/O checkout</source>
        <translation>E/A-Prüfung</translation>
    </message>
    <message>
        <source>Start / resume</source>
        <translation>Starten / fortsetzen</translation>
    </message>
    <message>
        <source>Report PDF</source>
        <translation>Bericht PDF</translation>
    </message>
    <message>
        <source>Report CSV</source>
        <translation>Bericht CSV</translation>
    </message>
    <message>
        <source>Close checkout</source>
        <translation>Prüfung abschließen</translation>
    </message>
    <message>
        <source>Pick a station and start its checkout</source>
        <translation>Station wählen und ihre Prüfung starten</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>i. O.</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>N. I. O.</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht begonnen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>{0}: {1} ({2}, started by {3})</source>
        <translation>{0}: {1} ({2}, begonnen von {3})</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>noch kein Wert</translation>
    </message>
    <message>
        <source>write a test value and see it read back</source>
        <translation>Testwert schreiben und Rücklesewert prüfen</translation>
    </message>
    <message>
        <source>compare the live value with the field</source>
        <translation>Istwert mit dem Feld vergleichen</translation>
    </message>
    <message>
        <source>last write: {0}</source>
        <translation>letzter Schreibvorgang: {0}</translation>
    </message>
    <message>
        <source>test writes need the command service: this panel has none (sign in on a secure HMI)</source>
        <translation>Testschreiben braucht den Befehlsdienst: dieses Panel hat keinen (an einem gesicherten HMI anmelden)</translation>
    </message>
    <message>
        <source>writing {0} = {1}…</source>
        <translation>schreibe {0} = {1}…</translation>
    </message>
    <message>
        <source>{0}: {1} signed by {2}</source>
        <translation>{0}: {1} signiert von {2}</translation>
    </message>
    <message>
        <source>checkout of {0} closed</source>
        <translation>Prüfung von {0} abgeschlossen</translation>
    </message>
    <message>
        <source>start or resume a checkout first: the report is of one</source>
        <translation>zuerst eine Prüfung starten oder fortsetzen: der Bericht gilt einer Prüfung</translation>
    </message>
    <message>
        <source>report written: {0}</source>
        <translation>Bericht geschrieben: {0}</translation>
    </message>
    <message>
        <source>I/O checkout report: {0}</source>
        <translation>E/A-Prüfbericht: {0}</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>LineageScreen</name>
    <message>
        <source>recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>write</source>
        <comment>a PLC write</comment>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>Wiederanlauf</translation>
    </message>
    <message>
        <source>exposure</source>
        <translation>Exposition</translation>
    </message>
    <message>
        <source>hold</source>
        <comment>a lot hold</comment>
        <translation>Sperre</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>Scan or type a lot id, e.g. winder-12</source>
        <translation>Los-Nr. scannen oder eintippen, z. B. winder-12</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ Tastatur</translation>
    </message>
    <message>
        <source>Show lineage</source>
        <translation>Verfolgung zeigen</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Paket exportieren</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Los</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposition</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>By</source>
        <comment>who did it</comment>
        <translation>Von</translation>
    </message>
    <message>
        <source>Pick a recent lot or scan one.</source>
        <translation>Ein aktuelles Los wählen oder eines scannen.</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>scan or type a lot id first</source>
        <translation>zuerst eine Los-Nr. scannen oder eintippen</translation>
    </message>
    <message>
        <source>Reading the lineage of {0}…</source>
        <translation>Verfolgung von {0} wird gelesen…</translation>
    </message>
    <message>
        <source>{0}: {1} lots back through {2}; events: {3}, hold records: {4}, dew-point exposure {5} min. SPC: only its holds are on record.</source>
        <translation>{0}: {1} Lose zurück über {2}; Ereignisse: {3}, Sperreinträge: {4}, Taupunkt-Exposition {5} min. SPC: nur seine Sperren sind erfasst.</translation>
    </message>
    <message>
        <source>show a lot&apos;s lineage first</source>
        <translation>zuerst die Verfolgung eines Loses zeigen</translation>
    </message>
    <message>
        <source>cannot write the bundle into {0}: {1}</source>
        <translation>Paket kann nicht nach {0} geschrieben werden: {1}</translation>
    </message>
    <message>
        <source>export bundle written to {0}</source>
        <translation>Exportpaket geschrieben nach {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Signed in now: {0}</source>
        <translation>Jetzt angemeldet: {0}</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzerkennung</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>or, operators: badge and PIN</source>
        <translation>oder, für Bediener: Ausweis und PIN</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Ausweis</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Give both the badge and the PIN.</source>
        <translation>Ausweis und PIN angeben.</translation>
    </message>
    <message>
        <source>Give your user id and password (or badge and PIN).</source>
        <translation>Benutzerkennung und Passwort angeben (oder Ausweis und PIN).</translation>
    </message>
</context>
<context>
    <name>LoopFaceplate</name>
    <message>
        <source>Mode unknown</source>
        <translation>Betriebsart unbekannt</translation>
    </message>
    <message>
        <source>PV</source>
        <comment>process value</comment>
        <translation>Istwert</translation>
    </message>
    <message>
        <source>SP</source>
        <comment>setpoint</comment>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Stellgröße</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Hand</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatik</translation>
    </message>
    <message>
        <source>Set SP</source>
        <translation>Sollwert…</translation>
    </message>
    <message>
        <source>Set output</source>
        <translation>Stellgröße…</translation>
    </message>
    <message>
        <source>AUTO</source>
        <translation>AUTOMATIK</translation>
    </message>
    <message>
        <source>MANUAL</source>
        <translation>HAND</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederanlauf</translation>
    </message>
    <message>
        <source>Recipes</source>
        <translation>Rezepte</translation>
    </message>
    <message>
        <source>Changeover</source>
        <translation>Umrüsten</translation>
    </message>
    <message>
        <source>Alarm journal</source>
        <translation>Alarmjournal</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Audit-Trail</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Aufzeichnungen</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>Werkbank</translation>
    </message>
    <message>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <source>SPC</source>
        <translation>SPC</translation>
    </message>
    <message>
        <source>Lot lineage</source>
        <translation>Losverfolgung</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>OPC UA browser</source>
        <translation>OPC-UA-Browser</translation>
    </message>
    <message>
        <source>Modbus scanner</source>
        <translation>Modbus-Scanner</translation>
    </message>
    <message>
        <source>Line config</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>I/O checkout</source>
        <translation>E/A-Prüfung</translation>
    </message>
    <message>
        <source>Lineside — {0}</source>
        <translation>Lineside — {0}</translation>
    </message>
    <message>
        <source>{0} {1}?</source>
        <comment>a PackML command, the station&apos;s name</comment>
        <translation>{1}: {0}?</translation>
    </message>
</context>
<context>
    <name>ModbusScreen</name>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Modbus scanner</source>
        <translation>Modbus-Scanner</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>Modbus unit id</comment>
        <translation>Unit-ID</translation>
    </message>
    <message>
        <source>Table</source>
        <comment>Modbus table</comment>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Start</source>
        <comment>first address</comment>
        <translation>Start</translation>
    </message>
    <message>
        <source>Count</source>
        <comment>how many addresses</comment>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <source>Bus log</source>
        <translation>Busprotokoll</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>unit id</source>
        <translation>Unit-ID</translation>
    </message>
    <message>
        <source>start address</source>
        <translation>Startadresse</translation>
    </message>
    <message>
        <source>count</source>
        <comment>how many addresses to read</comment>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>enter the device&apos;s host name or IP address</source>
        <translation>Hostname oder IP-Adresse des Geräts eingeben</translation>
    </message>
    <message>
        <source>start {0} + count {1} runs past address 65535</source>
        <translation>Start {0} + Anzahl {1} geht über Adresse 65535 hinaus</translation>
    </message>
    <message>
        <source>Scanning {0} {1}..{2} of unit {3} at {4}:{5}…</source>
        <translation>Scanne {0} {1}..{2} von Unit {3} an {4}:{5}…</translation>
    </message>
    <message>
        <source>scan failed: {0}: {1}</source>
        <translation>Scan fehlgeschlagen: {0}: {1}</translation>
    </message>
    <message>
        <source>, {0} unmapped (--)</source>
        <translation>, {0} nicht belegt (--)</translation>
    </message>
    <message>
        <source>{0} {1} bits from {2} of unit {3}{4}.</source>
        <translation>{0} {1}-Bits ab {2} von Unit {3}{4}.</translation>
    </message>
    <message>
        <source>{0} {1} registers from {2} of unit {3}{4}.</source>
        <translation>{0} {1}-Register ab {2} von Unit {3}{4}.</translation>
    </message>
    <message>
        <source>Tap the reading that looks right to add it.</source>
        <translation>Den plausiblen Wert antippen, um ihn aufzunehmen.</translation>
    </message>
    <message>
        <source>Pick a value above to add it to the line config</source>
        <translation>Oben einen Wert wählen, um ihn in die Konfiguration aufzunehmen</translation>
    </message>
    <message>
        <source>{0} {1} of unit {2} as {3} = {4}</source>
        <translation>{0} {1} von Unit {2} als {3} = {4}</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <source>Enter {0} on the keypad</source>
        <translation>{0} über den Ziffernblock eingeben</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Enter {0}</source>
        <translation>{0} eingeben</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a number</source>
        <translation>„{0}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>above high limit {0}</source>
        <translation>über oberem Grenzwert {0}</translation>
    </message>
    <message>
        <source>below low limit {0}</source>
        <translation>unter unterem Grenzwert {0}</translation>
    </message>
    <message>
        <source>Limits {0} … {1}</source>
        <translation>Grenzwerte {0} … {1}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OeeMessages</name>
    <message>
        <source>m/min</source>
        <translation>m/min</translation>
    </message>
    <message>
        <source>per min</source>
        <translation>pro min</translation>
    </message>
    <message>
        <source>its active recipe</source>
        <translation>aktives Rezept</translation>
    </message>
    <message>
        <source>the line config</source>
        <translation>Linienkonfiguration</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <source>{rate} {unit} at {station} ({source})</source>
        <translation>{rate} {unit} an {station} ({source})</translation>
    </message>
</context>
<context>
    <name>OeeScreen</name>
    <message>
        <source>Current shift</source>
        <translation>Aktuelle Schicht</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 8 h</source>
        <translation>Letzte 8 h</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>Letzte 24 h</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>No shift running: last 8 h</source>
        <translation>Keine Schicht aktiv: letzte 8 h</translation>
    </message>
    <message>
        <source>planned production time</source>
        <translation>geplante Produktionszeit</translation>
    </message>
    <message>
        <source>downtime, no reason yet</source>
        <translation>Stillstand, noch ohne Grund</translation>
    </message>
    <message>
        <source>idling and minor stops</source>
        <translation>Leerlauf und Kurzstopps</translation>
    </message>
    <message>
        <source>reduced speed</source>
        <translation>verringerte Geschwindigkeit</translation>
    </message>
    <message>
        <source>quality loss</source>
        <translation>Qualitätsverlust</translation>
    </message>
    <message>
        <source>fully productive time</source>
        <translation>voll produktive Zeit</translation>
    </message>
    <message>
        <source>operating time (no count measured)</source>
        <translation>Laufzeit (keine Stückzahl gemessen)</translation>
    </message>
    <message>
        <source>{0} {1} from {2} UTC for {3} min</source>
        <translation>{0} {1} ab {2} UTC seit {3} min</translation>
    </message>
    <message>
        <source>(ongoing)</source>
        <translation>(andauernd)</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>A</source>
        <comment>availability</comment>
        <translation>V</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>P</source>
        <comment>performance</comment>
        <translation>L</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Q</source>
        <comment>quality</comment>
        <translation>Q</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <source>Overall equipment effectiveness</source>
        <translation>Gesamtanlageneffektivität</translation>
    </message>
    <message>
        <source>Down</source>
        <comment>downtime</comment>
        <translation>Stillstand</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Stillstandszeit</translation>
    </message>
    <message>
        <source>Top downtime reasons (min)</source>
        <translation>Häufigste Stillstandsgründe (min)</translation>
    </message>
    <message>
        <source>Micro-stops per station</source>
        <translation>Kurzstopps je Station</translation>
    </message>
    <message>
        <source>OEE per shift (%)</source>
        <translation>OEE je Schicht (%)</translation>
    </message>
    <message>
        <source>Losses: the line</source>
        <translation>Verluste: Linie</translation>
    </message>
    <message>
        <source>Line ideal rate: {0}, the bottleneck</source>
        <translation>Ideale Linienleistung: {0}, der Engpass</translation>
    </message>
    <message>
        <source>No line ideal rate: no station counts output</source>
        <translation>Keine ideale Linienleistung: keine Station zählt Ausbringung</translation>
    </message>
    <message>
        <source>{0}: line OEE {1}</source>
        <translation>{0}: Linien-OEE {1}</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>LINIE</translation>
    </message>
    <message>
        <source>Losses: {0}</source>
        <translation>Verluste: {0}</translation>
    </message>
    <message>
        <source>no planned time in this period</source>
        <translation>keine geplante Zeit in diesem Zeitraum</translation>
    </message>
    <message>
        <source>no reason yet</source>
        <translation>noch ohne Grund</translation>
    </message>
    <message>
        <source>no downtime in this period</source>
        <translation>kein Stillstand in diesem Zeitraum</translation>
    </message>
    <message>
        <source>no micro-stops in this period</source>
        <translation>keine Kurzstopps in diesem Zeitraum</translation>
    </message>
    <message>
        <source>world class 85</source>
        <translation>Weltklasse 85</translation>
    </message>
    <message>
        <source>no shifts recorded</source>
        <translation>keine Schichten erfasst</translation>
    </message>
    <message>
        <source>sign-in is not available here: give reasons on the line&apos;s HMI</source>
        <translation>Anmeldung hier nicht verfügbar: Gründe am HMI der Linie angeben</translation>
    </message>
    <message>
        <source>reason given: {0}</source>
        <translation>Grund erfasst: {0}</translation>
    </message>
</context>
<context>
    <name>OpcUaBrowserScreen</name>
    <message>
        <source>OPC UA browser</source>
        <translation>OPC-UA-Browser</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Security mode</source>
        <translation>Sicherheitsmodus</translation>
    </message>
    <message>
        <source>Security policy</source>
        <translation>Sicherheitsrichtlinie</translation>
    </message>
    <message>
        <source>User tokens</source>
        <translation>Benutzer-Token</translation>
    </message>
    <message>
        <source>Level</source>
        <comment>security level</comment>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Class</source>
        <comment>node class</comment>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Add to trend</source>
        <translation>Zum Trend</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Target node id</source>
        <translation>Ziel-Node-ID</translation>
    </message>
    <message>
        <source>Select a variable to see its value live</source>
        <translation>Eine Variable wählen, um ihren Wert live zu sehen</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>{0} is not an OPC UA endpoint like opc.tcp://192.168.0.10:4840</source>
        <translation>{0} ist kein OPC-UA-Endpunkt wie opc.tcp://192.168.0.10:4840</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Verbinde mit {0}…</translation>
    </message>
    <message>
        <source>endpoints listed: {0}; no session: {1}</source>
        <translation>Endpunkte aufgelistet: {0}; keine Sitzung: {1}</translation>
    </message>
    <message>
        <source>; without security: {0} (browsing uses one)</source>
        <translation>; ohne Sicherheit: {0} (das Durchsuchen nutzt einen)</translation>
    </message>
    <message>
        <source>Connected: endpoints: {0}{1}. Open a folder to browse it; select a node for its details.</source>
        <translation>Verbunden: Endpunkte: {0}{1}. Einen Ordner öffnen, um ihn zu durchsuchen; einen Knoten wählen für seine Details.</translation>
    </message>
    <message>
        <source>subscribing…</source>
        <translation>abonniere…</translation>
    </message>
    <message>
        <source>Select a variable to add it to the line config</source>
        <translation>Eine Variable wählen, um sie in die Konfiguration aufzunehmen</translation>
    </message>
    <message>
        <source>{0} is an {1}: select a variable to add it</source>
        <translation>{0} ist ein {1}: eine Variable wählen, um sie aufzunehmen</translation>
    </message>
    <message>
        <source>Trend {0}</source>
        <translation>Trend {0}</translation>
    </message>
    <message>
        <source>Not a tag of the running line: add it to the line config first</source>
        <translation>Keine Variable der laufenden Linie: zuerst in die Konfiguration aufnehmen</translation>
    </message>
    <message>
        <source>cannot subscribe: {0}</source>
        <translation>Abonnieren nicht möglich: {0}</translation>
    </message>
    <message>
        <source>source {0}  (age {1} s)</source>
        <translation>Quelle {0}  (Alter {1} s)</translation>
    </message>
    <message>
        <source>forward</source>
        <comment>reference direction</comment>
        <translation>vorwärts</translation>
    </message>
    <message>
        <source>inverse</source>
        <comment>reference direction</comment>
        <translation>invers</translation>
    </message>
</context>
<context>
    <name>PackML</name>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Resetting</source>
        <translation>Rücksetzen</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Completing</source>
        <translation>Schließt ab</translation>
    </message>
    <message>
        <source>Complete</source>
        <comment>state</comment>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Aborting</source>
        <translation>Bricht ab</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Stoppt</translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Suspending</source>
        <translation>Unterbricht</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Unsuspending</source>
        <translation>Nimmt wieder auf</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>Hält an</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Unholding</source>
        <translation>Fährt fort</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Rücksetzen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Unhold</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Unterbrechen</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>Wiederaufnehmen</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Complete</source>
        <comment>command</comment>
        <translation>Abschließen</translation>
    </message>
</context>
<context>
    <name>ParamPhase</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>staged</source>
        <translation>bereitgestellt</translation>
    </message>
    <message>
        <source>written</source>
        <translation>geschrieben</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>mismatch</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>not_restored</source>
        <translation>nicht wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>PeriodButtons</name>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 min</translation>
    </message>
    <message>
        <source>8 h</source>
        <translation>8 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>30 d</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>90 d</source>
        <translation>90 Tage</translation>
    </message>
</context>
<context>
    <name>PointPanel</name>
    <message>
        <source>test value</source>
        <translation>Testwert</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>Ziffernblock</translation>
    </message>
    <message>
        <source>Write test value</source>
        <translation>Testwert schreiben</translation>
    </message>
    <message>
        <source>note (a failed point needs one)</source>
        <translation>Notiz (bei n. i. O. Pflicht)</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>i. O.</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>n. i. O.</translation>
    </message>
    <message>
        <source>enter a test value first</source>
        <translation>zuerst einen Testwert eingeben</translation>
    </message>
    <message>
        <source>{0} is no bool: enter true or false</source>
        <translation>{0} ist kein Bool-Wert: true oder false eingeben</translation>
    </message>
    <message>
        <source>{0} is no whole number</source>
        <translation>{0} ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>{0} is no number</source>
        <translation>{0} ist keine Zahl</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>GOOD</source>
        <translation>GUT</translation>
    </message>
    <message>
        <source>UNCERTAIN</source>
        <translation>UNSICHER</translation>
    </message>
    <message>
        <source>BAD</source>
        <translation>SCHLECHT</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>COMM_LOST</source>
        <translation>VERBINDUNG VERLOREN</translation>
    </message>
</context>
<context>
    <name>RangePickerDialog</name>
    <message>
        <source>−1 d</source>
        <translation>−1 Tag</translation>
    </message>
    <message>
        <source>−1 h</source>
        <translation>−1 h</translation>
    </message>
    <message>
        <source>−10 min</source>
        <translation>−10 min</translation>
    </message>
    <message>
        <source>+10 min</source>
        <translation>+10 min</translation>
    </message>
    <message>
        <source>+1 h</source>
        <translation>+1 h</translation>
    </message>
    <message>
        <source>+1 d</source>
        <translation>+1 Tag</translation>
    </message>
    <message>
        <source>Trend range</source>
        <translation>Trendzeitraum</translation>
    </message>
    <message>
        <source>Show the last</source>
        <translation>Die letzten anzeigen</translation>
    </message>
    <message>
        <source>Or a range of</source>
        <translation>Oder einen Zeitraum von</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Show this range</source>
        <translation>Diesen Zeitraum zeigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>{0}  to  {1}</source>
        <comment>a time range</comment>
        <translation>{0}  bis  {1}</translation>
    </message>
</context>
<context>
    <name>ReasonPanel</name>
    <message>
        <source>reason (journal and audit trail)</source>
        <translation>Grund (Journal und Audit-Trail)</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>One-shot</source>
        <translation>Einmalig</translation>
    </message>
    <message>
        <source>Also ends when the alarm next clears</source>
        <translation>Endet auch, wenn der Alarm das nächste Mal geht</translation>
    </message>
    <message>
        <source>({0} more waiting)</source>
        <translation>({0} weitere warten)</translation>
    </message>
    <message>
        <source>Reason needed: {0}</source>
        <translation>Grund erforderlich: {0}</translation>
    </message>
    <message>
        <source>Touch the reason for this stop (most likely first).</source>
        <translation>Grund für diesen Stillstand antippen (wahrscheinlichster zuerst).</translation>
    </message>
    <message>
        <source>Suggested from {0}: {1}</source>
        <translation>Vorschlag aus {0}: {1}</translation>
    </message>
</context>
<context>
    <name>RecipeMessages</name>
    <message>
        <source>{version} is {status}: it cannot become {to} (from {status} it may become {allowed})</source>
        <translation>{version} ist {status}: es kann nicht {to} werden (von {status} aus möglich: {allowed})</translation>
    </message>
    <message>
        <source>nothing (final)</source>
        <translation>nichts (Endzustand)</translation>
    </message>
    <message>
        <source>{version}: the signature means {means}; approval needs a signature meaning &apos;approved&apos;</source>
        <translation>{version}: die Unterschrift bedeutet {means}; eine Genehmigung braucht eine Unterschrift mit der Bedeutung &apos;approved&apos;</translation>
    </message>
    <message>
        <source>{version}: {user} wrote this version and cannot approve it; another person must sign (two-person rule)</source>
        <translation>{version}: {user} hat diese Version erstellt und kann sie nicht genehmigen; eine andere Person muss unterschreiben (Vier-Augen-Prinzip)</translation>
    </message>
    <message>
        <source>{version}: the signature was made over content {signed}…, the version is {content}…; sign the version as it is now</source>
        <translation>{version}: die Unterschrift gilt dem Inhalt {signed}…, die Version ist {content}…; die Version im jetzigen Stand unterschreiben</translation>
    </message>
    <message>
        <source>{version} is {status}: not even a trial may run it</source>
        <translation>{version} ist {status}: nicht einmal ein Versuchslauf darf sie verwenden</translation>
    </message>
    <message>
        <source>{version} is {status}: only an Effective version may run in production (a Draft runs only in trial mode)</source>
        <translation>{version} ist {status}: nur eine gültige Version darf in der Produktion laufen (ein Entwurf läuft nur im Versuchsmodus)</translation>
    </message>
    <message>
        <source>{version} is {status}: only an Effective version may run in production</source>
        <translation>{version} ist {status}: nur eine gültige Version darf in der Produktion laufen</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not true/false</source>
        <translation>Parameter {who}: {value} ist nicht wahr/falsch</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a number</source>
        <translation>Parameter {who}: {value} ist keine Zahl</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a whole number</source>
        <translation>Parameter {who}: {value} ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>parameter {who}: {value} is not a finite number</source>
        <translation>Parameter {who}: {value} ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>parameter {who}: {value}{unit} is below its low limit {low}{unit}; enter a value from {low} up</source>
        <translation>Parameter {who}: {value}{unit} liegt unter der unteren Grenze {low}{unit}; einen Wert ab {low} eingeben</translation>
    </message>
    <message>
        <source>parameter {who}: {value}{unit} is above its high limit {high}{unit}; enter a value up to {high}</source>
        <translation>Parameter {who}: {value}{unit} liegt über der oberen Grenze {high}{unit}; einen Wert bis {high} eingeben</translation>
    </message>
    <message>
        <source>parameter {who}: data type {type} is not one of {types}</source>
        <translation>Parameter {who}: Datentyp {type} ist keiner von {types}</translation>
    </message>
    <message>
        <source>parameter {who}: tag must be `station.signal`</source>
        <translation>Parameter {who}: die Variable muss `station.signal` lauten</translation>
    </message>
    <message>
        <source>low limit</source>
        <translation>untere Grenze</translation>
    </message>
    <message>
        <source>low warning</source>
        <translation>untere Warngrenze</translation>
    </message>
    <message>
        <source>high warning</source>
        <translation>obere Warngrenze</translation>
    </message>
    <message>
        <source>high limit</source>
        <translation>obere Grenze</translation>
    </message>
    <message>
        <source>parameter {who}: {limit_a} {a} is above {limit_b} {b}</source>
        <translation>Parameter {who}: {limit_a} {a} liegt über {limit_b} {b}</translation>
    </message>
    <message>
        <source>parameter {who}: tolerance {tolerance} must be 0 or more</source>
        <translation>Parameter {who}: Toleranz {tolerance} muss 0 oder größer sein</translation>
    </message>
    <message>
        <source>parameter {who}: read-back with tolerance is for floats; use exact</source>
        <translation>Parameter {who}: Rücklesen mit Toleranz gilt nur für Gleitkommazahlen; „exakt“ verwenden</translation>
    </message>
    <message>
        <source>parameter {tag}: listed twice; keep one</source>
        <translation>Parameter {tag}: doppelt aufgeführt; einen davon behalten</translation>
    </message>
    <message>
        <source>recipe {recipe} has no Effective version; approve and release one first</source>
        <translation>Rezept {recipe} hat keine gültige Version; zuerst eine genehmigen und freigeben</translation>
    </message>
    <message>
        <source>{version} is {author}&apos;s draft; {user} may start a new version from it instead</source>
        <translation>{version} ist der Entwurf von {author}; {user} kann stattdessen daraus eine neue Version anlegen</translation>
    </message>
    <message>
        <source>{version} left Draft meanwhile; edit again to make a new version</source>
        <translation>{version} ist inzwischen kein Entwurf mehr; erneut bearbeiten, um eine neue Version anzulegen</translation>
    </message>
    <message>
        <source>a rejection needs a reason the author can act on</source>
        <translation>eine Ablehnung braucht einen Grund, mit dem der Autor arbeiten kann</translation>
    </message>
    <message>
        <source>{version} changed status meanwhile; look again</source>
        <translation>{version} hat inzwischen den Status geändert; erneut ansehen</translation>
    </message>
    <message>
        <source>recipe {recipe}: another version was saved at the same moment; save again</source>
        <translation>Rezept {recipe}: gleichzeitig wurde eine andere Version gespeichert; erneut speichern</translation>
    </message>
    <message>
        <source>recipe {recipe} has no version {version}</source>
        <translation>Rezept {recipe} hat keine Version {version}</translation>
    </message>
    <message>
        <source>no recipe {recipe}; `lineside recipe list` shows the recipes there are</source>
        <translation>kein Rezept {recipe}; `lineside recipe list` zeigt die vorhandenen Rezepte</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>kann nicht gelesen werden ({why})</translation>
    </message>
    <message>
        <source>{where}{key}: {value} is missing or not {kind}</source>
        <translation>{where}{key}: {value} fehlt oder ist nicht {kind}</translation>
    </message>
    <message>
        <source>schema: must be {schema}</source>
        <translation>schema: muss {schema} sein</translation>
    </message>
    <message>
        <source>stations: list station ids as strings</source>
        <translation>stations: Stations-IDs als Texte auflisten</translation>
    </message>
    <message>
        <source>items[{index}]: write each item as an [[items]] table</source>
        <translation>items[{index}]: jeden Prüfpunkt als [[items]]-Tabelle schreiben</translation>
    </message>
    <message>
        <source>item {item}: </source>
        <translation>Prüfpunkt {item}: </translation>
    </message>
    <message>
        <source>{where}id: listed twice</source>
        <translation>{where}id: doppelt aufgeführt</translation>
    </message>
    <message>
        <source>{where}station: {value} is not a station id</source>
        <translation>{where}station: {value} ist keine Stations-ID</translation>
    </message>
    <message>
        <source>{where}subgroups: {value} is not a whole number from 1 to 100</source>
        <translation>{where}subgroups: {value} ist keine ganze Zahl von 1 bis 100</translation>
    </message>
    <message>
        <source>{where}kind: {value} is not auto, manual or spc</source>
        <translation>{where}kind: {value} ist nicht auto, manual oder spc</translation>
    </message>
    <message>
        <source>{where}{key}: {value} is not a finite number</source>
        <translation>{where}{key}: {value} ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>{where}hold_s and within must be 0 or more</source>
        <translation>{where}hold_s und within müssen 0 oder größer sein</translation>
    </message>
    <message>
        <source>{where}needs below, above or within</source>
        <translation>{where}braucht below, above oder within</translation>
    </message>
    <message>
        <source>{where}within needs `of` (a tag) or `value`</source>
        <translation>{where}within braucht `of` (eine Variable) oder `value`</translation>
    </message>
    <message>
        <source>{where}of: {value} is not a tag id</source>
        <translation>{where}of: {value} ist keine Variablen-ID</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>ein Text</translation>
    </message>
    <message>
        <source>a list [ ... ]</source>
        <translation>eine Liste [ ... ]</translation>
    </message>
    <message>
        <source>must be one JSON object</source>
        <translation>muss ein einzelnes JSON-Objekt sein</translation>
    </message>
    <message>
        <source>missing: a recipe file has {key} (export the recipe again)</source>
        <translation>fehlt: eine Rezeptdatei enthält {key} (Rezept erneut exportieren)</translation>
    </message>
    <message>
        <source>{value} needs station and requirement</source>
        <translation>{value} braucht station und requirement</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>listed twice; keep one</source>
        <translation>doppelt aufgeführt; einen davon behalten</translation>
    </message>
    <message>
        <source>{value} is not a version number (1 and up)</source>
        <translation>{value} ist keine Versionsnummer (ab 1)</translation>
    </message>
    <message>
        <source>not readable CSV: {detail}</source>
        <translation>kein lesbares CSV: {detail}</translation>
    </message>
    <message>
        <source>needs station and requirement</source>
        <translation>braucht station und requirement</translation>
    </message>
    <message>
        <source>needs one value, found {count}</source>
        <translation>braucht einen Wert, gefunden: {count}</translation>
    </message>
    <message>
        <source>missing: a recipe file has a {key} row (export the recipe again)</source>
        <translation>fehlt: eine Rezeptdatei enthält eine Zeile {key} (Rezept erneut exportieren)</translation>
    </message>
    <message>
        <source>missing the header row {columns}</source>
        <translation>die Kopfzeile {columns} fehlt</translation>
    </message>
    <message>
        <source>must be {columns}</source>
        <translation>muss {columns} lauten</translation>
    </message>
    <message>
        <source>has {count} cells, needs {needed}</source>
        <translation>hat {count} Zellen, braucht {needed}</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>is not a version number (1 and up)</source>
        <translation>ist keine Versionsnummer (ab 1)</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} ist keine Zahl</translation>
    </message>
    <message>
        <source>{value} is not true/false</source>
        <translation>{value} ist nicht true/false</translation>
    </message>
    <message>
        <source>{value} is not a `station.signal` tag</source>
        <translation>{value} ist keine Variable der Form `station.signal`</translation>
    </message>
    <message>
        <source>{value} is not valid here: give {expected}</source>
        <translation>{value} ist hier nicht gültig: {expected} angeben</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}</source>
        <translation>{value} ist keiner von {choices}</translation>
    </message>
    <message>
        <source>is too large for a PLC integer</source>
        <translation>ist zu groß für eine SPS-Ganzzahl</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>holds a lone UTF-16 surrogate (a broken \uXXXX escape): retype that text</source>
        <translation>enthält ein einzelnes UTF-16-Surrogat (eine defekte \uXXXX-Escape-Folge): diesen Text neu eingeben</translation>
    </message>
    <message>
        <source>{schema} is not {expected} (a file from a newer Lineside, or no recipe file)</source>
        <translation>{schema} ist nicht {expected} (eine Datei aus einem neueren Lineside oder keine Rezeptdatei)</translation>
    </message>
    <message>
        <source>does not match the content: the file was changed after export (tampered or edited by hand); export it again from its source</source>
        <translation>passt nicht zum Inhalt: die Datei wurde nach dem Export verändert (manipuliert oder von Hand bearbeitet); erneut aus der Quelle exportieren</translation>
    </message>
    <message>
        <source>not UTF-8 text: byte {byte} at column {column} (save the file as UTF-8)</source>
        <translation>kein UTF-8-Text: Byte {byte} in Spalte {column} (Datei als UTF-8 speichern)</translation>
    </message>
    <message>
        <source>not valid TOML: {detail} (column {column})</source>
        <translation>kein gültiges TOML: {detail} (Spalte {column})</translation>
    </message>
    <message>
        <source>not valid TOML: {detail} (at the end of the file)</source>
        <translation>kein gültiges TOML: {detail} (am Dateiende)</translation>
    </message>
    <message>
        <source>not usable TOML: arrays or tables nested too deep</source>
        <translation>nicht verwendbares TOML: Arrays oder Tabellen zu tief verschachtelt</translation>
    </message>
    <message>
        <source>not usable TOML: a number with more than 4300 digits</source>
        <translation>nicht verwendbares TOML: eine Zahl mit mehr als 4300 Stellen</translation>
    </message>
    <message>
        <source>not valid JSON: {detail} (column {column})</source>
        <translation>kein gültiges JSON: {detail} (Spalte {column})</translation>
    </message>
    <message>
        <source>not usable JSON: arrays or objects nested too deep</source>
        <translation>nicht verwendbares JSON: Arrays oder Objekte zu tief verschachtelt</translation>
    </message>
    <message>
        <source>not usable JSON: a number with more than 4300 digits</source>
        <translation>nicht verwendbares JSON: eine Zahl mit mehr als 4300 Stellen</translation>
    </message>
</context>
<context>
    <name>RecipeScreen</name>
    <message>
        <source>Recipes</source>
        <translation>Rezepte</translation>
    </message>
    <message>
        <source>Import recipe files</source>
        <translation>Rezeptdateien importieren</translation>
    </message>
    <message>
        <source>Compare with the PLCs</source>
        <translation>Mit den SPSen vergleichen</translation>
    </message>
    <message>
        <source>Teach in (new draft)</source>
        <translation>Einlernen (neuer Entwurf)</translation>
    </message>
    <message>
        <source>Change setpoint…</source>
        <translation>Sollwert ändern…</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Zur Prüfung einreichen</translation>
    </message>
    <message>
        <source>Approve (sign)…</source>
        <translation>Genehmigen (signieren)…</translation>
    </message>
    <message>
        <source>Release (sign)…</source>
        <translation>Freigeben (signieren)…</translation>
    </message>
    <message>
        <source>No recipes yet: import recipe files (from {0}).</source>
        <translation>Noch keine Rezepte: Rezeptdateien importieren (aus {0}).</translation>
    </message>
    <message>
        <source>{0}: v{1} {2}, v{3} effective</source>
        <translation>{0}: v{1} {2}, v{3} gültig</translation>
    </message>
    <message>
        <source>{0}: v{1} {2}, none effective</source>
        <translation>{0}: v{1} {2}, keine gültig</translation>
    </message>
    <message>
        <source>Imported as Drafts: {0}</source>
        <translation>Als Entwürfe importiert: {0}</translation>
    </message>
    <message>
        <source>No recipe files in {0}.</source>
        <translation>Keine Rezeptdateien in {0}.</translation>
    </message>
    <message>
        <source>Touch the parameter to change in the table first.</source>
        <translation>Zuerst den zu ändernden Parameter in der Tabelle antippen.</translation>
    </message>
    <message>
        <source>{0} v{1}: a Draft taught from the PLCs</source>
        <translation>{0} v{1}: ein aus den SPSen eingelernter Entwurf</translation>
    </message>
    <message>
        <source>{0} v{1} Effective, released by {2} (signature #{3})</source>
        <translation>{0} v{1} gültig, freigegeben von {2} (Signatur #{3})</translation>
    </message>
    <message>
        <source>{0} v{1} approved by {2} (signature #{3})</source>
        <translation>{0} v{1} genehmigt von {2} (Signatur #{3})</translation>
    </message>
    <message numerus="yes">
        <source>Recipe {0} version {1} (%n parameter(s), by {2})</source>
        <translation>
            <numerusform>Rezept {0} Version {1} (%n Parameter, von {2})</numerusform>
            <numerusform>Rezept {0} Version {1} (%n Parameter, von {2})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipeStatus</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>InReview</source>
        <translation>in Prüfung</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>Obsolete</source>
        <translation>außer Kraft</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>abgelehnt</translation>
    </message>
</context>
<context>
    <name>RecipeVersionView</name>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Setpoint</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Untergrenze</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>The PLCs hold v{0}: every parameter matches.</source>
        <translation>Die SPSen halten v{0}: jeder Parameter stimmt überein.</translation>
    </message>
    <message numerus="yes">
        <source>The PLCs differ from v{0} in %n parameter(s):</source>
        <translation>
            <numerusform>Die SPSen weichen in %n Parameter von v{0} ab:</numerusform>
            <numerusform>Die SPSen weichen in %n Parametern von v{0} ab:</numerusform>
        </translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>{0}: recipe {1}, PLC {2}</source>
        <translation>{0}: Rezept {1}, SPS {2}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} v{1}&lt;/b&gt; — {2}; {3}, {4}; by {5}&lt;br&gt;content hash {6}…</source>
        <translation>&lt;b&gt;{0} v{1}&lt;/b&gt; — {2}; {3}, {4}; von {5}&lt;br&gt;Inhalts-Hash {6}…</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>a critical parameter</comment>
        <translation>ja</translation>
    </message>
    <message>
        <source>The first version.</source>
        <translation>Die erste Version.</translation>
    </message>
    <message>
        <source>Changes from v{0}:</source>
        <translation>Änderungen gegenüber v{0}:</translation>
    </message>
    <message>
        <source>Same parameters as v{0}.</source>
        <translation>Dieselben Parameter wie v{0}.</translation>
    </message>
</context>
<context>
    <name>RestoreMessages</name>
    <message>
        <source>step {step} needs {seen}</source>
        <translation>Schritt {step} braucht {seen}</translation>
    </message>
    <message>
        <source>verified running: {result}</source>
        <translation>Lauf bestätigt: {result}</translation>
    </message>
    <message>
        <source>abandoned by {user}: {reason}</source>
        <translation>abgebrochen von {user}: {reason}</translation>
    </message>
    <message>
        <source>step {step}: say what was done (a note is needed)</source>
        <translation>Schritt {step}: angeben, was getan wurde (eine Notiz ist nötig)</translation>
    </message>
    <message>
        <source>confirmed: {note}</source>
        <translation>bestätigt: {note}</translation>
    </message>
    <message>
        <source>step {step} needs {user}&apos;s e-signature: enter the password</source>
        <translation>Schritt {step} braucht die elektronische Signatur von {user}: Passwort eingeben</translation>
    </message>
    <message>
        <source>signed ({meaning}): {note}</source>
        <translation>signiert ({meaning}): {note}</translation>
    </message>
    <message>
        <source>no recipe value for {tag}, and none recorded when the run started: set the setpoint by hand, then go on</source>
        <translation>kein Rezeptwert für {tag} und keiner beim Start des Ablaufs gespeichert: den Sollwert von Hand setzen, dann weiter</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs {roles}</source>
        <translation>{user} ({role}) darf Schritt {step} nicht ausführen: er braucht {roles}</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs {first} or {second}</source>
        <translation>{user} ({role}) darf Schritt {step} nicht ausführen: er braucht {first} oder {second}</translation>
    </message>
    <message>
        <source>{user} ({role}) may not do step {step}: it needs one of {roles}</source>
        <translation>{user} ({role}) darf Schritt {step} nicht ausführen: er braucht eine dieser Rollen: {roles}</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>{step} no longer holds: {seen}</source>
        <translation>{step} ist nicht mehr erfüllt: {seen}</translation>
    </message>
    <message>
        <source>the conditions of {steps} cannot be judged: their tags have no live value (check the PLC links)</source>
        <translation>die Bedingungen von {steps} sind nicht beurteilbar: ihre Variablen haben keinen aktuellen Wert (SPS-Verbindungen prüfen)</translation>
    </message>
    <message>
        <source>{tag} has no live value {purpose}</source>
        <translation>{tag} hat keinen aktuellen Wert {purpose}</translation>
    </message>
    <message>
        <source>PLC refused {tag} = {value}: {why}</source>
        <translation>SPS hat {tag} = {value} abgelehnt: {why}</translation>
    </message>
    <message>
        <source>{seen} (held {held} of {hold} s)</source>
        <translation>{seen} ({held} von {hold} s gehalten)</translation>
    </message>
    <message>
        <source>waiting: {seen}</source>
        <translation>warten: {seen}</translation>
    </message>
    <message>
        <source>waiting for live values: {seen}</source>
        <translation>warten auf aktuelle Werte: {seen}</translation>
    </message>
    <message>
        <source>{what} not reached for {hold} s within {timeout} s: {seen}</source>
        <translation>{what} nicht {hold} s lang erreicht innerhalb von {timeout} s: {seen}</translation>
    </message>
    <message>
        <source>{what} not reached within {timeout} s: {seen}</source>
        <translation>{what} nicht erreicht innerhalb von {timeout} s: {seen}</translation>
    </message>
    <message>
        <source>check {step}</source>
        <translation>Prüfung {step}</translation>
    </message>
    <message>
        <source>to copy to {tag}</source>
        <translation>zum Kopieren nach {tag}</translation>
    </message>
    <message>
        <source>sent {sent}</source>
        <translation>gesendet: {sent}</translation>
    </message>
    <message>
        <source>effect of {step}</source>
        <translation>Wirkung von {step}</translation>
    </message>
    <message>
        <source>sent {sent}; {seen}</source>
        <translation>gesendet: {sent}; {seen}</translation>
    </message>
    <message>
        <source>to ramp from</source>
        <translation>als Rampenstart</translation>
    </message>
    <message>
        <source>{tag} at {sp}: waiting for a live {pv}</source>
        <translation>{tag} auf {sp}: warten auf aktuellen Wert von {pv}</translation>
    </message>
    <message>
        <source>ramp of {tag} stopped at {sp}: {pv} deviates {deviation} &gt; {limit}</source>
        <translation>Rampe von {tag} bei {sp} angehalten: {pv} weicht um {deviation} ab &gt; {limit}</translation>
    </message>
    <message>
        <source>{tag} at {sp} of {target}</source>
        <translation>{tag} auf {sp} von {target}</translation>
    </message>
    <message>
        <source>{tag} at {sp} of {target}, {pv} off by {deviation}</source>
        <translation>{tag} auf {sp} von {target}, {pv} weicht um {deviation} ab</translation>
    </message>
    <message>
        <source>ramp of {tag} did not reach {target} within {timeout} s (at {sp})</source>
        <translation>Rampe von {tag} hat {target} nicht innerhalb von {timeout} s erreicht (bei {sp})</translation>
    </message>
    <message>
        <source>{tag} ramped to {target} at {rate}/s in {took} s, paused {paused} s on deviation</source>
        <translation>{tag} mit {rate}/s in {took} s auf {target} gefahren, {paused} s wegen Abweichung angehalten</translation>
    </message>
    <message>
        <source>{tag} ramped to {target} at {rate}/s in {took} s</source>
        <translation>{tag} mit {rate}/s in {took} s auf {target} gefahren</translation>
    </message>
    <message>
        <source>{pv} or its reference has no live value</source>
        <translation>{pv} oder seine Referenz hat keinen aktuellen Wert</translation>
    </message>
    <message>
        <source>{pv} = {value}, band {ref} ± {band}</source>
        <translation>{pv} = {value}, Band {ref} ± {band}</translation>
    </message>
    <message>
        <source>{pv} = {value}, spread {spread} of {band}</source>
        <translation>{pv} = {value}, Streuung {spread} von {band}</translation>
    </message>
    <message>
        <source>stable {hold} s: {seen}</source>
        <translation>{hold} s stabil: {seen}</translation>
    </message>
    <message>
        <source>{seen} (stable {held} of {hold} s)</source>
        <translation>{seen} ({held} von {hold} s stabil)</translation>
    </message>
    <message>
        <source>{pv} not stable for {hold} s within {timeout} s: {seen}</source>
        <translation>{pv} nicht {hold} s lang stabil innerhalb von {timeout} s: {seen}</translation>
    </message>
</context>
<context>
    <name>RestoreScreen</name>
    <message>
        <source>Resume it</source>
        <translation>Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>{0}  ({1}, %n step(s))</source>
        <translation>
            <numerusform>{0}  ({1}, %n Schritt)</numerusform>
            <numerusform>{0}  ({1}, %n Schritte)</numerusform>
        </translation>
    </message>
    <message>
        <source>Start restore</source>
        <translation>Wiederanlauf starten</translation>
    </message>
    <message>
        <source>Restore times…</source>
        <translation>Wiederanlaufzeiten…</translation>
    </message>
    <message>
        <source>note: what was done (or why abandoned)</source>
        <translation>Notiz: was getan wurde (oder warum abgebrochen)</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Do step</source>
        <translation>Schritt ausführen</translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Abandon…</source>
        <translation>Abbrechen…</translation>
    </message>
    <message>
        <source>✗ alarm {0} names procedure &apos;{1}&apos;, which is not among the loaded procedures ({2})</source>
        <translation>✗ Alarm {0} nennt das Verfahren „{1}“, das nicht unter den geladenen Verfahren ist ({2})</translation>
    </message>
    <message>
        <source>No fault context: choose a procedure and start it (the fault time is then the start).</source>
        <translation>Kein Störungskontext: Verfahren wählen und starten (als Störungszeit gilt dann der Start).</translation>
    </message>
    <message>
        <source>first out {0}</source>
        <translation>Erstwert {0}</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>station at time</comment>
        <translation>{0} um {1}</translation>
    </message>
    <message>
        <source>Fault {0} at {1} ({2}).</source>
        <translation>Störung {0} an {1} ({2}).</translation>
    </message>
    <message>
        <source>Unfinished restore: {0} for {1}, at step {2} of {3}, started by {4} {5}.</source>
        <translation>Unvollendeter Wiederanlauf: {0} für {1}, bei Schritt {2} von {3}, gestartet von {4} {5}.</translation>
    </message>
    <message>
        <source>✗ choose a procedure first</source>
        <translation>✗ zuerst ein Verfahren wählen</translation>
    </message>
    <message>
        <source>✓ restore started: {0}</source>
        <translation>✓ Wiederanlauf gestartet: {0}</translation>
    </message>
    <message>
        <source>✓ resumed at step {0}: {1}</source>
        <translation>✓ fortgesetzt bei Schritt {0}: {1}</translation>
    </message>
    <message>
        <source>Sent back to step {0}: {1}</source>
        <translation>Zurück zu Schritt {0}: {1}</translation>
    </message>
    <message>
        <source>Step {0} refused: {1}</source>
        <translation>Schritt {0} abgelehnt: {1}</translation>
    </message>
    <message>
        <source>✓ Verified running in {0} after the fault; downtime booked to {1}.</source>
        <translation>✓ Laufend bestätigt {0} nach der Störung; Stillstand gebucht auf {1}.</translation>
    </message>
    <message>
        <source>✓ Verified running after the fault; downtime booked to {0}.</source>
        <translation>✓ Laufend bestätigt nach der Störung; Stillstand gebucht auf {0}.</translation>
    </message>
    <message>
        <source>Abandoned: {0}</source>
        <translation>Abgebrochen: {0}</translation>
    </message>
    <message>
        <source>Restore run: {0} — step {1} {2}</source>
        <translation>Wiederanlauf: {0} — Schritt {1} {2}</translation>
    </message>
    <message>
        <source>✗ say why the restore is abandoned in the note, then Abandon again</source>
        <translation>✗ in der Notiz angeben, warum abgebrochen wird, dann erneut Abbrechen</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>{0} since the fault</source>
        <translation>{0} seit der Störung</translation>
    </message>
    <message>
        <source>fault {0} at {1}{2} · step {3} of {4}{5}</source>
        <translation>Störung {0} an {1}{2} · Schritt {3} von {4}{5}</translation>
    </message>
</context>
<context>
    <name>RestoreStepPage</name>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Action (verified write)</source>
        <translation>Aktion (geprüftes Schreiben)</translation>
    </message>
    <message>
        <source>Confirm (a person)</source>
        <translation>Bestätigen (durch eine Person)</translation>
    </message>
    <message>
        <source>Ramp</source>
        <translation>Rampe</translation>
    </message>
    <message>
        <source>Wait until stable</source>
        <translation>Warten bis stabil</translation>
    </message>
    <message>
        <source>{0}, e-signature: {1}</source>
        <translation>{0}, E-Signatur: {1}</translation>
    </message>
    <message>
        <source>{0} · may be done by {1}</source>
        <translation>{0} · darf ausführen: {1}</translation>
    </message>
    <message>
        <source>Must hold for {0} s:</source>
        <translation>Muss {0} s lang gelten:</translation>
    </message>
    <message>
        <source>Must hold:</source>
        <translation>Muss gelten:</translation>
    </message>
    <message>
        <source>Needs first:</source>
        <translation>Braucht zuerst:</translation>
    </message>
    <message>
        <source>the value of {0}</source>
        <translation>den Wert von {0}</translation>
    </message>
    <message>
        <source>Writes {0} := {1} (now {2})</source>
        <translation>Schreibt {0} := {1} (jetzt {2})</translation>
    </message>
    <message>
        <source>PackML command {0} to {1} (state now {2})</source>
        <translation>PackML-Befehl {0} an {1} (Zustand jetzt {2})</translation>
    </message>
    <message>
        <source>Then waits for:</source>
        <translation>Wartet dann auf:</translation>
    </message>
    <message>
        <source>Ramps {0} to {1} at {2}/s (now {3}); watches {4} (now {5})</source>
        <translation>Fährt {0} mit {2}/s auf {1} (jetzt {3}); beobachtet {4} (jetzt {5})</translation>
    </message>
    <message>
        <source>its own level</source>
        <translation>seinem eigenen Niveau</translation>
    </message>
    <message>
        <source>{0} within ±{1} of {2} for {3} s (now {4})</source>
        <translation>{0} innerhalb ±{1} um {2} für {3} s (jetzt {4})</translation>
    </message>
    <message>
        <source>Write what was done in the note below, then Do step.</source>
        <translation>Unten in der Notiz festhalten, was getan wurde, dann Schritt ausführen.</translation>
    </message>
    <message>
        <source>{0} (not yet)</source>
        <translation>{0} (noch nicht)</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>noch kein Wert</translation>
    </message>
    <message>
        <source>not live ({0})</source>
        <translation>nicht aktuell ({0})</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Schichtführer</translation>
    </message>
    <message>
        <source>ProcessEngineer</source>
        <translation>Prozessingenieur</translation>
    </message>
    <message>
        <source>QA</source>
        <translation>QS</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Instandhaltung</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>SecurityGate</name>
    <message>
        <source>security service failed: {0}: {1}</source>
        <translation>Sicherheitsdienst fehlgeschlagen: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>SecurityMessages</name>
    <message>
        <source>no administrator exists yet: create the first one (the HMI asks at start, or `lineside users init --user NAME --full-name TEXT --password-stdin`)</source>
        <translation>es gibt noch keinen Administrator: den ersten anlegen (das HMI fragt beim Start, oder `lineside users init --user NAME --full-name TEXT --password-stdin`)</translation>
    </message>
    <message>
        <source>the password has {length} characters: use at least {minimum}</source>
        <translation>das Passwort hat {length} Zeichen: mindestens {minimum} verwenden</translation>
    </message>
    <message>
        <source>the password must not be the user name</source>
        <translation>das Passwort darf nicht der Benutzername sein</translation>
    </message>
    <message>
        <source>a PIN is {minimum} or more digits</source>
        <translation>eine PIN hat {minimum} oder mehr Ziffern</translation>
    </message>
    <message>
        <source>nobody is logged in: log in</source>
        <translation>niemand ist angemeldet: anmelden</translation>
    </message>
    <message>
        <source>nobody is logged in at this panel: log in to act</source>
        <translation>an diesem Bedienfeld ist niemand angemeldet: zum Bedienen anmelden</translation>
    </message>
    <message>
        <source>the panel locked after {minutes} min without input: {user}, unlock with your password (or log in as another user)</source>
        <translation>das Bedienfeld wurde nach {minutes} min ohne Eingabe gesperrt: {user}, mit Ihrem Passwort entsperren (oder als anderer Benutzer anmelden)</translation>
    </message>
    <message>
        <source>the record hash must be a SHA-256 hex digest (64 characters)</source>
        <translation>der Datensatz-Hash muss ein SHA-256-Hexwert sein (64 Zeichen)</translation>
    </message>
    <message>
        <source>a signature needs a reason: say what is signed and why</source>
        <translation>eine Signatur braucht eine Begründung: angeben, was signiert wird und warum</translation>
    </message>
    <message>
        <source>{user} already signed this record as {meaning}: a second, different person must sign</source>
        <translation>{user} hat diesen Datensatz bereits als „{meaning}“ signiert: eine zweite, andere Person muss signieren</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>falscher Benutzername oder falsches Passwort</translation>
    </message>
    <message>
        <source>the new password must differ from the old one</source>
        <translation>das neue Passwort muss sich vom alten unterscheiden</translation>
    </message>
    <message>
        <source>wrong badge or PIN</source>
        <translation>falscher Ausweis oder falsche PIN</translation>
    </message>
    <message>
        <source>{user} is disabled: ask an administrator</source>
        <translation>{user} ist deaktiviert: einen Administrator fragen</translation>
    </message>
    <message>
        <source>an administrator exists already: ask them to add users</source>
        <translation>es gibt bereits einen Administrator: ihn bitten, Benutzer anzulegen</translation>
    </message>
    <message>
        <source>user &apos;{user}&apos; exists already: choose another name</source>
        <translation>Benutzer „{user}“ gibt es bereits: einen anderen Namen wählen</translation>
    </message>
    <message>
        <source>a badge id must not be empty</source>
        <translation>die Ausweis-Nr. darf nicht leer sein</translation>
    </message>
    <message>
        <source>badge {badge} belongs to {holder}: use another badge</source>
        <translation>Ausweis {badge} gehört {holder}: einen anderen Ausweis verwenden</translation>
    </message>
    <message>
        <source>user name &apos;{user}&apos;: 1-64 characters, no spaces around it</source>
        <translation>Benutzername „{user}“: 1–64 Zeichen, ohne Leerzeichen davor oder danach</translation>
    </message>
    <message>
        <source>the full name must not be empty (signatures print it)</source>
        <translation>der vollständige Name darf nicht leer sein (Signaturen drucken ihn)</translation>
    </message>
    <message>
        <source>name at least one station, or * for every station</source>
        <translation>mindestens eine Station nennen, oder * für alle Stationen</translation>
    </message>
    <message>
        <source>no user &apos;{user}&apos;: see the user list</source>
        <translation>kein Benutzer „{user}“: siehe Benutzerliste</translation>
    </message>
    <message>
        <source>{user} is the last administrator: create another one first</source>
        <translation>{user} ist der letzte Administrator: zuerst einen weiteren anlegen</translation>
    </message>
    <message>
        <source>{user} is locked after too many failed attempts until later: wait, or ask an administrator to reset the password</source>
        <translation>{user} ist nach zu vielen Fehlversuchen vorerst gesperrt: warten, oder einen Administrator bitten, das Passwort zurückzusetzen</translation>
    </message>
    <message>
        <source>{user} is locked after too many failed attempts until {time} UTC: wait, or ask an administrator to reset the password</source>
        <translation>{user} ist nach zu vielen Fehlversuchen bis {time} UTC gesperrt: warten, oder einen Administrator bitten, das Passwort zurückzusetzen</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Electronic signature: {0}</source>
        <translation>Elektronische Signatur: {0}</translation>
    </message>
    <message>
        <source>Record hash {0}</source>
        <translation>Datensatz-Hash {0}</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzerkennung</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>⌨ Keyboard</source>
        <translation>⌨ Tastatur</translation>
    </message>
    <message>
        <source>Sign: {0}</source>
        <translation>Signieren: {0}</translation>
    </message>
    <message>
        <source>Enter your user id.</source>
        <translation>Benutzerkennung eingeben.</translation>
    </message>
    <message>
        <source>Enter your password: a signature needs it every time.</source>
        <translation>Passwort eingeben: jede Signatur verlangt es.</translation>
    </message>
    <message>
        <source>Give a reason: it is stored with the signature.</source>
        <translation>Grund angeben: er wird mit der Signatur gespeichert.</translation>
    </message>
</context>
<context>
    <name>SignatureMeaning</name>
    <message>
        <source>performed</source>
        <translation>ausgeführt</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>kontrolliert</translation>
    </message>
</context>
<context>
    <name>SpcMessages</name>
    <message>
        <source>no spec limits (lsl/usl) for this characteristic</source>
        <translation>keine Toleranzgrenzen (lsl/usl) für dieses Merkmal</translation>
    </message>
    <message>
        <source>Cp/Cpk: the chart is not in control ({rules})</source>
        <translation>Cp/Cpk: die Regelkarte ist nicht beherrscht ({rules})</translation>
    </message>
    <message>
        <source>Cp/Cpk: the chart is not in control</source>
        <translation>Cp/Cpk: die Regelkarte ist nicht beherrscht</translation>
    </message>
    <message>
        <source>Cp/Cpk: {count} subgroups, at least {needed} needed</source>
        <translation>Cp/Cpk: {count} Stichproben, mindestens {needed} nötig</translation>
    </message>
    <message>
        <source>Cp/Cpk: no spread within subgroups (sigma 0)</source>
        <translation>Cp/Cpk: keine Streuung innerhalb der Stichproben (Sigma 0)</translation>
    </message>
    <message>
        <source>Pp/Ppk: {count} values, at least {needed} needed</source>
        <translation>Pp/Ppk: {count} Werte, mindestens {needed} nötig</translation>
    </message>
    <message>
        <source>Pp/Ppk: no spread in the values (sigma 0)</source>
        <translation>Pp/Ppk: keine Streuung der Werte (Sigma 0)</translation>
    </message>
    <message>
        <source>Cp/Pp: a one-sided spec has no Cp or Pp (Cpk/Ppk only)</source>
        <translation>Cp/Pp: eine einseitige Toleranz hat kein Cp oder Pp (nur Cpk/Ppk)</translation>
    </message>
    <message>
        <source>first {count} subgroups (provisional)</source>
        <translation>ersten {count} Stichproben (vorläufig)</translation>
    </message>
    <message>
        <source>first {count} subgroups</source>
        <translation>ersten {count} Stichproben</translation>
    </message>
    <message>
        <source>{characteristic} at {station}: {rule} {meaning} ({value})</source>
        <translation>{characteristic} an {station}: {rule} {meaning} ({value})</translation>
    </message>
    <message>
        <source>{characteristic} back in control ({value})</source>
        <translation>{characteristic} wieder beherrscht ({value})</translation>
    </message>
</context>
<context>
    <name>SpcScreen</name>
    <message>
        <source>1 point beyond 3 sigma</source>
        <translation>1 Punkt außerhalb 3 Sigma</translation>
    </message>
    <message>
        <source>2 of 3 points beyond 2 sigma, same side</source>
        <translation>2 von 3 Punkten außerhalb 2 Sigma, gleiche Seite</translation>
    </message>
    <message>
        <source>4 of 5 points beyond 1 sigma, same side</source>
        <translation>4 von 5 Punkten außerhalb 1 Sigma, gleiche Seite</translation>
    </message>
    <message>
        <source>8 points in a row on one side of the center</source>
        <translation>8 Punkte in Folge auf einer Seite der Mittellinie</translation>
    </message>
    <message>
        <source>9 points in a row on one side of the center</source>
        <translation>9 Punkte in Folge auf einer Seite der Mittellinie</translation>
    </message>
    <message>
        <source>6 points in a row steadily increasing or decreasing</source>
        <translation>6 Punkte in Folge stetig steigend oder fallend</translation>
    </message>
    <message>
        <source>14 points in a row alternating up and down</source>
        <translation>14 Punkte in Folge abwechselnd auf und ab</translation>
    </message>
    <message>
        <source>15 points in a row within 1 sigma</source>
        <translation>15 Punkte in Folge innerhalb 1 Sigma</translation>
    </message>
    <message>
        <source>8 points in a row outside 1 sigma, both sides</source>
        <translation>8 Punkte in Folge außerhalb 1 Sigma, beidseitig</translation>
    </message>
    <message>
        <source>range beyond its upper control limit</source>
        <translation>Spannweite über ihrer oberen Eingriffsgrenze</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>nicht berechnet</translation>
    </message>
    <message>
        <source>not capable</source>
        <translation>nicht fähig</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>capable</source>
        <translation>fähig</translation>
    </message>
    <message>
        <source>Capability: no control limits yet (fewer than 2 subgroups)</source>
        <translation>Fähigkeit: noch keine Eingriffsgrenzen (weniger als 2 Stichproben)</translation>
    </message>
    <message>
        <source>({0}; {1} subgroups)</source>
        <translation>({0}; {1} Stichproben)</translation>
    </message>
    <message>
        <source>Cpk below {0}: a critical characteristic: the lot is held</source>
        <translation>Cpk unter {0}: kritisches Merkmal: das Los ist gesperrt</translation>
    </message>
    <message>
        <source>Not computed: {0}</source>
        <translation>Nicht berechnet: {0}</translation>
    </message>
    <message>
        <source>{0} at {1}: {2}</source>
        <comment>rule at time: meaning</comment>
        <translation>{0} um {1}: {2}</translation>
    </message>
    <message>
        <source>Limits are provisional: {0} of {1} samples taken.</source>
        <translation>Die Eingriffsgrenzen sind vorläufig: {0} von {1} Stichproben genommen.</translation>
    </message>
    <message>
        <source>No control limits yet: {0} of {1} samples taken.</source>
        <translation>Noch keine Eingriffsgrenzen: {0} von {1} Stichproben genommen.</translation>
    </message>
    <message>
        <source>Final limits in about {0} min of production.</source>
        <translation>Endgültige Eingriffsgrenzen nach etwa {0} min Produktion.</translation>
    </message>
    <message>
        <source>Until then SPC raises no alarm.</source>
        <translation>Bis dahin löst SPC keinen Alarm aus.</translation>
    </message>
    <message>
        <source>{0} at {1} (critical)</source>
        <comment>characteristic at station</comment>
        <translation>{0} an {1} (kritisch)</translation>
    </message>
    <message>
        <source>{0} at {1}</source>
        <comment>characteristic at station</comment>
        <translation>{0} an {1}</translation>
    </message>
    <message>
        <source>No SPC characteristics in the line config: add [[production.characteristics]] tables</source>
        <translation>Keine SPC-Merkmale in der Konfiguration: [[production.characteristics]]-Tabellen anlegen</translation>
    </message>
    <message>
        <source>(limits from {0}); points: {1}</source>
        <translation>(Grenzen aus {0}); Punkte: {1}</translation>
    </message>
    <message>
        <source>No rule violations: the chart is in control</source>
        <translation>Keine Regelverletzungen: die Regelkarte ist beherrscht</translation>
    </message>
</context>
<context>
    <name>StationScreen</name>
    <message>
        <source>Process values</source>
        <translation>Prozesswerte</translation>
    </message>
    <message>
        <source>Control loop</source>
        <translation>Regelkreis</translation>
    </message>
    <message>
        <source>Interlocks and permissives</source>
        <translation>Verriegelungen und Freigaben</translation>
    </message>
    <message>
        <source>Setpoints (touch to change)</source>
        <translation>Sollwerte (antippen zum Ändern)</translation>
    </message>
    <message>
        <source>Reset trip</source>
        <translation>Auslösung rücksetzen</translation>
    </message>
    <message>
        <source>State unknown</source>
        <translation>Zustand unbekannt</translation>
    </message>
    <message>
        <source>TRIPPED</source>
        <translation>AUSGELÖST</translation>
    </message>
    <message>
        <source>clear</source>
        <comment>interlock</comment>
        <translation>frei</translation>
    </message>
    <message>
        <source>made</source>
        <comment>permissive</comment>
        <translation>erfüllt</translation>
    </message>
    <message>
        <source>NOT MADE</source>
        <translation>NICHT ERFÜLLT</translation>
    </message>
</context>
<context>
    <name>StationTile</name>
    <message>
        <source>State unknown</source>
        <translation>Zustand unbekannt</translation>
    </message>
    <message>
        <source>State {0}</source>
        <translation>Zustand {0}</translation>
    </message>
    <message>
        <source>TRIP</source>
        <translation>AUSLÖSUNG</translation>
    </message>
    <message>
        <source>zone &gt; {0} K</source>
        <translation>Zone &gt; {0} K</translation>
    </message>
</context>
<context>
    <name>StatusLamp</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
</context>
<context>
    <name>StepState</name>
    <message>
        <source>to do</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
</context>
<context>
    <name>StepWizard</name>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>TagTile</name>
    <message>
        <source>{0}: double-click or long-press for its trend</source>
        <translation>{0}: Doppelklick oder lang drücken für den Trend</translation>
    </message>
</context>
<context>
    <name>TagTrendDialog</name>
    <message>
        <source>Trend: {0}</source>
        <translation>Trend: {0}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>⇧ Shift</source>
        <translation>⇧ Umschalt</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
</context>
<context>
    <name>TrendScreen</name>
    <message>
        <source>Range…</source>
        <translation>Zeitraum…</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Vergleich…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Could not write {0}: check the folder is writable</source>
        <translation>{0} konnte nicht geschrieben werden: ist der Ordner beschreibbar?</translation>
    </message>
    <message>
        <source>Trend saved: {0} and {1} samples in {2}</source>
        <translation>Trend gespeichert: {0} und {1} Messwerte in {2}</translation>
    </message>
    <message>
        <source>Trend saved: {0}; CSV not written: {1}</source>
        <translation>Trend gespeichert: {0}; CSV nicht geschrieben: {1}</translation>
    </message>
</context>
<context>
    <name>TrendToolbar</name>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter the {0}.</source>
        <translation>Bitte {0} eingeben.</translation>
    </message>
    <message>
        <source>The {0} differs: type both again.</source>
        <translation>{0} stimmt nicht überein: beide erneut eingeben.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
    <message>
        <source>Touch a user, then a step. Every change asks for a reason and is audited.</source>
        <translation>Einen Benutzer antippen, dann einen Schritt. Jede Änderung fragt nach einem Grund und wird protokolliert.</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Benutzer anlegen…</translation>
    </message>
    <message>
        <source>Set role…</source>
        <translation>Rolle setzen…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>Badge + PIN…</source>
        <translation>Ausweis + PIN…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer anlegen</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzerkennung</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <source>Stations: names with spaces between; leave empty for every station.</source>
        <translation>Stationen: Namen mit Leerzeichen getrennt; leer lassen für alle Stationen.</translation>
    </message>
    <message>
        <source>Added {0} ({1}): {2}</source>
        <translation>{0} ({1}) angelegt: {2}</translation>
    </message>
    <message>
        <source>Enable {0}</source>
        <translation>{0} aktivieren</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>{0} may log in and sign again.</source>
        <translation>{0} darf sich wieder anmelden und signieren.</translation>
    </message>
    <message>
        <source>Disable {0}</source>
        <translation>{0} deaktivieren</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>{0} can no longer log in or sign; the history keeps the name.</source>
        <translation>{0} kann sich nicht mehr anmelden oder signieren; die Historie behält den Namen.</translation>
    </message>
    <message>
        <source>{0} disabled</source>
        <translation>{0} deaktiviert</translation>
    </message>
    <message>
        <source>{0} enabled</source>
        <translation>{0} aktiviert</translation>
    </message>
    <message>
        <source>Set role of {0}</source>
        <translation>Rolle von {0} setzen</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>Rolle setzen</translation>
    </message>
    <message>
        <source>Now: {0}. The new role replaces it (empty stations: all).</source>
        <translation>Jetzt: {0}. Die neue Rolle ersetzt sie (Stationen leer: alle).</translation>
    </message>
    <message>
        <source>{0} is now {1}</source>
        <translation>{0} ist jetzt {1}</translation>
    </message>
    <message>
        <source>New password for {0}</source>
        <translation>Neues Passwort für {0}</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>Also lifts a lockout. Tell the user to change it soon.</source>
        <translation>Hebt auch eine Sperre auf. Den Benutzer bitten, es bald zu ändern.</translation>
    </message>
    <message>
        <source>New password set for {0}</source>
        <translation>Neues Passwort für {0} gesetzt</translation>
    </message>
    <message>
        <source>Badge + PIN for {0}</source>
        <translation>Ausweis + PIN für {0}</translation>
    </message>
    <message>
        <source>Set badge</source>
        <translation>Ausweis setzen</translation>
    </message>
    <message>
        <source>Badge id</source>
        <translation>Ausweisnummer</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <source>For the fast user switch: the badge is held, the PIN (digits) is known.</source>
        <translation>Für den schnellen Benutzerwechsel: den Ausweis hat man dabei, die PIN (Ziffern) weiß man.</translation>
    </message>
    <message>
        <source>Badge {0} and PIN set for {1}</source>
        <translation>Ausweis {0} und PIN für {1} gesetzt</translation>
    </message>
    <message>
        <source>Enable…</source>
        <translation>Aktivieren…</translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation>Deaktivieren…</translation>
    </message>
    <message>
        <source>Touch a user in the list first.</source>
        <translation>Zuerst einen Benutzer in der Liste antippen.</translation>
    </message>
    <message>
        <source>{0} is not in the user list: log in again</source>
        <translation>{0} ist nicht in der Benutzerliste: erneut anmelden</translation>
    </message>
    <message>
        <source>not done: {0}</source>
        <translation>nicht ausgeführt: {0}</translation>
    </message>
    <message>
        <source>the user list could not be read: {0}</source>
        <translation>die Benutzerliste konnte nicht gelesen werden: {0}</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>badge, no PIN</source>
        <translation>Ausweis, keine PIN</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Gesperrt bis</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Ausweis</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>BAD</source>
        <translation>SCHLECHT</translation>
    </message>
    <message>
        <source>ON</source>
        <translation>EIN</translation>
    </message>
    <message>
        <source>OFF</source>
        <translation>AUS</translation>
    </message>
    <message>
        <source>no status from the PLC</source>
        <translation>kein Status von der SPS</translation>
    </message>
    <message>
        <source>SP {0}</source>
        <comment>setpoint</comment>
        <translation>SW {0}</translation>
    </message>
</context>
<context>
    <name>WriteFeedback</name>
    <message>
        <source>Touch a setpoint or a command to change it; the value read back shows here.</source>
        <translation>Sollwert oder Befehl antippen, um ihn zu ändern; der zurückgelesene Wert erscheint hier.</translation>
    </message>
    <message>
        <source>Writing {0} = {1} …</source>
        <translation>Schreibe {0} = {1} …</translation>
    </message>
    <message>
        <source>✗ Not written: {0}</source>
        <translation>✗ Nicht geschrieben: {0}</translation>
    </message>
    <message>
        <source>✗ Write failed: {0}</source>
        <translation>✗ Schreiben fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>✓ {0}: sent {1}, read back {2} ({3})</source>
        <translation>✓ {0}: gesendet {1}, zurückgelesen {2} ({3})</translation>
    </message>
</context>
<context>
    <name>WriteMessages</name>
    <message>
        <source>{tag} is no tag of this line: not written</source>
        <translation>{tag} ist keine Variable dieser Linie: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} = {value} not written: {why}</source>
        <translation>{tag} = {value} nicht geschrieben: {why}</translation>
    </message>
    <message>
        <source>{tag} = {value}: {why}</source>
        <translation>{tag} = {value}: {why}</translation>
    </message>
    <message>
        <source>PLC refused {tag} = {value}: {status}</source>
        <translation>SPS hat {tag} = {value} abgelehnt: {status}</translation>
    </message>
    <message>
        <source>{tag} = {value} written (accepted, not read back)</source>
        <translation>{tag} = {value} geschrieben (angenommen, nicht zurückgelesen)</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but it could not be read back: {why}</source>
        <translation>{tag} = {value} geschrieben, aber nicht zurücklesbar: {why}</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but reading it back gave {quality}: {status}</source>
        <translation>{tag} = {value} geschrieben, aber das Zurücklesen ergab {quality}: {status}</translation>
    </message>
    <message>
        <source>{tag} = {value} written and read back {read_back}</source>
        <translation>{tag} = {value} geschrieben und {read_back} zurückgelesen</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but the PLC holds {read_back} (tolerance {tolerance})</source>
        <translation>{tag} = {value} geschrieben, aber die SPS hält {read_back} (Toleranz {tolerance})</translation>
    </message>
    <message>
        <source>{tag} = {value} written, but the PLC holds {read_back}</source>
        <translation>{tag} = {value} geschrieben, aber die SPS hält {read_back}</translation>
    </message>
    <message>
        <source>{tag} is read-only: not written</source>
        <translation>{tag} ist nur lesbar: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} needs a number, got {value}: not written</source>
        <translation>{tag} braucht eine Zahl, erhalten {value}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} needs a finite number, got {value}: not written</source>
        <translation>{tag} braucht eine endliche Zahl, erhalten {value}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} needs true or false, got {value}: not written</source>
        <translation>{tag} braucht wahr oder falsch, erhalten {value}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} needs text, got {value}: not written</source>
        <translation>{tag} braucht Text, erhalten {value}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag}: {value} is not one of {choices}: not written</source>
        <translation>{tag}: {value} ist keiner von {choices}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag}: {value} is not a value of enum {enum}: not written</source>
        <translation>{tag}: {value} ist kein Wert der Aufzählung {enum}: nicht geschrieben</translation>
    </message>
    <message>
        <source>{tag} needs a whole number, got {value}: not written</source>
        <translation>{tag} braucht eine ganze Zahl, erhalten {value}: nicht geschrieben</translation>
    </message>
</context>
<context>
    <name>alarm_table</name>
    <message>
        <source>Pri</source>
        <comment>priority</comment>
        <translation>Prio</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Station / tag</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>UNACK</source>
        <translation>UNQUITT.</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Cleared, UNACK</source>
        <translation>Gegangen, UNQUITT.</translation>
    </message>
    <message>
        <source>Latched: reset</source>
        <translation>Gespeichert: rücksetzen</translation>
    </message>
    <message>
        <source>1st OUT</source>
        <translation>ERSTWERT</translation>
    </message>
    <message>
        <source>one-shot until {0}</source>
        <translation>einmalig bis {0}</translation>
    </message>
    <message>
        <source>shelved until {0}</source>
        <translation>zurückgestellt bis {0}</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>unterdrückt</translation>
    </message>
    <message>
        <source>out of service ({0})</source>
        <translation>außer Betrieb ({0})</translation>
    </message>
    <message>
        <source>Priority {0}</source>
        <translation>Priorität {0}</translation>
    </message>
</context>
<context>
    <name>presenters</name>
    <message>
        <source>ON</source>
        <translation>EIN</translation>
    </message>
    <message>
        <source>OFF</source>
        <translation>AUS</translation>
    </message>
    <message>
        <source>reason {0}</source>
        <translation>Grund {0}</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>BAD</source>
        <translation>SCHLECHT</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
</context>
<context>
    <name>station_layout</name>
    <message>
        <source>Dryer max zone deviation</source>
        <translation>Trockner max. Zonenabweichung</translation>
    </message>
</context>
<context>
    <name>workbench_access</name>
    <message>
        <source>{0}: sign in as a Process Engineer or Maintenance user</source>
        <translation>{0}: als Verfahrensingenieur oder Instandhaltung anmelden</translation>
    </message>
    <message>
        <source>{0}: the panel is locked; sign in again</source>
        <translation>{0}: das Panel ist gesperrt; erneut anmelden</translation>
    </message>
    <message>
        <source>{0}: {1} ({2}) is not a Process Engineer or Maintenance user</source>
        <translation>{0}: {1} ({2}) ist weder Verfahrensingenieur noch Instandhaltung</translation>
    </message>
</context>
</TS>
