<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnswerWords</name>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>%2 cannot open your learning records, so it stops here: %1</source>
        <translation>%2 cannot open your learning records, so it stops here: %1</translation>
    </message>
</context>
<context>
    <name>Assessment</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>less than a minute</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 h %2 min %3 s</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Submitted — waiting for the result</source>
        <translation>Submitted — waiting for the result</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Passed (%1)</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Not passed (%1)</source>
        <translation>Not passed (%1)</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Not passed</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Go back</translation>
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
    <message>
        <source>%1, update available: version %2</source>
        <translation>%1, update available: version %2</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>To download</source>
        <translation>To download</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>up to %1</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Not updatable: signed with another key</source>
        <translation>Not updatable: signed with another key</translation>
    </message>
    <message>
        <source>Not trusted</source>
        <translation>Not trusted</translation>
    </message>
    <message>
        <source>Not installable: key for another course</source>
        <translation>Not installable: key for another course</translation>
    </message>
    <message>
        <source>Not installable: earlier demo key</source>
        <translation>Not installable: earlier demo key</translation>
    </message>
    <message>
        <source>Unsigned</source>
        <translation>Unsigned</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>Update available</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Not installed</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <source>All languages</source>
        <translation>All languages</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Downloading: see Downloads.</source>
        <translation>Downloading: see Downloads.</translation>
    </message>
    <message>
        <source>Installed (version %1).</source>
        <translation>Installed (version %1).</translation>
    </message>
    <message>
        <source>This version is signed by a publisher %1 does not trust (key %2), so it cannot be installed. If your institution gave you its key file, add it in Settings (Trusted keys).</source>
        <translation>This version is signed by a publisher %1 does not trust (key %2), so it cannot be installed. If your institution gave you its key file, add it in Settings (Trusted keys).</translation>
    </message>
    <message>
        <source>The installed version is signed by its publisher; this version is signed by a different publisher, so %1 will not replace it. To install it, remove the course first.</source>
        <translation>The installed version is signed by its publisher; this version is signed by a different publisher, so %1 will not replace it. To install it, remove the course first.</translation>
    </message>
    <message>
        <source>The installed version of “%1” is signed by its publisher; this copy is not signed, so %2 will not replace it.</source>
        <translation>The installed version of “%1” is signed by its publisher; this copy is not signed, so %2 will not replace it.</translation>
    </message>
    <message>
        <source>Version %1 is installed. The update downloads only the changed files: %2.</source>
        <translation>Version %1 is installed. The update downloads only the changed files: %2.</translation>
    </message>
    <message>
        <source>Not signed: %1 accepts only signed courses. Ask your institution for a signed copy.</source>
        <translation>Not signed: %1 accepts only signed courses. Ask your institution for a signed copy.</translation>
    </message>
    <message>
        <source>This version is signed with another key than the installed version, so %1 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then install it from here.</source>
        <translation>This version is signed with another key than the installed version, so %1 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then install it from here.</translation>
    </message>
    <message>
        <source>This version is signed with a key %1 accepts only for another course, so it cannot be installed. Tell its publisher.</source>
        <translation>This version is signed with a key %1 accepts only for another course, so it cannot be installed. Tell its publisher.</translation>
    </message>
    <message>
        <source>This version is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</source>
        <translation>This version is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</translation>
    </message>
    <message>
        <source>This course is not signed: nobody can check who made it or that it was not changed. Installed, it is marked “Unverified”. To copy: %1.</source>
        <translation>This course is not signed: nobody can check who made it or that it was not changed. Installed, it is marked “Unverified”. To copy: %1.</translation>
    </message>
    <message>
        <source>To download: %1.</source>
        <translation>To download: %1.</translation>
    </message>
    <message>
        <source>&amp;Install as unverified…</source>
        <translation>&amp;Install as unverified…</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Update</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Download</translation>
    </message>
    <message>
        <source>Fetching the catalogs…</source>
        <translation>Fetching the catalogs…</translation>
    </message>
    <message>
        <source>%1 is unavailable: %2</source>
        <translation>%1 is unavailable: %2</translation>
    </message>
    <message>
        <source>%1 could not be refreshed: %2 Showing the copy of %3.</source>
        <translation>%1 could not be refreshed: %2 Showing the copy of %3.</translation>
    </message>
    <message>
        <source>%1: this catalog could not be saved on this computer; without a network it will be missing or out of date.</source>
        <translation>%1: this catalog could not be saved on this computer; without a network it will be missing or out of date.</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not a catalog.</source>
        <translation>the server&apos;s answer is not a catalog.</translation>
    </message>
    <message>
        <source>this folder holds no catalog that can be read.</source>
        <translation>this folder holds no catalog that can be read.</translation>
    </message>
    <message>
        <source>this catalog cannot be used.</source>
        <translation>this catalog cannot be used.</translation>
    </message>
    <message>
        <source>No catalog yet. Add the address of a catalog, or a folder holding one (a USB stick), in Settings.</source>
        <translation>No catalog yet. Add the address of a catalog, or a folder holding one (a USB stick), in Settings.</translation>
    </message>
    <message>
        <source>The catalogs offer no course.</source>
        <translation>The catalogs offer no course.</translation>
    </message>
    <message>
        <source>No course matches this search.</source>
        <translation>No course matches this search.</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Library</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>Search courses (Ctrl+F)</source>
        <translation>Search courses (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Search the catalog</translation>
    </message>
    <message>
        <source>Language of the courses</source>
        <translation>Language of the courses</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Fetch the catalogs again (F5)</source>
        <translation>Fetch the catalogs again (F5)</translation>
    </message>
    <message>
        <source>Courses offered</source>
        <translation>Courses offered</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
</context>
<context>
    <name>CatalogsTab</name>
    <message>
        <source>%1 (your institution&apos;s)</source>
        <translation>%1 (your institution&apos;s)</translation>
    </message>
    <message>
        <source>Reading the catalog…</source>
        <translation>Reading the catalog…</translation>
    </message>
    <message>
        <source>Added, though it cannot be reached now: the catalog page shows its courses once it can.</source>
        <translation>Added, though it cannot be reached now: the catalog page shows its courses once it can.</translation>
    </message>
    <message>
        <source>Added. The catalog page shows its courses.</source>
        <translation>Added. The catalog page shows its courses.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n other keys sign courses refused here.</source>
        <translation>
            <numerusform>…and %n other key signs courses refused here.</numerusform>
            <numerusform>…and %n other keys sign courses refused here.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not check which keys sign its courses: its downloads will say it.</source>
        <translation>%1 could not check which keys sign its courses: its downloads will say it.</translation>
    </message>
    <message numerus="yes">
        <source>Key %1, which %2 does not trust, signs %n courses of this catalog (%3): their downloads will be refused. If your institution gave you its key file, add it in the Trusted keys tab.</source>
        <translation>
            <numerusform>Key %1, which %2 does not trust, signs %n course of this catalog (%3): its download will be refused. If your institution gave you its key file, add it in the Trusted keys tab.</numerusform>
            <numerusform>Key %1, which %2 does not trust, signs %n courses of this catalog (%3): their downloads will be refused. If your institution gave you its key file, add it in the Trusted keys tab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Key %1, which %2 accepts only for another course, signs %n courses of this catalog (%3): they cannot be installed. Tell its publisher.</source>
        <translation>
            <numerusform>Key %1, which %2 accepts only for another course, signs %n course of this catalog (%3): it cannot be installed. Tell its publisher.</numerusform>
            <numerusform>Key %1, which %2 accepts only for another course, signs %n courses of this catalog (%3): they cannot be installed. Tell its publisher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Key %1, an earlier key of the demo course, which %2 no longer accepts, signs %n courses of this catalog (%3): they cannot be installed.</source>
        <translation>
            <numerusform>Key %1, an earlier key of the demo course, which %2 no longer accepts, signs %n course of this catalog (%3): it cannot be installed.</numerusform>
            <numerusform>Key %1, an earlier key of the demo course, which %2 no longer accepts, signs %n courses of this catalog (%3): they cannot be installed.</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder holding a catalog (catalog.json)</source>
        <translation>A folder holding a catalog (catalog.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n courses</source>
        <translation>
            <numerusform>%n course</numerusform>
            <numerusform>%n courses</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Looking for computers sharing courses on this network…</source>
        <translation>Looking for computers sharing courses on this network…</translation>
    </message>
    <message numerus="yes">
        <source>Found %n computers sharing courses: choose one, then add it.</source>
        <translation>
            <numerusform>Found %n computer sharing courses: choose it, then add it.</numerusform>
            <numerusform>Found %n computers sharing courses: choose one, then add it.</numerusform>
        </translation>
    </message>
    <message>
        <source>No computer sharing courses answered. The sharing computer must be on this same network and sharing now; a firewall, or a Wi-Fi network that blocks the search, can also hide it: then type the address it shows in the field above.</source>
        <translation>No computer sharing courses answered. The sharing computer must be on this same network and sharing now; a firewall, or a Wi-Fi network that blocks the search, can also hide it: then type the address it shows in the field above.</translation>
    </message>
    <message>
        <source>Courses are offered by catalogs: a web address, or a folder holding a catalog.json (a USB stick, a shared drive).</source>
        <translation>Courses are offered by catalogs: a web address, or a folder holding a catalog.json (a USB stick, a shared drive).</translation>
    </message>
    <message>
        <source>Catalogs</source>
        <translation>Catalogs</translation>
    </message>
    <message>
        <source>Addre&amp;ss or folder of a catalog:</source>
        <translation>Addre&amp;ss or folder of a catalog:</translation>
    </message>
    <message>
        <source>https://… or a folder</source>
        <translation>https://… or a folder</translation>
    </message>
    <message>
        <source>Address or folder of a catalog</source>
        <translation>Address or folder of a catalog</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Add a &amp;folder…</source>
        <translation>Add a &amp;folder…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Fi&amp;nd computers sharing courses nearby</source>
        <translation>Fi&amp;nd computers sharing courses nearby</translation>
    </message>
    <message>
        <source>Computers sharing courses</source>
        <translation>Computers sharing courses</translation>
    </message>
    <message>
        <source>Add &amp;this computer</source>
        <translation>Add &amp;this computer</translation>
    </message>
</context>
<context>
    <name>CourseCard</name>
    <message numerus="yes">
        <source>%n of %1 units done · %2 studied</source>
        <translation>
            <numerusform>%n of %1 units done · %2 studied</numerusform>
            <numerusform>%n of %1 units done · %2 studied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseRemoval</name>
    <message>
        <source>Another course is being removed: wait until “%1” is removed, then try again.</source>
        <translation>Another course is being removed: wait until “%1” is removed, then try again.</translation>
    </message>
    <message>
        <source>Its files are deleted for every profile on this computer.</source>
        <translation>Its files are deleted for every profile on this computer.</translation>
    </message>
    <message>
        <source>This frees %1 of disk space.</source>
        <translation>This frees %1 of disk space.</translation>
    </message>
    <message>
        <source>This frees no disk space: other courses or downloads use the same files.</source>
        <translation>This frees no disk space: other courses or downloads use the same files.</translation>
    </message>
    <message>
        <source>Everyone&apos;s learning records and progress in it are kept: they come back if the course is installed again, from the course catalog or a course file.</source>
        <translation>Everyone&apos;s learning records and progress in it are kept: they come back if the course is installed again, from the course catalog or a course file.</translation>
    </message>
    <message>
        <source>This is the demo course: %3 will not install it again by itself. To get it back, import the folder %1 (%2).</source>
        <translation>This is the demo course: %3 will not install it again by itself. To get it back, import the folder %1 (%2).</translation>
    </message>
    <message>
        <source>Remove course</source>
        <translation>Remove course</translation>
    </message>
    <message>
        <source>Remove “%1” from this computer?</source>
        <translation>Remove “%1” from this computer?</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Removing %1…</translation>
    </message>
    <message>
        <source>“%1” was already removed.</source>
        <translation>“%1” was already removed.</translation>
    </message>
    <message>
        <source>Removed: %1. %2 of disk space freed.</source>
        <translation>Removed: %1. %2 of disk space freed.</translation>
    </message>
    <message>
        <source>Removed: %1.</source>
        <translation>Removed: %1.</translation>
    </message>
    <message>
        <source>“%1” was not removed: another %2 on this computer is installing or updating it. Try again once it has finished.</source>
        <translation>“%1” was not removed: another %2 on this computer is installing or updating it. Try again once it has finished.</translation>
    </message>
    <message>
        <source>“%1” could not be removed: this computer refused to change its files. The details say what went wrong.</source>
        <translation>“%1” could not be removed: this computer refused to change its files. The details say what went wrong.</translation>
    </message>
    <message>
        <source>“%1” is being downloaded: cancel its download in Downloads (Ctrl+J) first, then remove it.</source>
        <translation>“%1” is being downloaded: cancel its download in Downloads (Ctrl+J) first, then remove it.</translation>
    </message>
    <message>
        <source>“%1” is being exported: wait until its export has finished, then remove it.</source>
        <translation>“%1” is being exported: wait until its export has finished, then remove it.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then remove the course.</source>
        <translation>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then remove the course.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: remove the course once it is submitted or its time has run out.</source>
        <translation>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: remove the course once it is submitted or its time has run out.</translation>
    </message>
</context>
<context>
    <name>CourseView</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Module %1: %2, %n of %3 units done</source>
        <translation>
            <numerusform>Module %1: %2, %n of %3 units done</numerusform>
            <numerusform>Module %1: %2, %n of %3 units done</numerusform>
        </translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>Time is up</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Time left: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 units done</source>
        <translation>
            <numerusform>%n of %1 units done</numerusform>
            <numerusform>%n of %1 units done</numerusform>
        </translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Course progress</translation>
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
        <source>Back to the library ({key})</source>
        <translation>Back to the library ({key})</translation>
    </message>
    <message>
        <source>Previous unit ({key})</source>
        <translation>Previous unit ({key})</translation>
    </message>
    <message>
        <source>Next unit ({key})</source>
        <translation>Next unit ({key})</translation>
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
        <source>Next →</source>
        <translation>Next →</translation>
    </message>
    <message>
        <source>Next unit</source>
        <translation>Next unit</translation>
    </message>
    <message>
        <source>Unit content</source>
        <translation>Unit content</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>%1 (module %2, %3)</source>
        <translation>%1 (module %2, %3)</translation>
    </message>
    <message>
        <source>Finish the exam “%1”</source>
        <translation>Finish the exam “%1”</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>Continue “%1”: %2</source>
        <translation>Continue “%1”: %2</translation>
    </message>
    <message>
        <source>Start “%1”: %2</source>
        <translation>Start “%1”: %2</translation>
    </message>
    <message>
        <source>“%1” cannot be completed: every attempt of “%2” is used. Ask your teacher.</source>
        <translation>“%1” cannot be completed: every attempt of “%2” is used. Ask your teacher.</translation>
    </message>
    <message>
        <source>%1: in progress</source>
        <translation>%1: in progress</translation>
    </message>
    <message>
        <source>%1: not taken yet</source>
        <translation>%1: not taken yet</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>not passed, no attempt left</source>
        <translation>not passed, no attempt left</translation>
    </message>
    <message>
        <source>not passed yet</source>
        <translation>not passed yet</translation>
    </message>
    <message>
        <source>%1: best %2 (%3), pass mark %4</source>
        <translation>%1: best %2 (%3), pass mark %4</translation>
    </message>
    <message>
        <source>attempts: %1</source>
        <translation>attempts: %1</translation>
    </message>
    <message>
        <source>%1: not taken yet (%2 attempts allowed)</source>
        <translation>%1: not taken yet (%2 attempts allowed)</translation>
    </message>
    <message>
        <source>%1, attempt %2: %3</source>
        <translation>%1, attempt %2: %3</translation>
    </message>
    <message>
        <source>Time studied per day, last 4 weeks</source>
        <translation>Time studied per day, last 4 weeks</translation>
    </message>
    <message>
        <source>Today: %1. Last 7 days: %2. Last 4 weeks: %3.</source>
        <translation>Today: %1. Last 7 days: %2. Last 4 weeks: %3.</translation>
    </message>
    <message>
        <source>No study time yet</source>
        <translation>No study time yet</translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Course progress</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Last 7 days: %1 · last 4 weeks: %2</source>
        <translation>Last 7 days: %1 · last 4 weeks: %2</translation>
    </message>
    <message>
        <source>Not started yet: %1</source>
        <translation>Not started yet: %1</translation>
    </message>
    <message>
        <source>You have not started a course yet.</source>
        <translation>You have not started a course yet.</translation>
    </message>
    <message>
        <source>%1 studied</source>
        <translation>%1 studied</translation>
    </message>
    <message>
        <source>%1: best %2</source>
        <translation>%1: best %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Still to do: %1</source>
        <translation>Still to do: %1</translation>
    </message>
    <message>
        <source>Course completed.</source>
        <translation>Course completed.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Library</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Back to the library</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Progress of %1</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>What to do next</translation>
    </message>
    <message>
        <source>Nothing waits for you: well done.</source>
        <translation>Nothing waits for you: well done.</translation>
    </message>
    <message>
        <source>No course is installed yet: get one from your institution&apos;s catalog, or import it from a USB stick or a file.</source>
        <translation>No course is installed yet: get one from your institution&apos;s catalog, or import it from a USB stick or a file.</translation>
    </message>
    <message>
        <source>&amp;Get courses…</source>
        <translation>&amp;Get courses…</translation>
    </message>
    <message>
        <source>Time studied</source>
        <translation>Time studied</translation>
    </message>
    <message>
        <source>Your courses</source>
        <translation>Your courses</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>%1, %2</source>
        <comment>a date, then a time of day</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>the course was changed after it was signed, or its signature is damaged, so it cannot be installed. Tell its publisher, and try again once they have published a correct copy.</source>
        <translation>the course was changed after it was signed, or its signature is damaged, so it cannot be installed. Tell its publisher, and try again once they have published a correct copy.</translation>
    </message>
    <message>
        <source>this course is not signed, so it cannot be installed here. Ask your institution for a signed copy.</source>
        <translation>this course is not signed, so it cannot be installed here. Ask your institution for a signed copy.</translation>
    </message>
    <message>
        <source>it is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</source>
        <translation>it is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</translation>
    </message>
    <message>
        <source>this version is signed with another key than the installed one, so it cannot replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then download it again.</source>
        <translation>this version is signed with another key than the installed one, so it cannot replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then download it again.</translation>
    </message>
    <message>
        <source>another %1 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</source>
        <translation>another %1 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</translation>
    </message>
    <message>
        <source>the folder where %1 keeps its files cannot lock them (a network folder), so two downloads could damage each other&apos;s files. Keep the files of %1 on a disk of this computer.</source>
        <translation>the folder where %1 keeps its files cannot lock them (a network folder), so two downloads could damage each other&apos;s files. Keep the files of %1 on a disk of this computer.</translation>
    </message>
    <message>
        <source>%1 — update to version %2</source>
        <translation>%1 — update to version %2</translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation>%1 — version %2</translation>
    </message>
    <message>
        <source>Downloaded: %1%</source>
        <translation>Downloaded: %1%</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pa&amp;use</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ca&amp;ncel</translation>
    </message>
    <message>
        <source>Checking the course…</source>
        <translation>Checking the course…</translation>
    </message>
    <message>
        <source>Waiting for its turn</source>
        <translation>Waiting for its turn</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>No network: the download continues by itself when it is back.</source>
        <translation>No network: the download continues by itself when it is back.</translation>
    </message>
    <message>
        <source>Waiting to try again: %1</source>
        <translation>Waiting to try again: %1</translation>
    </message>
    <message>
        <source>Waiting for the download hours set in Settings.</source>
        <translation>Waiting for the download hours set in Settings.</translation>
    </message>
    <message>
        <source>Waiting for a connection that is not metered (see Settings).</source>
        <translation>Waiting for a connection that is not metered (see Settings).</translation>
    </message>
    <message>
        <source>Downloaded: installs by itself once the exam in progress in this course is submitted or its time has run out.</source>
        <translation>Downloaded: installs by itself once the exam in progress in this course is submitted or its time has run out.</translation>
    </message>
    <message>
        <source>Installing…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>there is not enough free space on this computer for the course.</source>
        <translation>there is not enough free space on this computer for the course.</translation>
    </message>
    <message>
        <source>the course could not be written to the disk.</source>
        <translation>the course could not be written to the disk.</translation>
    </message>
    <message>
        <source>the course is not signed by a publisher this computer trusts. If your institution gave you its key file, add it in Settings (Trusted keys), then download the course again.</source>
        <translation>the course is not signed by a publisher this computer trusts. If your institution gave you its key file, add it in Settings (Trusted keys), then download the course again.</translation>
    </message>
    <message>
        <source>it is signed with a key this computer accepts only for another course, so it cannot be installed. Tell its publisher.</source>
        <translation>it is signed with a key this computer accepts only for another course, so it cannot be installed. Tell its publisher.</translation>
    </message>
    <message>
        <source>this version is signed by a different publisher than the installed one, so it cannot replace it. To install it, remove the course first.</source>
        <translation>this version is signed by a different publisher than the installed one, so it cannot replace it. To install it, remove the course first.</translation>
    </message>
    <message>
        <source>a file of the course is missing on the server.</source>
        <translation>a file of the course is missing on the server.</translation>
    </message>
    <message>
        <source>a file of the course arrived damaged, again and again.</source>
        <translation>a file of the course arrived damaged, again and again.</translation>
    </message>
    <message>
        <source>this version of the course was published again since the download began. Press Download in the Catalog to get it: what was already downloaded is kept.</source>
        <translation>this version of the course was published again since the download began. Press Download in the Catalog to get it: what was already downloaded is kept.</translation>
    </message>
    <message>
        <source>the server could not be reached.</source>
        <translation>the server could not be reached.</translation>
    </message>
    <message>
        <source>the server answered in a way %1 cannot use.</source>
        <translation>the server answered in a way %1 cannot use.</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>unknown reason</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>less than a minute left</translation>
    </message>
    <message numerus="yes">
        <source>about %n minutes left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hours left</source>
        <translation>
            <numerusform>about %n hour left</numerusform>
            <numerusform>about %n hours left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsIndicator</name>
    <message>
        <source>Download failed: %1</source>
        <translation>Download failed: %1</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %1% · %n failed</source>
        <translation>
            <numerusform>Downloading %1% · %n failed</numerusform>
            <numerusform>Downloading %1% · %n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading %1%</source>
        <translation>Downloading %1%</translation>
    </message>
    <message>
        <source>Downloads wait for the server</source>
        <translation>Downloads wait for the server</translation>
    </message>
    <message>
        <source>Downloads wait for the network</source>
        <translation>Downloads wait for the network</translation>
    </message>
    <message>
        <source>Downloads wait (see Settings)</source>
        <translation>Downloads wait (see Settings)</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads failed</source>
        <translation>
            <numerusform>%n download failed</numerusform>
            <numerusform>%n downloads failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloads paused</source>
        <translation>Downloads paused</translation>
    </message>
    <message>
        <source>An update waits for an exam</source>
        <translation>An update waits for an exam</translation>
    </message>
    <message>
        <source>Updates wait for an exam</source>
        <translation>Updates wait for an exam</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads</source>
        <translation>
            <numerusform>%n download</numerusform>
            <numerusform>%n downloads</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Downloads ({key})</source>
        <translation>Open Downloads ({key})</translation>
    </message>
</context>
<context>
    <name>DownloadsTab</name>
    <message numerus="yes">
        <source>Every %n hours at most, each catalog is asked whether it changed: a few hundred bytes when it did not, never on a metered connection when downloads wait for an unmetered one. A course with a newer version says “Update available” in the library; nothing is downloaded until you update it.</source>
        <translation>
            <numerusform>Every %n hour at most, each catalog is asked whether it changed: a few hundred bytes when it did not, never on a metered connection when downloads wait for an unmetered one. A course with a newer version says “Update available” in the library; nothing is downloaded until you update it.</numerusform>
            <numerusform>Every %n hours at most, each catalog is asked whether it changed: a few hundred bytes when it did not, never on a metered connection when downloads wait for an unmetered one. A course with a newer version says “Update available” in the library; nothing is downloaded until you update it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Cancel the download</source>
        <translation>Cancel the download</translation>
    </message>
    <message>
        <source>Cancel the download of “%1”? What was downloaded so far is deleted.</source>
        <translation>Cancel the download of “%1”? What was downloaded so far is deleted.</translation>
    </message>
    <message>
        <source>Limited to %1/s</source>
        <translation>Limited to %1/s</translation>
    </message>
    <message>
        <source>No speed limit</source>
        <translation>No speed limit</translation>
    </message>
    <message>
        <source>Only between %1</source>
        <translation>Only between %1</translation>
    </message>
    <message>
        <source>Only on unmetered connections</source>
        <translation>Only on unmetered connections</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Library</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>C&amp;atalog</source>
        <translation>C&amp;atalog</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>No download in progress. Courses are downloaded from the Catalog.</source>
        <translation>No download in progress. Courses are downloaded from the Catalog.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Unexpected problem</source>
        <translation>Unexpected problem</translation>
    </message>
    <message>
        <source>Something went wrong. %1 keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</source>
        <translation>Something went wrong. %1 keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</translation>
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
    <name>ExamView</name>
    <message>
        <source>your institution</source>
        <translation>your institution</translation>
    </message>
    <message>
        <source>Exams cannot be taken here: the records are unavailable.</source>
        <translation>Exams cannot be taken here: the records are unavailable.</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <source>No time limit</source>
        <translation>No time limit</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message>
        <source>Pass mark: %1</source>
        <translation>Pass mark: %1</translation>
    </message>
    <message>
        <source>Attempts left: %1 of %2</source>
        <translation>Attempts left: %1 of %2</translation>
    </message>
    <message>
        <source>Your answers are sent to %1 for grading. Your result appears here once %1 has graded them.</source>
        <translation>Your answers are sent to %1 for grading. Your result appears here once %1 has graded them.</translation>
    </message>
    <message>
        <source>Each answer is saved as you give it; you may change it until you submit.</source>
        <translation>Each answer is saved as you give it; you may change it until you submit.</translation>
    </message>
    <message>
        <source>If the computer stops, you continue where you were.</source>
        <translation>If the computer stops, you continue where you were.</translation>
    </message>
    <message>
        <source>The clock starts when you start and does not stop, even if you close %1. When the time is up, the answers saved are submitted.</source>
        <translation>The clock starts when you start and does not stop, even if you close %1. When the time is up, the answers saved are submitted.</translation>
    </message>
    <message>
        <source>Your last attempt is waiting for its result.</source>
        <translation>Your last attempt is waiting for its result.</translation>
    </message>
    <message>
        <source>You passed this exam.</source>
        <translation>You passed this exam.</translation>
    </message>
    <message>
        <source>You have used every attempt of this exam.</source>
        <translation>You have used every attempt of this exam.</translation>
    </message>
    <message>
        <source>&amp;Start the exam</source>
        <translation>&amp;Start the exam</translation>
    </message>
    <message>
        <source>&amp;Start a new attempt</source>
        <translation>&amp;Start a new attempt</translation>
    </message>
    <message>
        <source>Start the exam</source>
        <translation>Start the exam</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;All your answers</source>
        <translation>&amp;All your answers</translation>
    </message>
    <message>
        <source>Attempt %1 · question %2 of %3 · %4 answered</source>
        <translation>Attempt %1 · question %2 of %3 · %4 answered</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>✓ All answers saved</source>
        <translation>✓ All answers saved</translation>
    </message>
    <message>
        <source>The time left of this attempt; it keeps running while %1 is closed.</source>
        <translation>The time left of this attempt; it keeps running while %1 is closed.</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Time left: %1</translation>
    </message>
    <message>
        <source>Less than %1 left: check your answers and submit.</source>
        <translation>Less than %1 left: check your answers and submit.</translation>
    </message>
    <message>
        <source>Less than a minute left: submit now, or your answers are submitted as they are when the time is up.</source>
        <translation>Less than a minute left: submit now, or your answers are submitted as they are when the time is up.</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>not answered</translation>
    </message>
    <message>
        <source>Review your answers</source>
        <translation>Review your answers</translation>
    </message>
    <message>
        <source>Your submitted answers</source>
        <translation>Your submitted answers</translation>
    </message>
    <message>
        <source>%1 of %2 questions answered.</source>
        <translation>%1 of %2 questions answered.</translation>
    </message>
    <message>
        <source>Choose a question to change its answer, or submit the exam to %1.</source>
        <translation>Choose a question to change its answer, or submit the exam to %1.</translation>
    </message>
    <message>
        <source>Questions and your answers</source>
        <translation>Questions and your answers</translation>
    </message>
    <message>
        <source>&amp;Back to the questions</source>
        <translation>&amp;Back to the questions</translation>
    </message>
    <message>
        <source>Submit your answers to %1? You cannot change them afterwards.</source>
        <translation>Submit your answers to %1? You cannot change them afterwards.</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered.</source>
        <translation>
            <numerusform>%n question is not answered.</numerusform>
            <numerusform>%n questions are not answered.</numerusform>
        </translation>
    </message>
    <message>
        <source>Submit the exam</source>
        <translation>Submit the exam</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <source>%1 — attempt %2</source>
        <translation>%1 — attempt %2</translation>
    </message>
    <message>
        <source>&amp;Back to the results</source>
        <translation>&amp;Back to the results</translation>
    </message>
    <message>
        <source>Time is up. The answers saved in time were submitted.</source>
        <translation>Time is up. The answers saved in time were submitted.</translation>
    </message>
    <message>
        <source>This attempt was already submitted, from another %1 window or because its time ran out. The answers saved before then were submitted.</source>
        <translation>This attempt was already submitted, from another %1 window or because its time ran out. The answers saved before then were submitted.</translation>
    </message>
    <message>
        <source>Your time ran out while you were away from the exam. The answers saved before then were submitted.</source>
        <translation>Your time ran out while you were away from the exam. The answers saved before then were submitted.</translation>
    </message>
    <message>
        <source>The last sync could not read your results from the institution&apos;s server. Open the Sync panel to see why.</source>
        <translation>The last sync could not read your results from the institution&apos;s server. Open the Sync panel to see why.</translation>
    </message>
    <message>
        <source>%1 refused the user name or password of this profile&apos;s account, so your answers are kept on this computer. To send them, correct the account with %2. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>%1 refused the user name or password of this profile&apos;s account, so your answers are kept on this computer. To send them, correct the account with %2. Once %1 has graded them, your result appears here after the next sync.</translation>
    </message>
    <message>
        <source>Your answers are sent to %1 as soon as this computer is online. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>Your answers are sent to %1 as soon as this computer is online. Once %1 has graded them, your result appears here after the next sync.</translation>
    </message>
    <message>
        <source>This profile has no account with %1 yet, so your answers are kept on this computer. To send them, add an account with %2. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>This profile has no account with %1 yet, so your answers are kept on this computer. To send them, add an account with %2. Once %1 has graded them, your result appears here after the next sync.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Your result comes back once %1 accepts this profile&apos;s account: correct it with %2.</source>
        <translation>Your answers reached %1. Your result comes back once %1 accepts this profile&apos;s account: correct it with %2.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>Your answers reached %1. Once %1 has graded them, your result appears here after the next sync.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Your result comes back once this profile has an account with %1: add it with %2.</source>
        <translation>Your answers reached %1. Your result comes back once this profile has an account with %1: add it with %2.</translation>
    </message>
    <message>
        <source>Graded by %1. The pass mark is %2.</source>
        <translation>Graded by %1. The pass mark is %2.</translation>
    </message>
    <message>
        <source>Your score: %1. The pass mark is %2. Graded by %3.</source>
        <translation>Your score: %1. The pass mark is %2. Graded by %3.</translation>
    </message>
    <message>
        <source>Attempt %1: %2</source>
        <translation>Attempt %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Attempts left: %n</source>
        <translation>
            <numerusform>Attempts left: %n</numerusform>
            <numerusform>Attempts left: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>See your &amp;answers</source>
        <translation>See your &amp;answers</translation>
    </message>
    <message>
        <source>Attempt %1</source>
        <translation>Attempt %1</translation>
    </message>
    <message>
        <source>Attempt %1, submitted %2</source>
        <translation>Attempt %1, submitted %2</translation>
    </message>
    <message>
        <source>Your exam is still running and its clock does not stop: %1 left. Come back to it from the course outline to finish and submit it.</source>
        <translation>Your exam is still running and its clock does not stop: %1 left. Come back to it from the course outline to finish and submit it.</translation>
    </message>
    <message>
        <source>Your exam attempt was already submitted (in another %1 window or when its time ran out) and is waiting for its result; your last answer was not saved.</source>
        <translation>Your exam attempt was already submitted (in another %1 window or when its time ran out) and is waiting for its result; your last answer was not saved.</translation>
    </message>
    <message>
        <source>Start attempt %1 now? Attempts left after it: %2.</source>
        <translation>Start attempt %1 now? Attempts left after it: %2.</translation>
    </message>
    <message>
        <source>You will have %1; the clock does not stop, even if you close %2.</source>
        <translation>You will have %1; the clock does not stop, even if you close %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts left if this one is not passed.</source>
        <translation>
            <numerusform>%n attempt left if this one is not passed.</numerusform>
            <numerusform>%n attempts left if this one is not passed.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation>&amp;Next question</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>Previous question</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Next question</translation>
    </message>
    <message>
        <source>&amp;Review and submit…</source>
        <translation>&amp;Review and submit…</translation>
    </message>
    <message>
        <source>This profile has no account with %1 yet: your answers will stay on this computer until you add one with %2. Your result appears here once %1 has graded them.</source>
        <translation>This profile has no account with %1 yet: your answers will stay on this computer until you add one with %2. Your result appears here once %1 has graded them.</translation>
    </message>
    <message>
        <source>Pre&amp;vious question</source>
        <translation>Pre&amp;vious question</translation>
    </message>
    <message>
        <source>&amp;Submit the exam…</source>
        <translation>&amp;Submit the exam…</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in these slides</source>
        <translation>Find in these slides</translation>
    </message>
    <message>
        <source>Find in this reading</source>
        <translation>Find in this reading</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Close the find bar</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>{position} of {count}</source>
        <translation>{position} of {count}</translation>
    </message>
</context>
<context>
    <name>FolderMissingBox</name>
    <message>
        <source>The folder %1, which holds your Cartable folder, is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</source>
        <translation>The folder %1, which holds your Cartable folder, is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</translation>
    </message>
    <message>
        <source>Your Cartable folder %1 is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</source>
        <translation>Your Cartable folder %1 is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</translation>
    </message>
    <message>
        <source>The folder %1, which holds your Cartable folder, is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>The folder %1, which holds your Cartable folder, is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</translation>
    </message>
    <message>
        <source>Your Cartable folder %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>Your Cartable folder %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GettingCourses</name>
    <message>
        <source>Download started: see Downloads (Ctrl+J).</source>
        <translation>Download started: see Downloads (Ctrl+J).</translation>
    </message>
    <message>
        <source>Download failed: %1. See Downloads (Ctrl+J).</source>
        <translation>Download failed: %1. See Downloads (Ctrl+J).</translation>
    </message>
    <message>
        <source>Updated: %1, from version %2 to %3. Your progress is kept.</source>
        <translation>Updated: %1, from version %2 to %3. Your progress is kept.</translation>
    </message>
    <message>
        <source>Installed: %1 (version %2).</source>
        <translation>Installed: %1 (version %2).</translation>
    </message>
    <message>
        <source>No disk space was freed: course files no longer needed were kept.</source>
        <translation>No disk space was freed: course files no longer needed were kept.</translation>
    </message>
    <message>
        <source>Import a course</source>
        <translation>Import a course</translation>
    </message>
    <message>
        <source>Cartable courses (*.cartable)</source>
        <translation>Cartable courses (*.cartable)</translation>
    </message>
    <message>
        <source>A folder holding courses (a USB stick, a shared drive)</source>
        <translation>A folder holding courses (a USB stick, a shared drive)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>Imported: %1.</translation>
    </message>
    <message>
        <source>Imported as unverified: %1.</source>
        <translation>Imported as unverified: %1.</translation>
    </message>
    <message>
        <source>another %1 on this computer is busy with it. Try again once it has finished.</source>
        <translation>another %1 on this computer is busy with it. Try again once it has finished.</translation>
    </message>
    <message>
        <source>another %1 installed a version of it meanwhile, which is kept.</source>
        <translation>another %1 installed a version of it meanwhile, which is kept.</translation>
    </message>
    <message>
        <source>The installed version of “%2” is signed by its publisher; “%1” is not signed, so %3 will not replace it.</source>
        <translation>The installed version of “%2” is signed by its publisher; “%1” is not signed, so %3 will not replace it.</translation>
    </message>
    <message>
        <source>“%1” is not signed, and %2 accepts only signed courses. Ask your institution for a signed copy.</source>
        <translation>“%1” is not signed, and %2 accepts only signed courses. Ask your institution for a signed copy.</translation>
    </message>
    <message>
        <source>“%1” is damaged or holds no %2 course. Ask the person who gave it to you for a new copy.</source>
        <translation>“%1” is damaged or holds no %2 course. Ask the person who gave it to you for a new copy.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: another %2 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</source>
        <translation>“%1” could not be imported: another %2 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: %2</source>
        <translation>“%1” could not be imported: %2</translation>
    </message>
    <message>
        <source>“%1” is not signed: it may come from a teacher or a classmate, not from a publisher you trust. %2 cannot check who made it or that nobody changed it.

Install it only if you trust the person who gave it to you. It will be marked “Unverified” everywhere.</source>
        <translation>“%1” is not signed: it may come from a teacher or a classmate, not from a publisher you trust. %2 cannot check who made it or that nobody changed it.

Install it only if you trust the person who gave it to you. It will be marked “Unverified” everywhere.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Already installed, nothing changed: %1.</source>
        <translation>Already installed, nothing changed: %1.</translation>
    </message>
    <message>
        <source>Repaired: %1. Your progress is kept.</source>
        <translation>Repaired: %1. Your progress is kept.</translation>
    </message>
    <message>
        <source>Imported from “%1”: %2.</source>
        <translation>Imported from “%1”: %2.</translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”.</source>
        <translation>Nothing was imported from “%1”.</translation>
    </message>
    <message>
        <source>Not imported: “%1”: %2</source>
        <translation>Not imported: “%1”: %2</translation>
    </message>
    <message>
        <source>an exam of it is in progress, whose questions it would change: import it again once the exam is submitted.</source>
        <translation>an exam of it is in progress, whose questions it would change: import it again once the exam is submitted.</translation>
    </message>
    <message>
        <source>a file could not be read, or this computer could not store it (is the disk full?).</source>
        <translation>a file could not be read, or this computer could not store it (is the disk full?).</translation>
    </message>
    <message>
        <source>a file of it is damaged or missing. Ask the person who gave it to you for a new copy.</source>
        <translation>a file of it is damaged or missing. Ask the person who gave it to you for a new copy.</translation>
    </message>
    <message>
        <source>“%1” was not imported: an exam of “%2” is in progress, whose questions it would change. Import it again once the exam is submitted.</source>
        <translation>“%1” was not imported: an exam of “%2” is in progress, whose questions it would change. Import it again once the exam is submitted.</translation>
    </message>
    <message>
        <source>“%1” is signed with another key than the installed version of “%2”, so %3 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then import it again.</source>
        <translation>“%1” is signed with another key than the installed version of “%2”, so %3 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then import it again.</translation>
    </message>
    <message>
        <source>The installed version of “%2” is signed by its publisher; “%1” is signed by a different publisher, so %3 will not replace it. To install it, remove the course first.</source>
        <translation>The installed version of “%2” is signed by its publisher; “%1” is signed by a different publisher, so %3 will not replace it. To install it, remove the course first.</translation>
    </message>
    <message>
        <source>“%1” is signed with an earlier key of the demo course, which this computer no longer accepts, so nothing was installed.</source>
        <translation>“%1” is signed with an earlier key of the demo course, which this computer no longer accepts, so nothing was installed.</translation>
    </message>
    <message>
        <source>“%1” is signed with a key this computer accepts only for another course, so nothing was installed. Tell its publisher.</source>
        <translation>“%1” is signed with a key this computer accepts only for another course, so nothing was installed. Tell its publisher.</translation>
    </message>
    <message>
        <source>“%1” was changed after it was signed, or its signature is damaged: nothing was installed. Ask the person who gave it to you for a new copy.</source>
        <translation>“%1” was changed after it was signed, or its signature is damaged: nothing was installed. Ask the person who gave it to you for a new copy.</translation>
    </message>
    <message>
        <source>“%1” is signed by a publisher this computer does not trust, so nothing was installed. If your institution gave you its key file, add it in Settings (Trusted keys), then import again.</source>
        <translation>“%1” is signed by a publisher this computer does not trust, so nothing was installed. If your institution gave you its key file, add it in Settings (Trusted keys), then import again.</translation>
    </message>
    <message>
        <source>“%1” holds an older version of a course installed here: nothing was changed.</source>
        <translation>“%1” holds an older version of a course installed here: nothing was changed.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: a file could not be read, or this computer could not store the course (is the disk full?).</source>
        <translation>“%1” could not be imported: a file could not be read, or this computer could not store the course (is the disk full?).</translation>
    </message>
    <message>
        <source>Unsigned course</source>
        <translation>Unsigned course</translation>
    </message>
    <message>
        <source>&amp;Install as unverified</source>
        <translation>&amp;Install as unverified</translation>
    </message>
    <message>
        <source>Export course</source>
        <translation>Export course</translation>
    </message>
    <message>
        <source>Choose a course in the library first.</source>
        <translation>Choose a course in the library first.</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>Export “%1”</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <source>“%1” is being removed: it cannot be exported.</source>
        <translation>“%1” is being removed: it cannot be exported.</translation>
    </message>
    <message>
        <source>Saved as %1 (%2). Another %3 can import it from there.</source>
        <translation>Saved as %1 (%2). Another %3 can import it from there.</translation>
    </message>
    <message>
        <source>“%1” was not written: the folder chosen for it is no longer there (was the USB stick removed?). Nothing was written; choose another place.</source>
        <translation>“%1” was not written: the folder chosen for it is no longer there (was the USB stick removed?). Nothing was written; choose another place.</translation>
    </message>
    <message>
        <source>“%1” was not written: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</source>
        <translation>“%1” was not written: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</translation>
    </message>
    <message>
        <source>“%1” was not written: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</source>
        <translation>“%1” was not written: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</translation>
    </message>
    <message>
        <source>“%1” was not written: the course could not be exported. Nothing was left half-written; the details say what went wrong.</source>
        <translation>“%1” was not written: the course could not be exported. Nothing was left half-written; the details say what went wrong.</translation>
    </message>
    <message>
        <source>Update course</source>
        <translation>Update course</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then update the course.</source>
        <translation>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then update the course.</translation>
    </message>
    <message>
        <source>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted or its time has run out.</source>
        <translation>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted or its time has run out.</translation>
    </message>
    <message>
        <source>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted.</source>
        <translation>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress: submit it first, then update the course.</source>
        <translation>“%1” has an exam in progress: submit it first, then update the course.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: update the course once it is submitted or its time has run out.</source>
        <translation>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: update the course once it is submitted or its time has run out.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2): update the course once it is submitted.</source>
        <translation>“%1” has an exam in progress in another profile on this computer (%2): update the course once it is submitted.</translation>
    </message>
    <message>
        <source>Course c&amp;atalog…</source>
        <translation>Course c&amp;atalog…</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>&amp;Downloads</translation>
    </message>
    <message>
        <source>&amp;Import a course file…</source>
        <translation>&amp;Import a course file…</translation>
    </message>
    <message>
        <source>Import from a &amp;folder…</source>
        <translation>Import from a &amp;folder…</translation>
    </message>
    <message>
        <source>&amp;Export course…</source>
        <translation>&amp;Export course…</translation>
    </message>
    <message>
        <source>S&amp;hare courses on this network…</source>
        <translation>S&amp;hare courses on this network…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Se&amp;ttings…</translation>
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
        <source>a video&apos;s transcript shown or hidden</source>
        <translation>a video&apos;s transcript shown or hidden</translation>
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
        <source>larger or smaller text of a reading, zoom on a slide</source>
        <translation>larger or smaller text of a reading, zoom on a slide</translation>
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
        <source>search the library or the catalog</source>
        <translation>search the library or the catalog</translation>
    </message>
    <message>
        <source>find a word in a reading or in slides</source>
        <translation>find a word in a reading or in slides</translation>
    </message>
    <message>
        <source>F3 / Shift+F3</source>
        <translation>F3 / Shift+F3</translation>
    </message>
    <message>
        <source>next or previous match found</source>
        <translation>next or previous match found</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>remove the chosen course, in the library</source>
        <translation>remove the chosen course, in the library</translation>
    </message>
    <message>
        <source>Menu / Shift+F10</source>
        <translation>Menu / Shift+F10</translation>
    </message>
    <message>
        <source>a course card&apos;s menu, in the library</source>
        <translation>a course card&apos;s menu, in the library</translation>
    </message>
    <message>
        <source>refresh the catalog</source>
        <translation>refresh the catalog</translation>
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
        <source>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders, catalogs, trusted keys, downloads and the last problems, never your PIN or passwords.</source>
        <translation>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders, catalogs, trusted keys, downloads and the last problems, never your PIN or passwords.</translation>
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
        <source>Set up by %1.</source>
        <translation>Set up by %1.</translation>
    </message>
    <message>
        <source>Records sent to</source>
        <translation>Records sent to</translation>
    </message>
    <message>
        <source>Course catalogs</source>
        <translation>Course catalogs</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copied to the clipboard.</translation>
    </message>
</context>
<context>
    <name>InstitutionBadge</name>
    <message>
        <source>Set up by %1</source>
        <translation>Set up by %1</translation>
    </message>
</context>
<context>
    <name>LanguageName</name>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>French</source>
        <translation>French</translation>
    </message>
    <message>
        <source>German</source>
        <translation>German</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanish</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italian</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portuguese</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Dutch</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>language (region)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>&amp;Update to version %1</source>
        <translation>&amp;Update to version %1</translation>
    </message>
    <message>
        <source>Update available: version %1</source>
        <translation>Update available: version %1</translation>
    </message>
    <message>
        <source>Update %1 to version %2</source>
        <translation>Update %1 to version %2</translation>
    </message>
    <message>
        <source>No course is installed yet. Get one from the course catalog (%1, Ctrl+K), or import one from a USB stick or a file (%2).</source>
        <translation>No course is installed yet. Get one from the course catalog (%1, Ctrl+K), or import one from a USB stick or a file (%2).</translation>
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
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinue</translation>
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
    <message>
        <source>Update available</source>
        <translation>Update available</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Update</translation>
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
    <message numerus="yes">
        <source>The time of %n exam attempts ran out while %1 was closed: the answers saved were submitted.</source>
        <translation>
            <numerusform>The time of %n exam attempt ran out while %1 was closed: the answers saved were submitted.</numerusform>
            <numerusform>The time of %n exam attempts ran out while %1 was closed: the answers saved were submitted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your institution refused your account: open Sync to correct it.</source>
        <translation>Your institution refused your account: open Sync to correct it.</translation>
    </message>
    <message>
        <source>&amp;Quit anyway</source>
        <translation>&amp;Quit anyway</translation>
    </message>
    <message>
        <source>S&amp;witch anyway</source>
        <translation>S&amp;witch anyway</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Stay</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</source>
        <translation>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n newer backups were damaged too and were skipped.</source>
        <translation>
            <numerusform>%n newer backup was damaged too and was skipped.</numerusform>
            <numerusform>%n newer backups were damaged too and were skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</source>
        <translation>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</translation>
    </message>
    <message numerus="yes">
        <source>%n backups were damaged too and were skipped.</source>
        <translation>
            <numerusform>%n backup was damaged too and was skipped.</numerusform>
            <numerusform>%n backups were damaged too and were skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file could not be read back now: what it holds that your records lack will be read back at the next start. The damaged file is kept at: %1</source>
        <translation>The damaged file could not be read back now: what it holds that your records lack will be read back at the next start. The damaged file is kept at: %1</translation>
    </message>
    <message>
        <source>Nothing could be read from the damaged file: what you did after %1 may be lost. The damaged file is kept at: %2</source>
        <translation>Nothing could be read from the damaged file: what you did after %1 may be lost. The damaged file is kept at: %2</translation>
    </message>
    <message>
        <source>Nothing could be read from the damaged file: what you did before this start may be lost. The damaged file is kept at: %1</source>
        <translation>Nothing could be read from the damaged file: what you did before this start may be lost. The damaged file is kept at: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records were read back from the damaged file and their progress rebuilt.</source>
        <translation>
            <numerusform>%Ln learning record was read back from the damaged file and its progress rebuilt.</numerusform>
            <numerusform>%Ln learning records were read back from the damaged file and their progress rebuilt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records could not be read back and are lost; any of them not yet sent to the institution will never reach it.</source>
        <translation>
            <numerusform>%Ln learning record could not be read back and is lost; if it was not yet sent to the institution, it will never reach it.</numerusform>
            <numerusform>%Ln learning records could not be read back and are lost; any of them not yet sent to the institution will never reach it.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing recorded after the backup was lost.</source>
        <translation>Nothing recorded after the backup was lost.</translation>
    </message>
    <message>
        <source>The damaged file is kept at: %1</source>
        <translation>The damaged file is kept at: %1</translation>
    </message>
    <message>
        <source>Records restored</source>
        <translation>Records restored</translation>
    </message>
    <message>
        <source>Records need a repair</source>
        <translation>Records need a repair</translation>
    </message>
    <message>
        <source>Your learning records file is damaged. %1 will repair it from its newest backup the next time it starts, and read back what you record until then. You can keep studying.</source>
        <translation>Your learning records file is damaged. %1 will repair it from its newest backup the next time it starts, and read back what you record until then. You can keep studying.</translation>
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
        <source>Re&amp;move this course…</source>
        <translation>Re&amp;move this course…</translation>
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
        <source>&amp;Manage profiles…</source>
        <translation>&amp;Manage profiles…</translation>
    </message>
    <message>
        <source>My &amp;progress</source>
        <translation>My &amp;progress</translation>
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
    <message>
        <source>Exam in progress</source>
        <translation>Exam in progress</translation>
    </message>
    <message>
        <source>Your exam is in progress: its clock keeps running while %2 is closed. Time left: %1. Quit anyway?</source>
        <translation>Your exam is in progress: its clock keeps running while %2 is closed. Time left: %1. Quit anyway?</translation>
    </message>
    <message>
        <source>Your exam is in progress: its clock keeps running while another profile is open. Time left: %1. Switch profile anyway?</source>
        <translation>Your exam is in progress: its clock keeps running while another profile is open. Time left: %1. Switch profile anyway?</translation>
    </message>
</context>
<context>
    <name>NameWords</name>
    <message>
        <source>A name has at most %1 characters; this one has %2.</source>
        <translation>A name has at most %1 characters; this one has %2.</translation>
    </message>
    <message>
        <source>A name cannot hold control or text-direction characters.</source>
        <translation>A name cannot hold control or text-direction characters.</translation>
    </message>
</context>
<context>
    <name>PinWords</name>
    <message>
        <source>The PIN could not be checked: try again in a moment.</source>
        <translation>The PIN could not be checked: try again in a moment.</translation>
    </message>
    <message>
        <source>Type the 4-digit PIN of %1.</source>
        <translation>Type the 4-digit PIN of %1.</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait %1, then try again.</source>
        <translation>Too many wrong tries: wait %1, then try again.</translation>
    </message>
    <message>
        <source>Wrong PIN. Too many wrong tries: wait %1, then try again.</source>
        <translation>Wrong PIN. Too many wrong tries: wait %1, then try again.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before a wait.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before a wait.</numerusform>
            <numerusform>Wrong PIN. %n tries left before a wait.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Wrong PIN. Try again.</translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemPanel</name>
    <message>
        <source>This part of the course cannot be shown</source>
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
    <message>
        <source>Details: {detail}</source>
        <translation>Details: {detail}</translation>
    </message>
</context>
<context>
    <name>ProfileLanguageRow</name>
    <message>
        <source>&amp;Profile language:</source>
        <translation>&amp;Profile language:</translation>
    </message>
    <message>
        <source>Open a profile first: each learner chooses their own.</source>
        <translation>Open a profile first: each learner chooses their own.</translation>
    </message>
    <message>
        <source>Language of %1&apos;s &amp;profile:</source>
        <translation>Language of %1&apos;s &amp;profile:</translation>
    </message>
    <message>
        <source>Only for this profile: each learner chooses their own.</source>
        <translation>Only for this profile: each learner chooses their own.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Type the PIN of %1.</translation>
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
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>The two PINs differ. Type the same PIN twice.</translation>
    </message>
    <message>
        <source>Who is studying?</source>
        <translation>Who is studying?</translation>
    </message>
    <message>
        <source>Profiles on &amp;this computer</source>
        <translation>Profiles on &amp;this computer</translation>
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
        <source>PIN (optional, 4 &amp;digits):</source>
        <translation>PIN (optional, 4 &amp;digits):</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>PIN a&amp;gain:</translation>
    </message>
    <message>
        <source>PIN of the new profile, again</source>
        <translation>PIN of the new profile, again</translation>
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
        <source>C&amp;reate and open</source>
        <translation>C&amp;reate and open</translation>
    </message>
    <message>
        <source>Create the profile and open it</source>
        <translation>Create the profile and open it</translation>
    </message>
    <message>
        <source>%1, protected by a PIN</source>
        <translation>%1, protected by a PIN</translation>
    </message>
    <message>
        <source>%1, in use</source>
        <translation>%1, in use</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>Change the &amp;PIN…</source>
        <translation>Change the &amp;PIN…</translation>
    </message>
    <message>
        <source>Set a &amp;PIN…</source>
        <translation>Set a &amp;PIN…</translation>
    </message>
    <message>
        <source>&amp;PIN of %1:</source>
        <translation>&amp;PIN of %1:</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Type the PIN of %1.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Type a name for the new profile.</source>
        <translation>Type a name for the new profile.</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits, or leave it empty.</source>
        <translation>A PIN is exactly 4 digits, or leave it empty.</translation>
    </message>
    <message>
        <source>Profile %1 added.</source>
        <translation>Profile %1 added.</translation>
    </message>
    <message>
        <source>Add a profile</source>
        <translation>Add a profile</translation>
    </message>
    <message>
        <source>A profile keeps one learner&apos;s progress apart from the others&apos;.</source>
        <translation>A profile keeps one learner&apos;s progress apart from the others&apos;.</translation>
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
        <source>PIN (optional, 4 &amp;digits):</source>
        <translation>PIN (optional, 4 &amp;digits):</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>A profile named %1 already exists.</source>
        <translation>A profile named %1 already exists.</translation>
    </message>
    <message>
        <source>Type a name for the profile.</source>
        <translation>Type a name for the profile.</translation>
    </message>
    <message>
        <source>Renamed to %1.</source>
        <translation>Renamed to %1.</translation>
    </message>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;New name:</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Rename %1</translation>
    </message>
    <message>
        <source>The new name of %1:</source>
        <translation>The new name of %1:</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>%1 now uses %3 in %2.</source>
        <translation>%1 now uses %3 in %2.</translation>
    </message>
    <message>
        <source>Language of %1</source>
        <translation>Language of %1</translation>
    </message>
    <message>
        <source>The language of the menus, buttons and messages for %1:</source>
        <translation>The language of the menus, buttons and messages for %1:</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>C&amp;hange</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits.</source>
        <translation>A PIN is exactly 4 digits.</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>The two PINs differ. Type the same PIN twice.</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>PIN a&amp;gain:</translation>
    </message>
    <message>
        <source>The PIN of %1 is set.</source>
        <translation>The PIN of %1 is set.</translation>
    </message>
    <message>
        <source>PIN of %1</source>
        <translation>PIN of %1</translation>
    </message>
    <message>
        <source>A PIN keeps classmates on a shared computer out of your progress. Write it down somewhere safe: it cannot be recovered.</source>
        <translation>A PIN keeps classmates on a shared computer out of your progress. Write it down somewhere safe: it cannot be recovered.</translation>
    </message>
    <message>
        <source>&amp;New PIN (4 digits):</source>
        <translation>&amp;New PIN (4 digits):</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>New PIN &amp;again:</translation>
    </message>
    <message>
        <source>&amp;Save the PIN</source>
        <translation>&amp;Save the PIN</translation>
    </message>
    <message>
        <source>%1 has no PIN any more.</source>
        <translation>%1 has no PIN any more.</translation>
    </message>
    <message>
        <source>Remove the PIN of %1</source>
        <translation>Remove the PIN of %1</translation>
    </message>
    <message>
        <source>Anyone using this computer will be able to open %1.</source>
        <translation>Anyone using this computer will be able to open %1.</translation>
    </message>
    <message>
        <source>&amp;Remove the PIN</source>
        <translation>&amp;Remove the PIN</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Delete %1</translation>
    </message>
    <message>
        <source>Deleting %1 removes all of %1&apos;s learning records from this computer. Save a copy of them first? The copy can be imported into %2 on any computer.</source>
        <translation>Deleting %1 removes all of %1&apos;s learning records from this computer. Save a copy of them first? The copy can be imported into %2 on any computer.</translation>
    </message>
    <message>
        <source>&amp;Save a copy first…</source>
        <translation>&amp;Save a copy first…</translation>
    </message>
    <message>
        <source>Delete &amp;without a copy</source>
        <translation>Delete &amp;without a copy</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Saving a copy of the records of %1…</source>
        <translation>Saving a copy of the records of %1…</translation>
    </message>
    <message>
        <source>%1 was not saved: it is not an ordinary file (a folder, a pipe or a device). Choose another name.</source>
        <translation>%1 was not saved: it is not an ordinary file (a folder, a pipe or a device). Choose another name.</translation>
    </message>
    <message>
        <source>%1 was not saved: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</source>
        <translation>%1 was not saved: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</translation>
    </message>
    <message>
        <source>%1 was not saved: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</source>
        <translation>%1 was not saved: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</translation>
    </message>
    <message>
        <source>%1 was not saved: the folder chosen for it is no longer there (was the USB stick removed?). Choose another place.</source>
        <translation>%1 was not saved: the folder chosen for it is no longer there (was the USB stick removed?). Choose another place.</translation>
    </message>
    <message>
        <source>%1 was not saved: the records could not be copied. Nothing was left half-written; the details say what went wrong.</source>
        <translation>%1 was not saved: the records could not be copied. Nothing was left half-written; the details say what went wrong.</translation>
    </message>
    <message>
        <source>Save a copy of the records of %1</source>
        <translation>Save a copy of the records of %1</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>Learning records (*.json)</source>
        <translation>Learning records (*.json)</translation>
    </message>
    <message>
        <source>Copy not saved</source>
        <translation>Copy not saved</translation>
    </message>
    <message>
        <source>Delete %1 and all of %1&apos;s learning records? This cannot be undone.</source>
        <translation>Delete %1 and all of %1&apos;s learning records? This cannot be undone.</translation>
    </message>
    <message>
        <source>A copy is in %1.</source>
        <translation>A copy is in %1.</translation>
    </message>
    <message>
        <source>%1 was deleted.</source>
        <translation>%1 was deleted.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Wait for the import to finish, or stop it.</source>
        <translation>Wait for the import to finish, or stop it.</translation>
    </message>
    <message>
        <source>Wait for the copy to be saved.</source>
        <translation>Wait for the copy to be saved.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records of %1 saved in %2.</source>
        <translation>
            <numerusform>%Ln record of %1 saved in %2.</numerusform>
            <numerusform>%Ln records of %1 saved in %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records have not been sent to the institution yet and will be lost.</source>
        <translation>
            <numerusform>%Ln record has not been sent to the institution yet and will be lost.</numerusform>
            <numerusform>%Ln records have not been sent to the institution yet and will be lost.</numerusform>
        </translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profiles</translation>
    </message>
    <message>
        <source>Profiles on this &amp;computer</source>
        <translation>Profiles on this &amp;computer</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Profiles on this computer</translation>
    </message>
    <message>
        <source>Switch to the selected profile</source>
        <translation>Switch to the selected profile</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Import &amp;records…</source>
        <translation>Import &amp;records…</translation>
    </message>
    <message>
        <source>Sa&amp;ve a copy of the records…</source>
        <translation>Sa&amp;ve a copy of the records…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;name…</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Language…</translation>
    </message>
    <message>
        <source>Remove the P&amp;IN…</source>
        <translation>Remove the P&amp;IN…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>Write decimals with a point, such as 3.14; a comma separates thousands (1,500).</source>
        <translation>Write decimals with a point, such as 3.14; a comma separates thousands (1,500).</translation>
    </message>
    <message>
        <source>Type the number alone, without the % sign.</source>
        <translation>Type the number alone, without the % sign.</translation>
    </message>
    <message>
        <source>Type a number, such as 3.14.</source>
        <translation>Type a number, such as 3.14.</translation>
    </message>
    <message>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <source>False</source>
        <translation>False</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Right</translation>
    </message>
    <message>
        <source>Partly right: %1</source>
        <translation>Partly right: %1</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Wrong</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>Right answer</translation>
    </message>
    <message>
        <source>Right answer, not chosen</source>
        <translation>Right answer, not chosen</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>Not matched</translation>
    </message>
    <message>
        <source>Right match: %1</source>
        <translation>Right match: %1</translation>
    </message>
    <message>
        <source>Right answer: %1</source>
        <translation>Right answer: %1</translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <translation>between %1 and %2</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <source>Answer to question: %1</source>
        <translation>Answer to question: %1</translation>
    </message>
    <message>
        <source>Match for: %1</source>
        <translation>Match for: %1</translation>
    </message>
    <message>
        <source>A number, such as 3.14</source>
        <translation>A number, such as 3.14</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Your answer</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Several answers may be right.</source>
        <translation>Several answers may be right.</translation>
    </message>
    <message>
        <source>Choose a match for each item.</source>
        <translation>Choose a match for each item.</translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message>
        <source>Quizzes cannot be taken here: the records are unavailable.</source>
        <translation>Quizzes cannot be taken here: the records are unavailable.</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message>
        <source>Pass mark: %1</source>
        <translation>Pass mark: %1</translation>
    </message>
    <message>
        <source>As many attempts as you like</source>
        <translation>As many attempts as you like</translation>
    </message>
    <message>
        <source>Attempts left: %1 of %2</source>
        <translation>Attempts left: %1 of %2</translation>
    </message>
    <message>
        <source>Last attempt: %1 (%2). Best: %3.</source>
        <translation>Last attempt: %1 (%2). Best: %3.</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>&amp;Start the quiz</source>
        <translation>&amp;Start the quiz</translation>
    </message>
    <message>
        <source>Back to the &amp;results</source>
        <translation>Back to the &amp;results</translation>
    </message>
    <message>
        <source>&amp;Finish the quiz</source>
        <translation>&amp;Finish the quiz</translation>
    </message>
    <message>
        <source>Attempt %1 · %2 of %3 questions checked</source>
        <translation>Attempt %1 · %2 of %3 questions checked</translation>
    </message>
    <message>
        <source>Answer the question first.</source>
        <translation>Answer the question first.</translation>
    </message>
    <message numerus="yes">
        <source>%n answers you have not checked will be checked when you finish.</source>
        <translation>
            <numerusform>%n answer you have not checked will be checked when you finish.</numerusform>
            <numerusform>%n answers you have not checked will be checked when you finish.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finish the quiz?</source>
        <translation>Finish the quiz?</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered: they count as wrong.</source>
        <translation>
            <numerusform>%n question is not answered: it counts as wrong.</numerusform>
            <numerusform>%n questions are not answered: they count as wrong.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Attempt %1: %2</source>
        <translation>Attempt %1: %2</translation>
    </message>
    <message>
        <source>Passed: the pass mark is %1.</source>
        <translation>Passed: the pass mark is %1.</translation>
    </message>
    <message>
        <source>Not passed: the pass mark is %1.</source>
        <translation>Not passed: the pass mark is %1.</translation>
    </message>
    <message>
        <source>You may try again as often as you like.</source>
        <translation>You may try again as often as you like.</translation>
    </message>
    <message numerus="yes">
        <source>Attempts left: %n</source>
        <translation>
            <numerusform>Attempts left: %n</numerusform>
            <numerusform>Attempts left: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>You have used every attempt of this quiz.</source>
        <translation>You have used every attempt of this quiz.</translation>
    </message>
    <message>
        <source>&amp;Review the answers</source>
        <translation>&amp;Review the answers</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>not answered</translation>
    </message>
    <message>
        <source>right</source>
        <translation>right</translation>
    </message>
    <message>
        <source>partly right (%1)</source>
        <translation>partly right (%1)</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>wrong</translation>
    </message>
    <message>
        <source>Questions of this attempt</source>
        <translation>Questions of this attempt</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>Chec&amp;k</translation>
    </message>
    <message>
        <source>Pre&amp;vious question</source>
        <translation>Pre&amp;vious question</translation>
    </message>
    <message>
        <source>Check this answer (Enter)</source>
        <translation>Check this answer (Enter)</translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation>&amp;Next question</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>Previous question</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Next question</translation>
    </message>
    <message>
        <source>See the last &amp;results</source>
        <translation>See the last &amp;results</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>Reading: {title}</source>
        <translation>Reading: {title}</translation>
    </message>
    <message>
        <source>This reading is too large to show ({size}; the limit is {limit}).</source>
        <translation>This reading is too large to show ({size}; the limit is {limit}).</translation>
    </message>
    <message>
        <source>A file of this course is damaged ({name}).</source>
        <translation>A file of this course is damaged ({name}).</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (not UTF-8).</source>
        <translation>The text of this reading is damaged (not UTF-8).</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (it holds control characters).</source>
        <translation>The text of this reading is damaged (it holds control characters).</translation>
    </message>
    <message>
        <source>This reading cannot be shown.</source>
        <translation>This reading cannot be shown.</translation>
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
        <source>No match</source>
        <translation>No match</translation>
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
    <name>RecordsImport</name>
    <message>
        <source>Import records</source>
        <translation>Import records</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Reading %1 stopped: nothing was imported.</source>
        <translation>Reading %1 stopped: nothing was imported.</translation>
    </message>
    <message>
        <source>Stopping the reading…</source>
        <translation>Stopping the reading…</translation>
    </message>
    <message>
        <source>A new profile</source>
        <translation>A new profile</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %Ln records of %2.</source>
        <translation>
            <numerusform>%1 holds %Ln record of %2.</numerusform>
            <numerusform>%1 holds %Ln records of %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %Ln records.</source>
        <translation>
            <numerusform>%1 holds %Ln record.</numerusform>
            <numerusform>%1 holds %Ln records.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add them to:</source>
        <translation>&amp;Add them to:</translation>
    </message>
    <message>
        <source>&amp;Name of the new profile:</source>
        <translation>&amp;Name of the new profile:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them are already on this computer, in %1&apos;s profile.</source>
        <translation>
            <numerusform>%Ln of them is already on this computer, in %1&apos;s profile.</numerusform>
            <numerusform>%Ln of them are already on this computer, in %1&apos;s profile.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them are already on this computer, in the profiles of %1.</source>
        <translation>
            <numerusform>%Ln of them is already on this computer, in the profiles of %1.</numerusform>
            <numerusform>%Ln of them are already on this computer, in the profiles of %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A profile named %1 already exists: type another name, or add the records to %1.</source>
        <translation>A profile named %1 already exists: type another name, or add the records to %1.</translation>
    </message>
    <message>
        <source>Import records into %1</source>
        <translation>Import records into %1</translation>
    </message>
    <message>
        <source>Stopping the import…</source>
        <translation>Stopping the import…</translation>
    </message>
    <message>
        <source>Wait for the import to stop.</source>
        <translation>Wait for the import to stop.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln records</source>
        <translation>
            <numerusform>%1 of %Ln record</numerusform>
            <numerusform>%1 of %Ln records</numerusform>
        </translation>
    </message>
    <message>
        <source>Records imported</source>
        <translation>Records imported</translation>
    </message>
    <message>
        <source>S&amp;top reading</source>
        <translation>S&amp;top reading</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Reading the file</translation>
    </message>
    <message>
        <source>S&amp;top the import</source>
        <translation>S&amp;top the import</translation>
    </message>
    <message>
        <source>Importing the records into %1…</source>
        <translation>Importing the records into %1…</translation>
    </message>
    <message>
        <source>The records are imported, but the next sync could not be set to read the exam grades again: import the same file again to retry.</source>
        <translation>The records are imported, but the next sync could not be set to read the exam grades again: import the same file again to retry.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file (it is not text). Choose the copy of the records that %2 saved.</source>
        <translation>Nothing was imported: %1 is not a records file (it is not text). Choose the copy of the records that %2 saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file (its text is not JSON). Choose the copy of the records that %2 saved.</source>
        <translation>Nothing was imported: %1 is not a records file (its text is not JSON). Choose the copy of the records that %2 saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 was saved by a version of %2 that this one cannot read. Update %2 on this computer, then import it again.</source>
        <translation>Nothing was imported: %1 was saved by a version of %2 that this one cannot read. Update %2 on this computer, then import it again.</translation>
    </message>
    <message>
        <source>Nothing was imported: some records in %1 are not as %2 writes them (was the file changed after it was saved?). Copy it again from where it was saved.</source>
        <translation>Nothing was imported: some records in %1 are not as %2 writes them (was the file changed after it was saved?). Copy it again from where it was saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file of %2. Choose the copy of the records that %2 saved.</source>
        <translation>Nothing was imported: %1 is not a records file of %2. Choose the copy of the records that %2 saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: %3 met a problem it did not expect. It is noted in the diagnostic report (%1, %2): please copy it and send it to your institution.</source>
        <translation>Nothing was imported: %3 met a problem it did not expect. It is noted in the diagnostic report (%1, %2): please copy it and send it to your institution.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records added to %1.</source>
        <translation>
            <numerusform>%Ln record added to %1.</numerusform>
            <numerusform>%Ln records added to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln were here already.</source>
        <translation>
            <numerusform>%Ln was here already.</numerusform>
            <numerusform>%Ln were here already.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln are already on this computer, in %1&apos;s profile: they were not added to %2.</source>
        <translation>
            <numerusform>%Ln is already on this computer, in %1&apos;s profile: it was not added to %2.</numerusform>
            <numerusform>%Ln are already on this computer, in %1&apos;s profile: they were not added to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln are already on this computer, in the profiles of %1: they were not added to %2.</source>
        <translation>
            <numerusform>%Ln is already on this computer, in the profiles of %1: it was not added to %2.</numerusform>
            <numerusform>%Ln are already on this computer, in the profiles of %1: they were not added to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to send to your institution.</source>
        <translation>
            <numerusform>%Ln to send to your institution.</numerusform>
            <numerusform>%Ln to send to your institution.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: their course is not installed here; install it, then import the file again.</source>
        <translation>
            <numerusform>%Ln record was not taken: its course is not installed here; install it, then import the file again.</numerusform>
            <numerusform>%Ln records were not taken: their course is not installed here; install it, then import the file again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln exam grades in the file were not taken: exam grades come only from your institution.</source>
        <translation>
            <numerusform>%Ln exam grade in the file was not taken: exam grades come only from your institution.</numerusform>
            <numerusform>%Ln exam grades in the file were not taken: exam grades come only from your institution.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln grades in the file were not taken: they name no quiz attempt, so they may be exam grades, which come only from your institution.</source>
        <translation>
            <numerusform>%Ln grade in the file was not taken: it names no quiz attempt, so it may be an exam grade, which comes only from your institution.</numerusform>
            <numerusform>%Ln grades in the file were not taken: they name no quiz attempt, so they may be exam grades, which come only from your institution.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: they say a module or course is done, which the imported progress does not show yet; each is recorded once it does: when an exam&apos;s grade comes back, or when you finish it here.</source>
        <translation>
            <numerusform>%Ln record was not taken: it says a module or course is done, which the imported progress does not show yet; it is recorded once it does: when an exam&apos;s grade comes back, or when you finish it here.</numerusform>
            <numerusform>%Ln records were not taken: they say a module or course is done, which the imported progress does not show yet; each is recorded once it does: when an exam&apos;s grade comes back, or when you finish it here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: they say a module or course is done, which the imported progress does not show; it is recorded when you finish it here.</source>
        <translation>
            <numerusform>%Ln record was not taken: it says a module or course is done, which the imported progress does not show; it is recorded when you finish it here.</numerusform>
            <numerusform>%Ln records were not taken: they say a module or course is done, which the imported progress does not show; it is recorded when you finish it here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade, which comes back once the profile has an account with your institution: add it with %1.</source>
        <translation>
            <numerusform>This profile has %n exam attempt waiting for its grade, which comes back once the profile has an account with your institution: add it with %1.</numerusform>
            <numerusform>This profile has %n exam attempts waiting for their grade, which comes back once the profile has an account with your institution: add it with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade, which the next sync brings.</source>
        <translation>
            <numerusform>This profile has %n exam attempt waiting for its grade, which the next sync brings.</numerusform>
            <numerusform>This profile has %n exam attempts waiting for their grade, which the next sync brings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade.</source>
        <translation>
            <numerusform>This profile has %n exam attempt waiting for its grade.</numerusform>
            <numerusform>This profile has %n exam attempts waiting for their grade.</numerusform>
        </translation>
    </message>
    <message>
        <source>Records not imported</source>
        <translation>Records not imported</translation>
    </message>
    <message>
        <source>This file holds the records of %1, not of %2, who has records of their own here. Are they %2&apos;s all the same, from another computer where %2 had another name?</source>
        <translation>This file holds the records of %1, not of %2, who has records of their own here. Are they %2&apos;s all the same, from another computer where %2 had another name?</translation>
    </message>
    <message>
        <source>This file holds the records of %1, not of %2. Are they %2&apos;s all the same, from another computer where %2 had another name?</source>
        <translation>This file holds the records of %1, not of %2. Are they %2&apos;s all the same, from another computer where %2 had another name?</translation>
    </message>
    <message>
        <source>&amp;Yes, add them to %1</source>
        <translation>&amp;Yes, add them to %1</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nothing was imported.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is no longer there (moved, deleted, or on a USB stick taken out). Choose the file again.</source>
        <translation>Nothing was imported: %1 is no longer there (moved, deleted, or on a USB stick taken out). Choose the file again.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is a folder. Choose the records file in it.</source>
        <translation>Nothing was imported: %1 is a folder. Choose the records file in it.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 cannot be read. Check that your user account may open it, or copy it again.</source>
        <translation>Nothing was imported: %1 cannot be read. Check that your user account may open it, or copy it again.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is empty. Copy it again from where it was saved.</source>
        <translation>Nothing was imported: %1 is empty. Copy it again from where it was saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is cut short (a copy stopped early?). Copy it again from where it was saved.</source>
        <translation>Nothing was imported: %1 is cut short (a copy stopped early?). Copy it again from where it was saved.</translation>
    </message>
    <message>
        <source>Nothing was imported: the records of %1 are already on this computer, in %2&apos;s profile.</source>
        <translation>Nothing was imported: the records of %1 are already on this computer, in %2&apos;s profile.</translation>
    </message>
    <message>
        <source>Nothing was imported: the records on this computer could not be changed (is the disk full, or another program using them?). Try again in a moment.</source>
        <translation>Nothing was imported: the records on this computer could not be changed (is the disk full, or another program using them?). Try again in a moment.</translation>
    </message>
</context>
<context>
    <name>RecordsUnavailableBox</name>
    <message>
        <source>Your learning records file is damaged, and its backup %1 cannot be read right now: check the disk and that your user account may read that file, then start %3 again. Nothing was moved or deleted.</source>
        <translation>Your learning records file is damaged, and its backup %1 cannot be read right now: check the disk and that your user account may read that file, then start %3 again. Nothing was moved or deleted.</translation>
    </message>
    <message>
        <source>The disk holding your learning records (%1) is full: free some space, then start %3 again. Nothing was lost.</source>
        <translation>The disk holding your learning records (%1) is full: free some space, then start %3 again. Nothing was lost.</translation>
    </message>
    <message>
        <source>%3 cannot write to %1: the disk or folder is read-only. Make it writable, then start %3 again. Nothing was lost.</source>
        <translation>%3 cannot write to %1: the disk or folder is read-only. Make it writable, then start %3 again. Nothing was lost.</translation>
    </message>
    <message>
        <source>%3 cannot write to %1: permission denied. Give your user account access to it, then start %3 again. Nothing was lost.</source>
        <translation>%3 cannot write to %1: permission denied. Give your user account access to it, then start %3 again. Nothing was lost.</translation>
    </message>
    <message>
        <source>%1 is held by another program (another %3, a backup or sync tool): close it, then start %3 again. Nothing was lost.</source>
        <translation>%1 is held by another program (another %3, a backup or sync tool): close it, then start %3 again. Nothing was lost.</translation>
    </message>
    <message>
        <source>Your records are being repaired by another %3 (a command or another window); start %3 again in a minute.</source>
        <translation>Your records are being repaired by another %3 (a command or another window); start %3 again in a minute.</translation>
    </message>
    <message>
        <source>The disk holding your learning records (%1) reported a read or write error: check the disk and copy your records to a safe place. Nothing was changed.</source>
        <translation>The disk holding your learning records (%1) reported a read or write error: check the disk and copy your records to a safe place. Nothing was changed.</translation>
    </message>
    <message>
        <source>Your learning records file %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>Your learning records file %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</translation>
    </message>
    <message>
        <source>%3 cannot use your learning records (%1): %2. Nothing was changed.</source>
        <translation>%3 cannot use your learning records (%1): %2. Nothing was changed.</translation>
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
        <source>Missing or damaged files: %1 of %2.</source>
        <translation>Missing or damaged files: %1 of %2.</translation>
    </message>
    <message numerus="yes">
        <source>…and %Ln more.</source>
        <translation>
            <numerusform>…and %Ln more.</numerusform>
            <numerusform>…and %Ln more.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetch the damaged files again from the course&apos;s catalog (this needs the network), or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Fetch the damaged files again from the course&apos;s catalog (this needs the network), or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</translation>
    </message>
    <message>
        <source>Repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</translation>
    </message>
    <message>
        <source>Fetch again from the &amp;catalog</source>
        <translation>Fetch again from the &amp;catalog</translation>
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
        <source>Fetching the files again…</source>
        <translation>Fetching the files again…</translation>
    </message>
    <message>
        <source>Fetching the damaged files again…</source>
        <translation>Fetching the damaged files again…</translation>
    </message>
    <message>
        <source>All %1 files of this course are intact.</source>
        <translation>All %1 files of this course are intact.</translation>
    </message>
    <message>
        <source>the course cover</source>
        <translation>the course cover</translation>
    </message>
    <message>
        <source>Affected: %1</source>
        <translation>Affected: %1</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 cannot be read: %2.</translation>
    </message>
    <message>
        <source>Nothing was removed. Give your user account the right to read these files (or ask this computer&apos;s administrator), then check the files again.</source>
        <translation>Nothing was removed. Give your user account the right to read these files (or ask this computer&apos;s administrator), then check the files again.</translation>
    </message>
    <message>
        <source>Nothing was removed. The disk may be failing: fetch these files again (each new copy is written elsewhere on the disk and replaces the unreadable one once verified), or repair from a copy of the course.</source>
        <translation>Nothing was removed. The disk may be failing: fetch these files again (each new copy is written elsewhere on the disk and replaces the unreadable one once verified), or repair from a copy of the course.</translation>
    </message>
    <message>
        <source>Nothing was removed. The disk may be failing: check the files again later, or repair from a copy of the course.</source>
        <translation>Nothing was removed. The disk may be failing: check the files again later, or repair from a copy of the course.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>the disk reported a read error</source>
        <translation>the disk reported a read error</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>it is not a regular file</translation>
    </message>
    <message>
        <source>the network folder holding it does not answer</source>
        <translation>the network folder holding it does not answer</translation>
    </message>
    <message>
        <source>the system says: %1</source>
        <translation>the system says: %1</translation>
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
        <source>Fetch these files again from the course&apos;s catalog (this needs the network): each new copy replaces the file there once verified. Or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Fetch these files again from the course&apos;s catalog (this needs the network): each new copy replaces the file there once verified. Or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</translation>
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
        <source>Module %1 · %2</source>
        <translation>Module %1 · %2</translation>
    </message>
    <message>
        <source>%1, slide %2</source>
        <translation>%1, slide %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>%1 — exam in progress, %2 left</source>
        <translation>%1 — exam in progress, %2 left</translation>
    </message>
    <message>
        <source>Continue: %1</source>
        <translation>Continue: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>%1: the port, the number after “:”, goes from 1 to 65535.</source>
        <translation>%1: the port, the number after “:”, goes from 1 to 65535.</translation>
    </message>
    <message>
        <source>%1: the name of the server is missing after “//”.</source>
        <translation>%1: the name of the server is missing after “//”.</translation>
    </message>
    <message>
        <source>%1: a catalog&apos;s address cannot hold “?” or “#”; type it without what follows.</source>
        <translation>%1: a catalog&apos;s address cannot hold “?” or “#”; type it without what follows.</translation>
    </message>
    <message>
        <source>%1 is not a valid web address: check it for a typing mistake.</source>
        <translation>%1 is not a valid web address: check it for a typing mistake.</translation>
    </message>
    <message>
        <source>Type the web address of a catalog, or its folder.</source>
        <translation>Type the web address of a catalog, or its folder.</translation>
    </message>
    <message>
        <source>%1 is not a network address: four numbers from 0 to 255, such as 192.168.1.12, maybe followed by :%2.</source>
        <translation>%1 is not a network address: four numbers from 0 to 255, such as 192.168.1.12, maybe followed by :%2.</translation>
    </message>
    <message>
        <source>%1 is not a network address: each of its four numbers goes from 0 to 255.</source>
        <translation>%1 is not a network address: each of its four numbers goes from 0 to 255.</translation>
    </message>
    <message>
        <source>%1 is neither a folder nor a valid file:// address: check it for a typing mistake.</source>
        <translation>%1 is neither a folder nor a valid file:// address: check it for a typing mistake.</translation>
    </message>
    <message>
        <source>%1: a catalog is a web address (http:// or https://) or a folder.</source>
        <translation>%1: a catalog is a web address (http:// or https://) or a folder.</translation>
    </message>
    <message>
        <source>%1: there is no such folder on this computer.</source>
        <translation>%1: there is no such folder on this computer.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a folder: check its name, and that you may open it.</source>
        <translation>%1 cannot be read as a folder: check its name, and that you may open it.</translation>
    </message>
    <message>
        <source>%1 holds no catalog (no catalog.json file): choose the folder that holds it.</source>
        <translation>%1 holds no catalog (no catalog.json file): choose the folder that holds it.</translation>
    </message>
    <message>
        <source>%1 is already in the catalogs.</source>
        <translation>%1 is already in the catalogs.</translation>
    </message>
    <message>
        <source>%1 comes with %2 (your institution&apos;s catalog): it cannot be removed.</source>
        <translation>%1 comes with %2 (your institution&apos;s catalog): it cannot be removed.</translation>
    </message>
    <message>
        <source>%1 holds no catalog %2 can use: check the address, or tell whoever publishes it.</source>
        <translation>%1 holds no catalog %2 can use: check the address, or tell whoever publishes it.</translation>
    </message>
    <message>
        <source>%1 was not added: %4 met a problem it did not expect while reading its catalog. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</source>
        <translation>%1 was not added: %4 met a problem it did not expect while reading its catalog. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</translation>
    </message>
    <message>
        <source>%1 is no longer in the catalogs.</source>
        <translation>%1 is no longer in the catalogs.</translation>
    </message>
    <message>
        <source>The search could not run: this computer is on no network. Connect it to the Wi-Fi or a cable, then search again.</source>
        <translation>The search could not run: this computer is on no network. Connect it to the Wi-Fi or a cable, then search again.</translation>
    </message>
    <message>
        <source>The search could not run: this computer does not allow it (a firewall or a security setting). Type the address the sharing computer shows in the field above instead.</source>
        <translation>The search could not run: this computer does not allow it (a firewall or a security setting). Type the address the sharing computer shows in the field above instead.</translation>
    </message>
    <message>
        <source>The search could not run on this computer now. Search again, or type the address the sharing computer shows in the field above.</source>
        <translation>The search could not run on this computer now. Search again, or type the address the sharing computer shows in the field above.</translation>
    </message>
    <message>
        <source>%1 is a private key, not a public one: choose its .pub file instead, and keep this one secret.</source>
        <translation>%1 is a private key, not a public one: choose its .pub file instead, and keep this one secret.</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>%1 could not be read.</translation>
    </message>
    <message>
        <source>%1 is not a Cartable public key file.</source>
        <translation>%1 is not a Cartable public key file.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>this computer does not allow writing it (permission denied)</source>
        <translation>this computer does not allow writing it (permission denied)</translation>
    </message>
    <message>
        <source>the disk reported an error (the details are in the log)</source>
        <translation>the disk reported an error (the details are in the log)</translation>
    </message>
    <message>
        <source>The key could not be saved: %1.</source>
        <translation>The key could not be saved: %1.</translation>
    </message>
    <message>
        <source>Key of the demo course (valid for that course only)</source>
        <translation>Key of the demo course (valid for that course only)</translation>
    </message>
    <message>
        <source>your institution&apos;s</source>
        <translation>your institution&apos;s</translation>
    </message>
    <message>
        <source>added on this computer</source>
        <translation>added on this computer</translation>
    </message>
    <message>
        <source>A publisher&apos;s public key</source>
        <translation>A publisher&apos;s public key</translation>
    </message>
    <message>
        <source>Public keys (*.pub)</source>
        <translation>Public keys (*.pub)</translation>
    </message>
    <message>
        <source>This is an earlier key of the demo course, which this computer no longer accepts: not added.</source>
        <translation>This is an earlier key of the demo course, which this computer no longer accepts: not added.</translation>
    </message>
    <message>
        <source>This is the key of the demo course, which this computer accepts only for that course: not added.</source>
        <translation>This is the key of the demo course, which this computer accepts only for that course: not added.</translation>
    </message>
    <message>
        <source>This key is already trusted.</source>
        <translation>This key is already trusted.</translation>
    </message>
    <message>
        <source>Trust this key?</source>
        <translation>Trust this key?</translation>
    </message>
    <message>
        <source>Trust the key %1?

Courses signed with it will be installed as verified, without any warning. Only add a key you received from a publisher you trust, for instance your institution.</source>
        <translation>Trust the key %1?

Courses signed with it will be installed as verified, without any warning. Only add a key you received from a publisher you trust, for instance your institution.</translation>
    </message>
    <message>
        <source>Not added.</source>
        <translation>Not added.</translation>
    </message>
    <message>
        <source>Key %1 is now trusted.</source>
        <translation>Key %1 is now trusted.</translation>
    </message>
    <message>
        <source>Key %1 is no longer trusted.</source>
        <translation>Key %1 is no longer trusted.</translation>
    </message>
    <message>
        <source>Courses from a catalog must be signed by one of these keys. Your institution&apos;s keys come with %1 and cannot be removed.</source>
        <translation>Courses from a catalog must be signed by one of these keys. Your institution&apos;s keys come with %1 and cannot be removed.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Catalogs</source>
        <translation>&amp;Catalogs</translation>
    </message>
    <message>
        <source>Do&amp;wnloads</source>
        <translation>Do&amp;wnloads</translation>
    </message>
    <message>
        <source>Truste&amp;d keys</source>
        <translation>Truste&amp;d keys</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>Trusted keys</translation>
    </message>
    <message>
        <source>&amp;Speed limit:</source>
        <translation>&amp;Speed limit:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> KB/s</translation>
    </message>
    <message>
        <source>&amp;Files at once:</source>
        <translation>&amp;Files at once:</translation>
    </message>
    <message>
        <source>Download &amp;only between</source>
        <translation>Download &amp;only between</translation>
    </message>
    <message>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <source>Start of the download hours</source>
        <translation>Start of the download hours</translation>
    </message>
    <message>
        <source>End of the download hours</source>
        <translation>End of the download hours</translation>
    </message>
    <message>
        <source>Only on &amp;unmetered connections (not on mobile data)</source>
        <translation>Only on &amp;unmetered connections (not on mobile data)</translation>
    </message>
    <message>
        <source>The speed limit, the hours and “only on unmetered connections” do not apply to USB sticks or to computers of this network.</source>
        <translation>The speed limit, the hours and “only on unmetered connections” do not apply to USB sticks or to computers of this network.</translation>
    </message>
    <message>
        <source>These apply at once, also to downloads in progress. A download waiting for its hours or for another connection continues by itself.</source>
        <translation>These apply at once, also to downloads in progress. A download waiting for its hours or for another connection continues by itself.</translation>
    </message>
    <message>
        <source>&amp;Look for course updates when online</source>
        <translation>&amp;Look for course updates when online</translation>
    </message>
    <message>
        <source>Add a &amp;key file…</source>
        <translation>Add a &amp;key file…</translation>
    </message>
    <message>
        <source>R&amp;emove key</source>
        <translation>R&amp;emove key</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Address copied.</source>
        <translation>Address copied.</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>&amp;Stop sharing</translation>
    </message>
    <message>
        <source>&amp;Start sharing</source>
        <translation>&amp;Start sharing</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Sharing could not start: this computer does not allow %1 to receive connections (a security setting). Ask whoever looks after this computer.</source>
        <translation>Sharing could not start: this computer does not allow %1 to receive connections (a security setting). Ask whoever looks after this computer.</translation>
    </message>
    <message>
        <source>Sharing could not start on this computer now. Try again; if it still fails, restart the computer.</source>
        <translation>Sharing could not start on this computer now. Try again; if it still fails, restart the computer.</translation>
    </message>
    <message numerus="yes">
        <source>Sharing %n courses on this network.</source>
        <translation>
            <numerusform>Sharing %n course on this network.</numerusform>
            <numerusform>Sharing %n courses on this network.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to share: no installed course can be shared (see below).</source>
        <translation>Nothing to share: no installed course can be shared (see below).</translation>
    </message>
    <message>
        <source>Nothing to share: no course is installed on this computer.</source>
        <translation>Nothing to share: no course is installed on this computer.</translation>
    </message>
    <message>
        <source>Not sharing: nothing is sent until you start.</source>
        <translation>Not sharing: nothing is sent until you start.</translation>
    </message>
    <message>
        <source>This computer is on no network, so no other computer can reach it: connect it to the Wi-Fi or a cable, then stop and start sharing again.</source>
        <translation>This computer is on no network, so no other computer can reach it: connect it to the Wi-Fi or a cable, then stop and start sharing again.</translation>
    </message>
    <message>
        <source>Port %1 is used by another program, so the courses are shared on port %2: give the whole address above, with its port.</source>
        <translation>Port %1 is used by another program, so the courses are shared on port %2: give the whole address above, with its port.</translation>
    </message>
    <message>
        <source>The other computers cannot find this one with “Find computers sharing courses nearby” (UDP port %1 is in use, or refused): give them the address above.</source>
        <translation>The other computers cannot find this one with “Find computers sharing courses nearby” (UDP port %1 is in use, or refused): give them the address above.</translation>
    </message>
    <message>
        <source>Nothing reaches this computer? Its firewall may refuse the other computers: allow TCP port %1 (on Ubuntu: sudo ufw allow %1/tcp). Guest Wi-Fi networks often keep computers apart: use the lab&apos;s own network.</source>
        <translation>Nothing reaches this computer? Its firewall may refuse the other computers: allow TCP port %1 (on Ubuntu: sudo ufw allow %1/tcp). Guest Wi-Fi networks often keep computers apart: use the lab&apos;s own network.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln files sent (%1)</source>
        <translation>
            <numerusform>%Ln file sent (%1)</numerusform>
            <numerusform>%Ln files sent (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>to %n+ computers.</source>
        <translation>
            <numerusform>to %n+ computer.</numerusform>
            <numerusform>to %n+ computers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>to %n computers.</source>
        <translation>
            <numerusform>to %n computer.</numerusform>
            <numerusform>to %n computers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n+ computers read the list of courses; no file sent yet.</source>
        <translation>
            <numerusform>%n+ computer read the list of courses; no file sent yet.</numerusform>
            <numerusform>%n+ computers read the list of courses; no file sent yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n computers read the list of courses; no file sent yet.</source>
        <translation>
            <numerusform>%n computer read the list of courses; no file sent yet.</numerusform>
            <numerusform>%n computers read the list of courses; no file sent yet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No computer has connected yet.</source>
        <translation>No computer has connected yet.</translation>
    </message>
    <message>
        <source>Last sharing: %1</source>
        <translation>Last sharing: %1</translation>
    </message>
    <message>
        <source>The other computers of this network (the lab&apos;s Wi-Fi or cables) can download the courses installed here, without internet. Sharing lasts while this window is open: closing it, or quitting %1, stops it.</source>
        <translation>The other computers of this network (the lab&apos;s Wi-Fi or cables) can download the courses installed here, without internet. Sharing lasts while this window is open: closing it, or quitting %1, stops it.</translation>
    </message>
    <message>
        <source>Courses to share</source>
        <translation>Courses to share</translation>
    </message>
    <message>
        <source>Looking at the installed courses…</source>
        <translation>Looking at the installed courses…</translation>
    </message>
    <message>
        <source>Courses shared (%1)</source>
        <translation>Courses shared (%1)</translation>
    </message>
    <message>
        <source>Courses to share (%1)</source>
        <translation>Courses to share (%1)</translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation>%1 — version %2</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Not shared (%1)</source>
        <translation>Not shared (%1)</translation>
    </message>
    <message>
        <source>%1 — version %2: %3</source>
        <translation>%1 — version %2: %3</translation>
    </message>
    <message>
        <source>not signed by a publisher the other computers trust, so they would refuse it; give it as a file instead (%1).</source>
        <translation>not signed by a publisher the other computers trust, so they would refuse it; give it as a file instead (%1).</translation>
    </message>
    <message>
        <source>some of its files are missing or damaged on this computer; repair it first (%1).</source>
        <translation>some of its files are missing or damaged on this computer; repair it first (%1).</translation>
    </message>
    <message>
        <source>its files on this computer cannot be read; check and repair it first (%1).</source>
        <translation>its files on this computer cannot be read; check and repair it first (%1).</translation>
    </message>
    <message>
        <source>Share courses on this network</source>
        <translation>Share courses on this network</translation>
    </message>
    <message>
        <source>Address of this computer</source>
        <translation>Address of this computer</translation>
    </message>
    <message>
        <source>&amp;Copy the address</source>
        <translation>&amp;Copy the address</translation>
    </message>
    <message>
        <source>On the other computers: add this address as a catalog (%1: type it, then %2), then download the courses from %3 (Ctrl+K).</source>
        <translation>On the other computers: add this address as a catalog (%1: type it, then %2), then download the courses from %3 (Ctrl+K).</translation>
    </message>
    <message>
        <source>This computer is on several networks: give the address of the network the other computers are on.</source>
        <translation>This computer is on several networks: give the address of the network the other computers are on.</translation>
    </message>
    <message>
        <source>Courses not shared</source>
        <translation>Courses not shared</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SlidesView</name>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Position in the narration</source>
        <translation>Position in the narration</translation>
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
        <source>Previous slide</source>
        <translation>Previous slide</translation>
    </message>
    <message>
        <source>Next slide</source>
        <translation>Next slide</translation>
    </message>
    <message>
        <source>Narration ({left}/{right}: 5 s)</source>
        <translation>Narration ({left}/{right}: 5 s)</translation>
    </message>
    <message>
        <source>Narration speed</source>
        <translation>Narration speed</translation>
    </message>
    <message>
        <source>Narration speed ([ slower, ] faster)</source>
        <translation>Narration speed ([ slower, ] faster)</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF file is protected by a password.</source>
        <translation>The slides cannot be shown: the PDF file is protected by a password.</translation>
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
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>This document has no searchable text</source>
        <translation>This document has no searchable text</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>its audio file may be damaged ({detail}).</source>
        <translation>its audio file may be damaged ({detail}).</translation>
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
        <source>Submitted, waiting for the grade</source>
        <translation>Submitted, waiting for the grade</translation>
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
    <name>StopReasonText</name>
    <message>
        <source>The institution&apos;s server refuses everything sent to it, even records it accepted before: its settings or a network proxy are at fault, not your work. Your records are kept on this computer; please tell your institution.</source>
        <translation>The institution&apos;s server refuses everything sent to it, even records it accepted before: its settings or a network proxy are at fault, not your work. Your records are kept on this computer; please tell your institution.</translation>
    </message>
    <message numerus="yes">
        <source>The institution&apos;s server refused the %Ln records waiting. They are kept on this computer and will be sent again; if this goes on, tell your institution.</source>
        <translation>
            <numerusform>The institution&apos;s server refused the %Ln record waiting. It is kept on this computer and will be sent again; if this goes on, tell your institution.</numerusform>
            <numerusform>The institution&apos;s server refused the %Ln records waiting. They are kept on this computer and will be sent again; if this goes on, tell your institution.</numerusform>
        </translation>
    </message>
    <message>
        <source>The institution&apos;s server address did not answer like a server of learning records: the address may be wrong, or a Wi-Fi network may want you to log in first in a web browser. Your records are kept on this computer.</source>
        <translation>The institution&apos;s server address did not answer like a server of learning records: the address may be wrong, or a Wi-Fi network may want you to log in first in a web browser. Your records are kept on this computer.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Not connected to an account</source>
        <translation>Not connected to an account</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records kept on this computer</source>
        <translation>
            <numerusform>%Ln record kept on this computer</numerusform>
            <numerusform>%Ln records kept on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln waiting</numerusform>
            <numerusform>%Ln waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refused</numerusform>
            <numerusform>%Ln refused</numerusform>
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
    <message>
        <source>Account not checked yet</source>
        <translation>Account not checked yet</translation>
    </message>
    <message>
        <source>Server not reachable</source>
        <translation>Server not reachable</translation>
    </message>
    <message numerus="yes">
        <source>Learning records waiting to be sent: %Ln</source>
        <translation>
            <numerusform>Learning records waiting to be sent: %Ln</numerusform>
            <numerusform>Learning records waiting to be sent: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %Ln</source>
        <translation>
            <numerusform>Refused by the server: %Ln</numerusform>
            <numerusform>Refused by the server: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to add the account your institution gave you.</source>
        <translation>Click to add the account your institution gave you.</translation>
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
        <source>Copy the selected refused statements and reasons</source>
        <translation>Copy the selected refused statements and reasons</translation>
    </message>
    <message>
        <source>Put the selected refused statements (all when none is selected) back in the queue and sync now: for when the server has been fixed</source>
        <translation>Put the selected refused statements (all when none is selected) back in the queue and sync now: for when the server has been fixed</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>Account at the institution</source>
        <translation>Account at the institution</translation>
    </message>
    <message>
        <source>The address of your institution&apos;s learning record store (LRS): its xAPI endpoint, given by the institution.</source>
        <translation>The address of your institution&apos;s learning record store (LRS): its xAPI endpoint, given by the institution.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>Send &amp;again</translation>
    </message>
    <message>
        <source>Sa&amp;ve account</source>
        <translation>Sa&amp;ve account</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;lose</translation>
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
        <source>Your account is checked with the institution&apos;s server at each sync until it answers.</source>
        <translation>Your account is checked with the institution&apos;s server at each sync until it answers.</translation>
    </message>
    <message>
        <source>The server asked to wait until %1: nothing was sent.</source>
        <translation>The server asked to wait until %1: nothing was sent.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records wait to be sent.</source>
        <translation>
            <numerusform>%Ln learning record waits to be sent.</numerusform>
            <numerusform>%Ln learning records wait to be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Institution&apos;s server a&amp;ddress:</source>
        <translation>Institution&apos;s server a&amp;ddress:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message numerus="yes">
        <source>The server refused %Ln learning records: they are listed below.</source>
        <translation>
            <numerusform>The server refused %Ln learning record: it is listed below.</numerusform>
            <numerusform>The server refused %Ln learning records: they are listed below.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read from the institution&apos;s server, so the result of an exam you submitted cannot show yet. If this goes on, tell your institution. (Server&apos;s answer: %2)</source>
        <translation>Exam grades for %1 could not be read from the institution&apos;s server, so the result of an exam you submitted cannot show yet. If this goes on, tell your institution. (Server&apos;s answer: %2)</translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read either, so the result of an exam you submitted cannot show yet.</source>
        <translation>Exam grades for %1 could not be read either, so the result of an exam you submitted cannot show yet.</translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read, so the result of an exam you submitted cannot show yet. %2</source>
        <translation>Exam grades for %1 could not be read, so the result of an exam you submitted cannot show yet. %2</translation>
    </message>
    <message numerus="yes">
        <source>No profile is connected to an account at an institution: %Ln learning records are kept on this computer.</source>
        <translation>
            <numerusform>No profile is connected to an account at an institution: %Ln learning record is kept on this computer.</numerusform>
            <numerusform>No profile is connected to an account at an institution: %Ln learning records are kept on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records are kept on this computer: this profile is not connected to an account at your institution. Add it below to send them.</source>
        <translation>
            <numerusform>%Ln learning record is kept on this computer: this profile is not connected to an account at your institution. Add it below to send it.</numerusform>
            <numerusform>%Ln learning records are kept on this computer: this profile is not connected to an account at your institution. Add it below to send them.</numerusform>
        </translation>
    </message>
    <message>
        <source>This profile is not connected to an account at your institution: add it below so that your learning records can be sent.</source>
        <translation>This profile is not connected to an account at your institution: add it below so that your learning records can be sent.</translation>
    </message>
    <message>
        <source>Other learners on this computer</source>
        <translation>Other learners on this computer</translation>
    </message>
    <message>
        <source>Learners on this computer</source>
        <translation>Learners on this computer</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>an activity (what was done)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The server found this record invalid.</source>
        <translation>The server found this record invalid.</translation>
    </message>
    <message>
        <source>The server holds another record with the same identifier.</source>
        <translation>The server holds another record with the same identifier.</translation>
    </message>
    <message>
        <source>This record is too large for the server.</source>
        <translation>This record is too large for the server.</translation>
    </message>
    <message>
        <source>The server refused this record (HTTP %1).</source>
        <translation>The server refused this record (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused this record.</source>
        <translation>The server refused this record.</translation>
    </message>
    <message>
        <source>The refused records could not be queued again: %1</source>
        <translation>The refused records could not be queued again: %1</translation>
    </message>
    <message>
        <source>Open a profile to set its account.</source>
        <translation>Open a profile to set its account.</translation>
    </message>
    <message>
        <source>Type the address, user name and password your institution gave you, then save.</source>
        <translation>Type the address, user name and password your institution gave you, then save.</translation>
    </message>
    <message>
        <source>Your records cannot be sent without an account: type the one your institution gave you, then save it.</source>
        <translation>Your records cannot be sent without an account: type the one your institution gave you, then save it.</translation>
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
        <source>Type the institution&apos;s server address.</source>
        <translation>Type the institution&apos;s server address.</translation>
    </message>
    <message>
        <source>The institution&apos;s server address is a web address starting with https:// (or http://): type it as your institution gave it.</source>
        <translation>The institution&apos;s server address is a web address starting with https:// (or http://): type it as your institution gave it.</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Type your user name.</translation>
    </message>
    <message>
        <source>The user name cannot contain “:”.</source>
        <translation>The user name cannot contain “:”.</translation>
    </message>
    <message>
        <source>The user name holds an invisible character (a tab, a direction mark…): type it again as your institution gave it.</source>
        <translation>The user name holds an invisible character (a tab, a direction mark…): type it again as your institution gave it.</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>Type the password.</translation>
    </message>
    <message>
        <source>The institution&apos;s server refused this user name or password: correct them, then save.</source>
        <translation>The institution&apos;s server refused this user name or password: correct them, then save.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>The institution&apos;s server address of this profile is not a valid web address: correct it in the account form of the Sync panel. Your records are kept on this computer.</source>
        <translation>The institution&apos;s server address of this profile is not a valid web address: correct it in the account form of the Sync panel. Your records are kept on this computer.</translation>
    </message>
    <message>
        <source>The institution&apos;s server could not be reached: the network or the server may be down, or the address may be wrong.</source>
        <translation>The institution&apos;s server could not be reached: the network or the server may be down, or the address may be wrong.</translation>
    </message>
    <message>
        <source>The institution&apos;s server could not be reached: the network or the server may be down. Your records are kept on this computer and will be sent again.</source>
        <translation>The institution&apos;s server could not be reached: the network or the server may be down. Your records are kept on this computer and will be sent again.</translation>
    </message>
    <message>
        <source>The institution&apos;s server refused the user name or password of this profile: correct them in the account form of the Sync panel. Your records are kept on this computer.</source>
        <translation>The institution&apos;s server refused the user name or password of this profile: correct them in the account form of the Sync panel. Your records are kept on this computer.</translation>
    </message>
    <message>
        <source>The institution&apos;s server is busy. Your records are kept on this computer.</source>
        <translation>The institution&apos;s server is busy. Your records are kept on this computer.</translation>
    </message>
    <message>
        <source>The institution&apos;s server is unavailable for now. Your records are kept on this computer.</source>
        <translation>The institution&apos;s server is unavailable for now. Your records are kept on this computer.</translation>
    </message>
    <message>
        <source>The institution&apos;s server gave an unexpected answer (HTTP %1). Your records are kept on this computer.</source>
        <translation>The institution&apos;s server gave an unexpected answer (HTTP %1). Your records are kept on this computer.</translation>
    </message>
    <message>
        <source>Next try at %1.</source>
        <translation>Next try at %1.</translation>
    </message>
    <message>
        <source>No account to send your learning records to is set for this profile.</source>
        <translation>No account to send your learning records to is set for this profile.</translation>
    </message>
    <message>
        <source>The password of this profile&apos;s account is missing: type it again.</source>
        <translation>The password of this profile&apos;s account is missing: type it again.</translation>
    </message>
    <message>
        <source>Server&apos;s answer: %1</source>
        <translation>Server&apos;s answer: %1</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>Transcript: {title}</source>
        <translation>Transcript: {title}</translation>
    </message>
    <message>
        <source>This transcript is too large to show ({size}; the limit is {limit}).</source>
        <translation>This transcript is too large to show ({size}; the limit is {limit}).</translation>
    </message>
    <message>
        <source>The transcript is damaged (not UTF-8).</source>
        <translation>The transcript is damaged (not UTF-8).</translation>
    </message>
    <message>
        <source>The transcript is damaged (it holds control characters).</source>
        <translation>The transcript is damaged (it holds control characters).</translation>
    </message>
    <message>
        <source>The transcript cannot be shown.</source>
        <translation>The transcript cannot be shown.</translation>
    </message>
</context>
<context>
    <name>UnitError</name>
    <message>
        <source>%1 cannot be opened: this version of %2 does not know this kind of unit. A newer version may show it.</source>
        <translation>%1 cannot be opened: this version of %2 does not know this kind of unit. A newer version may show it.</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %4 met a problem it did not expect. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</source>
        <translation>%1 cannot be opened: %4 met a problem it did not expect. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>Repair this course</source>
        <translation>Repair this course</translation>
    </message>
    <message>
        <source>Your work is not being saved: the disk is full. Free some space (delete files you no longer need); %1 saves again as soon as there is room.</source>
        <translation>Your work is not being saved: the disk is full. Free some space (delete files you no longer need); %1 saves again as soon as there is room.</translation>
    </message>
    <message>
        <source>Your work is not being saved: the disk holding your records became read-only (a USB stick pulled out?). Put it back or make it writable; %1 saves again as soon as it can.</source>
        <translation>Your work is not being saved: the disk holding your records became read-only (a USB stick pulled out?). Put it back or make it writable; %1 saves again as soon as it can.</translation>
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
        <source>Position ({left}/{right}: 5 s, J/L: 10 s)</source>
        <translation>Position ({left}/{right}: 5 s, J/L: 10 s)</translation>
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
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>The words of the video, to read (T)</source>
        <translation>The words of the video, to read (T)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Replay</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>Next: {title}</translation>
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
        <source>{problem} The video plays in {quality} instead.</source>
        <translation>{problem} The video plays in {quality} instead.</translation>
    </message>
    <message>
        <source>This video has no picture: only its sound plays.</source>
        <translation>This video has no picture: only its sound plays.</translation>
    </message>
    <message>
        <source>{problem} Its transcript can be read beside it (T).</source>
        <translation>{problem} Its transcript can be read beside it (T).</translation>
    </message>
    <message>
        <source>The video cannot be played: its file may be damaged.</source>
        <translation>The video cannot be played: its file may be damaged.</translation>
    </message>
    <message>
        <source>The video stopped at {time}, before its end ({length}): its file may be incomplete.</source>
        <translation>The video stopped at {time}, before its end ({length}): its file may be incomplete.</translation>
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
        <source>{problem} You can still read its transcript.</source>
        <translation>{problem} You can still read its transcript.</translation>
    </message>
    <message>
        <source>Subtitles in {label} cannot be shown: {reason}</source>
        <translation>Subtitles in {label} cannot be shown: {reason}</translation>
    </message>
</context>
</TS>
