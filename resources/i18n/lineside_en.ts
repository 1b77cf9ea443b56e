<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AlarmBanner</name>
    <message numerus="yes">
        <source>{0}; %n active, acknowledged</source>
        <translation>
            <numerusform>{0}; %n active, acknowledged</numerusform>
            <numerusform>{0}; %n active, acknowledged</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmJournalView</name>
    <message numerus="yes">
        <source>%n journal entries, newest first</source>
        <translation>
            <numerusform>%n journal entry, newest first</numerusform>
            <numerusform>%n journal entries, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmKpiView</name>
    <message numerus="yes">
        <source>%n flood(s), longest {0} min</source>
        <translation>
            <numerusform>%n flood, longest {0} min</numerusform>
            <numerusform>%n floods, longest {0} min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Console {0}: %n alarm(s), {1}. Chattering: {2}. Stale: {3}.</source>
        <translation>
            <numerusform>Console {0}: %n alarm, {1}. Chattering: {2}. Stale: {3}.</numerusform>
            <numerusform>Console {0}: %n alarms, {1}. Chattering: {2}. Stale: {3}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlarmScreen</name>
    <message numerus="yes">
        <source>✓ %n alarm(s) {0}</source>
        <translation>
            <numerusform>✓ %n alarm {0}</numerusform>
            <numerusform>✓ %n alarms {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <source>Writing %n entries to {0}…</source>
        <translation>
            <numerusform>Writing %n entry to {0}…</numerusform>
            <numerusform>Writing %n entries to {0}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail intact: %n entries, each matches its hash (head {0}); checked {1} UTC</source>
        <translation>
            <numerusform>Audit trail intact: %n entry, it matches its hash (head {0}); checked {1} UTC</numerusform>
            <numerusform>Audit trail intact: %n entries, each matches its hash (head {0}); checked {1} UTC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail BROKEN at entry {0}: {1}. %n entries before it verify. Keep this record; tell QA.</source>
        <translation>
            <numerusform>Audit trail BROKEN at entry {0}: {1}. %n entry before it verifies. Keep this record; tell QA.</numerusform>
            <numerusform>Audit trail BROKEN at entry {0}: {1}. %n entries before it verify. Keep this record; tell QA.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries written to {0}</source>
        <translation>
            <numerusform>%n entry written to {0}</numerusform>
            <numerusform>%n entries written to {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverChoosePage</name>
    <message numerus="yes">
        <source>{0} v{1} ({2}, {3}; %n parameter(s))</source>
        <translation>
            <numerusform>{0} v{1} ({2}, {3}; %n parameter)</numerusform>
            <numerusform>{0} v{1} ({2}, {3}; %n parameters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverResult</name>
    <message numerus="yes">
        <source>Variance monitoring: %n change(s) at the PLC since release</source>
        <translation>
            <numerusform>Variance monitoring: %n change at the PLC since release</numerusform>
            <numerusform>Variance monitoring: %n changes at the PLC since release</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lot {0}: release from hold (%n hold(s))</source>
        <translation>
            <numerusform>Lot {0}: release from hold (%n hold)</numerusform>
            <numerusform>Lot {0}: release from hold (%n holds)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverScreen</name>
    <message numerus="yes">
        <source>%n parameter(s) read back equal</source>
        <translation>
            <numerusform>%n parameter read back equal</numerusform>
            <numerusform>%n parameters read back equal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) passed</source>
        <translation>
            <numerusform>%n item passed</numerusform>
            <numerusform>%n items passed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangeoverSignPage</name>
    <message numerus="yes">
        <source>Changeover {0} v{1}, lot {2} (%n parameter(s) verified)</source>
        <translation>
            <numerusform>Changeover {0} v{1}, lot {2} (%n parameter verified)</numerusform>
            <numerusform>Changeover {0} v{1}, lot {2} (%n parameters verified)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message numerus="yes">
        <source>%n conflict(s) to review.</source>
        <translation>
            <numerusform>%n conflict to review.</numerusform>
            <numerusform>%n conflicts to review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message numerus="yes">
        <source>%n stop(s) need a reason</source>
        <translation>
            <numerusform>%n stop needs a reason</numerusform>
            <numerusform>%n stops need a reason</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database offline since {0} · %n record(s) waiting</source>
        <translation>
            <numerusform>Plant database offline since {0} · %n record waiting</numerusform>
            <numerusform>Plant database offline since {0} · %n records waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plant database back: forwarding %n record(s)</source>
        <translation>
            <numerusform>Plant database back: forwarding %n record</numerusform>
            <numerusform>Plant database back: forwarding %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n forwarded record(s) to review</source>
        <translation>
            <numerusform>%n forwarded record to review</numerusform>
            <numerusform>%n forwarded records to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message numerus="yes">
        <source>Search: %n topic(s)</source>
        <translation>
            <numerusform>Search: %n topic</numerusform>
            <numerusform>Search: %n topics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipeScreen</name>
    <message numerus="yes">
        <source>Recipe {0} version {1} (%n parameter(s), by {2})</source>
        <translation>
            <numerusform>Recipe {0} version {1} (%n parameter, by {2})</numerusform>
            <numerusform>Recipe {0} version {1} (%n parameters, by {2})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipeVersionView</name>
    <message numerus="yes">
        <source>The PLCs differ from v{0} in %n parameter(s):</source>
        <translation>
            <numerusform>The PLCs differ from v{0} in %n parameter:</numerusform>
            <numerusform>The PLCs differ from v{0} in %n parameters:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreScreen</name>
    <message numerus="yes">
        <source>{0}  ({1}, %n step(s))</source>
        <translation>
            <numerusform>{0}  ({1}, %n step)</numerusform>
            <numerusform>{0}  ({1}, %n steps)</numerusform>
        </translation>
    </message>
</context>
</TS>
