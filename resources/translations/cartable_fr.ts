<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Cartable cannot open your learning records, so it stops here: %1</source>
        <translation>Cartable ne peut pas ouvrir votre suivi d&apos;apprentissage et s&apos;arrête ici&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CardModel</name>
    <message>
        <source>%1, %2, %3, %4 on disk, %5% done, %6</source>
        <translation>%1, %2, %3, %4 sur le disque, fait à %5&#xa0;%, %6</translation>
    </message>
    <message>
        <source>no publisher</source>
        <translation>sans éditeur</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>non vérifié</translation>
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
        <translation>Module %1&#xa0;: %2, %3 unités faites sur %4</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 of %2 units done</source>
        <translation>%1 unités faites sur %2</translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Progression dans le cours</translation>
    </message>
    <message>
        <source>this kind of unit is not supported</source>
        <translation>ce type d&apos;unité n&apos;est pas pris en charge</translation>
    </message>
    <message>
        <source>Module %1 · %2</source>
        <translation>Module %1 · %2</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothèque</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Retour à la bibliothèque</translation>
    </message>
    <message>
        <source>Back to the library (Ctrl+L)</source>
        <translation>Retour à la bibliothèque (Ctrl+L)</translation>
    </message>
    <message>
        <source>Course outline</source>
        <translation>Plan du cours</translation>
    </message>
    <message>
        <source>Check files…</source>
        <translation>Vérifier les fichiers…</translation>
    </message>
    <message>
        <source>Check and repair the files of this course</source>
        <translation>Vérifier et réparer les fichiers de ce cours</translation>
    </message>
    <message>
        <source>← Previous</source>
        <translation>← Précédente</translation>
    </message>
    <message>
        <source>Previous unit</source>
        <translation>Unité précédente</translation>
    </message>
    <message>
        <source>Previous unit (Alt+Left)</source>
        <translation>Unité précédente (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>Suivante →</translation>
    </message>
    <message>
        <source>Next unit</source>
        <translation>Unité suivante</translation>
    </message>
    <message>
        <source>Next unit (Alt+Right)</source>
        <translation>Unité suivante (Alt+Droite)</translation>
    </message>
    <message>
        <source>Unit content</source>
        <translation>Contenu de l&apos;unité</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Unexpected problem</source>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <source>Something went wrong. Cartable keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</source>
        <translation>Quelque chose s&apos;est mal passé. Cartable continue de fonctionner et ce que vous avez fait jusqu&apos;ici est enregistré. Si cela se reproduit, envoyez le rapport de diagnostic (menu Aide) à votre établissement.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>%1 (and %2 more since)</source>
        <translation>%1 (et %2 autres depuis)</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help — %1</source>
        <translation>Aide — %1</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>play or pause</source>
        <translation>lecture ou pause</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>Gauche / Droite</translation>
    </message>
    <message>
        <source>back or forward 5 seconds</source>
        <translation>reculer ou avancer de 5 secondes</translation>
    </message>
    <message>
        <source>J / L</source>
        <translation>J / L</translation>
    </message>
    <message>
        <source>back or forward 10 seconds</source>
        <translation>reculer ou avancer de 10 secondes</translation>
    </message>
    <message>
        <source>[ / ]</source>
        <translation>[ / ]</translation>
    </message>
    <message>
        <source>slower or faster</source>
        <translation>plus lent ou plus rapide</translation>
    </message>
    <message>
        <source>subtitles on or off</source>
        <translation>sous-titres affichés ou masqués</translation>
    </message>
    <message>
        <source>full screen</source>
        <translation>plein écran</translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation>Page préc. / Page suiv.</translation>
    </message>
    <message>
        <source>previous or next slide</source>
        <translation>diapositive précédente ou suivante</translation>
    </message>
    <message>
        <source>Alt+Left / Alt+Right</source>
        <translation>Alt+Gauche / Alt+Droite</translation>
    </message>
    <message>
        <source>previous or next unit</source>
        <translation>unité précédente ou suivante</translation>
    </message>
    <message>
        <source>between the outline and the unit</source>
        <translation>passer du plan à l&apos;unité</translation>
    </message>
    <message>
        <source>search the library</source>
        <translation>chercher dans la bibliothèque</translation>
    </message>
    <message>
        <source>back to the library</source>
        <translation>retour à la bibliothèque</translation>
    </message>
    <message>
        <source>this help</source>
        <translation>cette aide</translation>
    </message>
    <message>
        <source>Courses and records</source>
        <translation>Cours et suivi</translation>
    </message>
    <message>
        <source>Records file</source>
        <translation>Fichier du suivi</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>An offline course player: study without a network; your progress is sent to your institution when a connection comes back.</source>
        <translation>Un lecteur de cours hors ligne&#xa0;: étudiez sans réseau&#xa0;; votre progression est envoyée à votre établissement dès qu&apos;une connexion revient.</translation>
    </message>
    <message>
        <source>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders and the last problems, never your PIN or passwords.</source>
        <translation>En cas de problème, copiez le rapport de diagnostic et envoyez-le à votre établissement. Il contient les versions, les dossiers et les derniers problèmes, jamais votre code PIN ni vos mots de passe.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>Où sont vos données</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostic report</source>
        <translation>&amp;Copier le rapport de diagnostic</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>No course is installed yet. Import a course from a USB stick or a file.</source>
        <translation>Aucun cours n&apos;est encore installé. Importez un cours depuis une clé USB ou un fichier.</translation>
    </message>
    <message>
        <source>No course title contains “%1”.</source>
        <translation>Aucun titre de cours ne contient «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Search titles (Ctrl+F)</source>
        <translation>Chercher un titre (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search course titles</source>
        <translation>Chercher dans les titres des cours</translation>
    </message>
    <message>
        <source>Installed courses</source>
        <translation>Cours installés</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Non vérifié</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Course unavailable</source>
        <translation>Cours indisponible</translation>
    </message>
    <message>
        <source>This course is no longer installed, or its files cannot be read.</source>
        <translation>Ce cours n&apos;est plus installé, ou ses fichiers ne peuvent pas être lus.</translation>
    </message>
    <message>
        <source>Your institution refused your account: open Sync to correct it.</source>
        <translation>Votre établissement a refusé votre compte&#xa0;: ouvrez la synchronisation pour le corriger.</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage était endommagé. Il a été mis de côté (rien n&apos;a été supprimé) et votre suivi a été restauré depuis la sauvegarde du %1.</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage était endommagé. Il a été mis de côté (rien n&apos;a été supprimé), mais aucune sauvegarde utilisable n&apos;a été trouvée&#xa0;: votre suivi repart de zéro.</translation>
    </message>
    <message>
        <source>Read back from the damaged file: %1. Lost: %2. The damaged file is kept at: %3</source>
        <translation>Relus depuis le fichier endommagé&#xa0;: %1. Perdus&#xa0;: %2. Le fichier endommagé est conservé ici&#xa0;: %3</translation>
    </message>
    <message>
        <source>Records restored</source>
        <translation>Suivi restauré</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Cours</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Switch profile…</source>
        <translation>&amp;Changer de profil…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Check and repair files…</source>
        <translation>&amp;Vérifier et réparer les fichiers…</translation>
    </message>
    <message>
        <source>&amp;Sync with the institution…</source>
        <translation>&amp;Synchroniser avec l&apos;établissement…</translation>
    </message>
    <message>
        <source>&amp;Help and diagnostics</source>
        <translation>&amp;Aide et diagnostic</translation>
    </message>
</context>
<context>
    <name>PlaceholderView</name>
    <message>
        <source>Quizzes arrive in a later version of Cartable.</source>
        <translation>Les quiz arrivent dans une prochaine version de Cartable.</translation>
    </message>
    <message>
        <source>This certificate exam has %1 questions. It will be available here after an update; nothing is recorded until then.</source>
        <translation>Cet examen de certification compte %1 questions. Il sera disponible ici après une mise à jour&#xa0;; rien n&apos;est enregistré d&apos;ici là.</translation>
    </message>
    <message>
        <source>This practice quiz has %1 questions. It will be available here after an update; nothing is recorded until then.</source>
        <translation>Ce quiz d&apos;entraînement compte %1 questions. Il sera disponible ici après une mise à jour&#xa0;; rien n&apos;est enregistré d&apos;ici là.</translation>
    </message>
</context>
<context>
    <name>ProblemPanel</name>
    <message>
        <source>This part of the course cannot be shown</source>
        <extracomment>Files up to this size are re-hashed each time a view opens them (subtitles, decks, texts, images, narration); larger ones (videos) get a size check, and the decoder catches the rest. A heartbeat keeps the time studied and the resume point while the learner is active. No input for this long and no media playing: the learner is away, no heartbeat.</extracomment>
        <translation>Cette partie du cours ne peut pas être affichée</translation>
    </message>
    <message>
        <source>Repairing checks every file of the course and fetches the damaged ones again when a copy of the course or a connection is available.</source>
        <translation>La réparation vérifie chaque fichier du cours et récupère ceux qui sont endommagés dès qu&apos;une copie du cours ou une connexion est disponible.</translation>
    </message>
    <message>
        <source>Repair this course</source>
        <translation>Réparer ce cours</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Saisissez le code PIN de %1.</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Code PIN incorrect. Réessayez.</translation>
    </message>
    <message>
        <source>Type a name for the new profile.</source>
        <translation>Saisissez un nom pour le nouveau profil.</translation>
    </message>
    <message>
        <source>A profile named %1 already exists.</source>
        <translation>Un profil nommé %1 existe déjà.</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits, or leave it empty.</source>
        <translation>Un code PIN compte exactement 4 chiffres&#xa0;; sinon, laissez le champ vide.</translation>
    </message>
    <message>
        <source>Who is studying?</source>
        <translation>Qui étudie&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Profiles on this computer</source>
        <translation>&amp;Profils sur cet ordinateur</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Profils sur cet ordinateur</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>Code P&amp;IN&#xa0;:</translation>
    </message>
    <message>
        <source>PIN of the selected profile</source>
        <translation>Code PIN du profil choisi</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the selected profile</source>
        <translation>Ouvrir le profil choisi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Nouveau profil</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>PIN (optional, 4 digits):</source>
        <translation>Code PIN (facultatif, 4 chiffres)&#xa0;:</translation>
    </message>
    <message>
        <source>Name of the new profile</source>
        <translation>Nom du nouveau profil</translation>
    </message>
    <message>
        <source>First name, or a nickname</source>
        <translation>Prénom ou surnom</translation>
    </message>
    <message>
        <source>Interface language of the new profile</source>
        <translation>Langue de l&apos;interface du nouveau profil</translation>
    </message>
    <message>
        <source>PIN of the new profile, optional</source>
        <translation>Code PIN du nouveau profil, facultatif</translation>
    </message>
    <message>
        <source>A PIN keeps classmates on a shared computer out of your progress.</source>
        <translation>Sur un ordinateur partagé, un code PIN protège votre progression des autres élèves.</translation>
    </message>
    <message>
        <source>&amp;Create and open</source>
        <translation>&amp;Créer et ouvrir</translation>
    </message>
    <message>
        <source>Create the profile and open it</source>
        <translation>Créer le profil et l&apos;ouvrir</translation>
    </message>
    <message>
        <source>Protected by a PIN</source>
        <translation>Protégé par un code PIN</translation>
    </message>
    <message>
        <source>%1, protected by a PIN</source>
        <translation>%1, protégé par un code PIN</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>Reading: {title}</source>
        <extracomment>A readable line length: the text column never gets wider than this (pixels). Margin around the text, inside the column. The end counts as reached when the scroll bar is this close to its maximum (pixels).</extracomment>
        <translation>Lecture&#xa0;: {title}</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (not UTF-8).</source>
        <translation>Le texte de cette lecture est endommagé (il n&apos;est pas en UTF-8).</translation>
    </message>
    <message>
        <source>An image of this reading cannot be shown: {reason}</source>
        <translation>Une image de cette lecture ne peut pas être affichée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>An image of this reading cannot be shown: its file is damaged.</source>
        <translation>Une image de cette lecture ne peut pas être affichée&#xa0;: son fichier est endommagé.</translation>
    </message>
    <message>
        <source>Open a web page?</source>
        <translation>Ouvrir une page web&#xa0;?</translation>
    </message>
    <message>
        <source>This link leads to a web page outside the course:</source>
        <translation>Ce lien mène à une page web en dehors du cours&#xa0;:</translation>
    </message>
    <message>
        <source>{address}

Open it in your web browser? It needs a connection.</source>
        <translation>{address}

L&apos;ouvrir dans votre navigateur&#xa0;? Il faut une connexion.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Marquer comme fait</translation>
    </message>
    <message>
        <source>This reading is done</source>
        <translation>Cette lecture est faite</translation>
    </message>
    <message>
        <source>Mark this reading as done</source>
        <translation>Marquer cette lecture comme faite</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Check files — %1</source>
        <translation>Vérifier les fichiers — %1</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Fetching damaged files again over the internet comes with course downloads in a later version. Until then, repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>La récupération des fichiers endommagés par Internet arrivera avec le téléchargement des cours, dans une prochaine version. D&apos;ici là, réparez depuis une copie du cours&#xa0;: un fichier .cartable ou un dossier, par exemple sur une clé USB.</translation>
    </message>
    <message>
        <source>Repair from a &amp;file…</source>
        <translation>Réparer depuis un &amp;fichier…</translation>
    </message>
    <message>
        <source>Repair from a f&amp;older…</source>
        <translation>Réparer depuis un &amp;dossier…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Checking every file of “%1”…</source>
        <translation>Vérification de chaque fichier de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Repairing from %1…</source>
        <translation>Réparation depuis %1…</translation>
    </message>
    <message>
        <source>All %1 files of this course are intact.</source>
        <translation>Les %1 fichiers de ce cours sont intacts.</translation>
    </message>
    <message>
        <source>%1 of %2 files are missing or damaged. Affected: %3.</source>
        <translation>%1 fichiers sur %2 sont manquants ou endommagés. Concerné&#xa0;: %3.</translation>
    </message>
    <message>
        <source>the course cover</source>
        <translation>la couverture du cours</translation>
    </message>
    <message>
        <source>Repaired: all %1 files of this course are intact again.</source>
        <translation>Réparé&#xa0;: les %1 fichiers de ce cours sont de nouveau intacts.</translation>
    </message>
    <message>
        <source>The course could not be repaired: %1</source>
        <translation>Le cours n&apos;a pas pu être réparé&#xa0;: %1</translation>
    </message>
    <message>
        <source>A copy of the course</source>
        <translation>Une copie du cours</translation>
    </message>
    <message>
        <source>Cartable courses (*.cartable)</source>
        <translation>Cours Cartable (*.cartable)</translation>
    </message>
    <message>
        <source>A folder holding the course</source>
        <translation>Un dossier contenant le cours</translation>
    </message>
</context>
<context>
    <name>Resume</name>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>slides</source>
        <translation>diaporama</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>lecture</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>quiz</translation>
    </message>
    <message>
        <source>exam</source>
        <translation>examen</translation>
    </message>
    <message>
        <source>module %1, %2 %3</source>
        <translation>module %1, %2 %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, page %2</translation>
    </message>
    <message>
        <source>Continue: %1</source>
        <translation>Continuer&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SlidesView</name>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Position in the narration</source>
        <translation>Position dans le commentaire</translation>
    </message>
    <message>
        <source>Narration (Left/Right: 5 s)</source>
        <translation>Commentaire (Gauche/Droite&#xa0;: 5&#xa0;s)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF file is damaged ({detail}).</source>
        <translation>Le diaporama ne peut pas être affiché&#xa0;: le fichier PDF est endommagé ({detail}).</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF has {found} pages, not {expected}.</source>
        <translation>Le diaporama ne peut pas être affiché&#xa0;: le PDF compte {found} pages et non {expected}.</translation>
    </message>
    <message>
        <source>its audio file may be damaged ({detail})</source>
        <translation>son fichier audio est peut-être endommagé ({detail})</translation>
    </message>
    <message>
        <source>The narration cannot be played: {reason} The slides can still be read.</source>
        <translation>Le commentaire ne peut pas être lu&#xa0;: {reason} Le diaporama reste lisible.</translation>
    </message>
    <message>
        <source>Slide {page} of {count}</source>
        <translation>Diapositive {page} sur {count}</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Page {page} sur {count}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{action} (Space)</source>
        <translation>{action} (Espace)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not started</source>
        <translation>Pas commencé</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Waiting for an unmetered network</source>
        <translation>En attente d&apos;un réseau non limité</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Erreur de synchronisation</translation>
    </message>
    <message numerus="yes">
        <source>Learning records waiting to be sent: %n</source>
        <translation>
            <numerusform>Traces d&apos;apprentissage en attente d&apos;envoi&#xa0;: %n</numerusform>
            <numerusform>Traces d&apos;apprentissage en attente d&apos;envoi&#xa0;: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %n</source>
        <translation>
            <numerusform>Refusées par le serveur&#xa0;: %n</numerusform>
            <numerusform>Refusées par le serveur&#xa0;: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Click for details and “Sync now”.</source>
        <translation>Cliquez pour les détails et «&#xa0;Synchroniser maintenant&#xa0;».</translation>
    </message>
    <message>
        <source>Sync status: %1</source>
        <translation>État de la synchronisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation>Réponse du serveur</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the selected refused statements and reasons</source>
        <translation>Copier les traces refusées choisies et leurs motifs</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>Save account</source>
        <translation>Enregistrer le compte</translation>
    </message>
    <message>
        <source>Account at the institution</source>
        <translation>Compte auprès de l&apos;établissement</translation>
    </message>
    <message>
        <source>Server (LRS endpoint)</source>
        <translation>Serveur (adresse du LRS)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <source>Refused by the server (kept, never deleted)</source>
        <translation>Refusées par le serveur (conservées, jamais supprimées)</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>Dernière synchronisation réussie&#xa0;: jamais</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>Dernière synchronisation réussie&#xa0;: %1</translation>
    </message>
    <message>
        <source>Everything has been sent.</source>
        <translation>Tout a été envoyé.</translation>
    </message>
    <message numerus="yes">
        <source>%n learning records wait to be sent.</source>
        <translation>
            <numerusform>%n trace d&apos;apprentissage attend d&apos;être envoyée.</numerusform>
            <numerusform>%n traces d&apos;apprentissage attendent d&apos;être envoyées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: records will be sent when the network returns.</source>
        <translation>Hors ligne&#xa0;: les traces seront envoyées au retour du réseau.</translation>
    </message>
    <message>
        <source>Waiting for an unmetered network (see the settings).</source>
        <translation>En attente d&apos;un réseau non limité (voir les réglages).</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>The last sync did not succeed.</source>
        <translation>La dernière synchronisation a échoué.</translation>
    </message>
    <message>
        <source>Open a profile to set its account.</source>
        <translation>Ouvrez un profil pour régler son compte.</translation>
    </message>
    <message>
        <source>No account: records stay on this device.</source>
        <translation>Aucun compte&#xa0;: les traces restent sur cet appareil.</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring.</source>
        <translation>Le mot de passe est conservé dans le trousseau du système.</translation>
    </message>
    <message>
        <source>The password is kept in a file only you can read.</source>
        <translation>Le mot de passe est conservé dans un fichier que vous seul pouvez lire.</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>Saisissez le mot de passe.</translation>
    </message>
</context>
<context>
    <name>UnitError</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <extracomment>(unit, parent) -&gt; the content view of that unit; None when the factory has none for it.</extracomment>
        <translation>%1 ne peut pas être ouvert&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>Repair this course</source>
        <translation>Réparer ce cours</translation>
    </message>
    <message>
        <source>Your progress could not be saved: {reason}</source>
        <translation>Votre progression n&apos;a pas pu être enregistrée&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>A file of this course is missing from this computer ({name}).</source>
        <translation>Un fichier de ce cours manque sur cet ordinateur ({name}).</translation>
    </message>
    <message>
        <source>A file of this course is damaged ({name}).</source>
        <translation>Un fichier de ce cours est endommagé ({name}).</translation>
    </message>
    <message>
        <source>A file of this course cannot be read ({name}).</source>
        <translation>Un fichier de ce cours ne peut pas être lu ({name}).</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>Video: {title}</source>
        <translation>Vidéo&#xa0;: {title}</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Position dans la vidéo</translation>
    </message>
    <message>
        <source>Position (Left/Right: 5 s, J/L: 10 s)</source>
        <translation>Position (Gauche/Droite&#xa0;: 5&#xa0;s, J/L&#xa0;: 10&#xa0;s)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>Vitesse de lecture ([ plus lent, ] plus rapide)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Volume (Up/Down)</source>
        <translation>Volume (Haut/Bas)</translation>
    </message>
    <message>
        <source>Subtitles off</source>
        <translation>Sans sous-titres</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Sous-titres</translation>
    </message>
    <message>
        <source>Subtitles (C: on/off)</source>
        <translation>Sous-titres (C&#xa0;: afficher/masquer)</translation>
    </message>
    <message>
        <source>Video quality</source>
        <translation>Qualité vidéo</translation>
    </message>
    <message>
        <source>Video quality: a smaller picture plays on slower computers</source>
        <translation>Qualité vidéo&#xa0;: une image plus petite passe sur les ordinateurs plus lents</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>{action} (Space)</source>
        <translation>{action} (Espace)</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Rétablir le son</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Couper le son</translation>
    </message>
    <message>
        <source>{action} (M)</source>
        <translation>{action} (M)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Quitter le plein écran</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>The video cannot be played: its file may be damaged ({detail}).</source>
        <translation>La vidéo ne peut pas être lue&#xa0;: son fichier est peut-être endommagé ({detail}).</translation>
    </message>
    <message>
        <source>unknown decoder error</source>
        <translation>erreur de décodage inconnue</translation>
    </message>
    <message>
        <source>{time} of {length}</source>
        <translation>{time} sur {length}</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Watched: {percent}</source>
        <translation>Vu&#xa0;: {percent}</translation>
    </message>
    <message>
        <source>Subtitles in {label} cannot be shown: {reason}</source>
        <translation>Les sous-titres en {label} ne peuvent pas être affichés&#xa0;: {reason}</translation>
    </message>
</context>
</TS>
