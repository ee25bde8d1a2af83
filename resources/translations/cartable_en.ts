<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Cartable cannot open your learning records, so it stops here: %1</source>
        <translation>Cartable cannot open your learning records, so it stops here: %1</translation>
    </message>
</context>
<context>
    <name>CardModel</name>
    <message>
        <source>%1, %2, %3, %4 on disk, %5% done, %6</source>
        <translation>%1, %2, %3, %4 on disk, %5% done, %6</translation>
    </message>
    <message>
        <source>no publisher</source>
        <translation>no publisher</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>unverified</translation>
    </message>
</context>
<context>
    <name>CourseView</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Module %1: %2, %3 of %4 units done</source>
        <translation>Module %1: %2, %3 of %4 units done</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1 of %2 units done</source>
        <translation>%1 of %2 units done</translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Course progress</translation>
    </message>
    <message>
        <source>this kind of unit is not supported</source>
        <translation>this kind of unit is not supported</translation>
    </message>
    <message>
        <source>Module %1 · %2</source>
        <translation>Module %1 · %2</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Library</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Back to the library</translation>
    </message>
    <message>
        <source>Back to the library (Ctrl+L)</source>
        <translation>Back to the library (Ctrl+L)</translation>
    </message>
    <message>
        <source>Course outline</source>
        <translation>Course outline</translation>
    </message>
    <message>
        <source>Check files…</source>
        <translation>Check files…</translation>
    </message>
    <message>
        <source>Check and repair the files of this course</source>
        <translation>Check and repair the files of this course</translation>
    </message>
    <message>
        <source>← Previous</source>
        <translation>← Previous</translation>
    </message>
    <message>
        <source>Previous unit</source>
        <translation>Previous unit</translation>
    </message>
    <message>
        <source>Previous unit (Alt+Left)</source>
        <translation>Previous unit (Alt+Left)</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>Next →</translation>
    </message>
    <message>
        <source>Next unit</source>
        <translation>Next unit</translation>
    </message>
    <message>
        <source>Next unit (Alt+Right)</source>
        <translation>Next unit (Alt+Right)</translation>
    </message>
    <message>
        <source>Unit content</source>
        <translation>Unit content</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Unexpected problem</source>
        <translation>Unexpected problem</translation>
    </message>
    <message>
        <source>Something went wrong. Cartable keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</source>
        <translation>Something went wrong. Cartable keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>%1 (and %2 more since)</source>
        <translation>%1 (and %2 more since)</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help — %1</source>
        <translation>Help — %1</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>play or pause</source>
        <translation>play or pause</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>Left / Right</translation>
    </message>
    <message>
        <source>back or forward 5 seconds</source>
        <translation>back or forward 5 seconds</translation>
    </message>
    <message>
        <source>J / L</source>
        <translation>J / L</translation>
    </message>
    <message>
        <source>back or forward 10 seconds</source>
        <translation>back or forward 10 seconds</translation>
    </message>
    <message>
        <source>[ / ]</source>
        <translation>[ / ]</translation>
    </message>
    <message>
        <source>slower or faster</source>
        <translation>slower or faster</translation>
    </message>
    <message>
        <source>subtitles on or off</source>
        <translation>subtitles on or off</translation>
    </message>
    <message>
        <source>full screen</source>
        <translation>full screen</translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation>Page Up / Page Down</translation>
    </message>
    <message>
        <source>previous or next slide</source>
        <translation>previous or next slide</translation>
    </message>
    <message>
        <source>Alt+Left / Alt+Right</source>
        <translation>Alt+Left / Alt+Right</translation>
    </message>
    <message>
        <source>previous or next unit</source>
        <translation>previous or next unit</translation>
    </message>
    <message>
        <source>between the outline and the unit</source>
        <translation>between the outline and the unit</translation>
    </message>
    <message>
        <source>search the library</source>
        <translation>search the library</translation>
    </message>
    <message>
        <source>back to the library</source>
        <translation>back to the library</translation>
    </message>
    <message>
        <source>this help</source>
        <translation>this help</translation>
    </message>
    <message>
        <source>Courses and records</source>
        <translation>Courses and records</translation>
    </message>
    <message>
        <source>Records file</source>
        <translation>Records file</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>An offline course player: study without a network; your progress is sent to your institution when a connection comes back.</source>
        <translation>An offline course player: study without a network; your progress is sent to your institution when a connection comes back.</translation>
    </message>
    <message>
        <source>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders and the last problems, never your PIN or passwords.</source>
        <translation>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders and the last problems, never your PIN or passwords.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>Where your data lives</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostic report</source>
        <translation>&amp;Copy diagnostic report</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copied to the clipboard.</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>No course is installed yet. Import a course from a USB stick or a file.</source>
        <translation>No course is installed yet. Import a course from a USB stick or a file.</translation>
    </message>
    <message>
        <source>No course title contains “%1”.</source>
        <translation>No course title contains “%1”.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>Search titles (Ctrl+F)</source>
        <translation>Search titles (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search course titles</source>
        <translation>Search course titles</translation>
    </message>
    <message>
        <source>Installed courses</source>
        <translation>Installed courses</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Unverified</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Course unavailable</source>
        <translation>Course unavailable</translation>
    </message>
    <message>
        <source>This course is no longer installed, or its files cannot be read.</source>
        <translation>This course is no longer installed, or its files cannot be read.</translation>
    </message>
    <message>
        <source>Your institution refused your account: open Sync to correct it.</source>
        <translation>Your institution refused your account: open Sync to correct it.</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</source>
        <translation>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</source>
        <translation>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</translation>
    </message>
    <message>
        <source>Read back from the damaged file: %1. Lost: %2. The damaged file is kept at: %3</source>
        <translation>Read back from the damaged file: %1. Lost: %2. The damaged file is kept at: %3</translation>
    </message>
    <message>
        <source>Records restored</source>
        <translation>Records restored</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Course</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Switch profile…</source>
        <translation>&amp;Switch profile…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Library</translation>
    </message>
    <message>
        <source>&amp;Check and repair files…</source>
        <translation>&amp;Check and repair files…</translation>
    </message>
    <message>
        <source>&amp;Sync with the institution…</source>
        <translation>&amp;Sync with the institution…</translation>
    </message>
    <message>
        <source>&amp;Help and diagnostics</source>
        <translation>&amp;Help and diagnostics</translation>
    </message>
</context>
<context>
    <name>PlaceholderView</name>
    <message>
        <source>Quizzes arrive in a later version of Cartable.</source>
        <translation>Quizzes arrive in a later version of Cartable.</translation>
    </message>
    <message>
        <source>This certificate exam has %1 questions. It will be available here after an update; nothing is recorded until then.</source>
        <translation>This certificate exam has %1 questions. It will be available here after an update; nothing is recorded until then.</translation>
    </message>
    <message>
        <source>This practice quiz has %1 questions. It will be available here after an update; nothing is recorded until then.</source>
        <translation>This practice quiz has %1 questions. It will be available here after an update; nothing is recorded until then.</translation>
    </message>
</context>
<context>
    <name>ProblemPanel</name>
    <message>
        <source>This part of the course cannot be shown</source>
        <extracomment>Files up to this size are re-hashed each time a view opens them (subtitles, decks, texts, images, narration); larger ones (videos) get a size check, and the decoder catches the rest. A heartbeat keeps the time studied and the resume point while the learner is active. No input for this long and no media playing: the learner is away, no heartbeat.</extracomment>
        <translation>This part of the course cannot be shown</translation>
    </message>
    <message>
        <source>Repairing checks every file of the course and fetches the damaged ones again when a copy of the course or a connection is available.</source>
        <translation>Repairing checks every file of the course and fetches the damaged ones again when a copy of the course or a connection is available.</translation>
    </message>
    <message>
        <source>Repair this course</source>
        <translation>Repair this course</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Type the PIN of %1.</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Wrong PIN. Try again.</translation>
    </message>
    <message>
        <source>Type a name for the new profile.</source>
        <translation>Type a name for the new profile.</translation>
    </message>
    <message>
        <source>A profile named %1 already exists.</source>
        <translation>A profile named %1 already exists.</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits, or leave it empty.</source>
        <translation>A PIN is exactly 4 digits, or leave it empty.</translation>
    </message>
    <message>
        <source>Who is studying?</source>
        <translation>Who is studying?</translation>
    </message>
    <message>
        <source>&amp;Profiles on this computer</source>
        <translation>&amp;Profiles on this computer</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Profiles on this computer</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>P&amp;IN:</translation>
    </message>
    <message>
        <source>PIN of the selected profile</source>
        <translation>PIN of the selected profile</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Open the selected profile</source>
        <translation>Open the selected profile</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>New profile</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>PIN (optional, 4 digits):</source>
        <translation>PIN (optional, 4 digits):</translation>
    </message>
    <message>
        <source>Name of the new profile</source>
        <translation>Name of the new profile</translation>
    </message>
    <message>
        <source>First name, or a nickname</source>
        <translation>First name, or a nickname</translation>
    </message>
    <message>
        <source>Interface language of the new profile</source>
        <translation>Interface language of the new profile</translation>
    </message>
    <message>
        <source>PIN of the new profile, optional</source>
        <translation>PIN of the new profile, optional</translation>
    </message>
    <message>
        <source>A PIN keeps classmates on a shared computer out of your progress.</source>
        <translation>A PIN keeps classmates on a shared computer out of your progress.</translation>
    </message>
    <message>
        <source>&amp;Create and open</source>
        <translation>&amp;Create and open</translation>
    </message>
    <message>
        <source>Create the profile and open it</source>
        <translation>Create the profile and open it</translation>
    </message>
    <message>
        <source>Protected by a PIN</source>
        <translation>Protected by a PIN</translation>
    </message>
    <message>
        <source>%1, protected by a PIN</source>
        <translation>%1, protected by a PIN</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>Reading: {title}</source>
        <extracomment>A readable line length: the text column never gets wider than this (pixels). Margin around the text, inside the column. The end counts as reached when the scroll bar is this close to its maximum (pixels).</extracomment>
        <translation>Reading: {title}</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (not UTF-8).</source>
        <translation>The text of this reading is damaged (not UTF-8).</translation>
    </message>
    <message>
        <source>An image of this reading cannot be shown: {reason}</source>
        <translation>An image of this reading cannot be shown: {reason}</translation>
    </message>
    <message>
        <source>An image of this reading cannot be shown: its file is damaged.</source>
        <translation>An image of this reading cannot be shown: its file is damaged.</translation>
    </message>
    <message>
        <source>Open a web page?</source>
        <translation>Open a web page?</translation>
    </message>
    <message>
        <source>This link leads to a web page outside the course:</source>
        <translation>This link leads to a web page outside the course:</translation>
    </message>
    <message>
        <source>{address}

Open it in your web browser? It needs a connection.</source>
        <translation>{address}

Open it in your web browser? It needs a connection.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <source>This reading is done</source>
        <translation>This reading is done</translation>
    </message>
    <message>
        <source>Mark this reading as done</source>
        <translation>Mark this reading as done</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Check files — %1</source>
        <translation>Check files — %1</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Fetching damaged files again over the internet comes with course downloads in a later version. Until then, repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Fetching damaged files again over the internet comes with course downloads in a later version. Until then, repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</translation>
    </message>
    <message>
        <source>Repair from a &amp;file…</source>
        <translation>Repair from a &amp;file…</translation>
    </message>
    <message>
        <source>Repair from a f&amp;older…</source>
        <translation>Repair from a f&amp;older…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Checking every file of “%1”…</source>
        <translation>Checking every file of “%1”…</translation>
    </message>
    <message>
        <source>Repairing from %1…</source>
        <translation>Repairing from %1…</translation>
    </message>
    <message>
        <source>All %1 files of this course are intact.</source>
        <translation>All %1 files of this course are intact.</translation>
    </message>
    <message>
        <source>%1 of %2 files are missing or damaged. Affected: %3.</source>
        <translation>%1 of %2 files are missing or damaged. Affected: %3.</translation>
    </message>
    <message>
        <source>the course cover</source>
        <translation>the course cover</translation>
    </message>
    <message>
        <source>Repaired: all %1 files of this course are intact again.</source>
        <translation>Repaired: all %1 files of this course are intact again.</translation>
    </message>
    <message>
        <source>The course could not be repaired: %1</source>
        <translation>The course could not be repaired: %1</translation>
    </message>
    <message>
        <source>A copy of the course</source>
        <translation>A copy of the course</translation>
    </message>
    <message>
        <source>Cartable courses (*.cartable)</source>
        <translation>Cartable courses (*.cartable)</translation>
    </message>
    <message>
        <source>A folder holding the course</source>
        <translation>A folder holding the course</translation>
    </message>
</context>
<context>
    <name>Resume</name>
    <message>
        <source>video</source>
        <translation>video</translation>
    </message>
    <message>
        <source>slides</source>
        <translation>slides</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>reading</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>quiz</translation>
    </message>
    <message>
        <source>exam</source>
        <translation>exam</translation>
    </message>
    <message>
        <source>module %1, %2 %3</source>
        <translation>module %1, %2 %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, page %2</translation>
    </message>
    <message>
        <source>Continue: %1</source>
        <translation>Continue: %1</translation>
    </message>
</context>
<context>
    <name>SlidesView</name>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Position in the narration</source>
        <translation>Position in the narration</translation>
    </message>
    <message>
        <source>Narration (Left/Right: 5 s)</source>
        <translation>Narration (Left/Right: 5 s)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF file is damaged ({detail}).</source>
        <translation>The slides cannot be shown: the PDF file is damaged ({detail}).</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF has {found} pages, not {expected}.</source>
        <translation>The slides cannot be shown: the PDF has {found} pages, not {expected}.</translation>
    </message>
    <message>
        <source>its audio file may be damaged ({detail})</source>
        <translation>its audio file may be damaged ({detail})</translation>
    </message>
    <message>
        <source>The narration cannot be played: {reason} The slides can still be read.</source>
        <translation>The narration cannot be played: {reason} The slides can still be read.</translation>
    </message>
    <message>
        <source>Slide {page} of {count}</source>
        <translation>Slide {page} of {count}</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Page {page} of {count}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{action} (Space)</source>
        <translation>{action} (Space)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Waiting for an unmetered network</source>
        <translation>Waiting for an unmetered network</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Sync error</translation>
    </message>
    <message numerus="yes">
        <source>Learning records waiting to be sent: %n</source>
        <translation>
            <numerusform>Learning records waiting to be sent: %n</numerusform>
            <numerusform>Learning records waiting to be sent: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %n</source>
        <translation>
            <numerusform>Refused by the server: %n</numerusform>
            <numerusform>Refused by the server: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Click for details and “Sync now”.</source>
        <translation>Click for details and “Sync now”.</translation>
    </message>
    <message>
        <source>Sync status: %1</source>
        <translation>Sync status: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation>Server&apos;s answer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the selected refused statements and reasons</source>
        <translation>Copy the selected refused statements and reasons</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>Save account</source>
        <translation>Save account</translation>
    </message>
    <message>
        <source>Account at the institution</source>
        <translation>Account at the institution</translation>
    </message>
    <message>
        <source>Server (LRS endpoint)</source>
        <translation>Server (LRS endpoint)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Refused by the server (kept, never deleted)</source>
        <translation>Refused by the server (kept, never deleted)</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>Last successful sync: never</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>Last successful sync: %1</translation>
    </message>
    <message>
        <source>Everything has been sent.</source>
        <translation>Everything has been sent.</translation>
    </message>
    <message numerus="yes">
        <source>%n learning records wait to be sent.</source>
        <translation>
            <numerusform>%n learning record waits to be sent.</numerusform>
            <numerusform>%n learning records wait to be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: records will be sent when the network returns.</source>
        <translation>Offline: records will be sent when the network returns.</translation>
    </message>
    <message>
        <source>Waiting for an unmetered network (see the settings).</source>
        <translation>Waiting for an unmetered network (see the settings).</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>The last sync did not succeed.</source>
        <translation>The last sync did not succeed.</translation>
    </message>
    <message>
        <source>Open a profile to set its account.</source>
        <translation>Open a profile to set its account.</translation>
    </message>
    <message>
        <source>No account: records stay on this device.</source>
        <translation>No account: records stay on this device.</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring.</source>
        <translation>The password is kept in the system keyring.</translation>
    </message>
    <message>
        <source>The password is kept in a file only you can read.</source>
        <translation>The password is kept in a file only you can read.</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>Type the password.</translation>
    </message>
</context>
<context>
    <name>UnitError</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <extracomment>(unit, parent) -&gt; the content view of that unit; None when the factory has none for it.</extracomment>
        <translation>%1 cannot be opened: %2</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>Repair this course</source>
        <translation>Repair this course</translation>
    </message>
    <message>
        <source>Your progress could not be saved: {reason}</source>
        <translation>Your progress could not be saved: {reason}</translation>
    </message>
    <message>
        <source>A file of this course is missing from this computer ({name}).</source>
        <translation>A file of this course is missing from this computer ({name}).</translation>
    </message>
    <message>
        <source>A file of this course is damaged ({name}).</source>
        <translation>A file of this course is damaged ({name}).</translation>
    </message>
    <message>
        <source>A file of this course cannot be read ({name}).</source>
        <translation>A file of this course cannot be read ({name}).</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>Video: {title}</source>
        <translation>Video: {title}</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Position in the video</translation>
    </message>
    <message>
        <source>Position (Left/Right: 5 s, J/L: 10 s)</source>
        <translation>Position (Left/Right: 5 s, J/L: 10 s)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>Playback speed ([ slower, ] faster)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Volume (Up/Down)</source>
        <translation>Volume (Up/Down)</translation>
    </message>
    <message>
        <source>Subtitles off</source>
        <translation>Subtitles off</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Subtitles</translation>
    </message>
    <message>
        <source>Subtitles (C: on/off)</source>
        <translation>Subtitles (C: on/off)</translation>
    </message>
    <message>
        <source>Video quality</source>
        <translation>Video quality</translation>
    </message>
    <message>
        <source>Video quality: a smaller picture plays on slower computers</source>
        <translation>Video quality: a smaller picture plays on slower computers</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>{action} (Space)</source>
        <translation>{action} (Space)</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>{action} (M)</source>
        <translation>{action} (M)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>The video cannot be played: its file may be damaged ({detail}).</source>
        <translation>The video cannot be played: its file may be damaged ({detail}).</translation>
    </message>
    <message>
        <source>unknown decoder error</source>
        <translation>unknown decoder error</translation>
    </message>
    <message>
        <source>{time} of {length}</source>
        <translation>{time} of {length}</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Watched: {percent}</source>
        <translation>Watched: {percent}</translation>
    </message>
    <message>
        <source>Subtitles in {label} cannot be shown: {reason}</source>
        <translation>Subtitles in {label} cannot be shown: {reason}</translation>
    </message>
</context>
</TS>
