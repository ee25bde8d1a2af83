<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AnswerWords</name>
    <message>
        <source>; </source>
        <translation>&#xa0;; </translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>%2 cannot open your learning records, so it stops here: %1</source>
        <translation>%2 ne peut pas ouvrir votre suivi d&apos;apprentissage et s&apos;arrête ici&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Assessment</name>
    <message>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d&apos;une minute</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h&#xa0;%2&#xa0;min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1&#xa0;min&#xa0;%2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1&#xa0;h&#xa0;%2&#xa0;min&#xa0;%3&#xa0;s</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Submitted — waiting for the result</source>
        <translation>Remis — en attente du résultat</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Réussi (%1)</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Not passed (%1)</source>
        <translation>Non réussi (%1)</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Non réussi</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>&amp;Go back</source>
        <translation>Re&amp;venir</translation>
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
    <message>
        <source>%1, update available: version %2</source>
        <translation>%1, mise à jour disponible&#xa0;: version %2</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>To download</source>
        <translation>À télécharger</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>jusqu&apos;à %1</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement en cours</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Not updatable: signed with another key</source>
        <translation>Mise à jour impossible&#xa0;: autre clé</translation>
    </message>
    <message>
        <source>Not trusted</source>
        <translation>Non reconnu</translation>
    </message>
    <message>
        <source>Not installable: key for another course</source>
        <translation>Installation impossible&#xa0;: clé d&apos;un autre cours</translation>
    </message>
    <message>
        <source>Not installable: earlier demo key</source>
        <translation>Non installable&#xa0;: ancienne clé de démonstration</translation>
    </message>
    <message>
        <source>Unsigned</source>
        <translation>Non signé</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>Mise à jour disponible</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Non installé</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Downloading: see Downloads.</source>
        <translation>Téléchargement en cours&#xa0;: voir Téléchargements.</translation>
    </message>
    <message>
        <source>Installed (version %1).</source>
        <translation>Installé (version %1).</translation>
    </message>
    <message>
        <source>This version is signed by a publisher %1 does not trust (key %2), so it cannot be installed. If your institution gave you its key file, add it in Settings (Trusted keys).</source>
        <translation>Cette version est signée par un éditeur que %1 ne reconnaît pas (clé %2)&#xa0;: elle ne peut pas être installée. Si votre établissement vous a donné son fichier de clé, ajoutez-le dans Réglages (Clés de confiance).</translation>
    </message>
    <message>
        <source>The installed version is signed by its publisher; this version is signed by a different publisher, so %1 will not replace it. To install it, remove the course first.</source>
        <translation>La version installée est signée par son éditeur&#xa0;; cette version est signée par un autre éditeur, donc %1 ne la remplacera pas. Pour l&apos;installer, supprimez d&apos;abord le cours.</translation>
    </message>
    <message>
        <source>The installed version of “%1” is signed by its publisher; this copy is not signed, so %2 will not replace it.</source>
        <translation>La version installée de «&#xa0;%1&#xa0;» est signée par son éditeur&#xa0;; cette copie n&apos;est pas signée, donc %2 ne la remplacera pas.</translation>
    </message>
    <message>
        <source>Version %1 is installed. The update downloads only the changed files: %2.</source>
        <translation>La version %1 est installée. La mise à jour ne télécharge que les fichiers modifiés&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Not signed: %1 accepts only signed courses. Ask your institution for a signed copy.</source>
        <translation>Non signé&#xa0;: %1 n&apos;accepte que les cours signés. Demandez une copie signée à votre établissement.</translation>
    </message>
    <message>
        <source>This version is signed with another key than the installed version, so %1 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then install it from here.</source>
        <translation>Cette version est signée avec une autre clé que la version installée&#xa0;: %1 ne la remplacera donc pas, et ajouter une clé dans les Réglages n&apos;y changerait rien. Demandez à votre établissement son nouvel installateur&#xa0;; ou supprimez d&apos;abord le cours (les traces d&apos;apprentissage et la progression de chacun y sont gardées), puis installez-le depuis cette page.</translation>
    </message>
    <message>
        <source>This version is signed with a key %1 accepts only for another course, so it cannot be installed. Tell its publisher.</source>
        <translation>Cette version est signée avec une clé que %1 n&apos;accepte que pour un autre cours, elle ne peut donc pas être installée. Prévenez son éditeur.</translation>
    </message>
    <message>
        <source>This version is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</source>
        <translation>Cette version est signée avec une ancienne clé du cours de démonstration, que %1 n&apos;accepte plus&#xa0;: elle ne peut pas être installée.</translation>
    </message>
    <message>
        <source>This course is not signed: nobody can check who made it or that it was not changed. Installed, it is marked “Unverified”. To copy: %1.</source>
        <translation>Ce cours n&apos;est pas signé&#xa0;: personne ne peut vérifier qui l&apos;a fait ni qu&apos;il n&apos;a pas été modifié. Une fois installé, il est marqué «&#xa0;Non vérifié&#xa0;». À copier&#xa0;: %1.</translation>
    </message>
    <message>
        <source>To download: %1.</source>
        <translation>À télécharger&#xa0;: %1.</translation>
    </message>
    <message>
        <source>&amp;Install as unverified…</source>
        <translation>&amp;Installer comme non vérifié…</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Mettre à jour</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Télécharger</translation>
    </message>
    <message>
        <source>Fetching the catalogs…</source>
        <translation>Récupération des catalogues…</translation>
    </message>
    <message>
        <source>%1 is unavailable: %2</source>
        <translation>%1 est indisponible&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 could not be refreshed: %2 Showing the copy of %3.</source>
        <translation>%1 n&apos;a pas pu être actualisé&#xa0;: %2 Affichage de la copie du %3.</translation>
    </message>
    <message>
        <source>%1: this catalog could not be saved on this computer; without a network it will be missing or out of date.</source>
        <translation>%1&#xa0;: ce catalogue n&apos;a pas pu être enregistré sur cet ordinateur&#xa0;; sans réseau, il sera absent ou pas à jour.</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not a catalog.</source>
        <translation>la réponse du serveur n&apos;est pas un catalogue.</translation>
    </message>
    <message>
        <source>this folder holds no catalog that can be read.</source>
        <translation>ce dossier ne contient aucun catalogue lisible.</translation>
    </message>
    <message>
        <source>this catalog cannot be used.</source>
        <translation>ce catalogue ne peut pas être utilisé.</translation>
    </message>
    <message>
        <source>No catalog yet. Add the address of a catalog, or a folder holding one (a USB stick), in Settings.</source>
        <translation>Aucun catalogue pour l&apos;instant. Ajoutez l&apos;adresse d&apos;un catalogue, ou un dossier qui en contient un (une clé USB), dans les Réglages.</translation>
    </message>
    <message>
        <source>The catalogs offer no course.</source>
        <translation>Les catalogues ne proposent aucun cours.</translation>
    </message>
    <message>
        <source>No course matches this search.</source>
        <translation>Aucun cours ne correspond à cette recherche.</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothèque</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Search courses (Ctrl+F)</source>
        <translation>Chercher un cours (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Chercher dans le catalogue</translation>
    </message>
    <message>
        <source>Language of the courses</source>
        <translation>Langue des cours</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <source>Fetch the catalogs again (F5)</source>
        <translation>Récupérer à nouveau les catalogues (F5)</translation>
    </message>
    <message>
        <source>Courses offered</source>
        <translation>Cours proposés</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Réglages…</translation>
    </message>
</context>
<context>
    <name>CatalogsTab</name>
    <message>
        <source>%1 (your institution&apos;s)</source>
        <translation>%1 (de votre établissement)</translation>
    </message>
    <message>
        <source>Reading the catalog…</source>
        <translation>Lecture du catalogue…</translation>
    </message>
    <message>
        <source>Added, though it cannot be reached now: the catalog page shows its courses once it can.</source>
        <translation>Ajouté, bien qu&apos;injoignable pour l&apos;instant&#xa0;: la page Catalogue affichera ses cours dès qu&apos;il sera joignable.</translation>
    </message>
    <message>
        <source>Added. The catalog page shows its courses.</source>
        <translation>Ajouté. La page Catalogue montre ses cours.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n other keys sign courses refused here.</source>
        <translation>
            <numerusform>…et %n autre clé signe des cours refusés ici.</numerusform>
            <numerusform>…et %n autres clés signent des cours refusés ici.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not check which keys sign its courses: its downloads will say it.</source>
        <translation>%1 n&apos;a pas pu vérifier quelles clés signent ses cours&#xa0;: ses téléchargements le diront.</translation>
    </message>
    <message numerus="yes">
        <source>Key %1, which %2 does not trust, signs %n courses of this catalog (%3): their downloads will be refused. If your institution gave you its key file, add it in the Trusted keys tab.</source>
        <translation>
            <numerusform>La clé %1, à laquelle %2 ne fait pas confiance, signe %n cours de ce catalogue (%3)&#xa0;: son téléchargement sera refusé. Si votre établissement vous a donné son fichier de clé, ajoutez-le dans l&apos;onglet Clés de confiance.</numerusform>
            <numerusform>La clé %1, à laquelle %2 ne fait pas confiance, signe %n cours de ce catalogue (%3)&#xa0;: leurs téléchargements seront refusés. Si votre établissement vous a donné son fichier de clé, ajoutez-le dans l&apos;onglet Clés de confiance.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Key %1, which %2 accepts only for another course, signs %n courses of this catalog (%3): they cannot be installed. Tell its publisher.</source>
        <translation>
            <numerusform>La clé %1, que %2 n&apos;accepte que pour un autre cours, signe %n cours de ce catalogue (%3)&#xa0;: il ne peut pas être installé. Prévenez son éditeur.</numerusform>
            <numerusform>La clé %1, que %2 n&apos;accepte que pour un autre cours, signe %n cours de ce catalogue (%3)&#xa0;: ils ne peuvent pas être installés. Prévenez son éditeur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Key %1, an earlier key of the demo course, which %2 no longer accepts, signs %n courses of this catalog (%3): they cannot be installed.</source>
        <translation>
            <numerusform>La clé %1, une ancienne clé du cours de démonstration, que %2 n&apos;accepte plus, signe %n cours de ce catalogue (%3)&#xa0;: il ne peut pas être installé.</numerusform>
            <numerusform>La clé %1, une ancienne clé du cours de démonstration, que %2 n&apos;accepte plus, signe %n cours de ce catalogue (%3)&#xa0;: ils ne peuvent pas être installés.</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder holding a catalog (catalog.json)</source>
        <translation>Un dossier contenant un catalogue (catalog.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n courses</source>
        <translation>
            <numerusform>%n cours</numerusform>
            <numerusform>%n cours</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2)&#xa0;: %3</translation>
    </message>
    <message>
        <source>Looking for computers sharing courses on this network…</source>
        <translation>Recherche des ordinateurs qui partagent des cours sur ce réseau…</translation>
    </message>
    <message numerus="yes">
        <source>Found %n computers sharing courses: choose one, then add it.</source>
        <translation>
            <numerusform>%n ordinateur partage des cours&#xa0;: choisissez-le, puis ajoutez-le.</numerusform>
            <numerusform>%n ordinateurs partagent des cours&#xa0;: choisissez-en un, puis ajoutez-le.</numerusform>
        </translation>
    </message>
    <message>
        <source>No computer sharing courses answered. The sharing computer must be on this same network and sharing now; a firewall, or a Wi-Fi network that blocks the search, can also hide it: then type the address it shows in the field above.</source>
        <translation>Aucun ordinateur qui partage des cours n&apos;a répondu. L&apos;ordinateur qui partage doit être sur ce même réseau et partager en ce moment&#xa0;; un pare-feu, ou un réseau Wi-Fi qui bloque la recherche, peut aussi le cacher&#xa0;: tapez alors l&apos;adresse qu&apos;il affiche dans le champ ci-dessus.</translation>
    </message>
    <message>
        <source>Courses are offered by catalogs: a web address, or a folder holding a catalog.json (a USB stick, a shared drive).</source>
        <translation>Les cours sont proposés par des catalogues&#xa0;: une adresse web, ou un dossier contenant un catalog.json (une clé USB, un disque partagé).</translation>
    </message>
    <message>
        <source>Catalogs</source>
        <translation>Catalogues</translation>
    </message>
    <message>
        <source>Addre&amp;ss or folder of a catalog:</source>
        <translation>Adre&amp;sse ou dossier d&apos;un catalogue&#xa0;:</translation>
    </message>
    <message>
        <source>https://… or a folder</source>
        <translation>https://… ou un dossier</translation>
    </message>
    <message>
        <source>Address or folder of a catalog</source>
        <translation>Adresse ou dossier d&apos;un catalogue</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Add a &amp;folder…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Fi&amp;nd computers sharing courses nearby</source>
        <translation>&amp;Trouver les ordinateurs proches qui partagent des cours</translation>
    </message>
    <message>
        <source>Computers sharing courses</source>
        <translation>Ordinateurs qui partagent des cours</translation>
    </message>
    <message>
        <source>Add &amp;this computer</source>
        <translation>Ajouter &amp;cet ordinateur</translation>
    </message>
</context>
<context>
    <name>CourseCard</name>
    <message numerus="yes">
        <source>%n of %1 units done · %2 studied</source>
        <translation>
            <numerusform>%n unité faite sur %1 · %2 d&apos;étude</numerusform>
            <numerusform>%n unités faites sur %1 · %2 d&apos;étude</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseRemoval</name>
    <message>
        <source>Another course is being removed: wait until “%1” is removed, then try again.</source>
        <translation>Un autre cours est en cours de suppression&#xa0;: attendez que «&#xa0;%1&#xa0;» soit supprimé, puis réessayez.</translation>
    </message>
    <message>
        <source>Its files are deleted for every profile on this computer.</source>
        <translation>Ses fichiers sont effacés pour tous les profils de cet ordinateur.</translation>
    </message>
    <message>
        <source>This frees %1 of disk space.</source>
        <translation>Cela libère %1 sur le disque.</translation>
    </message>
    <message>
        <source>This frees no disk space: other courses or downloads use the same files.</source>
        <translation>Cela ne libère aucune place sur le disque&#xa0;: d&apos;autres cours ou téléchargements utilisent les mêmes fichiers.</translation>
    </message>
    <message>
        <source>Everyone&apos;s learning records and progress in it are kept: they come back if the course is installed again, from the course catalog or a course file.</source>
        <translation>Les traces d&apos;apprentissage et la progression de chacun dans ce cours sont conservées&#xa0;: elles reviennent si le cours est réinstallé, depuis le catalogue de cours ou un fichier de cours.</translation>
    </message>
    <message>
        <source>This is the demo course: %3 will not install it again by itself. To get it back, import the folder %1 (%2).</source>
        <translation>C&apos;est le cours de démonstration&#xa0;: %3 ne le réinstallera pas de lui-même. Pour le retrouver, importez le dossier %1 (%2).</translation>
    </message>
    <message>
        <source>Remove course</source>
        <translation>Supprimer le cours</translation>
    </message>
    <message>
        <source>Remove “%1” from this computer?</source>
        <translation>Supprimer «&#xa0;%1&#xa0;» de cet ordinateur&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <source>“%1” was already removed.</source>
        <translation>«&#xa0;%1&#xa0;» était déjà supprimé.</translation>
    </message>
    <message>
        <source>Removed: %1. %2 of disk space freed.</source>
        <translation>Supprimé&#xa0;: %1. Place libérée sur le disque&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Removed: %1.</source>
        <translation>Supprimé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>“%1” was not removed: another %2 on this computer is installing or updating it. Try again once it has finished.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été supprimé&#xa0;: un autre %2 de cet ordinateur est en train de l&apos;installer ou de le mettre à jour. Réessayez quand il aura fini.</translation>
    </message>
    <message>
        <source>“%1” could not be removed: this computer refused to change its files. The details say what went wrong.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être supprimé&#xa0;: cet ordinateur a refusé de modifier ses fichiers. Les détails disent ce qui n&apos;a pas marché.</translation>
    </message>
    <message>
        <source>“%1” is being downloaded: cancel its download in Downloads (Ctrl+J) first, then remove it.</source>
        <translation>«&#xa0;%1&#xa0;» est en cours de téléchargement&#xa0;: annulez d&apos;abord son téléchargement dans Téléchargements (Ctrl+J), puis supprimez-le.</translation>
    </message>
    <message>
        <source>“%1” is being exported: wait until its export has finished, then remove it.</source>
        <translation>«&#xa0;%1&#xa0;» est en cours d&apos;exportation&#xa0;: attendez la fin de son exportation, puis supprimez-le.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then remove the course.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours, dont le chronomètre continue de tourner&#xa0;: rendez-le d&apos;abord (ou laissez son temps s&apos;écouler), puis supprimez le cours.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: remove the course once it is submitted or its time has run out.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours dans un autre profil de cet ordinateur (%2), dont le chronomètre continue de tourner&#xa0;: supprimez le cours une fois l&apos;examen rendu ou son temps écoulé.</translation>
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
        <translation>%1, %2&#xa0;: %3</translation>
    </message>
    <message numerus="yes">
        <source>Module %1: %2, %n of %3 units done</source>
        <translation>
            <numerusform>Module %1&#xa0;: %2, %n unité faite sur %3</numerusform>
            <numerusform>Module %1&#xa0;: %2, %n unités faites sur %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Temps restant&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 units done</source>
        <translation>
            <numerusform>%n unité faite sur %1</numerusform>
            <numerusform>%n unités faites sur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Progression dans le cours</translation>
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
        <source>Back to the library ({key})</source>
        <translation>Retour à la bibliothèque ({key})</translation>
    </message>
    <message>
        <source>Previous unit ({key})</source>
        <translation>Unité précédente ({key})</translation>
    </message>
    <message>
        <source>Next unit ({key})</source>
        <translation>Unité suivante ({key})</translation>
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
        <source>Next →</source>
        <translation>Suivante →</translation>
    </message>
    <message>
        <source>Next unit</source>
        <translation>Unité suivante</translation>
    </message>
    <message>
        <source>Unit content</source>
        <translation>Contenu de l&apos;unité</translation>
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
        <translation>Terminez l&apos;examen «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>il reste %1</translation>
    </message>
    <message>
        <source>Continue “%1”: %2</source>
        <translation>Continuer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Start “%1”: %2</source>
        <translation>Commencer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>“%1” cannot be completed: every attempt of “%2” is used. Ask your teacher.</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas être terminé&#xa0;: toutes les tentatives de «&#xa0;%2&#xa0;» sont utilisées. Demandez à votre enseignant.</translation>
    </message>
    <message>
        <source>%1: in progress</source>
        <translation>%1&#xa0;: en cours</translation>
    </message>
    <message>
        <source>%1: not taken yet</source>
        <translation>%1&#xa0;: pas encore fait</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>not passed, no attempt left</source>
        <translation>pas réussi, plus aucune tentative</translation>
    </message>
    <message>
        <source>not passed yet</source>
        <translation>pas encore réussi</translation>
    </message>
    <message>
        <source>%1: best %2 (%3), pass mark %4</source>
        <translation>%1&#xa0;: meilleur score %2 (%3), seuil de réussite %4</translation>
    </message>
    <message>
        <source>attempts: %1</source>
        <translation>tentatives&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1: not taken yet (%2 attempts allowed)</source>
        <translation>%1&#xa0;: pas encore passé (%2 tentatives permises)</translation>
    </message>
    <message>
        <source>%1, attempt %2: %3</source>
        <translation>%1, tentative %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Time studied per day, last 4 weeks</source>
        <translation>Temps d&apos;étude par jour, 4 dernières semaines</translation>
    </message>
    <message>
        <source>Today: %1. Last 7 days: %2. Last 4 weeks: %3.</source>
        <translation>Aujourd&apos;hui&#xa0;: %1. 7 derniers jours&#xa0;: %2. 4 dernières semaines&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No study time yet</source>
        <translation>Pas encore de temps d&apos;étude</translation>
    </message>
    <message>
        <source>Course progress</source>
        <translation>Progression dans le cours</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Last 7 days: %1 · last 4 weeks: %2</source>
        <translation>7 derniers jours&#xa0;: %1 · 4 dernières semaines&#xa0;: %2</translation>
    </message>
    <message>
        <source>Not started yet: %1</source>
        <translation>Pas encore commencé&#xa0;: %1</translation>
    </message>
    <message>
        <source>You have not started a course yet.</source>
        <translation>Vous n&apos;avez pas encore commencé de cours.</translation>
    </message>
    <message>
        <source>%1 studied</source>
        <translation>%1 d&apos;étude</translation>
    </message>
    <message>
        <source>%1: best %2</source>
        <translation>%1&#xa0;: meilleur score %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Still to do: %1</source>
        <translation>À faire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Course completed.</source>
        <translation>Cours terminé.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothèque</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Retour à la bibliothèque</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Progression&#xa0;: %1</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>À faire ensuite</translation>
    </message>
    <message>
        <source>Nothing waits for you: well done.</source>
        <translation>Rien ne vous attend&#xa0;: bravo.</translation>
    </message>
    <message>
        <source>No course is installed yet: get one from your institution&apos;s catalog, or import it from a USB stick or a file.</source>
        <translation>Aucun cours n&apos;est encore installé&#xa0;: prenez-en un dans le catalogue de votre établissement, ou importez-le d&apos;une clé USB ou d&apos;un fichier.</translation>
    </message>
    <message>
        <source>&amp;Get courses…</source>
        <translation>Obtenir des &amp;cours…</translation>
    </message>
    <message>
        <source>Time studied</source>
        <translation>Temps d&apos;étude</translation>
    </message>
    <message>
        <source>Your courses</source>
        <translation>Vos cours</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>%1, %2</source>
        <comment>a date, then a time of day</comment>
        <translation>%1 à %2</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>the course was changed after it was signed, or its signature is damaged, so it cannot be installed. Tell its publisher, and try again once they have published a correct copy.</source>
        <translation>le cours a été modifié après sa signature, ou sa signature est endommagée&#xa0;: il ne peut pas être installé. Prévenez son éditeur, et réessayez quand il aura publié une copie correcte.</translation>
    </message>
    <message>
        <source>this course is not signed, so it cannot be installed here. Ask your institution for a signed copy.</source>
        <translation>ce cours n&apos;est pas signé, il ne peut donc pas être installé ici. Demandez une copie signée à votre établissement.</translation>
    </message>
    <message>
        <source>it is signed with an earlier key of the demo course, which %1 no longer accepts, so it cannot be installed.</source>
        <translation>il est signé avec une ancienne clé du cours de démonstration, que %1 n&apos;accepte plus&#xa0;: il ne peut donc pas être installé.</translation>
    </message>
    <message>
        <source>this version is signed with another key than the installed one, so it cannot replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then download it again.</source>
        <translation>cette version est signée avec une autre clé que celle installée&#xa0;: elle ne peut donc pas la remplacer, et ajouter une clé dans les Réglages n&apos;y changerait rien. Demandez à votre établissement son nouvel installateur&#xa0;; ou supprimez d&apos;abord le cours (les traces d&apos;apprentissage et la progression de chacun y sont gardées), puis téléchargez-le à nouveau.</translation>
    </message>
    <message>
        <source>another %1 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</source>
        <translation>un autre %1 travaille sur les fichiers des cours de cet ordinateur (téléchargement ou nettoyage). Réessayez quand il aura fini.</translation>
    </message>
    <message>
        <source>the folder where %1 keeps its files cannot lock them (a network folder), so two downloads could damage each other&apos;s files. Keep the files of %1 on a disk of this computer.</source>
        <translation>le dossier où %1 garde ses fichiers ne peut pas les verrouiller (un dossier réseau)&#xa0;: deux téléchargements pourraient abîmer les fichiers l&apos;un de l&apos;autre. Gardez les fichiers de %1 sur un disque de cet ordinateur.</translation>
    </message>
    <message>
        <source>%1 — update to version %2</source>
        <translation>%1 — mise à jour vers la version %2</translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation>%1 — version %2</translation>
    </message>
    <message>
        <source>Downloaded: %1%</source>
        <translation>Téléchargé&#xa0;: %1&#xa0;%</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>Réessa&amp;yer</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Repre&amp;ndre</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pau&amp;se</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Annu&amp;ler</translation>
    </message>
    <message>
        <source>Checking the course…</source>
        <translation>Vérification du cours…</translation>
    </message>
    <message>
        <source>Waiting for its turn</source>
        <translation>En attente de son tour</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement en cours</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>No network: the download continues by itself when it is back.</source>
        <translation>Pas de réseau&#xa0;: le téléchargement reprendra tout seul à son retour.</translation>
    </message>
    <message>
        <source>Waiting to try again: %1</source>
        <translation>En attente d&apos;un nouvel essai&#xa0;: %1</translation>
    </message>
    <message>
        <source>Waiting for the download hours set in Settings.</source>
        <translation>En attente des heures de téléchargement fixées dans les Réglages.</translation>
    </message>
    <message>
        <source>Waiting for a connection that is not metered (see Settings).</source>
        <translation>En attente d&apos;une connexion non limitée (voir les Réglages).</translation>
    </message>
    <message>
        <source>Downloaded: installs by itself once the exam in progress in this course is submitted or its time has run out.</source>
        <translation>Téléchargé&#xa0;: s&apos;installera de lui-même une fois l&apos;examen en cours dans ce cours rendu ou son temps écoulé.</translation>
    </message>
    <message>
        <source>Installing…</source>
        <translation>Installation…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>there is not enough free space on this computer for the course.</source>
        <translation>il n&apos;y a pas assez de place libre sur cet ordinateur pour le cours.</translation>
    </message>
    <message>
        <source>the course could not be written to the disk.</source>
        <translation>le cours n&apos;a pas pu être écrit sur le disque.</translation>
    </message>
    <message>
        <source>the course is not signed by a publisher this computer trusts. If your institution gave you its key file, add it in Settings (Trusted keys), then download the course again.</source>
        <translation>le cours n&apos;est pas signé par un éditeur auquel cet ordinateur fait confiance. Si votre établissement vous a donné son fichier de clé, ajoutez-le dans les Réglages (Clés de confiance), puis téléchargez de nouveau le cours.</translation>
    </message>
    <message>
        <source>it is signed with a key this computer accepts only for another course, so it cannot be installed. Tell its publisher.</source>
        <translation>il est signé avec une clé que cet ordinateur n&apos;accepte que pour un autre cours, il ne peut donc pas être installé. Prévenez son éditeur.</translation>
    </message>
    <message>
        <source>this version is signed by a different publisher than the installed one, so it cannot replace it. To install it, remove the course first.</source>
        <translation>cette version est signée par un autre éditeur que celle installée, elle ne peut donc pas la remplacer. Pour l&apos;installer, supprimez d&apos;abord le cours.</translation>
    </message>
    <message>
        <source>a file of the course is missing on the server.</source>
        <translation>un fichier du cours manque sur le serveur.</translation>
    </message>
    <message>
        <source>a file of the course arrived damaged, again and again.</source>
        <translation>un fichier du cours est arrivé abîmé, encore et encore.</translation>
    </message>
    <message>
        <source>this version of the course was published again since the download began. Press Download in the Catalog to get it: what was already downloaded is kept.</source>
        <translation>cette version du cours a été publiée à nouveau depuis le début du téléchargement. Appuyez sur Télécharger dans le Catalogue pour l&apos;obtenir&#xa0;: ce qui a déjà été téléchargé est gardé.</translation>
    </message>
    <message>
        <source>the server could not be reached.</source>
        <translation>le serveur est injoignable.</translation>
    </message>
    <message>
        <source>the server answered in a way %1 cannot use.</source>
        <translation>le serveur a répondu d&apos;une façon que %1 ne peut pas utiliser.</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>raison inconnue</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>moins d&apos;une minute restante</translation>
    </message>
    <message numerus="yes">
        <source>about %n minutes left</source>
        <translation>
            <numerusform>environ %n minute restante</numerusform>
            <numerusform>environ %n minutes restantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hours left</source>
        <translation>
            <numerusform>environ %n heure restante</numerusform>
            <numerusform>environ %n heures restantes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsIndicator</name>
    <message>
        <source>Download failed: %1</source>
        <translation>Échec du téléchargement&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %1% · %n failed</source>
        <translation>
            <numerusform>Téléchargement&#xa0;: %1&#xa0;% · %n en échec</numerusform>
            <numerusform>Téléchargement&#xa0;: %1&#xa0;% · %n en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading %1%</source>
        <translation>Téléchargement&#xa0;: %1&#xa0;%</translation>
    </message>
    <message>
        <source>Downloads wait for the server</source>
        <translation>Les téléchargements attendent le serveur</translation>
    </message>
    <message>
        <source>Downloads wait for the network</source>
        <translation>Les téléchargements attendent le réseau</translation>
    </message>
    <message>
        <source>Downloads wait (see Settings)</source>
        <translation>Les téléchargements attendent (voir les Réglages)</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads failed</source>
        <translation>
            <numerusform>%n téléchargement a échoué</numerusform>
            <numerusform>%n téléchargements ont échoué</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloads paused</source>
        <translation>Téléchargements en pause</translation>
    </message>
    <message>
        <source>An update waits for an exam</source>
        <translation>Une mise à jour attend la fin d&apos;un examen</translation>
    </message>
    <message>
        <source>Updates wait for an exam</source>
        <translation>Des mises à jour attendent la fin d&apos;un examen</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads</source>
        <translation>
            <numerusform>%n téléchargement</numerusform>
            <numerusform>%n téléchargements</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Downloads ({key})</source>
        <translation>Ouvrir les téléchargements ({key})</translation>
    </message>
</context>
<context>
    <name>DownloadsTab</name>
    <message numerus="yes">
        <source>Every %n hours at most, each catalog is asked whether it changed: a few hundred bytes when it did not, never on a metered connection when downloads wait for an unmetered one. A course with a newer version says “Update available” in the library; nothing is downloaded until you update it.</source>
        <translation>
            <numerusform>Toutes les %n heure au plus, chaque catalogue est interrogé pour savoir s&apos;il a changé&#xa0;: quelques centaines d&apos;octets s&apos;il n&apos;a pas changé, jamais sur une connexion facturée à l&apos;usage quand les téléchargements attendent une connexion non limitée. Un cours dont une version plus récente existe affiche «&#xa0;Mise à jour disponible&#xa0;» dans la bibliothèque&#xa0;; rien n&apos;est téléchargé tant que vous ne le mettez pas à jour.</numerusform>
            <numerusform>Toutes les %n heures au plus, chaque catalogue est interrogé pour savoir s&apos;il a changé&#xa0;: quelques centaines d&apos;octets s&apos;il n&apos;a pas changé, jamais sur une connexion facturée à l&apos;usage quand les téléchargements attendent une connexion non limitée. Un cours dont une version plus récente existe affiche «&#xa0;Mise à jour disponible&#xa0;» dans la bibliothèque&#xa0;; rien n&apos;est téléchargé tant que vous ne le mettez pas à jour.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Cancel the download</source>
        <translation>Annuler le téléchargement</translation>
    </message>
    <message>
        <source>Cancel the download of “%1”? What was downloaded so far is deleted.</source>
        <translation>Annuler le téléchargement de «&#xa0;%1&#xa0;»&#xa0;? Ce qui a déjà été téléchargé sera supprimé.</translation>
    </message>
    <message>
        <source>Limited to %1/s</source>
        <translation>Limité à %1/s</translation>
    </message>
    <message>
        <source>No speed limit</source>
        <translation>Sans limite de débit</translation>
    </message>
    <message>
        <source>Only between %1</source>
        <translation>Seulement entre %1</translation>
    </message>
    <message>
        <source>Only on unmetered connections</source>
        <translation>Seulement sur les connexions non limitées</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothèque</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>C&amp;atalog</source>
        <translation>&amp;Catalogue</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Réglages…</translation>
    </message>
    <message>
        <source>No download in progress. Courses are downloaded from the Catalog.</source>
        <translation>Aucun téléchargement en cours. Les cours se téléchargent depuis le Catalogue.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Unexpected problem</source>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <source>Something went wrong. %1 keeps running and what you did before is saved. If it happens again, send the diagnostic report (Help menu) to your institution.</source>
        <translation>Quelque chose s&apos;est mal passé. %1 continue de fonctionner et ce que vous avez fait jusqu&apos;ici est enregistré. Si cela se reproduit, envoyez le rapport de diagnostic (menu Aide) à votre établissement.</translation>
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
    <name>ExamView</name>
    <message>
        <source>your institution</source>
        <translation>votre établissement</translation>
    </message>
    <message>
        <source>Exams cannot be taken here: the records are unavailable.</source>
        <translation>Impossible de passer un examen ici&#xa0;: le suivi d&apos;apprentissage est indisponible.</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>Durée&#xa0;: %1</translation>
    </message>
    <message>
        <source>No time limit</source>
        <translation>Sans limite de temps</translation>
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
        <translation>Seuil de réussite&#xa0;: %1</translation>
    </message>
    <message>
        <source>Attempts left: %1 of %2</source>
        <translation>Tentatives restantes&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Your answers are sent to %1 for grading. Your result appears here once %1 has graded them.</source>
        <translation>Vos réponses sont envoyées à %1 pour être corrigées. Votre résultat s&apos;affichera ici dès que %1 les aura corrigées.</translation>
    </message>
    <message>
        <source>Each answer is saved as you give it; you may change it until you submit.</source>
        <translation>Chaque réponse est enregistrée dès que vous la donnez&#xa0;; vous pouvez la modifier jusqu&apos;à la remise.</translation>
    </message>
    <message>
        <source>If the computer stops, you continue where you were.</source>
        <translation>Si l&apos;ordinateur s&apos;arrête, vous reprendrez là où vous en étiez.</translation>
    </message>
    <message>
        <source>The clock starts when you start and does not stop, even if you close %1. When the time is up, the answers saved are submitted.</source>
        <translation>Le chronomètre démarre avec l&apos;examen et ne s&apos;arrête pas, même si vous fermez %1. À la fin du temps, les réponses enregistrées sont remises.</translation>
    </message>
    <message>
        <source>Your last attempt is waiting for its result.</source>
        <translation>Votre dernière tentative attend son résultat.</translation>
    </message>
    <message>
        <source>You passed this exam.</source>
        <translation>Vous avez réussi cet examen.</translation>
    </message>
    <message>
        <source>You have used every attempt of this exam.</source>
        <translation>Vous avez utilisé toutes les tentatives de cet examen.</translation>
    </message>
    <message>
        <source>&amp;Start the exam</source>
        <translation>&amp;Commencer l&apos;examen</translation>
    </message>
    <message>
        <source>&amp;Start a new attempt</source>
        <translation>&amp;Commencer une nouvelle tentative</translation>
    </message>
    <message>
        <source>Start the exam</source>
        <translation>Commencer l&apos;examen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Commencer</translation>
    </message>
    <message>
        <source>&amp;All your answers</source>
        <translation>Toutes vos &amp;réponses</translation>
    </message>
    <message>
        <source>Attempt %1 · question %2 of %3 · %4 answered</source>
        <translation>Tentative %1 · question %2 sur %3 · réponses données&#xa0;: %4</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>✓ All answers saved</source>
        <translation>✓ Réponses enregistrées</translation>
    </message>
    <message>
        <source>The time left of this attempt; it keeps running while %1 is closed.</source>
        <translation>Le temps restant pour cette tentative&#xa0;; il continue de s&apos;écouler quand %1 est fermé.</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Temps restant&#xa0;: %1</translation>
    </message>
    <message>
        <source>Less than %1 left: check your answers and submit.</source>
        <translation>Il reste moins de %1&#xa0;: vérifiez vos réponses et remettez l&apos;examen.</translation>
    </message>
    <message>
        <source>Less than a minute left: submit now, or your answers are submitted as they are when the time is up.</source>
        <translation>Moins d&apos;une minute&#xa0;: soumettez maintenant, sinon vos réponses seront soumises telles quelles à la fin du temps.</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sans réponse</translation>
    </message>
    <message>
        <source>Review your answers</source>
        <translation>Vérifiez vos réponses</translation>
    </message>
    <message>
        <source>Your submitted answers</source>
        <translation>Vos réponses remises</translation>
    </message>
    <message>
        <source>%1 of %2 questions answered.</source>
        <translation>Questions traitées&#xa0;: %1 sur %2.</translation>
    </message>
    <message>
        <source>Choose a question to change its answer, or submit the exam to %1.</source>
        <translation>Choisissez une question pour modifier sa réponse, ou remettez l&apos;examen à %1.</translation>
    </message>
    <message>
        <source>Questions and your answers</source>
        <translation>Questions et vos réponses</translation>
    </message>
    <message>
        <source>&amp;Back to the questions</source>
        <translation>Retour aux &amp;questions</translation>
    </message>
    <message>
        <source>Submit your answers to %1? You cannot change them afterwards.</source>
        <translation>Remettre vos réponses à %1&#xa0;? Vous ne pourrez plus les modifier ensuite.</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered.</source>
        <translation>
            <numerusform>%n question est sans réponse.</numerusform>
            <numerusform>%n questions sont sans réponse.</numerusform>
        </translation>
    </message>
    <message>
        <source>Submit the exam</source>
        <translation>Remettre l&apos;examen</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Remettre</translation>
    </message>
    <message>
        <source>%1 — attempt %2</source>
        <translation>%1 — tentative %2</translation>
    </message>
    <message>
        <source>&amp;Back to the results</source>
        <translation>Retour aux &amp;résultats</translation>
    </message>
    <message>
        <source>Time is up. The answers saved in time were submitted.</source>
        <translation>Le temps est écoulé. Les réponses enregistrées à temps ont été remises.</translation>
    </message>
    <message>
        <source>This attempt was already submitted, from another %1 window or because its time ran out. The answers saved before then were submitted.</source>
        <translation>Cette tentative a déjà été remise, depuis une autre fenêtre de %1 ou parce que son temps s&apos;est écoulé. Les réponses enregistrées avant ont été remises.</translation>
    </message>
    <message>
        <source>Your time ran out while you were away from the exam. The answers saved before then were submitted.</source>
        <translation>Votre temps s&apos;est écoulé pendant que vous étiez hors de l&apos;examen. Les réponses enregistrées avant ont été remises.</translation>
    </message>
    <message>
        <source>The last sync could not read your results from the institution&apos;s server. Open the Sync panel to see why.</source>
        <translation>La dernière synchronisation n&apos;a pas pu lire vos résultats sur le serveur de l&apos;établissement. Ouvrez le panneau Synchronisation pour savoir pourquoi.</translation>
    </message>
    <message>
        <source>%1 refused the user name or password of this profile&apos;s account, so your answers are kept on this computer. To send them, correct the account with %2. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>%1 a refusé le nom d&apos;utilisateur ou le mot de passe du compte de ce profil, donc vos réponses sont gardées sur cet ordinateur. Pour les envoyer, corrigez le compte avec %2. Quand %1 les aura notées, votre résultat apparaîtra ici après la synchronisation suivante.</translation>
    </message>
    <message>
        <source>Your answers are sent to %1 as soon as this computer is online. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>Vos réponses sont envoyées à %1 dès que cet ordinateur est en ligne. Quand %1 les aura notées, votre résultat apparaîtra ici après la synchronisation suivante.</translation>
    </message>
    <message>
        <source>This profile has no account with %1 yet, so your answers are kept on this computer. To send them, add an account with %2. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>Ce profil n&apos;a pas encore de compte auprès de %1, donc vos réponses sont gardées sur cet ordinateur. Pour les envoyer, ajoutez un compte avec %2. Quand %1 les aura notées, votre résultat apparaîtra ici après la synchronisation suivante.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Your result comes back once %1 accepts this profile&apos;s account: correct it with %2.</source>
        <translation>Vos réponses sont parvenues à %1. Votre résultat reviendra dès que %1 acceptera le compte de ce profil&#xa0;: corrigez-le avec %2.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Once %1 has graded them, your result appears here after the next sync.</source>
        <translation>Vos réponses sont parvenues à %1. Quand %1 les aura notées, votre résultat apparaîtra ici après la synchronisation suivante.</translation>
    </message>
    <message>
        <source>Your answers reached %1. Your result comes back once this profile has an account with %1: add it with %2.</source>
        <translation>Vos réponses sont parvenues à %1. Votre résultat reviendra dès que ce profil aura un compte chez %1&#xa0;: ajoutez-le avec %2.</translation>
    </message>
    <message>
        <source>Graded by %1. The pass mark is %2.</source>
        <translation>Corrigé par %1. Le seuil de réussite est de %2.</translation>
    </message>
    <message>
        <source>Your score: %1. The pass mark is %2. Graded by %3.</source>
        <translation>Votre note&#xa0;: %1. La note de réussite est %2. Notée par %3.</translation>
    </message>
    <message>
        <source>Attempt %1: %2</source>
        <translation>Tentative %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Attempts left: %n</source>
        <translation>
            <numerusform>Tentative restante&#xa0;: %n</numerusform>
            <numerusform>Tentatives restantes&#xa0;: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>See your &amp;answers</source>
        <translation>Voir vos &amp;réponses</translation>
    </message>
    <message>
        <source>Attempt %1</source>
        <translation>Tentative %1</translation>
    </message>
    <message>
        <source>Attempt %1, submitted %2</source>
        <translation>Tentative %1, remise %2</translation>
    </message>
    <message>
        <source>Your exam is still running and its clock does not stop: %1 left. Come back to it from the course outline to finish and submit it.</source>
        <translation>Votre examen est toujours en cours et son chronomètre ne s&apos;arrête pas&#xa0;: il reste %1. Revenez-y depuis le plan du cours pour le terminer et le remettre.</translation>
    </message>
    <message>
        <source>Your exam attempt was already submitted (in another %1 window or when its time ran out) and is waiting for its result; your last answer was not saved.</source>
        <translation>Votre tentative d&apos;examen a déjà été remise (dans une autre fenêtre de %1 ou quand son temps s&apos;est écoulé) et attend son résultat&#xa0;; votre dernière réponse n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>Start attempt %1 now? Attempts left after it: %2.</source>
        <translation>Commencer maintenant la tentative %1&#xa0;? Tentatives restantes après celle-ci&#xa0;: %2.</translation>
    </message>
    <message>
        <source>You will have %1; the clock does not stop, even if you close %2.</source>
        <translation>Vous disposerez de %1&#xa0;; le chronomètre ne s&apos;arrête pas, même si vous fermez %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts left if this one is not passed.</source>
        <translation>
            <numerusform>%n tentative restante si celle-ci n&apos;est pas réussie.</numerusform>
            <numerusform>%n tentatives restantes si celle-ci n&apos;est pas réussie.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation>Question &amp;suivante</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>Question précédente</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Question suivante</translation>
    </message>
    <message>
        <source>&amp;Review and submit…</source>
        <translation>&amp;Vérifier et remettre…</translation>
    </message>
    <message>
        <source>This profile has no account with %1 yet: your answers will stay on this computer until you add one with %2. Your result appears here once %1 has graded them.</source>
        <translation>Ce profil n&apos;a pas encore de compte auprès de %1&#xa0;: vos réponses resteront sur cet ordinateur jusqu&apos;à ce que vous en ajoutiez un avec %2. Votre résultat apparaîtra ici quand %1 les aura notées.</translation>
    </message>
    <message>
        <source>Pre&amp;vious question</source>
        <translation>Question précé&amp;dente</translation>
    </message>
    <message>
        <source>&amp;Submit the exam…</source>
        <translation>&amp;Remettre l&apos;examen…</translation>
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
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type&#xa0;:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in these slides</source>
        <translation>Chercher dans ces diapositives</translation>
    </message>
    <message>
        <source>Find in this reading</source>
        <translation>Chercher dans cette lecture</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Résultat précédent</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Résultat suivant</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <source>{action} ({key})</source>
        <translation>{action} ({key})</translation>
    </message>
    <message>
        <source>{position} of {count}</source>
        <translation>{position} sur {count}</translation>
    </message>
</context>
<context>
    <name>FolderMissingBox</name>
    <message>
        <source>The folder %1, which holds your Cartable folder, is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</source>
        <translation>Le dossier %1, qui contient votre dossier Cartable, est un lien qui renvoie vers lui-même&#xa0;: corrigez le lien, puis relancez %2. Rien n&apos;a été créé ni modifié.</translation>
    </message>
    <message>
        <source>Your Cartable folder %1 is a link that leads back to itself: correct the link, then start %2 again. Nothing was created or changed.</source>
        <translation>Votre dossier Cartable %1 est un lien qui renvoie vers lui-même&#xa0;: corrigez le lien, puis relancez %2. Rien n&apos;a été créé ni modifié.</translation>
    </message>
    <message>
        <source>The folder %1, which holds your Cartable folder, is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>Le dossier %1, qui contient votre dossier Cartable, est un lien vers %2, qui est introuvable&#xa0;: branchez ou montez le disque qui le contient, puis relancez %3. Rien n&apos;a été créé ni modifié.</translation>
    </message>
    <message>
        <source>Your Cartable folder %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>Votre dossier Cartable %1 est un lien vers %2, qui est introuvable&#xa0;: branchez ou montez le disque qui le contient, puis relancez %3. Rien n&apos;a été créé ni modifié.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>GettingCourses</name>
    <message>
        <source>Download started: see Downloads (Ctrl+J).</source>
        <translation>Téléchargement lancé&#xa0;: voir Téléchargements (Ctrl+J).</translation>
    </message>
    <message>
        <source>Download failed: %1. See Downloads (Ctrl+J).</source>
        <translation>Échec du téléchargement&#xa0;: %1. Voir Téléchargements (Ctrl+J).</translation>
    </message>
    <message>
        <source>Updated: %1, from version %2 to %3. Your progress is kept.</source>
        <translation>Mis à jour&#xa0;: %1, de la version %2 à la %3. Votre progression est gardée.</translation>
    </message>
    <message>
        <source>Installed: %1 (version %2).</source>
        <translation>Installé&#xa0;: %1 (version %2).</translation>
    </message>
    <message>
        <source>No disk space was freed: course files no longer needed were kept.</source>
        <translation>Aucun espace disque n&apos;a été libéré&#xa0;: les fichiers de cours devenus inutiles ont été gardés.</translation>
    </message>
    <message>
        <source>Import a course</source>
        <translation>Importer un cours</translation>
    </message>
    <message>
        <source>Cartable courses (*.cartable)</source>
        <translation>Cours Cartable (*.cartable)</translation>
    </message>
    <message>
        <source>A folder holding courses (a USB stick, a shared drive)</source>
        <translation>Un dossier contenant des cours (une clé USB, un disque partagé)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>Importé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Imported as unverified: %1.</source>
        <translation>Importé comme non vérifié&#xa0;: %1.</translation>
    </message>
    <message>
        <source>another %1 on this computer is busy with it. Try again once it has finished.</source>
        <translation>un autre %1 de cet ordinateur s&apos;en occupe. Réessayez quand il aura fini.</translation>
    </message>
    <message>
        <source>another %1 installed a version of it meanwhile, which is kept.</source>
        <translation>un autre %1 en a installé une version entre-temps, qui est gardée.</translation>
    </message>
    <message>
        <source>The installed version of “%2” is signed by its publisher; “%1” is not signed, so %3 will not replace it.</source>
        <translation>La version installée de «&#xa0;%2&#xa0;» est signée par son éditeur&#xa0;; «&#xa0;%1&#xa0;» n&apos;est pas signé, donc %3 ne la remplacera pas.</translation>
    </message>
    <message>
        <source>“%1” is not signed, and %2 accepts only signed courses. Ask your institution for a signed copy.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas signé, et %2 n&apos;accepte que des cours signés. Demandez une copie signée à votre établissement.</translation>
    </message>
    <message>
        <source>“%1” is damaged or holds no %2 course. Ask the person who gave it to you for a new copy.</source>
        <translation>«&#xa0;%1&#xa0;» est abîmé ou ne contient aucun cours %2. Demandez une nouvelle copie à la personne qui vous l&apos;a donné.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: another %2 on this computer is busy with the course files (downloading or cleaning up). Try again once it has finished.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être importé&#xa0;: un autre %2 travaille sur les fichiers des cours de cet ordinateur (téléchargement ou nettoyage). Réessayez quand il aura fini.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être importé&#xa0;: %2</translation>
    </message>
    <message>
        <source>“%1” is not signed: it may come from a teacher or a classmate, not from a publisher you trust. %2 cannot check who made it or that nobody changed it.

Install it only if you trust the person who gave it to you. It will be marked “Unverified” everywhere.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas signé&#xa0;: il peut venir d&apos;un enseignant ou d&apos;un camarade, et non d&apos;un éditeur de confiance. %2 ne peut vérifier ni qui l&apos;a fait, ni que personne ne l&apos;a modifié.

Ne l&apos;installez que si vous faites confiance à la personne qui vous l&apos;a donné. Il sera marqué «&#xa0;Non vérifié&#xa0;» partout.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Already installed, nothing changed: %1.</source>
        <translation>Déjà installé, rien n&apos;a changé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Repaired: %1. Your progress is kept.</source>
        <translation>Réparé&#xa0;: %1. Votre progression est gardée.</translation>
    </message>
    <message>
        <source>Imported from “%1”: %2.</source>
        <translation>Importé de «&#xa0;%1&#xa0;»&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”.</source>
        <translation>Rien n&apos;a été importé de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Not imported: “%1”: %2</source>
        <translation>Non importé&#xa0;: «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>an exam of it is in progress, whose questions it would change: import it again once the exam is submitted.</source>
        <translation>un de ses examens est en cours, dont il changerait les questions&#xa0;: importez-le de nouveau une fois l&apos;examen rendu.</translation>
    </message>
    <message>
        <source>a file could not be read, or this computer could not store it (is the disk full?).</source>
        <translation>un fichier n&apos;a pas pu être lu, ou cet ordinateur n&apos;a pas pu l&apos;enregistrer (le disque est-il plein&#xa0;?).</translation>
    </message>
    <message>
        <source>a file of it is damaged or missing. Ask the person who gave it to you for a new copy.</source>
        <translation>un de ses fichiers est abîmé ou manquant. Demandez-en une nouvelle copie à la personne qui vous l&apos;a donné.</translation>
    </message>
    <message>
        <source>“%1” was not imported: an exam of “%2” is in progress, whose questions it would change. Import it again once the exam is submitted.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été importé&#xa0;: un examen de «&#xa0;%2&#xa0;» est en cours, dont il changerait les questions. Importez-le de nouveau une fois l&apos;examen rendu.</translation>
    </message>
    <message>
        <source>“%1” is signed with another key than the installed version of “%2”, so %3 will not replace it, and adding a key in Settings would not change that. Ask your institution for its new installer; or remove the course first (everyone&apos;s learning records and progress in it are kept), then import it again.</source>
        <translation>«&#xa0;%1&#xa0;» est signé avec une autre clé que la version installée de «&#xa0;%2&#xa0;»&#xa0;: %3 ne la remplacera donc pas, et ajouter une clé dans les Réglages n&apos;y changerait rien. Demandez à votre établissement son nouvel installateur&#xa0;; ou supprimez d&apos;abord le cours (les traces d&apos;apprentissage et la progression de chacun y sont gardées), puis importez-le à nouveau.</translation>
    </message>
    <message>
        <source>The installed version of “%2” is signed by its publisher; “%1” is signed by a different publisher, so %3 will not replace it. To install it, remove the course first.</source>
        <translation>La version installée de «&#xa0;%2&#xa0;» est signée par son éditeur&#xa0;; «&#xa0;%1&#xa0;» est signé par un autre éditeur, donc %3 ne la remplacera pas. Pour l&apos;installer, supprimez d&apos;abord le cours.</translation>
    </message>
    <message>
        <source>“%1” is signed with an earlier key of the demo course, which this computer no longer accepts, so nothing was installed.</source>
        <translation>«&#xa0;%1&#xa0;» est signé avec une ancienne clé du cours de démonstration, que cet ordinateur n&apos;accepte plus&#xa0;: rien n&apos;a été installé.</translation>
    </message>
    <message>
        <source>“%1” is signed with a key this computer accepts only for another course, so nothing was installed. Tell its publisher.</source>
        <translation>«&#xa0;%1&#xa0;» est signé avec une clé que cet ordinateur n&apos;accepte que pour un autre cours&#xa0;: rien n&apos;a été installé. Prévenez son éditeur.</translation>
    </message>
    <message>
        <source>“%1” was changed after it was signed, or its signature is damaged: nothing was installed. Ask the person who gave it to you for a new copy.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié après sa signature, ou sa signature est abîmée&#xa0;: rien n&apos;a été installé. Demandez une nouvelle copie à la personne qui vous l&apos;a donné.</translation>
    </message>
    <message>
        <source>“%1” is signed by a publisher this computer does not trust, so nothing was installed. If your institution gave you its key file, add it in Settings (Trusted keys), then import again.</source>
        <translation>«&#xa0;%1&#xa0;» est signé par un éditeur auquel cet ordinateur ne fait pas confiance&#xa0;: rien n&apos;a été installé. Si votre établissement vous a donné son fichier de clé, ajoutez-le dans Réglages (Clés de confiance), puis importez à nouveau.</translation>
    </message>
    <message>
        <source>“%1” holds an older version of a course installed here: nothing was changed.</source>
        <translation>«&#xa0;%1&#xa0;» contient une version plus ancienne d&apos;un cours installé ici&#xa0;: rien n&apos;a été changé.</translation>
    </message>
    <message>
        <source>“%1” could not be imported: a file could not be read, or this computer could not store the course (is the disk full?).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être importé&#xa0;: un fichier n&apos;a pas pu être lu, ou cet ordinateur n&apos;a pas pu enregistrer le cours (le disque est-il plein&#xa0;?).</translation>
    </message>
    <message>
        <source>Unsigned course</source>
        <translation>Cours non signé</translation>
    </message>
    <message>
        <source>&amp;Install as unverified</source>
        <translation>&amp;Installer comme non vérifié</translation>
    </message>
    <message>
        <source>Export course</source>
        <translation>Exporter le cours</translation>
    </message>
    <message>
        <source>Choose a course in the library first.</source>
        <translation>Choisissez d&apos;abord un cours dans la bibliothèque.</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>Exporter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportation vers %1…</translation>
    </message>
    <message>
        <source>“%1” is being removed: it cannot be exported.</source>
        <translation>«&#xa0;%1&#xa0;» est en cours de suppression&#xa0;: il ne peut pas être exporté.</translation>
    </message>
    <message>
        <source>Saved as %1 (%2). Another %3 can import it from there.</source>
        <translation>Enregistré sous %1 (%2). Un autre %3 peut l&apos;importer depuis là.</translation>
    </message>
    <message>
        <source>“%1” was not written: the folder chosen for it is no longer there (was the USB stick removed?). Nothing was written; choose another place.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été écrit&#xa0;: le dossier choisi n&apos;existe plus (la clé USB a-t-elle été retirée&#xa0;?). Rien n&apos;a été écrit&#xa0;; choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>“%1” was not written: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été écrit&#xa0;: la clé USB ou le disque est plein. Rien n&apos;a été laissé à moitié écrit&#xa0;; libérez de la place ou choisissez un autre endroit.</translation>
    </message>
    <message>
        <source>“%1” was not written: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été écrit&#xa0;: on ne peut pas écrire à cet endroit (une clé USB en lecture seule ou verrouillée&#xa0;?). Choisissez un autre endroit.</translation>
    </message>
    <message>
        <source>“%1” was not written: the course could not be exported. Nothing was left half-written; the details say what went wrong.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été écrit&#xa0;: le cours n&apos;a pas pu être exporté. Rien n&apos;a été laissé à moitié écrit&#xa0;; les détails disent ce qui n&apos;a pas marché.</translation>
    </message>
    <message>
        <source>Update course</source>
        <translation>Mettre à jour le cours</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress, whose clock keeps running: submit it first (or let its time run out), then update the course.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours, dont le temps continue de s&apos;écouler&#xa0;: rendez-le d&apos;abord (ou laissez son temps s&apos;écouler), puis mettez le cours à jour.</translation>
    </message>
    <message>
        <source>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted or its time has run out.</source>
        <translation>La mise à jour de «&#xa0;%1&#xa0;» est téléchargée&#xa0;: elle s&apos;installera d&apos;elle-même une fois l&apos;examen en cours rendu ou son temps écoulé.</translation>
    </message>
    <message>
        <source>The update of “%1” is downloaded: it installs by itself once the exam in progress is submitted.</source>
        <translation>La mise à jour de «&#xa0;%1&#xa0;» est téléchargée&#xa0;: elle s&apos;installera d&apos;elle-même une fois l&apos;examen en cours rendu.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress: submit it first, then update the course.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours&#xa0;: rendez-le d&apos;abord, puis mettez le cours à jour.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2), whose clock keeps running: update the course once it is submitted or its time has run out.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours dans un autre profil de cet ordinateur (%2), dont le temps continue de s&apos;écouler&#xa0;: mettez le cours à jour une fois l&apos;examen rendu ou son temps écoulé.</translation>
    </message>
    <message>
        <source>“%1” has an exam in progress in another profile on this computer (%2): update the course once it is submitted.</source>
        <translation>«&#xa0;%1&#xa0;» a un examen en cours dans un autre profil de cet ordinateur (%2)&#xa0;: mettez le cours à jour une fois l&apos;examen rendu.</translation>
    </message>
    <message>
        <source>Course c&amp;atalog…</source>
        <translation>C&amp;atalogue de cours…</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>&amp;Téléchargements</translation>
    </message>
    <message>
        <source>&amp;Import a course file…</source>
        <translation>&amp;Importer un fichier de cours…</translation>
    </message>
    <message>
        <source>Import from a &amp;folder…</source>
        <translation>Importer depuis un &amp;dossier…</translation>
    </message>
    <message>
        <source>&amp;Export course…</source>
        <translation>&amp;Exporter le cours…</translation>
    </message>
    <message>
        <source>S&amp;hare courses on this network…</source>
        <translation>&amp;Partager les cours sur ce réseau…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Réglages…</translation>
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
        <source>a video&apos;s transcript shown or hidden</source>
        <translation>transcription d&apos;une vidéo affichée ou masquée</translation>
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
        <source>larger or smaller text of a reading, zoom on a slide</source>
        <translation>agrandir ou réduire le texte d&apos;une lecture, zoomer sur une diapositive</translation>
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
        <source>search the library or the catalog</source>
        <translation>chercher dans la bibliothèque ou le catalogue</translation>
    </message>
    <message>
        <source>find a word in a reading or in slides</source>
        <translation>chercher un mot dans une lecture ou des diapositives</translation>
    </message>
    <message>
        <source>F3 / Shift+F3</source>
        <translation>F3 / Maj+F3</translation>
    </message>
    <message>
        <source>next or previous match found</source>
        <translation>résultat suivant ou précédent</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Suppr</translation>
    </message>
    <message>
        <source>remove the chosen course, in the library</source>
        <translation>supprimer le cours choisi, dans la bibliothèque</translation>
    </message>
    <message>
        <source>Menu / Shift+F10</source>
        <translation>Menu / Maj+F10</translation>
    </message>
    <message>
        <source>a course card&apos;s menu, in the library</source>
        <translation>le menu d&apos;une carte de cours, dans la bibliothèque</translation>
    </message>
    <message>
        <source>refresh the catalog</source>
        <translation>actualiser le catalogue</translation>
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
        <source>If something goes wrong, copy the diagnostic report and send it to your institution. It holds versions, folders, catalogs, trusted keys, downloads and the last problems, never your PIN or passwords.</source>
        <translation>En cas de problème, copiez le rapport de diagnostic et envoyez-le à votre établissement. Il contient les versions, les dossiers, les catalogues, les clés de confiance, les téléchargements et les derniers problèmes, jamais votre code PIN ni vos mots de passe.</translation>
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
        <source>Set up by %1.</source>
        <translation>Configuré par %1.</translation>
    </message>
    <message>
        <source>Records sent to</source>
        <translation>Traces envoyées à</translation>
    </message>
    <message>
        <source>Course catalogs</source>
        <translation>Catalogues de cours</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>InstitutionBadge</name>
    <message>
        <source>Set up by %1</source>
        <translation>Configuré par %1</translation>
    </message>
</context>
<context>
    <name>LanguageName</name>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>German</source>
        <translation>allemand</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>espagnol</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italien</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugais</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>néerlandais</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>arabe</translation>
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
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Update to version %1</source>
        <translation>Mettre à &amp;jour vers la version %1</translation>
    </message>
    <message>
        <source>Update available: version %1</source>
        <translation>Mise à jour disponible&#xa0;: version %1</translation>
    </message>
    <message>
        <source>Update %1 to version %2</source>
        <translation>Mettre à jour %1 vers la version %2</translation>
    </message>
    <message>
        <source>No course is installed yet. Get one from the course catalog (%1, Ctrl+K), or import one from a USB stick or a file (%2).</source>
        <translation>Aucun cours n&apos;est encore installé. Prenez-en un dans le catalogue de cours (%1, Ctrl+K), ou importez-en un d&apos;une clé USB ou d&apos;un fichier (%2).</translation>
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
        <source>C&amp;ontinue</source>
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
    <message>
        <source>Update available</source>
        <translation>Mise à jour disponible</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>Mettre à &amp;jour</translation>
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
    <message numerus="yes">
        <source>The time of %n exam attempts ran out while %1 was closed: the answers saved were submitted.</source>
        <translation>
            <numerusform>Le temps de %n tentative d&apos;examen s&apos;est écoulé pendant que %1 était fermé&#xa0;: les réponses enregistrées ont été remises.</numerusform>
            <numerusform>Le temps de %n tentatives d&apos;examen s&apos;est écoulé pendant que %1 était fermé&#xa0;: les réponses enregistrées ont été remises.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your institution refused your account: open Sync to correct it.</source>
        <translation>Votre établissement a refusé votre compte&#xa0;: ouvrez la synchronisation pour le corriger.</translation>
    </message>
    <message>
        <source>&amp;Quit anyway</source>
        <translation>&amp;Quitter quand même</translation>
    </message>
    <message>
        <source>S&amp;witch anyway</source>
        <translation>&amp;Changer quand même</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Rester</translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted) and your records were restored from the backup of %1.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage était endommagé. Il a été mis de côté (rien n&apos;a été supprimé) et votre suivi a été restauré depuis la sauvegarde du %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n newer backups were damaged too and were skipped.</source>
        <translation>
            <numerusform>%n sauvegarde plus récente était endommagée elle aussi et a été écartée.</numerusform>
            <numerusform>%n sauvegardes plus récentes étaient endommagées elles aussi et ont été écartées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your learning records file was damaged. It was set aside (nothing was deleted), but no usable backup was found: your records start empty.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage était endommagé. Il a été mis de côté (rien n&apos;a été supprimé), mais aucune sauvegarde utilisable n&apos;a été trouvée&#xa0;: votre suivi repart de zéro.</translation>
    </message>
    <message numerus="yes">
        <source>%n backups were damaged too and were skipped.</source>
        <translation>
            <numerusform>%n sauvegarde était endommagée elle aussi et a été écartée.</numerusform>
            <numerusform>%n sauvegardes étaient endommagées elles aussi et ont été écartées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file could not be read back now: what it holds that your records lack will be read back at the next start. The damaged file is kept at: %1</source>
        <translation>Le fichier endommagé n&apos;a pas pu être relu maintenant&#xa0;: ce qu&apos;il contient et qui manque à votre suivi sera relu au prochain démarrage. Le fichier endommagé est gardé ici&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing could be read from the damaged file: what you did after %1 may be lost. The damaged file is kept at: %2</source>
        <translation>Rien n&apos;a pu être lu dans le fichier endommagé&#xa0;: ce que vous avez fait après le %1 est peut-être perdu. Le fichier endommagé est gardé ici&#xa0;: %2</translation>
    </message>
    <message>
        <source>Nothing could be read from the damaged file: what you did before this start may be lost. The damaged file is kept at: %1</source>
        <translation>Rien n&apos;a pu être lu dans le fichier endommagé&#xa0;: ce que vous avez fait avant ce démarrage est peut-être perdu. Le fichier endommagé est gardé ici&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records were read back from the damaged file and their progress rebuilt.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage a été relue dans le fichier endommagé et la progression reconstruite.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage ont été relues dans le fichier endommagé et la progression reconstruite.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records could not be read back and are lost; any of them not yet sent to the institution will never reach it.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage n&apos;a pas pu être relue et est perdue&#xa0;; si elle n&apos;avait pas encore été envoyée à l&apos;établissement, elle ne lui parviendra jamais.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage n&apos;ont pas pu être relues et sont perdues&#xa0;; celles qui n&apos;avaient pas encore été envoyées à l&apos;établissement ne lui parviendront jamais.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing recorded after the backup was lost.</source>
        <translation>Rien de ce qui a été enregistré après la sauvegarde n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>The damaged file is kept at: %1</source>
        <translation>Le fichier endommagé est gardé ici&#xa0;: %1</translation>
    </message>
    <message>
        <source>Records restored</source>
        <translation>Suivi restauré</translation>
    </message>
    <message>
        <source>Records need a repair</source>
        <translation>Dossier de suivi à réparer</translation>
    </message>
    <message>
        <source>Your learning records file is damaged. %1 will repair it from its newest backup the next time it starts, and read back what you record until then. You can keep studying.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage est endommagé. %1 le réparera à partir de sa sauvegarde la plus récente au prochain démarrage, et reprendra ce que vous enregistrez d&apos;ici là. Vous pouvez continuer à étudier.</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>Co&amp;urs</translation>
    </message>
    <message>
        <source>Re&amp;move this course…</source>
        <translation>Supprimer ce &amp;cours…</translation>
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
        <source>&amp;Manage profiles…</source>
        <translation>&amp;Gérer les profils…</translation>
    </message>
    <message>
        <source>My &amp;progress</source>
        <translation>Ma &amp;progression</translation>
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
    <message>
        <source>Exam in progress</source>
        <translation>Examen en cours</translation>
    </message>
    <message>
        <source>Your exam is in progress: its clock keeps running while %2 is closed. Time left: %1. Quit anyway?</source>
        <translation>Votre examen est en cours&#xa0;: son chronomètre continue de tourner quand %2 est fermé. Temps restant&#xa0;: %1. Quitter quand même&#xa0;?</translation>
    </message>
    <message>
        <source>Your exam is in progress: its clock keeps running while another profile is open. Time left: %1. Switch profile anyway?</source>
        <translation>Votre examen est en cours&#xa0;: son chronomètre continue de tourner pendant qu&apos;un autre profil est ouvert. Temps restant&#xa0;: %1. Changer de profil quand même&#xa0;?</translation>
    </message>
</context>
<context>
    <name>NameWords</name>
    <message>
        <source>A name has at most %1 characters; this one has %2.</source>
        <translation>Un nom a au plus %1 caractères&#xa0;; celui-ci en a %2.</translation>
    </message>
    <message>
        <source>A name cannot hold control or text-direction characters.</source>
        <translation>Un nom ne peut pas contenir de caractères de contrôle ni de direction du texte.</translation>
    </message>
</context>
<context>
    <name>PinWords</name>
    <message>
        <source>The PIN could not be checked: try again in a moment.</source>
        <translation>Le code PIN n&apos;a pas pu être vérifié&#xa0;: réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Type the 4-digit PIN of %1.</source>
        <translation>Saisissez le code PIN à 4 chiffres de %1.</translation>
    </message>
    <message>
        <source>Too many wrong tries: wait %1, then try again.</source>
        <translation>Trop d&apos;essais incorrects&#xa0;: attendez %1, puis réessayez.</translation>
    </message>
    <message>
        <source>Wrong PIN. Too many wrong tries: wait %1, then try again.</source>
        <translation>Code PIN incorrect. Trop d&apos;essais incorrects&#xa0;: attendez %1, puis réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left before a wait.</source>
        <translation>
            <numerusform>Code PIN incorrect. Encore %n essai avant une attente.</numerusform>
            <numerusform>Code PIN incorrect. Encore %n essais avant une attente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Code PIN incorrect. Réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
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
    <message>
        <source>Details: {detail}</source>
        <translation>Détails&#xa0;: {detail}</translation>
    </message>
</context>
<context>
    <name>ProfileLanguageRow</name>
    <message>
        <source>&amp;Profile language:</source>
        <translation>Langue du &amp;profil&#xa0;:</translation>
    </message>
    <message>
        <source>Open a profile first: each learner chooses their own.</source>
        <translation>Ouvrez d&apos;abord un profil&#xa0;: chaque apprenant choisit la sienne.</translation>
    </message>
    <message>
        <source>Language of %1&apos;s &amp;profile:</source>
        <translation>Langue du &amp;profil de %1&#xa0;:</translation>
    </message>
    <message>
        <source>Only for this profile: each learner chooses their own.</source>
        <translation>Pour ce profil seulement&#xa0;: chaque apprenant choisit la sienne.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Saisissez le code PIN de %1.</translation>
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
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Les deux codes PIN diffèrent. Saisissez deux fois le même code.</translation>
    </message>
    <message>
        <source>Who is studying?</source>
        <translation>Qui étudie&#xa0;?</translation>
    </message>
    <message>
        <source>Profiles on &amp;this computer</source>
        <translation>Profils sur ce&amp;t ordinateur</translation>
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
        <source>PIN (optional, 4 &amp;digits):</source>
        <translation>Code PIN (&amp;facultatif, 4 chiffres)&#xa0;:</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>Confir&amp;mer le code PIN&#xa0;:</translation>
    </message>
    <message>
        <source>PIN of the new profile, again</source>
        <translation>PIN du nouveau profil, à nouveau</translation>
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
        <source>C&amp;reate and open</source>
        <translation>C&amp;réer et ouvrir</translation>
    </message>
    <message>
        <source>Create the profile and open it</source>
        <translation>Créer le profil et l&apos;ouvrir</translation>
    </message>
    <message>
        <source>%1, protected by a PIN</source>
        <translation>%1, protégé par un code PIN</translation>
    </message>
    <message>
        <source>%1, in use</source>
        <translation>%1, en cours d&apos;utilisation</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>PIN</source>
        <translation>code PIN</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>en cours d&apos;utilisation</translation>
    </message>
    <message>
        <source>Change the &amp;PIN…</source>
        <translation>Changer le code &amp;PIN…</translation>
    </message>
    <message>
        <source>Set a &amp;PIN…</source>
        <translation>Définir un code &amp;PIN…</translation>
    </message>
    <message>
        <source>&amp;PIN of %1:</source>
        <translation>Code &amp;PIN de %1&#xa0;:</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>Type the PIN of %1.</source>
        <translation>Saisissez le code PIN de %1.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Type a name for the new profile.</source>
        <translation>Saisissez un nom pour le nouveau profil.</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits, or leave it empty.</source>
        <translation>Un code PIN compte exactement 4 chiffres&#xa0;; sinon, laissez le champ vide.</translation>
    </message>
    <message>
        <source>Profile %1 added.</source>
        <translation>Profil %1 ajouté.</translation>
    </message>
    <message>
        <source>Add a profile</source>
        <translation>Ajouter un profil</translation>
    </message>
    <message>
        <source>A profile keeps one learner&apos;s progress apart from the others&apos;.</source>
        <translation>Un profil garde la progression d&apos;un apprenant à part de celle des autres.</translation>
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
        <source>PIN (optional, 4 &amp;digits):</source>
        <translation>Code PIN (&amp;facultatif, 4 chiffres)&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>A profile named %1 already exists.</source>
        <translation>Un profil nommé %1 existe déjà.</translation>
    </message>
    <message>
        <source>Type a name for the profile.</source>
        <translation>Saisissez un nom pour le profil.</translation>
    </message>
    <message>
        <source>Renamed to %1.</source>
        <translation>Renommé en %1.</translation>
    </message>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Renommer %1</translation>
    </message>
    <message>
        <source>The new name of %1:</source>
        <translation>Le nouveau nom de %1&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <source>%1 now uses %3 in %2.</source>
        <translation>Langue de %3 pour %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Language of %1</source>
        <translation>Langue de %1</translation>
    </message>
    <message>
        <source>The language of the menus, buttons and messages for %1:</source>
        <translation>La langue des menus, des boutons et des messages pour %1&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>&amp;Changer</translation>
    </message>
    <message>
        <source>A PIN is exactly 4 digits.</source>
        <translation>Un code PIN compte exactement 4 chiffres.</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Les deux codes PIN diffèrent. Saisissez deux fois le même code.</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>Confir&amp;mer le code PIN&#xa0;:</translation>
    </message>
    <message>
        <source>The PIN of %1 is set.</source>
        <translation>Le code PIN de %1 est enregistré.</translation>
    </message>
    <message>
        <source>PIN of %1</source>
        <translation>Code PIN de %1</translation>
    </message>
    <message>
        <source>A PIN keeps classmates on a shared computer out of your progress. Write it down somewhere safe: it cannot be recovered.</source>
        <translation>Un code PIN empêche vos camarades de consulter votre progression sur un ordinateur partagé. Notez-le en lieu sûr&#xa0;: il ne peut pas être retrouvé.</translation>
    </message>
    <message>
        <source>&amp;New PIN (4 digits):</source>
        <translation>&amp;Nouveau code PIN (4 chiffres)&#xa0;:</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>&amp;Confirmez le nouveau code PIN&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save the PIN</source>
        <translation>&amp;Enregistrer le code PIN</translation>
    </message>
    <message>
        <source>%1 has no PIN any more.</source>
        <translation>%1 n&apos;a plus de code PIN.</translation>
    </message>
    <message>
        <source>Remove the PIN of %1</source>
        <translation>Retirer le code PIN de %1</translation>
    </message>
    <message>
        <source>Anyone using this computer will be able to open %1.</source>
        <translation>Toute personne utilisant cet ordinateur pourra ouvrir %1.</translation>
    </message>
    <message>
        <source>&amp;Remove the PIN</source>
        <translation>&amp;Retirer le code PIN</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <source>Deleting %1 removes all of %1&apos;s learning records from this computer. Save a copy of them first? The copy can be imported into %2 on any computer.</source>
        <translation>Supprimer %1 efface de cet ordinateur tout le suivi d&apos;apprentissage de %1. En enregistrer d&apos;abord une copie&#xa0;? La copie peut être importée dans %2 sur n&apos;importe quel ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Save a copy first…</source>
        <translation>&amp;Enregistrer d&apos;abord une copie…</translation>
    </message>
    <message>
        <source>Delete &amp;without a copy</source>
        <translation>Supprimer &amp;sans copie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Saving a copy of the records of %1…</source>
        <translation>Enregistrement d&apos;une copie du suivi de %1…</translation>
    </message>
    <message>
        <source>%1 was not saved: it is not an ordinary file (a folder, a pipe or a device). Choose another name.</source>
        <translation>%1 n&apos;a pas été enregistré&#xa0;: ce n&apos;est pas un fichier ordinaire (un dossier, un tube ou un périphérique). Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>%1 was not saved: the USB stick or disk is full. Nothing was left half-written; free some space on it or choose another place.</source>
        <translation>%1 n&apos;a pas été enregistré&#xa0;: la clé USB ou le disque est plein. Rien n&apos;a été laissé à moitié écrit&#xa0;; libérez de la place ou choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>%1 was not saved: this place cannot be written to (a USB stick that is read-only or locked?). Choose another place.</source>
        <translation>%1 n&apos;a pas été enregistré&#xa0;: impossible d&apos;écrire à cet emplacement (une clé USB en lecture seule ou verrouillée&#xa0;?). Choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>%1 was not saved: the folder chosen for it is no longer there (was the USB stick removed?). Choose another place.</source>
        <translation>%1 n&apos;a pas été enregistré&#xa0;: le dossier choisi n&apos;existe plus (la clé USB a-t-elle été retirée&#xa0;?). Choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>%1 was not saved: the records could not be copied. Nothing was left half-written; the details say what went wrong.</source>
        <translation>%1 n&apos;a pas été enregistré&#xa0;: le suivi n&apos;a pas pu être copié. Rien n&apos;a été laissé à moitié écrit&#xa0;; les détails disent ce qui s&apos;est passé.</translation>
    </message>
    <message>
        <source>Save a copy of the records of %1</source>
        <translation>Enregistrer une copie du suivi de %1</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <source>Learning records (*.json)</source>
        <translation>Suivi d&apos;apprentissage (*.json)</translation>
    </message>
    <message>
        <source>Copy not saved</source>
        <translation>Copie non enregistrée</translation>
    </message>
    <message>
        <source>Delete %1 and all of %1&apos;s learning records? This cannot be undone.</source>
        <translation>Supprimer %1 et tout le suivi d&apos;apprentissage de %1&#xa0;? Cette action est irréversible.</translation>
    </message>
    <message>
        <source>A copy is in %1.</source>
        <translation>Une copie se trouve dans %1.</translation>
    </message>
    <message>
        <source>%1 was deleted.</source>
        <translation>%1 a été supprimé.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Wait for the import to finish, or stop it.</source>
        <translation>Attendez la fin de l&apos;importation, ou arrêtez-la.</translation>
    </message>
    <message>
        <source>Wait for the copy to be saved.</source>
        <translation>Attendez que la copie soit enregistrée.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records of %1 saved in %2.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage de %1 enregistrée dans %2.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage de %1 enregistrées dans %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records have not been sent to the institution yet and will be lost.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage n&apos;a pas encore été envoyée à l&apos;établissement et sera perdue.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage n&apos;ont pas encore été envoyées à l&apos;établissement et seront perdues.</numerusform>
        </translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>Profiles on this &amp;computer</source>
        <translation>Profils de cet or&amp;dinateur</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Profils de cet ordinateur</translation>
    </message>
    <message>
        <source>Switch to the selected profile</source>
        <translation>Passer au profil sélectionné</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>Import &amp;records…</source>
        <translation>I&amp;mporter un suivi…</translation>
    </message>
    <message>
        <source>Sa&amp;ve a copy of the records…</source>
        <translation>&amp;Enregistrer une copie du suivi…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nommer…</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Langue…</translation>
    </message>
    <message>
        <source>Remove the P&amp;IN…</source>
        <translation>Retirer le code P&amp;IN…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
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
        <translation>Écrivez les décimales avec une virgule, par exemple 3,14&#xa0;; une espace sépare les milliers (1&#x202f;500).</translation>
    </message>
    <message>
        <source>Type the number alone, without the % sign.</source>
        <translation>Saisissez le nombre seul, sans le signe %.</translation>
    </message>
    <message>
        <source>Type a number, such as 3.14.</source>
        <translation>Saisissez un nombre, par exemple 3,14.</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Vrai</translation>
    </message>
    <message>
        <source>False</source>
        <translation>Faux</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Question %1 sur %2</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Partly right: %1</source>
        <translation>En partie correct&#xa0;: %1</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Incorrect</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>Bonne réponse</translation>
    </message>
    <message>
        <source>Right answer, not chosen</source>
        <translation>Bonne réponse, non choisie</translation>
    </message>
    <message>
        <source>Not matched</source>
        <translation>Non associé</translation>
    </message>
    <message>
        <source>Right match: %1</source>
        <translation>Bonne association&#xa0;: %1</translation>
    </message>
    <message>
        <source>Right answer: %1</source>
        <translation>Bonne réponse&#xa0;: %1</translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <translation>entre %1 et %2</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(à compléter)</translation>
    </message>
    <message>
        <source>Answer to question: %1</source>
        <translation>Réponse à la question&#xa0;: %1</translation>
    </message>
    <message>
        <source>Match for: %1</source>
        <translation>Associer à&#xa0;: %1</translation>
    </message>
    <message>
        <source>A number, such as 3.14</source>
        <translation>Un nombre, par exemple 3,14</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Several answers may be right.</source>
        <translation>Plusieurs réponses peuvent être justes.</translation>
    </message>
    <message>
        <source>Choose a match for each item.</source>
        <translation>Choisissez une correspondance pour chaque élément.</translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message>
        <source>Quizzes cannot be taken here: the records are unavailable.</source>
        <translation>Impossible de faire un quiz ici&#xa0;: le suivi d&apos;apprentissage est indisponible.</translation>
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
        <translation>Seuil de réussite&#xa0;: %1</translation>
    </message>
    <message>
        <source>As many attempts as you like</source>
        <translation>Autant de tentatives que vous voulez</translation>
    </message>
    <message>
        <source>Attempts left: %1 of %2</source>
        <translation>Tentatives restantes&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Last attempt: %1 (%2). Best: %3.</source>
        <translation>Dernière tentative&#xa0;: %1 (%2). Meilleur score&#xa0;: %3.</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussie</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>non réussie</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Start the quiz</source>
        <translation>&amp;Commencer le quiz</translation>
    </message>
    <message>
        <source>Back to the &amp;results</source>
        <translation>Retour aux &amp;résultats</translation>
    </message>
    <message>
        <source>&amp;Finish the quiz</source>
        <translation>&amp;Terminer le quiz</translation>
    </message>
    <message>
        <source>Attempt %1 · %2 of %3 questions checked</source>
        <translation>Tentative %1 · questions vérifiées&#xa0;: %2 sur %3</translation>
    </message>
    <message>
        <source>Answer the question first.</source>
        <translation>Répondez d&apos;abord à la question.</translation>
    </message>
    <message numerus="yes">
        <source>%n answers you have not checked will be checked when you finish.</source>
        <translation>
            <numerusform>%n réponse que vous n&apos;avez pas vérifiée le sera quand vous terminerez.</numerusform>
            <numerusform>%n réponses que vous n&apos;avez pas vérifiées le seront quand vous terminerez.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finish the quiz?</source>
        <translation>Terminer le quiz&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered: they count as wrong.</source>
        <translation>
            <numerusform>%n question est sans réponse&#xa0;: elle compte comme fausse.</numerusform>
            <numerusform>%n questions sont sans réponse&#xa0;: elles comptent comme fausses.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Attempt %1: %2</source>
        <translation>Tentative %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Passed: the pass mark is %1.</source>
        <translation>Réussi&#xa0;: le seuil de réussite est de %1.</translation>
    </message>
    <message>
        <source>Not passed: the pass mark is %1.</source>
        <translation>Non réussi&#xa0;: le seuil de réussite est de %1.</translation>
    </message>
    <message>
        <source>You may try again as often as you like.</source>
        <translation>Vous pouvez réessayer autant de fois que vous le voulez.</translation>
    </message>
    <message numerus="yes">
        <source>Attempts left: %n</source>
        <translation>
            <numerusform>Tentative restante&#xa0;: %n</numerusform>
            <numerusform>Tentatives restantes&#xa0;: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>You have used every attempt of this quiz.</source>
        <translation>Vous avez utilisé toutes les tentatives de ce quiz.</translation>
    </message>
    <message>
        <source>&amp;Review the answers</source>
        <translation>Re&amp;voir les réponses</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sans réponse</translation>
    </message>
    <message>
        <source>right</source>
        <translation>correct</translation>
    </message>
    <message>
        <source>partly right (%1)</source>
        <translation>en partie correct (%1)</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>incorrect</translation>
    </message>
    <message>
        <source>Questions of this attempt</source>
        <translation>Questions de cette tentative</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Pre&amp;vious question</source>
        <translation>Question précé&amp;dente</translation>
    </message>
    <message>
        <source>Check this answer (Enter)</source>
        <translation>Vérifier cette réponse (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Next question</source>
        <translation>Question &amp;suivante</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>Question précédente</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Question suivante</translation>
    </message>
    <message>
        <source>See the last &amp;results</source>
        <translation>Voir les &amp;derniers résultats</translation>
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
        <translation>Lecture&#xa0;: {title}</translation>
    </message>
    <message>
        <source>This reading is too large to show ({size}; the limit is {limit}).</source>
        <translation>Cette lecture est trop volumineuse pour être affichée ({size}&#xa0;; la limite est de {limit}).</translation>
    </message>
    <message>
        <source>A file of this course is damaged ({name}).</source>
        <translation>Un fichier de ce cours est endommagé ({name}).</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (not UTF-8).</source>
        <translation>Le texte de cette lecture est endommagé (il n&apos;est pas en UTF-8).</translation>
    </message>
    <message>
        <source>The text of this reading is damaged (it holds control characters).</source>
        <translation>Le texte de cette lecture est endommagé (il contient des caractères de contrôle).</translation>
    </message>
    <message>
        <source>This reading cannot be shown.</source>
        <translation>Cette lecture ne peut pas être affichée.</translation>
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
        <source>No match</source>
        <translation>Aucun résultat</translation>
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
    <name>RecordsImport</name>
    <message>
        <source>Import records</source>
        <translation>Importer un suivi d&apos;apprentissage</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Reading %1 stopped: nothing was imported.</source>
        <translation>Lecture de %1 arrêtée&#xa0;: rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Stopping the reading…</source>
        <translation>Arrêt de la lecture…</translation>
    </message>
    <message>
        <source>A new profile</source>
        <translation>Un nouveau profil</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %Ln records of %2.</source>
        <translation>
            <numerusform>%1 contient %Ln trace d&apos;apprentissage de %2.</numerusform>
            <numerusform>%1 contient %Ln traces d&apos;apprentissage de %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %Ln records.</source>
        <translation>
            <numerusform>%1 contient %Ln trace d&apos;apprentissage.</numerusform>
            <numerusform>%1 contient %Ln traces d&apos;apprentissage.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add them to:</source>
        <translation>&amp;Ajouter à&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name of the new profile:</source>
        <translation>&amp;Nom du nouveau profil&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them are already on this computer, in %1&apos;s profile.</source>
        <translation>
            <numerusform>%Ln d&apos;entre elles est déjà sur cet ordinateur, dans le profil de %1.</numerusform>
            <numerusform>%Ln d&apos;entre elles sont déjà sur cet ordinateur, dans le profil de %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them are already on this computer, in the profiles of %1.</source>
        <translation>
            <numerusform>%Ln d&apos;entre elles est déjà sur cet ordinateur, dans les profils de %1.</numerusform>
            <numerusform>%Ln d&apos;entre elles sont déjà sur cet ordinateur, dans les profils de %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A profile named %1 already exists: type another name, or add the records to %1.</source>
        <translation>Un profil nommé %1 existe déjà&#xa0;: saisissez un autre nom, ou ajoutez le suivi à %1.</translation>
    </message>
    <message>
        <source>Import records into %1</source>
        <translation>Importer un suivi dans %1</translation>
    </message>
    <message>
        <source>Stopping the import…</source>
        <translation>Arrêt de l&apos;importation…</translation>
    </message>
    <message>
        <source>Wait for the import to stop.</source>
        <translation>Attendez l&apos;arrêt de l&apos;importation.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln records</source>
        <translation>
            <numerusform>%1 sur %Ln trace d&apos;apprentissage</numerusform>
            <numerusform>%1 sur %Ln traces d&apos;apprentissage</numerusform>
        </translation>
    </message>
    <message>
        <source>Records imported</source>
        <translation>Traces d&apos;apprentissage importées</translation>
    </message>
    <message>
        <source>S&amp;top reading</source>
        <translation>Arrê&amp;ter la lecture</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <source>S&amp;top the import</source>
        <translation>Arrê&amp;ter l&apos;importation</translation>
    </message>
    <message>
        <source>Importing the records into %1…</source>
        <translation>Import du suivi dans %1…</translation>
    </message>
    <message>
        <source>The records are imported, but the next sync could not be set to read the exam grades again: import the same file again to retry.</source>
        <translation>Le suivi d&apos;apprentissage est importé, mais la prochaine synchronisation n&apos;a pas pu être réglée pour relire les notes d&apos;examen&#xa0;: importez de nouveau le même fichier pour réessayer.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file (it is not text). Choose the copy of the records that %2 saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 n&apos;est pas un fichier de suivi (ce n&apos;est pas du texte). Choisissez la copie du suivi enregistrée par %2.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file (its text is not JSON). Choose the copy of the records that %2 saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 n&apos;est pas un fichier de suivi (son texte n&apos;est pas du JSON). Choisissez la copie du suivi enregistrée par %2.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 was saved by a version of %2 that this one cannot read. Update %2 on this computer, then import it again.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 a été enregistré par une version de %2 que celle-ci ne sait pas lire. Mettez %2 à jour sur cet ordinateur, puis importez-le de nouveau.</translation>
    </message>
    <message>
        <source>Nothing was imported: some records in %1 are not as %2 writes them (was the file changed after it was saved?). Copy it again from where it was saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: des traces d&apos;apprentissage de %1 ne sont pas telles que %2 les écrit (le fichier a-t-il été modifié après son enregistrement&#xa0;?). Copiez-le de nouveau depuis l&apos;endroit où il a été enregistré.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is not a records file of %2. Choose the copy of the records that %2 saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 n&apos;est pas un fichier de suivi de %2. Choisissez la copie du suivi enregistrée par %2.</translation>
    </message>
    <message>
        <source>Nothing was imported: %3 met a problem it did not expect. It is noted in the diagnostic report (%1, %2): please copy it and send it to your institution.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %3 a rencontré un problème inattendu. Il est noté dans le rapport de diagnostic (%1, %2)&#xa0;: copiez-le et envoyez-le à votre établissement.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records added to %1.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage ajoutée à %1.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage ajoutées à %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln were here already.</source>
        <translation>
            <numerusform>%Ln était déjà présente.</numerusform>
            <numerusform>%Ln étaient déjà présentes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln are already on this computer, in %1&apos;s profile: they were not added to %2.</source>
        <translation>
            <numerusform>%Ln est déjà sur cet ordinateur, dans le profil de %1&#xa0;: elle n&apos;a pas été ajoutée à %2.</numerusform>
            <numerusform>%Ln sont déjà sur cet ordinateur, dans le profil de %1&#xa0;: elles n&apos;ont pas été ajoutées à %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln are already on this computer, in the profiles of %1: they were not added to %2.</source>
        <translation>
            <numerusform>%Ln est déjà sur cet ordinateur, dans les profils de %1&#xa0;: elle n&apos;a pas été ajoutée à %2.</numerusform>
            <numerusform>%Ln sont déjà sur cet ordinateur, dans les profils de %1&#xa0;: elles n&apos;ont pas été ajoutées à %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to send to your institution.</source>
        <translation>
            <numerusform>%Ln à envoyer à votre établissement.</numerusform>
            <numerusform>%Ln à envoyer à votre établissement.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: their course is not installed here; install it, then import the file again.</source>
        <translation>
            <numerusform>%Ln trace n&apos;a pas été reprise&#xa0;: son cours n&apos;est pas installé ici&#xa0;; installez-le, puis importez de nouveau le fichier.</numerusform>
            <numerusform>%Ln traces n&apos;ont pas été reprises&#xa0;: leur cours n&apos;est pas installé ici&#xa0;; installez-le, puis importez de nouveau le fichier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln exam grades in the file were not taken: exam grades come only from your institution.</source>
        <translation>
            <numerusform>%Ln note d&apos;examen du fichier n&apos;a pas été reprise&#xa0;: les notes d&apos;examen ne viennent que de votre établissement.</numerusform>
            <numerusform>%Ln notes d&apos;examen du fichier n&apos;ont pas été reprises&#xa0;: les notes d&apos;examen ne viennent que de votre établissement.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln grades in the file were not taken: they name no quiz attempt, so they may be exam grades, which come only from your institution.</source>
        <translation>
            <numerusform>%Ln note du fichier n&apos;a pas été reprise&#xa0;: elle ne désigne aucune tentative de quiz, ce peut donc être une note d&apos;examen, et celles-ci ne viennent que de votre établissement.</numerusform>
            <numerusform>%Ln notes du fichier n&apos;ont pas été reprises&#xa0;: elles ne désignent aucune tentative de quiz, ce peuvent donc être des notes d&apos;examen, et celles-ci ne viennent que de votre établissement.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: they say a module or course is done, which the imported progress does not show yet; each is recorded once it does: when an exam&apos;s grade comes back, or when you finish it here.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage n&apos;a pas été reprise&#xa0;: elle indique qu&apos;un module ou un cours est terminé, ce que la progression importée ne montre pas encore&#xa0;; elle sera enregistrée dès que ce sera le cas&#xa0;: quand la note d&apos;un examen reviendra, ou quand vous le terminerez ici.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage n&apos;ont pas été reprises&#xa0;: elles indiquent qu&apos;un module ou un cours est terminé, ce que la progression importée ne montre pas encore&#xa0;; chacune sera enregistrée dès que ce sera le cas&#xa0;: quand la note d&apos;un examen reviendra, ou quand vous le terminerez ici.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records were not taken: they say a module or course is done, which the imported progress does not show; it is recorded when you finish it here.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage n&apos;a pas été reprise&#xa0;: elle indique qu&apos;un module ou un cours est terminé, ce que la progression importée ne montre pas&#xa0;; elle sera enregistrée quand vous le terminerez ici.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage n&apos;ont pas été reprises&#xa0;: elles indiquent qu&apos;un module ou un cours est terminé, ce que la progression importée ne montre pas&#xa0;; chacune sera enregistrée quand vous le terminerez ici.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade, which comes back once the profile has an account with your institution: add it with %1.</source>
        <translation>
            <numerusform>Ce profil a %n tentative d&apos;examen en attente de sa note, qui reviendra dès que le profil aura un compte auprès de votre établissement&#xa0;: ajoutez-le avec %1.</numerusform>
            <numerusform>Ce profil a %n tentatives d&apos;examen en attente de leur note, qui reviendra dès que le profil aura un compte auprès de votre établissement&#xa0;: ajoutez-le avec %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade, which the next sync brings.</source>
        <translation>
            <numerusform>Ce profil a %n tentative d&apos;examen en attente de sa note, que la prochaine synchronisation apportera.</numerusform>
            <numerusform>Ce profil a %n tentatives d&apos;examen en attente de leur note, que la prochaine synchronisation apportera.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This profile has %n exam attempts waiting for their grade.</source>
        <translation>
            <numerusform>Ce profil a %n tentative d&apos;examen en attente de sa note.</numerusform>
            <numerusform>Ce profil a %n tentatives d&apos;examen en attente de leur note.</numerusform>
        </translation>
    </message>
    <message>
        <source>Records not imported</source>
        <translation>Suivi non importé</translation>
    </message>
    <message>
        <source>This file holds the records of %1, not of %2, who has records of their own here. Are they %2&apos;s all the same, from another computer where %2 had another name?</source>
        <translation>Ce fichier contient le suivi de %1, pas celui de %2, qui a déjà son propre suivi ici. S&apos;agit-il tout de même du suivi de %2, venu d&apos;un autre ordinateur où %2 portait un autre nom&#xa0;?</translation>
    </message>
    <message>
        <source>This file holds the records of %1, not of %2. Are they %2&apos;s all the same, from another computer where %2 had another name?</source>
        <translation>Ce fichier contient le suivi de %1, pas celui de %2. S&apos;agit-il tout de même du suivi de %2, venu d&apos;un autre ordinateur où %2 portait un autre nom&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Yes, add them to %1</source>
        <translation>&amp;Oui, l&apos;ajouter à %1</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Non</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is no longer there (moved, deleted, or on a USB stick taken out). Choose the file again.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 n&apos;est plus là (déplacé, supprimé, ou sur une clé USB retirée). Choisissez de nouveau le fichier.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is a folder. Choose the records file in it.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 est un dossier. Choisissez le fichier de suivi qu&apos;il contient.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 cannot be read. Check that your user account may open it, or copy it again.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 ne peut pas être lu. Vérifiez que votre compte d&apos;utilisateur peut l&apos;ouvrir, ou copiez-le de nouveau.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is empty. Copy it again from where it was saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 est vide. Copiez-le de nouveau depuis l&apos;endroit où il a été enregistré.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 is cut short (a copy stopped early?). Copy it again from where it was saved.</source>
        <translation>Rien n&apos;a été importé&#xa0;: %1 est incomplet (une copie interrompue&#xa0;?). Copiez-le de nouveau depuis l&apos;endroit où il a été enregistré.</translation>
    </message>
    <message>
        <source>Nothing was imported: the records of %1 are already on this computer, in %2&apos;s profile.</source>
        <translation>Rien n&apos;a été importé&#xa0;: le suivi d&apos;apprentissage de %1 est déjà sur cet ordinateur, dans le profil de %2.</translation>
    </message>
    <message>
        <source>Nothing was imported: the records on this computer could not be changed (is the disk full, or another program using them?). Try again in a moment.</source>
        <translation>Rien n&apos;a été importé&#xa0;: le suivi de cet ordinateur n&apos;a pas pu être modifié (disque plein, ou un autre programme l&apos;utilise&#xa0;?). Réessayez dans un moment.</translation>
    </message>
</context>
<context>
    <name>RecordsUnavailableBox</name>
    <message>
        <source>Your learning records file is damaged, and its backup %1 cannot be read right now: check the disk and that your user account may read that file, then start %3 again. Nothing was moved or deleted.</source>
        <translation>Le fichier de votre suivi d&apos;apprentissage est endommagé, et sa sauvegarde %1 ne peut pas être lue pour l&apos;instant&#xa0;: vérifiez le disque et que votre compte d&apos;utilisateur peut lire ce fichier, puis relancez %3. Rien n&apos;a été déplacé ni supprimé.</translation>
    </message>
    <message>
        <source>The disk holding your learning records (%1) is full: free some space, then start %3 again. Nothing was lost.</source>
        <translation>Le disque qui contient votre suivi d&apos;apprentissage (%1) est plein&#xa0;: libérez de la place, puis relancez %3. Rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>%3 cannot write to %1: the disk or folder is read-only. Make it writable, then start %3 again. Nothing was lost.</source>
        <translation>%3 ne peut pas écrire dans %1&#xa0;: le disque ou le dossier est en lecture seule. Rendez-le modifiable, puis relancez %3. Rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>%3 cannot write to %1: permission denied. Give your user account access to it, then start %3 again. Nothing was lost.</source>
        <translation>%3 ne peut pas écrire dans %1&#xa0;: permission refusée. Donnez-y accès à votre compte d&apos;utilisateur, puis relancez %3. Rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>%1 is held by another program (another %3, a backup or sync tool): close it, then start %3 again. Nothing was lost.</source>
        <translation>%1 est tenu par un autre programme (un autre %3, un outil de sauvegarde ou de synchronisation)&#xa0;: fermez-le, puis relancez %3. Rien n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>Your records are being repaired by another %3 (a command or another window); start %3 again in a minute.</source>
        <translation>Votre suivi d&apos;apprentissage est en cours de réparation par un autre %3 (une commande ou une autre fenêtre)&#xa0;; relancez %3 dans une minute.</translation>
    </message>
    <message>
        <source>The disk holding your learning records (%1) reported a read or write error: check the disk and copy your records to a safe place. Nothing was changed.</source>
        <translation>Le disque qui contient votre suivi d&apos;apprentissage (%1) a signalé une erreur de lecture ou d&apos;écriture&#xa0;: vérifiez le disque et copiez votre suivi en lieu sûr. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Your learning records file %1 is a link to %2, which cannot be found: connect or mount the disk that holds it, then start %3 again. Nothing was created or changed.</source>
        <translation>Votre fichier de suivi d&apos;apprentissage %1 est un lien vers %2, qui est introuvable&#xa0;: branchez ou montez le disque qui le contient, puis relancez %3. Rien n&apos;a été créé ni modifié.</translation>
    </message>
    <message>
        <source>%3 cannot use your learning records (%1): %2. Nothing was changed.</source>
        <translation>%3 ne peut pas utiliser votre suivi d&apos;apprentissage (%1)&#xa0;: %2. Rien n&apos;a été modifié.</translation>
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
        <source>Missing or damaged files: %1 of %2.</source>
        <translation>Fichiers manquants ou endommagés&#xa0;: %1 sur %2.</translation>
    </message>
    <message numerus="yes">
        <source>…and %Ln more.</source>
        <translation>
            <numerusform>…et %Ln autre.</numerusform>
            <numerusform>…et %Ln autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetch the damaged files again from the course&apos;s catalog (this needs the network), or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Récupérez à nouveau les fichiers endommagés depuis le catalogue du cours (il faut le réseau), ou réparez depuis une copie du cours&#xa0;: un fichier .cartable ou un dossier, par exemple sur une clé USB.</translation>
    </message>
    <message>
        <source>Repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Réparez depuis une copie du cours&#xa0;: un fichier .cartable ou un dossier, par exemple sur une clé USB.</translation>
    </message>
    <message>
        <source>Fetch again from the &amp;catalog</source>
        <translation>Récupérer depuis le &amp;catalogue</translation>
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
        <source>Fetching the files again…</source>
        <translation>Nouvelle récupération des fichiers…</translation>
    </message>
    <message>
        <source>Fetching the damaged files again…</source>
        <translation>Récupération des fichiers endommagés…</translation>
    </message>
    <message>
        <source>All %1 files of this course are intact.</source>
        <translation>Les %1 fichiers de ce cours sont intacts.</translation>
    </message>
    <message>
        <source>the course cover</source>
        <translation>la couverture du cours</translation>
    </message>
    <message>
        <source>Affected: %1</source>
        <translation>Concerne&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 ne peut pas être lu&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Nothing was removed. Give your user account the right to read these files (or ask this computer&apos;s administrator), then check the files again.</source>
        <translation>Rien n&apos;a été supprimé. Donnez à votre compte utilisateur le droit de lire ces fichiers (ou demandez-le à l&apos;administrateur de cet ordinateur), puis vérifiez de nouveau les fichiers.</translation>
    </message>
    <message>
        <source>Nothing was removed. The disk may be failing: fetch these files again (each new copy is written elsewhere on the disk and replaces the unreadable one once verified), or repair from a copy of the course.</source>
        <translation>Rien n&apos;a été supprimé. Le disque est peut-être défaillant&#xa0;: récupérez de nouveau ces fichiers (chaque nouvelle copie est écrite ailleurs sur le disque et remplace le fichier illisible une fois vérifiée), ou réparez à partir d&apos;une copie du cours.</translation>
    </message>
    <message>
        <source>Nothing was removed. The disk may be failing: check the files again later, or repair from a copy of the course.</source>
        <translation>Rien n&apos;a été supprimé. Le disque est peut-être défaillant&#xa0;: vérifiez de nouveau les fichiers plus tard, ou réparez à partir d&apos;une copie du cours.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>the disk reported a read error</source>
        <translation>le disque a signalé une erreur de lecture</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>ce n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>the network folder holding it does not answer</source>
        <translation>le dossier réseau qui le contient ne répond pas</translation>
    </message>
    <message>
        <source>the system says: %1</source>
        <translation>le système indique&#xa0;: %1</translation>
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
        <source>Fetch these files again from the course&apos;s catalog (this needs the network): each new copy replaces the file there once verified. Or repair from a copy of the course: a .cartable file or a folder, for instance on a USB stick.</source>
        <translation>Récupérez de nouveau ces fichiers depuis le catalogue du cours (il faut le réseau)&#xa0;: chaque nouvelle copie remplace le fichier présent une fois vérifiée. Ou réparez à partir d&apos;une copie du cours&#xa0;: un fichier .cartable ou un dossier, par exemple sur une clé USB.</translation>
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
        <source>Module %1 · %2</source>
        <translation>Module %1 · %2</translation>
    </message>
    <message>
        <source>%1, slide %2</source>
        <translation>%1, diapositive %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>%1 — exam in progress, %2 left</source>
        <translation>%1 — examen en cours, il reste %2</translation>
    </message>
    <message>
        <source>Continue: %1</source>
        <translation>Continuer&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>%1: the port, the number after “:”, goes from 1 to 65535.</source>
        <translation>%1&#xa0;: le port, le nombre après «&#xa0;:&#xa0;», va de 1 à 65535.</translation>
    </message>
    <message>
        <source>%1: the name of the server is missing after “//”.</source>
        <translation>%1&#xa0;: le nom du serveur manque après «&#xa0;//&#xa0;».</translation>
    </message>
    <message>
        <source>%1: a catalog&apos;s address cannot hold “?” or “#”; type it without what follows.</source>
        <translation>%1&#xa0;: l&apos;adresse d&apos;un catalogue ne peut pas contenir «&#xa0;?&#xa0;» ni «&#xa0;#&#xa0;»&#xa0;; saisissez-la sans ce qui suit.</translation>
    </message>
    <message>
        <source>%1 is not a valid web address: check it for a typing mistake.</source>
        <translation>%1 n&apos;est pas une adresse web valide&#xa0;: vérifiez qu&apos;elle ne contient pas de faute de frappe.</translation>
    </message>
    <message>
        <source>Type the web address of a catalog, or its folder.</source>
        <translation>Saisissez l&apos;adresse web d&apos;un catalogue, ou son dossier.</translation>
    </message>
    <message>
        <source>%1 is not a network address: four numbers from 0 to 255, such as 192.168.1.12, maybe followed by :%2.</source>
        <translation>%1 n&apos;est pas une adresse réseau&#xa0;: quatre nombres de 0 à 255, comme 192.168.1.12, éventuellement suivis de&#xa0;:%2.</translation>
    </message>
    <message>
        <source>%1 is not a network address: each of its four numbers goes from 0 to 255.</source>
        <translation>%1 n&apos;est pas une adresse réseau&#xa0;: chacun de ses quatre nombres va de 0 à 255.</translation>
    </message>
    <message>
        <source>%1 is neither a folder nor a valid file:// address: check it for a typing mistake.</source>
        <translation>%1 n&apos;est ni un dossier ni une adresse file:// valide&#xa0;: vérifiez qu&apos;elle ne contient pas de faute de frappe.</translation>
    </message>
    <message>
        <source>%1: a catalog is a web address (http:// or https://) or a folder.</source>
        <translation>%1&#xa0;: un catalogue est une adresse web (http:// ou https://) ou un dossier.</translation>
    </message>
    <message>
        <source>%1: there is no such folder on this computer.</source>
        <translation>%1&#xa0;: ce dossier n&apos;existe pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a folder: check its name, and that you may open it.</source>
        <translation>%1 ne peut pas être lu comme un dossier&#xa0;: vérifiez son nom, et que vous avez le droit de l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>%1 holds no catalog (no catalog.json file): choose the folder that holds it.</source>
        <translation>%1 ne contient pas de catalogue (pas de fichier catalog.json)&#xa0;: choisissez le dossier qui le contient.</translation>
    </message>
    <message>
        <source>%1 is already in the catalogs.</source>
        <translation>%1 est déjà dans les catalogues.</translation>
    </message>
    <message>
        <source>%1 comes with %2 (your institution&apos;s catalog): it cannot be removed.</source>
        <translation>%1 est fourni avec %2 (le catalogue de votre établissement)&#xa0;: il ne peut pas être retiré.</translation>
    </message>
    <message>
        <source>%1 holds no catalog %2 can use: check the address, or tell whoever publishes it.</source>
        <translation>%1 ne contient aucun catalogue utilisable par %2&#xa0;: vérifiez l&apos;adresse, ou prévenez qui le publie.</translation>
    </message>
    <message>
        <source>%1 was not added: %4 met a problem it did not expect while reading its catalog. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</source>
        <translation>%1 n&apos;a pas été ajouté&#xa0;: %4 a rencontré un problème inattendu en lisant son catalogue. Il est noté dans le rapport de diagnostic (%2, %3)&#xa0;: copiez-le et envoyez-le à votre établissement.</translation>
    </message>
    <message>
        <source>%1 is no longer in the catalogs.</source>
        <translation>%1 n&apos;est plus dans les catalogues.</translation>
    </message>
    <message>
        <source>The search could not run: this computer is on no network. Connect it to the Wi-Fi or a cable, then search again.</source>
        <translation>La recherche n&apos;a pas pu se faire&#xa0;: cet ordinateur n&apos;est sur aucun réseau. Connectez-le au Wi-Fi ou à un câble, puis cherchez à nouveau.</translation>
    </message>
    <message>
        <source>The search could not run: this computer does not allow it (a firewall or a security setting). Type the address the sharing computer shows in the field above instead.</source>
        <translation>La recherche n&apos;a pas pu se faire&#xa0;: cet ordinateur ne le permet pas (un pare-feu ou un réglage de sécurité). Saisissez plutôt dans le champ ci-dessus l&apos;adresse que montre l&apos;ordinateur qui partage.</translation>
    </message>
    <message>
        <source>The search could not run on this computer now. Search again, or type the address the sharing computer shows in the field above.</source>
        <translation>La recherche n&apos;a pas pu se faire sur cet ordinateur pour l&apos;instant. Cherchez à nouveau, ou saisissez dans le champ ci-dessus l&apos;adresse que montre l&apos;ordinateur qui partage.</translation>
    </message>
    <message>
        <source>%1 is a private key, not a public one: choose its .pub file instead, and keep this one secret.</source>
        <translation>%1 est une clé privée, pas une clé publique&#xa0;: choisissez plutôt son fichier .pub, et gardez celle-ci secrète.</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>%1 n&apos;a pas pu être lu.</translation>
    </message>
    <message>
        <source>%1 is not a Cartable public key file.</source>
        <translation>%1 n&apos;est pas un fichier de clé publique Cartable.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>this computer does not allow writing it (permission denied)</source>
        <translation>cet ordinateur ne permet pas de l&apos;écrire (permission refusée)</translation>
    </message>
    <message>
        <source>the disk reported an error (the details are in the log)</source>
        <translation>le disque a signalé une erreur (le détail est dans le journal)</translation>
    </message>
    <message>
        <source>The key could not be saved: %1.</source>
        <translation>La clé n&apos;a pas pu être enregistrée&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Key of the demo course (valid for that course only)</source>
        <translation>Clé du cours de démonstration (valable pour ce seul cours)</translation>
    </message>
    <message>
        <source>your institution&apos;s</source>
        <translation>de votre établissement</translation>
    </message>
    <message>
        <source>added on this computer</source>
        <translation>ajoutée sur cet ordinateur</translation>
    </message>
    <message>
        <source>A publisher&apos;s public key</source>
        <translation>La clé publique d&apos;un éditeur</translation>
    </message>
    <message>
        <source>Public keys (*.pub)</source>
        <translation>Clés publiques (*.pub)</translation>
    </message>
    <message>
        <source>This is an earlier key of the demo course, which this computer no longer accepts: not added.</source>
        <translation>C&apos;est une ancienne clé du cours de démonstration, que cet ordinateur n&apos;accepte plus&#xa0;: non ajoutée.</translation>
    </message>
    <message>
        <source>This is the key of the demo course, which this computer accepts only for that course: not added.</source>
        <translation>C&apos;est la clé du cours de démonstration, que cet ordinateur n&apos;accepte que pour ce cours&#xa0;: non ajoutée.</translation>
    </message>
    <message>
        <source>This key is already trusted.</source>
        <translation>Cette clé est déjà de confiance.</translation>
    </message>
    <message>
        <source>Trust this key?</source>
        <translation>Faire confiance à cette clé&#xa0;?</translation>
    </message>
    <message>
        <source>Trust the key %1?

Courses signed with it will be installed as verified, without any warning. Only add a key you received from a publisher you trust, for instance your institution.</source>
        <translation>Faire confiance à la clé %1&#xa0;?

Les cours signés avec elle seront installés comme vérifiés, sans aucun avertissement. N&apos;ajoutez qu&apos;une clé reçue d&apos;un éditeur de confiance, par exemple votre établissement.</translation>
    </message>
    <message>
        <source>Not added.</source>
        <translation>Non ajoutée.</translation>
    </message>
    <message>
        <source>Key %1 is now trusted.</source>
        <translation>La clé %1 est désormais de confiance.</translation>
    </message>
    <message>
        <source>Key %1 is no longer trusted.</source>
        <translation>La clé %1 n&apos;est plus de confiance.</translation>
    </message>
    <message>
        <source>Courses from a catalog must be signed by one of these keys. Your institution&apos;s keys come with %1 and cannot be removed.</source>
        <translation>Les cours d&apos;un catalogue doivent être signés par l&apos;une de ces clés. Les clés de votre établissement sont fournies avec %1 et ne peuvent pas être retirées.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>&amp;Catalogs</source>
        <translation>Catal&amp;ogues</translation>
    </message>
    <message>
        <source>Do&amp;wnloads</source>
        <translation>Téléc&amp;hargements</translation>
    </message>
    <message>
        <source>Truste&amp;d keys</source>
        <translation>Clés d&amp;e confiance</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>Clés de confiance</translation>
    </message>
    <message>
        <source>&amp;Speed limit:</source>
        <translation>&amp;Limite de débit&#xa0;:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation>&#xa0;Ko/s</translation>
    </message>
    <message>
        <source>&amp;Files at once:</source>
        <translation>&amp;Fichiers à la fois&#xa0;:</translation>
    </message>
    <message>
        <source>Download &amp;only between</source>
        <translation>Télécharger &amp;seulement entre</translation>
    </message>
    <message>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <source>Start of the download hours</source>
        <translation>Début des heures de téléchargement</translation>
    </message>
    <message>
        <source>End of the download hours</source>
        <translation>Fin des heures de téléchargement</translation>
    </message>
    <message>
        <source>Only on &amp;unmetered connections (not on mobile data)</source>
        <translation>Seulement sur les connexions &amp;non limitées (pas sur les données mobiles)</translation>
    </message>
    <message>
        <source>The speed limit, the hours and “only on unmetered connections” do not apply to USB sticks or to computers of this network.</source>
        <translation>La limite de vitesse, les heures et «&#xa0;seulement sur les connexions non limitées&#xa0;» ne s&apos;appliquent pas aux clés USB ni aux ordinateurs de ce réseau.</translation>
    </message>
    <message>
        <source>These apply at once, also to downloads in progress. A download waiting for its hours or for another connection continues by itself.</source>
        <translation>Ces réglages s&apos;appliquent aussitôt, y compris aux téléchargements en cours. Un téléchargement qui attend ses heures ou une autre connexion reprend tout seul.</translation>
    </message>
    <message>
        <source>&amp;Look for course updates when online</source>
        <translation>&amp;Rechercher les mises à jour des cours une fois connecté</translation>
    </message>
    <message>
        <source>Add a &amp;key file…</source>
        <translation>Ajouter un fichier de &amp;clé…</translation>
    </message>
    <message>
        <source>R&amp;emove key</source>
        <translation>Re&amp;tirer la clé</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Address copied.</source>
        <translation>Adresse copiée.</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>&amp;Arrêter le partage</translation>
    </message>
    <message>
        <source>&amp;Start sharing</source>
        <translation>&amp;Démarrer le partage</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Sharing could not start: this computer does not allow %1 to receive connections (a security setting). Ask whoever looks after this computer.</source>
        <translation>Le partage n&apos;a pas pu démarrer&#xa0;: cet ordinateur ne permet pas à %1 de recevoir des connexions (un réglage de sécurité). Demandez à la personne qui s&apos;occupe de cet ordinateur.</translation>
    </message>
    <message>
        <source>Sharing could not start on this computer now. Try again; if it still fails, restart the computer.</source>
        <translation>Le partage n&apos;a pas pu démarrer sur cet ordinateur pour l&apos;instant. Réessayez&#xa0;; si cela échoue encore, redémarrez l&apos;ordinateur.</translation>
    </message>
    <message numerus="yes">
        <source>Sharing %n courses on this network.</source>
        <translation>
            <numerusform>%n cours partagé sur ce réseau.</numerusform>
            <numerusform>%n cours partagés sur ce réseau.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to share: no installed course can be shared (see below).</source>
        <translation>Rien à partager&#xa0;: aucun cours installé ne peut être partagé (voir ci-dessous).</translation>
    </message>
    <message>
        <source>Nothing to share: no course is installed on this computer.</source>
        <translation>Rien à partager&#xa0;: aucun cours n&apos;est installé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Not sharing: nothing is sent until you start.</source>
        <translation>Pas de partage&#xa0;: rien n&apos;est envoyé tant que vous ne le démarrez pas.</translation>
    </message>
    <message>
        <source>This computer is on no network, so no other computer can reach it: connect it to the Wi-Fi or a cable, then stop and start sharing again.</source>
        <translation>Cet ordinateur n&apos;est connecté à aucun réseau&#xa0;: aucun autre ordinateur ne peut l&apos;atteindre. Connectez-le au Wi-Fi ou à un câble, puis arrêtez et redémarrez le partage.</translation>
    </message>
    <message>
        <source>Port %1 is used by another program, so the courses are shared on port %2: give the whole address above, with its port.</source>
        <translation>Le port %1 est utilisé par un autre programme&#xa0;: les cours sont partagés sur le port %2. Donnez l&apos;adresse ci-dessus en entier, avec son port.</translation>
    </message>
    <message>
        <source>The other computers cannot find this one with “Find computers sharing courses nearby” (UDP port %1 is in use, or refused): give them the address above.</source>
        <translation>Les autres ordinateurs ne peuvent pas trouver celui-ci avec «&#xa0;Trouver les ordinateurs proches qui partagent des cours&#xa0;» (le port UDP %1 est occupé, ou refusé)&#xa0;: donnez-leur l&apos;adresse ci-dessus.</translation>
    </message>
    <message>
        <source>Nothing reaches this computer? Its firewall may refuse the other computers: allow TCP port %1 (on Ubuntu: sudo ufw allow %1/tcp). Guest Wi-Fi networks often keep computers apart: use the lab&apos;s own network.</source>
        <translation>Rien n&apos;arrive sur cet ordinateur&#xa0;? Son pare-feu refuse peut-être les autres ordinateurs&#xa0;: autorisez le port TCP %1 (sous Ubuntu&#xa0;: sudo ufw allow %1/tcp). Les réseaux Wi-Fi «&#xa0;invités&#xa0;» isolent souvent les ordinateurs les uns des autres&#xa0;: utilisez le réseau de la salle.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln files sent (%1)</source>
        <translation>
            <numerusform>%Ln fichier envoyé (%1)</numerusform>
            <numerusform>%Ln fichiers envoyés (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>to %n+ computers.</source>
        <translation>
            <numerusform>à plus de %n ordinateur.</numerusform>
            <numerusform>à plus de %n ordinateurs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>to %n computers.</source>
        <translation>
            <numerusform>à %n ordinateur.</numerusform>
            <numerusform>à %n ordinateurs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n+ computers read the list of courses; no file sent yet.</source>
        <translation>
            <numerusform>Plus de %n ordinateur a lu la liste des cours&#xa0;; aucun fichier envoyé pour l&apos;instant.</numerusform>
            <numerusform>Plus de %n ordinateurs ont lu la liste des cours&#xa0;; aucun fichier envoyé pour l&apos;instant.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n computers read the list of courses; no file sent yet.</source>
        <translation>
            <numerusform>%n ordinateur a lu la liste des cours&#xa0;; aucun fichier envoyé pour l&apos;instant.</numerusform>
            <numerusform>%n ordinateurs ont lu la liste des cours&#xa0;; aucun fichier envoyé pour l&apos;instant.</numerusform>
        </translation>
    </message>
    <message>
        <source>No computer has connected yet.</source>
        <translation>Aucun ordinateur ne s&apos;est encore connecté.</translation>
    </message>
    <message>
        <source>Last sharing: %1</source>
        <translation>Dernier partage&#xa0;: %1</translation>
    </message>
    <message>
        <source>The other computers of this network (the lab&apos;s Wi-Fi or cables) can download the courses installed here, without internet. Sharing lasts while this window is open: closing it, or quitting %1, stops it.</source>
        <translation>Les autres ordinateurs de ce réseau (le Wi-Fi ou les câbles de la salle) peuvent télécharger les cours installés ici, sans internet. Le partage dure tant que cette fenêtre est ouverte&#xa0;: la fermer, ou quitter %1, l&apos;arrête.</translation>
    </message>
    <message>
        <source>Courses to share</source>
        <translation>Cours à partager</translation>
    </message>
    <message>
        <source>Looking at the installed courses…</source>
        <translation>Examen des cours installés…</translation>
    </message>
    <message>
        <source>Courses shared (%1)</source>
        <translation>Cours partagés (%1)</translation>
    </message>
    <message>
        <source>Courses to share (%1)</source>
        <translation>Cours à partager (%1)</translation>
    </message>
    <message>
        <source>%1 — version %2</source>
        <translation>%1 — version %2</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Not shared (%1)</source>
        <translation>Non partagés (%1)</translation>
    </message>
    <message>
        <source>%1 — version %2: %3</source>
        <translation>%1 — version %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>not signed by a publisher the other computers trust, so they would refuse it; give it as a file instead (%1).</source>
        <translation>il n&apos;est pas signé par un éditeur auquel les autres ordinateurs font confiance&#xa0;: ils le refuseraient. Donnez-le plutôt sous forme de fichier (%1).</translation>
    </message>
    <message>
        <source>some of its files are missing or damaged on this computer; repair it first (%1).</source>
        <translation>certains de ses fichiers manquent ou sont abîmés sur cet ordinateur&#xa0;: réparez-le d&apos;abord (%1).</translation>
    </message>
    <message>
        <source>its files on this computer cannot be read; check and repair it first (%1).</source>
        <translation>ses fichiers ne peuvent pas être lus sur cet ordinateur&#xa0;: vérifiez-le et réparez-le d&apos;abord (%1).</translation>
    </message>
    <message>
        <source>Share courses on this network</source>
        <translation>Partager les cours sur ce réseau</translation>
    </message>
    <message>
        <source>Address of this computer</source>
        <translation>Adresse de cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Copy the address</source>
        <translation>&amp;Copier l&apos;adresse</translation>
    </message>
    <message>
        <source>On the other computers: add this address as a catalog (%1: type it, then %2), then download the courses from %3 (Ctrl+K).</source>
        <translation>Sur les autres ordinateurs&#xa0;: ajoutez cette adresse comme catalogue (%1&#xa0;: tapez-la, puis %2), puis téléchargez les cours depuis %3 (Ctrl+K).</translation>
    </message>
    <message>
        <source>This computer is on several networks: give the address of the network the other computers are on.</source>
        <translation>Cet ordinateur est connecté à plusieurs réseaux&#xa0;: donnez l&apos;adresse du réseau où se trouvent les autres ordinateurs.</translation>
    </message>
    <message>
        <source>Courses not shared</source>
        <translation>Cours non partagés</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SlidesView</name>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Position in the narration</source>
        <translation>Position dans le commentaire</translation>
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
        <source>Previous slide</source>
        <translation>Diapositive précédente</translation>
    </message>
    <message>
        <source>Next slide</source>
        <translation>Diapositive suivante</translation>
    </message>
    <message>
        <source>Narration ({left}/{right}: 5 s)</source>
        <translation>Commentaire ({left}/{right}&#xa0;: 5&#xa0;s)</translation>
    </message>
    <message>
        <source>Narration speed</source>
        <translation>Vitesse de la narration</translation>
    </message>
    <message>
        <source>Narration speed ([ slower, ] faster)</source>
        <translation>Vitesse de la narration ([ plus lent, ] plus rapide)</translation>
    </message>
    <message>
        <source>The slides cannot be shown: the PDF file is protected by a password.</source>
        <translation>Les diapositives ne peuvent pas être affichées&#xa0;: le fichier PDF est protégé par un mot de passe.</translation>
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
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>This document has no searchable text</source>
        <translation>Ce document n&apos;a pas de texte où chercher</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <source>its audio file may be damaged ({detail}).</source>
        <translation>son fichier audio est peut-être abîmé ({detail}).</translation>
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
        <source>Submitted, waiting for the grade</source>
        <translation>Remis, en attente de la note</translation>
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
    <name>StopReasonText</name>
    <message>
        <source>The institution&apos;s server refuses everything sent to it, even records it accepted before: its settings or a network proxy are at fault, not your work. Your records are kept on this computer; please tell your institution.</source>
        <translation>Le serveur de l&apos;établissement refuse tout ce qu&apos;on lui envoie, même des traces qu&apos;il avait acceptées&#xa0;: ses réglages ou un proxy du réseau sont en cause, pas votre travail. Vos traces sont gardées sur cet ordinateur&#xa0;; prévenez votre établissement.</translation>
    </message>
    <message numerus="yes">
        <source>The institution&apos;s server refused the %Ln records waiting. They are kept on this computer and will be sent again; if this goes on, tell your institution.</source>
        <translation>
            <numerusform>Le serveur de l&apos;établissement a refusé %Ln trace en attente. Elle est gardée sur cet ordinateur et sera renvoyée&#xa0;; si cela continue, prévenez votre établissement.</numerusform>
            <numerusform>Le serveur de l&apos;établissement a refusé les %Ln traces en attente. Elles sont gardées sur cet ordinateur et seront renvoyées&#xa0;; si cela continue, prévenez votre établissement.</numerusform>
        </translation>
    </message>
    <message>
        <source>The institution&apos;s server address did not answer like a server of learning records: the address may be wrong, or a Wi-Fi network may want you to log in first in a web browser. Your records are kept on this computer.</source>
        <translation>L&apos;adresse du serveur de l&apos;établissement n&apos;a pas répondu comme un serveur de traces d&apos;apprentissage&#xa0;: l&apos;adresse est peut-être fausse, ou un réseau Wi-Fi demande d&apos;abord de se connecter dans un navigateur web. Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Not connected to an account</source>
        <translation>Sans compte relié</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message numerus="yes">
        <source>%Ln records kept on this computer</source>
        <translation>
            <numerusform>%Ln trace gardée sur cet ordinateur</numerusform>
            <numerusform>%Ln traces gardées sur cet ordinateur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln en attente</numerusform>
            <numerusform>%Ln en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refusée</numerusform>
            <numerusform>%Ln refusées</numerusform>
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
    <message>
        <source>Account not checked yet</source>
        <translation>Compte pas encore vérifié</translation>
    </message>
    <message>
        <source>Server not reachable</source>
        <translation>Serveur injoignable</translation>
    </message>
    <message numerus="yes">
        <source>Learning records waiting to be sent: %Ln</source>
        <translation>
            <numerusform>Traces d&apos;apprentissage en attente d&apos;envoi&#xa0;: %Ln</numerusform>
            <numerusform>Traces d&apos;apprentissage en attente d&apos;envoi&#xa0;: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %Ln</source>
        <translation>
            <numerusform>Refusées par le serveur&#xa0;: %Ln</numerusform>
            <numerusform>Refusées par le serveur&#xa0;: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to add the account your institution gave you.</source>
        <translation>Cliquez pour ajouter le compte que votre établissement vous a donné.</translation>
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
        <source>Copy the selected refused statements and reasons</source>
        <translation>Copier les traces refusées choisies et leurs motifs</translation>
    </message>
    <message>
        <source>Put the selected refused statements (all when none is selected) back in the queue and sync now: for when the server has been fixed</source>
        <translation>Remettre dans la file les traces refusées sélectionnées (toutes si aucune ne l&apos;est) et synchroniser maintenant&#xa0;: quand le serveur a été corrigé</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>Account at the institution</source>
        <translation>Compte auprès de l&apos;établissement</translation>
    </message>
    <message>
        <source>The address of your institution&apos;s learning record store (LRS): its xAPI endpoint, given by the institution.</source>
        <translation>L&apos;adresse de l&apos;entrepôt de traces d&apos;apprentissage (LRS) de votre établissement&#xa0;: son point d&apos;accès xAPI, donné par l&apos;établissement.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Renvoyer</translation>
    </message>
    <message>
        <source>Sa&amp;ve account</source>
        <translation>&amp;Enregistrer le compte</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Fermer</translation>
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
        <source>Your account is checked with the institution&apos;s server at each sync until it answers.</source>
        <translation>Votre compte est vérifié auprès du serveur de l&apos;établissement à chaque synchronisation, jusqu&apos;à ce qu&apos;il réponde.</translation>
    </message>
    <message>
        <source>The server asked to wait until %1: nothing was sent.</source>
        <translation>Le serveur a demandé d&apos;attendre jusqu&apos;à %1&#xa0;: rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Détails&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records wait to be sent.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage attend d&apos;être envoyée.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage attendent d&apos;être envoyées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Institution&apos;s server a&amp;ddress:</source>
        <translation>&amp;Adresse du serveur de l&apos;établissement&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>The server refused %Ln learning records: they are listed below.</source>
        <translation>
            <numerusform>Le serveur a refusé %Ln trace d&apos;apprentissage&#xa0;: elle est listée ci-dessous.</numerusform>
            <numerusform>Le serveur a refusé %Ln traces d&apos;apprentissage&#xa0;: elles sont listées ci-dessous.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read from the institution&apos;s server, so the result of an exam you submitted cannot show yet. If this goes on, tell your institution. (Server&apos;s answer: %2)</source>
        <translation>Les notes d&apos;examen de %1 n&apos;ont pas pu être lues sur le serveur de l&apos;établissement&#xa0;: le résultat d&apos;un examen remis ne peut donc pas encore s&apos;afficher. Si cela continue, prévenez votre établissement. (Réponse du serveur&#xa0;: %2)</translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read either, so the result of an exam you submitted cannot show yet.</source>
        <translation>Les notes d&apos;examen de %1 n&apos;ont pas pu être lues non plus&#xa0;: le résultat d&apos;un examen remis ne peut donc pas encore s&apos;afficher.</translation>
    </message>
    <message>
        <source>Exam grades for %1 could not be read, so the result of an exam you submitted cannot show yet. %2</source>
        <translation>Les notes d&apos;examen de %1 n&apos;ont pas pu être lues&#xa0;: le résultat d&apos;un examen remis ne peut donc pas encore s&apos;afficher. %2</translation>
    </message>
    <message numerus="yes">
        <source>No profile is connected to an account at an institution: %Ln learning records are kept on this computer.</source>
        <translation>
            <numerusform>Aucun profil n&apos;est relié à un compte d&apos;établissement&#xa0;: %Ln trace d&apos;apprentissage est gardée sur cet ordinateur.</numerusform>
            <numerusform>Aucun profil n&apos;est relié à un compte d&apos;établissement&#xa0;: %Ln traces d&apos;apprentissage sont gardées sur cet ordinateur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln learning records are kept on this computer: this profile is not connected to an account at your institution. Add it below to send them.</source>
        <translation>
            <numerusform>%Ln trace d&apos;apprentissage est gardée sur cet ordinateur&#xa0;: ce profil n&apos;est pas relié à un compte de votre établissement. Ajoutez-le ci-dessous pour l&apos;envoyer.</numerusform>
            <numerusform>%Ln traces d&apos;apprentissage sont gardées sur cet ordinateur&#xa0;: ce profil n&apos;est pas relié à un compte de votre établissement. Ajoutez-le ci-dessous pour les envoyer.</numerusform>
        </translation>
    </message>
    <message>
        <source>This profile is not connected to an account at your institution: add it below so that your learning records can be sent.</source>
        <translation>Ce profil n&apos;est pas relié à un compte de votre établissement&#xa0;: ajoutez-le ci-dessous pour que vos traces d&apos;apprentissage puissent être envoyées.</translation>
    </message>
    <message>
        <source>Other learners on this computer</source>
        <translation>Autres apprenants de cet ordinateur</translation>
    </message>
    <message>
        <source>Learners on this computer</source>
        <translation>Apprenants de cet ordinateur</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>an activity (what was done)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The server found this record invalid.</source>
        <translation>Le serveur a jugé cette trace invalide.</translation>
    </message>
    <message>
        <source>The server holds another record with the same identifier.</source>
        <translation>Le serveur détient une autre trace avec le même identifiant.</translation>
    </message>
    <message>
        <source>This record is too large for the server.</source>
        <translation>Cette trace est trop volumineuse pour le serveur.</translation>
    </message>
    <message>
        <source>The server refused this record (HTTP %1).</source>
        <translation>Le serveur a refusé cette trace (HTTP %1).</translation>
    </message>
    <message>
        <source>The server refused this record.</source>
        <translation>Le serveur a refusé cette trace.</translation>
    </message>
    <message>
        <source>The refused records could not be queued again: %1</source>
        <translation>Les traces refusées n&apos;ont pas pu être remises dans la file&#xa0;: %1</translation>
    </message>
    <message>
        <source>Open a profile to set its account.</source>
        <translation>Ouvrez un profil pour régler son compte.</translation>
    </message>
    <message>
        <source>Type the address, user name and password your institution gave you, then save.</source>
        <translation>Saisissez l&apos;adresse, le nom d&apos;utilisateur et le mot de passe que votre établissement vous a donnés, puis enregistrez.</translation>
    </message>
    <message>
        <source>Your records cannot be sent without an account: type the one your institution gave you, then save it.</source>
        <translation>Vos traces ne peuvent pas être envoyées sans compte&#xa0;: saisissez celui que votre établissement vous a donné, puis enregistrez-le.</translation>
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
        <source>Type the institution&apos;s server address.</source>
        <translation>Saisissez l&apos;adresse du serveur de l&apos;établissement.</translation>
    </message>
    <message>
        <source>The institution&apos;s server address is a web address starting with https:// (or http://): type it as your institution gave it.</source>
        <translation>L&apos;adresse du serveur de l&apos;établissement est une adresse web qui commence par https:// (ou http://)&#xa0;: saisissez-la telle que votre établissement l&apos;a donnée.</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Saisissez votre nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The user name cannot contain “:”.</source>
        <translation>Le nom d&apos;utilisateur ne peut pas contenir «&#xa0;:&#xa0;».</translation>
    </message>
    <message>
        <source>The user name holds an invisible character (a tab, a direction mark…): type it again as your institution gave it.</source>
        <translation>Le nom d&apos;utilisateur contient un caractère invisible (une tabulation, une marque de direction…)&#xa0;: retapez-le tel que votre établissement vous l&apos;a donné.</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>Saisissez le mot de passe.</translation>
    </message>
    <message>
        <source>The institution&apos;s server refused this user name or password: correct them, then save.</source>
        <translation>Le serveur de l&apos;établissement a refusé ce nom d&apos;utilisateur ou ce mot de passe&#xa0;: corrigez-les, puis enregistrez.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>The institution&apos;s server address of this profile is not a valid web address: correct it in the account form of the Sync panel. Your records are kept on this computer.</source>
        <translation>L&apos;adresse du serveur de l&apos;établissement de ce profil n&apos;est pas une adresse web valable&#xa0;: corrigez-la dans le formulaire du compte du panneau Synchronisation. Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The institution&apos;s server could not be reached: the network or the server may be down, or the address may be wrong.</source>
        <translation>Le serveur de l&apos;établissement n&apos;a pas pu être joint&#xa0;: le réseau ou le serveur est peut-être en panne, ou l&apos;adresse est peut-être fausse.</translation>
    </message>
    <message>
        <source>The institution&apos;s server could not be reached: the network or the server may be down. Your records are kept on this computer and will be sent again.</source>
        <translation>Le serveur de l&apos;établissement n&apos;a pas pu être joint&#xa0;: le réseau ou le serveur est peut-être en panne. Vos traces sont gardées sur cet ordinateur et seront renvoyées.</translation>
    </message>
    <message>
        <source>The institution&apos;s server refused the user name or password of this profile: correct them in the account form of the Sync panel. Your records are kept on this computer.</source>
        <translation>Le serveur de l&apos;établissement a refusé le nom d&apos;utilisateur ou le mot de passe de ce profil&#xa0;: corrigez-les dans le formulaire du compte du panneau Synchronisation. Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The institution&apos;s server is busy. Your records are kept on this computer.</source>
        <translation>Le serveur de l&apos;établissement est surchargé. Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The institution&apos;s server is unavailable for now. Your records are kept on this computer.</source>
        <translation>Le serveur de l&apos;établissement est indisponible pour le moment. Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The institution&apos;s server gave an unexpected answer (HTTP %1). Your records are kept on this computer.</source>
        <translation>Le serveur de l&apos;établissement a donné une réponse inattendue (HTTP %1). Vos traces sont gardées sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Next try at %1.</source>
        <translation>Prochain essai à %1.</translation>
    </message>
    <message>
        <source>No account to send your learning records to is set for this profile.</source>
        <translation>Aucun compte n&apos;est défini pour ce profil pour envoyer votre suivi d&apos;apprentissage.</translation>
    </message>
    <message>
        <source>The password of this profile&apos;s account is missing: type it again.</source>
        <translation>Le mot de passe du compte de ce profil manque&#xa0;: saisissez-le à nouveau.</translation>
    </message>
    <message>
        <source>Server&apos;s answer: %1</source>
        <translation>Réponse du serveur&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Transcript: {title}</source>
        <translation>Transcription&#xa0;: {title}</translation>
    </message>
    <message>
        <source>This transcript is too large to show ({size}; the limit is {limit}).</source>
        <translation>Cette transcription est trop volumineuse pour être affichée ({size}&#xa0;; la limite est de {limit}).</translation>
    </message>
    <message>
        <source>The transcript is damaged (not UTF-8).</source>
        <translation>La transcription est endommagée (pas en UTF-8).</translation>
    </message>
    <message>
        <source>The transcript is damaged (it holds control characters).</source>
        <translation>La transcription est endommagée (elle contient des caractères de contrôle).</translation>
    </message>
    <message>
        <source>The transcript cannot be shown.</source>
        <translation>La transcription ne peut pas être affichée.</translation>
    </message>
</context>
<context>
    <name>UnitError</name>
    <message>
        <source>%1 cannot be opened: this version of %2 does not know this kind of unit. A newer version may show it.</source>
        <translation>Impossible d&apos;ouvrir «&#xa0;%1&#xa0;»&#xa0;: cette version de %2 ne connaît pas ce type d&apos;unité. Une version plus récente pourra peut-être l&apos;afficher.</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %4 met a problem it did not expect. It is noted in the diagnostic report (%2, %3): please copy it and send it to your institution.</source>
        <translation>Impossible d&apos;ouvrir «&#xa0;%1&#xa0;»&#xa0;: %4 a rencontré un problème inattendu. Il est noté dans le rapport de diagnostic (%2, %3)&#xa0;: copiez-le et envoyez-le à votre établissement.</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>Repair this course</source>
        <translation>Réparer ce cours</translation>
    </message>
    <message>
        <source>Your work is not being saved: the disk is full. Free some space (delete files you no longer need); %1 saves again as soon as there is room.</source>
        <translation>Votre travail n&apos;est pas enregistré&#xa0;: le disque est plein. Libérez de la place (supprimez des fichiers dont vous n&apos;avez plus besoin)&#xa0;; %1 enregistre de nouveau dès qu&apos;il y a de la place.</translation>
    </message>
    <message>
        <source>Your work is not being saved: the disk holding your records became read-only (a USB stick pulled out?). Put it back or make it writable; %1 saves again as soon as it can.</source>
        <translation>Votre travail n&apos;est pas enregistré&#xa0;: le disque qui contient vos données est passé en lecture seule (une clé USB retirée&#xa0;?). Remettez-la ou rendez le disque accessible en écriture&#xa0;; %1 enregistre de nouveau dès qu&apos;il le peut.</translation>
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
        <source>Position ({left}/{right}: 5 s, J/L: 10 s)</source>
        <translation>Position ({left}/{right}&#xa0;: 5&#xa0;s, J/L&#xa0;: 10&#xa0;s)</translation>
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
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>The words of the video, to read (T)</source>
        <translation>Le texte de la vidéo, à lire (T)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Revoir</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>Suivant&#xa0;: {title}</translation>
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
        <source>{problem} The video plays in {quality} instead.</source>
        <translation>{problem} La vidéo est lue en {quality} à la place.</translation>
    </message>
    <message>
        <source>This video has no picture: only its sound plays.</source>
        <translation>Cette vidéo n&apos;a pas d&apos;image&#xa0;: seul le son est lu.</translation>
    </message>
    <message>
        <source>{problem} Its transcript can be read beside it (T).</source>
        <translation>{problem} Sa transcription peut être lue à côté (T).</translation>
    </message>
    <message>
        <source>The video cannot be played: its file may be damaged.</source>
        <translation>La vidéo ne peut pas être lue&#xa0;: son fichier est peut-être abîmé.</translation>
    </message>
    <message>
        <source>The video stopped at {time}, before its end ({length}): its file may be incomplete.</source>
        <translation>La vidéo s&apos;est arrêtée à {time}, avant sa fin ({length})&#xa0;: son fichier est peut-être incomplet.</translation>
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
        <source>{problem} You can still read its transcript.</source>
        <translation>{problem} Vous pouvez quand même lire sa transcription.</translation>
    </message>
    <message>
        <source>Subtitles in {label} cannot be shown: {reason}</source>
        <translation>Les sous-titres en {label} ne peuvent pas être affichés&#xa0;: {reason}</translation>
    </message>
</context>
</TS>
