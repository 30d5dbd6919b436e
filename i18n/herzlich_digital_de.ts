<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../herzlich_digital_plugin/processing/provider.py" line="19"/>
        <source>Herzlich Digital</source>
        <translation>Herzlich Digital</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="59"/>
        <source>Create demo city…</source>
        <translation>Demo-Stadt erstellen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="61"/>
        <source>Set up shared database…</source>
        <translation>Gemeinsame Datenbank einrichten…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="72"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="33"/>
        <source>Herzlich Digital settings</source>
        <translation>Herzlich Digital – Einstellungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="39"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="43"/>
        <source>QGIS connection name or postgresql://host/database</source>
        <translation>Name der QGIS-Verbindung oder postgresql://host/datenbank</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="47"/>
        <source>Your login name is used when empty</source>
        <translation>Leer: Ihr Anmeldename wird verwendet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="65"/>
        <source>Write debug messages to the log</source>
        <translation>Debug-Meldungen ins Protokoll schreiben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="69"/>
        <source>Local store (GeoPackage)</source>
        <translation>Lokaler Datenspeicher (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="70"/>
        <source>Shared store (PostgreSQL)</source>
        <translation>Gemeinsamer Datenspeicher (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="71"/>
        <source>Database login</source>
        <translation>Datenbank-Anmeldung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="72"/>
        <source>Reviewer name</source>
        <translation>Name für die Prüfung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="73"/>
        <source>Panorama memory cache</source>
        <translation>Panorama-Zwischenspeicher (RAM)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="74"/>
        <source>Panorama download cache</source>
        <translation>Panorama-Download-Zwischenspeicher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="76"/>
        <source>Open panoramas within</source>
        <translation>Panoramen öffnen im Umkreis von</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="78"/>
        <source>Sensor refresh interval</source>
        <translation>Aktualisierungsintervall der Sensoren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="79"/>
        <source>Network timeout</source>
        <translation>Netzwerk-Zeitlimit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/provider.py" line="22"/>
        <source>Herzlich Digital {version}</source>
        <translation>Herzlich Digital {version}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="22"/>
        <source>Set up shared database</source>
        <translation>Gemeinsame Datenbank einrichten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="25"/>
        <source>Creates the Herzlich Digital schema in a PostgreSQL/PostGIS database, or upgrades it to the current version, and (optionally) the group roles hd_viewer, hd_reviewer, hd_planner and hd_admin. Give a QGIS PostgreSQL connection name or a postgresql:// address, and the credentials of a database administrator as an authentication configuration.</source>
        <translation>Legt das Herzlich-Digital-Schema in einer PostgreSQL/PostGIS-Datenbank an oder aktualisiert es auf die aktuelle Version und erstellt (optional) die Gruppenrollen hd_viewer, hd_reviewer, hd_planner und hd_admin. Geben Sie den Namen einer QGIS-PostgreSQL-Verbindung oder eine postgresql://-Adresse an und die Zugangsdaten einer Datenbank-Administration als Authentifizierungskonfiguration.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="32"/>
        <source>PostgreSQL connection (name or postgresql:// address)</source>
        <translation>PostgreSQL-Verbindung (Name oder postgresql://-Adresse)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="45"/>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="35"/>
        <source>Create roles</source>
        <translation>Rollen anlegen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="36"/>
        <source>Schema version</source>
        <translation>Schemaversion</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="47"/>
        <source>A shared database must be PostgreSQL, not a GeoPackage.</source>
        <translation>Eine gemeinsame Datenbank muss PostgreSQL sein, kein GeoPackage.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="58"/>
        <source>Setting up the shared database failed: {error}</source>
        <translation>Die gemeinsame Datenbank konnte nicht eingerichtet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="59"/>
        <source>Schema version {version} is in place.</source>
        <translation>Schemaversion {version} ist eingerichtet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="25"/>
        <source>Create demo city</source>
        <translation>Demo-Stadt erstellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="28"/>
        <source>Generates a deterministic demo of Kaiserslautern: roads with real street names, two capture campaigns with a panorama every 5 m, traffic signs, markings and lights, AI detections with known error rates, sensor stations with a year of 15-minute data, and a few roadworks. Sizes: test (about 150 panoramas), demo (about 1,500, the default) and city (100,600, for benchmarks; metadata only). With &apos;Render images now&apos; the panorama JPEGs are rendered at once; otherwise each is rendered on first view.</source>
        <translation>Erzeugt ein reproduzierbares Demo-Kaiserslautern: Straßen mit echten Straßennamen, zwei Befahrungen mit einem Panorama alle 5 m, Verkehrszeichen, Markierungen und Ampeln, KI-Erkennungen mit bekannten Fehlerquoten, Sensorstationen mit einem Jahr 15-Minuten-Daten und einige Baustellen. Größen: test (etwa 150 Panoramen), demo (etwa 1.500, Standard) und city (100.600, für Benchmarks; nur Metadaten). Mit „Bilder jetzt rendern“ werden die Panorama-JPEGs sofort erzeugt, sonst jedes beim ersten Ansehen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="37"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="37"/>
        <source>test (about 150 panoramas)</source>
        <translation>test (etwa 150 Panoramen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="37"/>
        <source>demo (about 1,500 panoramas)</source>
        <translation>demo (etwa 1.500 Panoramen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="37"/>
        <source>city (100,600 panoramas, metadata only)</source>
        <translation>city (100.600 Panoramen, nur Metadaten)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="40"/>
        <source>Random seed</source>
        <translation>Zufalls-Startwert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="42"/>
        <source>Render images now</source>
        <translation>Bilder jetzt rendern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="43"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="44"/>
        <source>Demo store (GeoPackage)</source>
        <translation>Demo-Datenspeicher (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="45"/>
        <source>Demo project</source>
        <translation>Demo-Projekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="63"/>
        <source>The demo city could not be created: {error}</source>
        <translation>Die Demo-Stadt konnte nicht erstellt werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="67"/>
        <source>{name}: {count}</source>
        <translation>{name}: {count}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="25"/>
        <source>The authentication configuration &apos;{id}&apos; could not be loaded.</source>
        <translation>Die Authentifizierungskonfiguration „{id}“ konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="48"/>
        <source>No store given: choose a GeoPackage file or a PostgreSQL connection.</source>
        <translation>Kein Datenspeicher angegeben: Wählen Sie eine GeoPackage-Datei oder eine PostgreSQL-Verbindung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="60"/>
        <source>&apos;{name}&apos; is neither a GeoPackage (.gpkg) nor a known PostgreSQL connection.</source>
        <translation>„{name}“ ist weder ein GeoPackage (.gpkg) noch eine bekannte PostgreSQL-Verbindung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="180"/>
        <source>Not a valid http(s) address: {url}</source>
        <translation>Keine gültige http(s)-Adresse: {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="182"/>
        <source>Request to {url} failed: {error}</source>
        <translation>Die Anfrage an {url} ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="64"/>
        <source>The layer {table} could not be opened from {uri}</source>
        <translation>Der Layer {table} konnte nicht aus {uri} geöffnet werden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="76"/>
        <source>Main road</source>
        <translation>Hauptstraße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="76"/>
        <source>Secondary road</source>
        <translation>Nebenstraße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="76"/>
        <source>Residential street</source>
        <translation>Wohnstraße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="109"/>
        <source>Traffic sign</source>
        <translation>Verkehrszeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="109"/>
        <source>Road marking</source>
        <translation>Fahrbahnmarkierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="109"/>
        <source>Traffic light</source>
        <translation>Ampel</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="189"/>
        <source>Traffic counter</source>
        <translation>Verkehrszähler</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="189"/>
        <source>Radar</source>
        <translation>Radar</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="189"/>
        <source>Parking</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="190"/>
        <source>Environment</source>
        <translation>Umwelt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="210"/>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="210"/>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="210"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="211"/>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="211"/>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/democity/qgis_project.py" line="23"/>
        <source>Herzlich Digital – Kaiserslautern ({size})</source>
        <translation>Herzlich Digital – Kaiserslautern ({size})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="94"/>
        <source>Roads</source>
        <translation>Straßen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="95"/>
        <source>Panoramas</source>
        <translation>Panoramen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="96"/>
        <source>Detections</source>
        <translation>Detektionen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="97"/>
        <source>Assets</source>
        <translation>Objekte (Kataster)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="98"/>
        <source>Sensors</source>
        <translation>Sensoren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="99"/>
        <source>Roadworks</source>
        <translation>Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="100"/>
        <source>Roadworks (areas)</source>
        <translation>Baustellen (Flächen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/democity/qgis_project.py" line="34"/>
        <source>The project could not be written to {path}</source>
        <translation>Das Projekt konnte nicht nach {path} geschrieben werden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_ui.py" line="23"/>
        <source>Panorama viewer</source>
        <translation>Panorama-Betrachter</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_ui.py" line="30"/>
        <source>Open panorama</source>
        <translation>Panorama öffnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="43"/>
        <source>Panorama</source>
        <translation>Panorama</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="82"/>
        <source>Previous panorama in the sequence (S, Page Down)</source>
        <translation>Vorheriges Panorama der Sequenz (S, Bild ab)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="84"/>
        <source>Next panorama in the sequence (W, Page Up)</source>
        <translation>Nächstes Panorama der Sequenz (W, Bild auf)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="88"/>
        <source>Time travel:</source>
        <translation>Zeitreise:</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="90"/>
        <source>Other captures within 5 m of this position</source>
        <translation>Andere Aufnahmen im Umkreis von 5 m um diesen Standort</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="96"/>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="96"/>
        <source>Save the current view as PNG with its pose</source>
        <translation>Aktuelle Ansicht als PNG mit Aufnahmeposition speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="99"/>
        <source>Save snapshot as…</source>
        <translation>Schnappschuss speichern unter…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="107"/>
        <source>Show the detections of this panorama</source>
        <translation>Detektionen dieses Panoramas anzeigen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="107"/>
        <source>Assets &amp;&amp; roadworks</source>
        <translation>Objekte &amp;&amp; Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="107"/>
        <source>Show assets and roadworks nearby</source>
        <translation>Objekte und Baustellen in der Nähe anzeigen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="107"/>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="107"/>
        <source>Show the horizon and heading grid</source>
        <translation>Horizont und Richtungsraster anzeigen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="143"/>
        <source>Filter panorama layer</source>
        <translation>Panorama-Layer filtern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="147"/>
        <source>Captured from</source>
        <translation>Aufgenommen vom</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="155"/>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="157"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="162"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Show on map</source>
        <translation>In Karte zeigen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Mark the point on the map</source>
        <translation>Punkt in der Karte markieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Copy the coordinates (EPSG:25832)</source>
        <translation>Koordinaten kopieren (EPSG:25832)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="183"/>
        <source>Click a second point to measure the distance</source>
        <translation>Einen zweiten Punkt anklicken, um den Abstand zu messen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="193"/>
        <source>Place asset</source>
        <translation>Objekt setzen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="194"/>
        <source>Add a new asset of the chosen class at the point</source>
        <translation>Neues Objekt der gewählten Klasse an diesem Punkt anlegen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="230"/>
        <source>Loading full resolution…</source>
        <translation>Volle Auflösung wird geladen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="85"/>
        <source>Panorama {id}: {message}</source>
        <translation>Panorama {id}: {message}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="261"/>
        <source>The panorama no longer exists in the store.</source>
        <translation>Das Panorama ist im Datenspeicher nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_map_tool.py" line="39"/>
        <source>Cannot read the store: {error}</source>
        <translation>Der Datenspeicher kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="277"/>
        <source>Loading preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="307"/>
        <source>End of the sequence.</source>
        <translation>Ende der Sequenz.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="332"/>
        <source>{date} {campaign} (shown)</source>
        <translation>{date} {campaign} (angezeigt)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="340"/>
        <source>{date} {campaign} ({distance} m away)</source>
        <translation>{date} {campaign} ({distance} m entfernt)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="367"/>
        <source>No panorama open</source>
        <translation>Kein Panorama geöffnet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="375"/>
        <source>Panorama {id}</source>
        <translation>Panorama {id}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="389"/>
        <source>Cannot read the overlays: {error}</source>
        <translation>Die Einblendungen können nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="177"/>
        <source>Click the ground below the horizon, within 100 m.</source>
        <translation>Bitte den Boden unterhalb des Horizonts anklicken, höchstens 100 m entfernt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="418"/>
        <source>Distance {distance} m, height difference {dz} m</source>
        <translation>Abstand {distance} m, Höhenunterschied {dz} m</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="452"/>
        <source>Click the second point…</source>
        <translation>Zweiten Punkt anklicken…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="514"/>
        <source>The asset could not be saved: {error}</source>
        <translation>Das Objekt konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="516"/>
        <source>{kind} {id} placed at {coordinates}.</source>
        <translation>{kind} {id} gesetzt bei {coordinates}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="547"/>
        <source>There is no panorama image to save.</source>
        <translation>Es gibt kein Panoramabild zum Speichern.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="550"/>
        <source>Save snapshot</source>
        <translation>Schnappschuss speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="550"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="563"/>
        <source>the image could not be written</source>
        <translation>das Bild konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="567"/>
        <source>The snapshot could not be saved: {error}</source>
        <translation>Der Schnappschuss konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="570"/>
        <source>Snapshot saved: {path}</source>
        <translation>Schnappschuss gespeichert: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="604"/>
        <source>All campaigns</source>
        <translation>Alle Kampagnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="621"/>
        <source>No panorama layer in the project to filter.</source>
        <translation>Im Projekt gibt es keinen Panorama-Layer zum Filtern.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_map_tool.py" line="42"/>
        <source>No panorama within {distance} m of the click.</source>
        <translation>Kein Panorama im Umkreis von {distance} m um den Klick.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="43"/>
        <source>No object there (false positive)</source>
        <translation>Dort ist kein Objekt (Fehlerkennung)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="44"/>
        <source>Duplicate detection</source>
        <translation>Doppelte Erkennung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="45"/>
        <source>Not recognisable in the image</source>
        <translation>Im Bild nicht erkennbar</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="46"/>
        <source>Box does not fit the object</source>
        <translation>Rahmen passt nicht zum Objekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="47"/>
        <source>Not a public traffic sign or marking</source>
        <translation>Kein öffentliches Verkehrszeichen und keine Markierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="48"/>
        <source>Other reason</source>
        <translation>Anderer Grund</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/errors.py" line="23"/>
        <source>Someone else changed asset {id} in the meantime (you saw version {mine}, it is now at version {theirs}). Nothing was overwritten: compare both versions and decide again.</source>
        <translation>Jemand anderes hat Objekt {id} inzwischen geändert (Sie sahen Version {mine}, jetzt ist es Version {theirs}). Nichts wurde überschrieben: Vergleichen Sie beide Versionen und entscheiden Sie erneut.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="111"/>
        <source>A review session needs the reviewer&apos;s name.</source>
        <translation>Eine Prüfsitzung braucht den Namen der prüfenden Person.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="421"/>
        <source>Detection {id} does not exist.</source>
        <translation>Erkennung {id} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="210"/>
        <source>Unknown reason code &apos;{code}&apos;; use one of: {codes}.</source>
        <translation>Unbekannter Grund „{code}“; erlaubt sind: {codes}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="252"/>
        <source>Only an accepted detection has an asset to move.</source>
        <translation>Nur eine angenommene Erkennung hat ein Objekt, das verschoben werden kann.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="283"/>
        <source>These asset fields cannot be edited here: {fields}</source>
        <translation>Diese Objektfelder können hier nicht bearbeitet werden: {fields}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="290"/>
        <source>Asset {id} does not exist.</source>
        <translation>Objekt {id} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="372"/>
        <source>The role &apos;{role}&apos; may look at detections but not decide on them.</source>
        <translation>Die Rolle „{role}“ darf Erkennungen ansehen, aber nicht über sie entscheiden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="381"/>
        <source>Your database user may not record review decisions. Reviewing needs the role hd_reviewer (ask your administrator). Database message: {error}</source>
        <translation>Ihr Datenbankbenutzer darf keine Prüfentscheidungen speichern. Zum Prüfen ist die Rolle hd_reviewer nötig (fragen Sie Ihre Administration). Meldung der Datenbank: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="428"/>
        <source>{reviewer} is reviewing detection {id} right now.</source>
        <translation>{reviewer} prüft Erkennung {id} gerade.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="435"/>
        <source>Detection {id} was decided by {reviewer} in the meantime (now &apos;{status}&apos;).</source>
        <translation>Über Erkennung {id} hat inzwischen {reviewer} entschieden (jetzt „{status}“).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="551"/>
        <source>Detection {id} changed since your decision; it cannot be undone.</source>
        <translation>Erkennung {id} wurde seit Ihrer Entscheidung geändert; sie kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="29"/>
        <source>Render panorama view</source>
        <translation>Panoramaansicht rendern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="32"/>
        <source>Renders a perspective view of one panorama to a PNG file, as the panorama viewer shows it. YAW is the compass bearing of the view&apos;s centre (empty: the panorama&apos;s heading), PITCH is positive upwards and FOV is the horizontal field of view in degrees. With overlays, detection boxes (coloured by review status), assets, roadworks and the horizon with compass directions are drawn. Demo-city images that were not rendered yet are rendered first. Remote images are downloaded through the QGIS network settings (proxy) with the image server authentication, if given; the other authentication is for a PostgreSQL store.</source>
        <translation>Rendert eine perspektivische Ansicht eines Panoramas als PNG-Datei, so wie der Panorama-Viewer sie zeigt. YAW ist die Kompassrichtung der Bildmitte (leer: die Blickrichtung des Panoramas), PITCH ist nach oben positiv und FOV ist das horizontale Sichtfeld in Grad. Mit Überlagerungen werden Erkennungsrahmen (nach Prüfstatus eingefärbt), Objekte, Baustellen und der Horizont mit Himmelsrichtungen gezeichnet. Noch nicht berechnete Bilder der Demo-Stadt werden zuerst berechnet. Entfernte Bilder werden über die QGIS-Netzwerkeinstellungen (Proxy) heruntergeladen, mit der Authentifizierung für den Bildserver, falls angegeben; die andere Authentifizierung gilt für einen PostgreSQL-Datenspeicher.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="42"/>
        <source>Store (GeoPackage path or PostgreSQL connection)</source>
        <translation>Datenspeicher (GeoPackage-Pfad oder PostgreSQL-Verbindung)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="44"/>
        <source>Panorama id</source>
        <translation>Panorama-ID</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="45"/>
        <source>Yaw (bearing of the view centre, degrees; empty: panorama heading)</source>
        <translation>Gierwinkel (Richtung der Bildmitte, Grad; leer: Blickrichtung des Panoramas)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="48"/>
        <source>Pitch (degrees, positive up)</source>
        <translation>Neigung (Grad, nach oben positiv)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="51"/>
        <source>Horizontal field of view (degrees)</source>
        <translation>Horizontales Sichtfeld (Grad)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="54"/>
        <source>Width (pixels)</source>
        <translation>Breite (Pixel)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="56"/>
        <source>Height (pixels)</source>
        <translation>Höhe (Pixel)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="58"/>
        <source>Draw overlays</source>
        <translation>Überlagerungen zeichnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="59"/>
        <source>Image root (folder or http(s) address; nothing outside it is read)</source>
        <translation>Bildwurzel (Ordner oder http(s)-Adresse; außerhalb davon wird nichts gelesen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="61"/>
        <source>Authentication for the PostgreSQL store</source>
        <translation>Authentifizierung für den PostgreSQL-Datenspeicher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="63"/>
        <source>Authentication for the image server</source>
        <translation>Authentifizierung für den Bildserver</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="65"/>
        <source>Output image</source>
        <translation>Ausgabebild</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="65"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="82"/>
        <source>The GeoPackage {path} does not exist.</source>
        <translation>Das GeoPackage {path} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="56"/>
        <source>The store could not be opened: {error}</source>
        <translation>Der Datenspeicher konnte nicht geöffnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="93"/>
        <source>Rendering panorama {id}</source>
        <translation>Panorama {id} wird gerendert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="69"/>
        <source>Reading the store failed: {error}</source>
        <translation>Das Lesen des Datenspeichers ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="111"/>
        <source>The image could not be written to {path}.</source>
        <translation>Das Bild konnte nicht nach {path} geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_folder.py" line="18"/>
        <source>Import panorama folder</source>
        <translation>Panorama-Ordner importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_folder.py" line="21"/>
        <source>Imports every 360° JPEG below a folder (subfolders included) into a campaign of the store; the campaign is created if it does not exist. Position, height and time come from the EXIF GPS tags, the heading from GPano PoseHeadingDegrees (else EXIF GPSImgDirection). The store keeps the ground point: its height is the GPS altitude minus the camera height. Images below the GeoPackage's folder are referenced relative to it, all others by absolute path. Images without GPS or heading, not 2:1, unreadable or already in the campaign are rejected; REPORT lists them with the reasons.</source>
        <translation>Importiert alle 360°-JPEGs unterhalb eines Ordners (mit Unterordnern) in eine Kampagne des Datenspeichers; die Kampagne wird angelegt, falls sie nicht existiert. Position, Höhe und Zeit stammen aus den EXIF-GPS-Angaben, die Blickrichtung aus GPano PoseHeadingDegrees (sonst EXIF GPSImgDirection). Der Datenspeicher hält den Bodenpunkt: seine Höhe ist die GPS-Höhe minus der Kamerahöhe. Bilder unterhalb des Ordners des GeoPackages werden relativ dazu verknüpft, alle anderen mit absolutem Pfad. Bilder ohne GPS oder Blickrichtung, nicht im Format 2:1, unlesbar oder schon in der Kampagne werden abgelehnt; REPORT listet sie mit den Gründen auf.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_folder.py" line="30"/>
        <source>Folder with panoramas</source>
        <translation>Ordner mit Panoramen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="43"/>
        <source>Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)</source>
        <translation>Datenspeicher (GeoPackage-Pfad, Name einer PostgreSQL-Verbindung oder postgresql://-Adresse)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="24"/>
        <source>Campaign (created if it does not exist)</source>
        <translation>Kampagne (wird angelegt, falls sie nicht existiert)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="25"/>
        <source>Camera height above the road (m)</source>
        <translation>Kamerahöhe über der Fahrbahn (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="31"/>
        <source>Rejected rows report</source>
        <translation>Bericht der abgelehnten Zeilen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="75"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="34"/>
        <source>Imported panoramas</source>
        <translation>Importierte Panoramen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="35"/>
        <source>Rejected rows</source>
        <translation>Abgelehnte Zeilen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="36"/>
        <source>Campaign id</source>
        <translation>Kampagnen-ID</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="99"/>
        <source>Warning: {source}: {message}</source>
        <translation>Warnung: {source}: {message}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="87"/>
        <source>… and {count} more warnings.</source>
        <translation>… und {count} weitere Warnungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="101"/>
        <source>Rejected: {source}: {reason}</source>
        <translation>Abgelehnt: {source}: {reason}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="91"/>
        <source>… and {count} more rejected rows.</source>
        <translation>… und {count} weitere abgelehnte Zeilen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="94"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>Abgebrochen: Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="95"/>
        <source>{imported} panoramas imported, {rejected} rejected.</source>
        <translation>{imported} Panoramen importiert, {rejected} abgelehnt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="113"/>
        <source>The report could not be written: {error}</source>
        <translation>Der Bericht konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="62"/>
        <source>Import panorama table</source>
        <translation>Panorama-Tabelle importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="65"/>
        <source>Imports panoramas from a vendor pose file or from any table or point layer (a WFS layer too) into a campaign of the store; the campaign is created if it does not exist.&lt;br&gt;&lt;b&gt;ladybug&lt;/b&gt;: tab-separated text with the header Filename X Y Z Pan Tilt Roll TimeStamp. &lt;b&gt;trimble&lt;/b&gt;: CSV with gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading; GPS seconds since 1980-01-06 (or GPS seconds minus 10⁹, or seconds of the week with GPS week), converted to UTC with the leap seconds (18 s since 2017). &lt;b&gt;layer&lt;/b&gt;: the field parameters name the columns; without X and Y fields the point geometry is used. &lt;b&gt;auto&lt;/b&gt; recognises the two file formats and reads anything else as a layer.&lt;br&gt;X/Y are in CRS (a layer's geometry in the layer's CRS). Z is the camera's height; the store keeps the ground point, Z minus the camera height. Times without a time zone are taken as UTC.&lt;br&gt;Images are IMAGE_ROOT plus the file name (default: the pose file's folder) or a URL_TEMPLATE such as https://host/pano/{filename} ({filename}, {stem}, {id}). File names that are absolute, contain '..' or lead outside IMAGE_ROOT are refused and never opened. Rejected rows and reasons go to REPORT.</source>
        <translation>Importiert Panoramen aus einer Posendatei eines Anbieters oder aus einer beliebigen Tabelle oder einem Punktlayer (auch einem WFS-Layer) in eine Kampagne des Datenspeichers; die Kampagne wird angelegt, falls sie nicht existiert.&lt;br&gt;&lt;b&gt;ladybug&lt;/b&gt;: tabulatorgetrennter Text mit der Kopfzeile Filename X Y Z Pan Tilt Roll TimeStamp. &lt;b&gt;trimble&lt;/b&gt;: CSV mit gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading; GPS-Sekunden seit 1980-01-06 (oder GPS-Sekunden minus 10⁹ oder Sekunden der Woche mit GPS-Woche), mit den Schaltsekunden in UTC umgerechnet (18 s seit 2017). &lt;b&gt;layer&lt;/b&gt;: Die Feld-Parameter benennen die Spalten; ohne X- und Y-Feld wird die Punktgeometrie verwendet. &lt;b&gt;auto&lt;/b&gt; erkennt die beiden Dateiformate und liest alles andere als Layer.&lt;br&gt;X/Y sind im KBS CRS (die Geometrie eines Layers im KBS des Layers). Z ist die Höhe der Kamera; der Datenspeicher hält den Bodenpunkt, Z minus Kamerahöhe. Zeiten ohne Zeitzone gelten als UTC.&lt;br&gt;Bilder sind IMAGE_ROOT plus Dateiname (Vorgabe: der Ordner der Posendatei) oder eine URL_TEMPLATE wie https://host/pano/{filename} ({filename}, {stem}, {id}). Dateinamen, die absolut sind, „..“ enthalten oder aus IMAGE_ROOT hinausführen, werden abgelehnt und nie geöffnet. Abgelehnte Zeilen und Gründe gehen nach REPORT.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="81"/>
        <source>Pose file or layer</source>
        <translation>Posendatei oder Layer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="84"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="86"/>
        <source>X field</source>
        <translation>X-Feld</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="86"/>
        <source>Y field</source>
        <translation>Y-Feld</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="86"/>
        <source>Z field (camera height)</source>
        <translation>Z-Feld (Kamerahöhe)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="87"/>
        <source>Heading field</source>
        <translation>Feld der Blickrichtung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="87"/>
        <source>Pitch field</source>
        <translation>Feld der Neigung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="88"/>
        <source>Roll field</source>
        <translation>Feld der Rollung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="88"/>
        <source>Time field</source>
        <translation>Zeitfeld</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="89"/>
        <source>Image file name field</source>
        <translation>Feld des Bilddateinamens</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="89"/>
        <source>Id field (for {id} in the URL template)</source>
        <translation>ID-Feld (für {id} in der URL-Vorlage)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="96"/>
        <source>Image root folder</source>
        <translation>Bild-Stammordner</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="99"/>
        <source>Image URL template (instead of an image root)</source>
        <translation>URL-Vorlage der Bilder (statt eines Bild-Stammordners)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="101"/>
        <source>CRS of X/Y</source>
        <translation>KBS von X/Y</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="102"/>
        <source>GPS week (for Trimble seconds of week)</source>
        <translation>GPS-Woche (für Trimble-Sekunden der Woche)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="125"/>
        <source>The {format} format needs a pose file as input.</source>
        <translation>Das Format {format} braucht eine Posendatei als Eingabe.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="133"/>
        <source>Give an image root folder or a URL template for a layer.</source>
        <translation>Geben Sie für einen Layer einen Bild-Stammordner oder eine URL-Vorlage an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="203"/>
        <source>The input is neither a pose file nor a vector layer.</source>
        <translation>Die Eingabe ist weder eine Posendatei noch ein Vektorlayer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="238"/>
        <source>feature {fid}</source>
        <translation>Objekt {fid}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>NE</source>
        <translation>NO</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>SE</source>
        <translation>SO</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>SW</source>
        <translation>SW</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/overlay_painter.py" line="51"/>
        <source>NW</source>
        <translation>NW</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="74"/>
        <source>GPS seconds must be a number ≥ 0.</source>
        <translation>GPS-Sekunden müssen eine Zahl ≥ 0 sein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="77"/>
        <source>GPS seconds of week need the GPS week number.</source>
        <translation>GPS-Sekunden der Woche brauchen die GPS-Wochennummer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="97"/>
        <source>The time is not a number.</source>
        <translation>Die Zeit ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="107"/>
        <source>&apos;{value}&apos; is not an ISO 8601 time.</source>
        <translation>„{value}“ ist keine ISO-8601-Zeit.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="117"/>
        <source>Cannot read {path}: {error}</source>
        <translation>{path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="119"/>
        <source>{name} is a binary file, not a pose table.</source>
        <translation>{name} ist eine Binärdatei, keine Posentabelle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="175"/>
        <source>{name} is neither a Ladybug pose file (tab-separated, header &apos;Filename X Y Z Pan Tilt Roll TimeStamp&apos;) nor a Trimble CSV (gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading).</source>
        <translation>{name} ist weder eine Ladybug-Posendatei (tabulatorgetrennt, Kopfzeile „Filename X Y Z Pan Tilt Roll TimeStamp“) noch eine Trimble-CSV (gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="181"/>
        <source>{name} lacks the column(s) {columns}.</source>
        <translation>{name} fehlen die Spalte(n) {columns}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="215"/>
        <source>{name} is empty.</source>
        <translation>{name} ist leer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="234"/>
        <source>The line has {found} columns, the header {expected}.</source>
        <translation>Die Zeile hat {found} Spalten, die Kopfzeile {expected}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="244"/>
        <source>Bad gps_seconds {value}: {error}</source>
        <translation>Ungültige gps_seconds {value}: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="264"/>
        <source>The table lacks the field(s) {fields}.</source>
        <translation>Der Tabelle fehlen die Felder {fields}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="269"/>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="269"/>
        <source>The table has no field &apos;{field}&apos;: {key} is not read.</source>
        <translation>Die Tabelle hat kein Feld „{field}“: {key} wird nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="431"/>
        <source>row {n}</source>
        <translation>Zeile {n}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="286"/>
        <source>{what} is missing.</source>
        <translation>{what} fehlt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="294"/>
        <source>{what} is not a number: &apos;{value}&apos;.</source>
        <translation>{what} ist keine Zahl: „{value}“.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="296"/>
        <source>{what} is not a finite number: &apos;{value}&apos;.</source>
        <translation>{what} ist keine endliche Zahl: „{value}“.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="303"/>
        <source>The image name contains a NUL character.</source>
        <translation>Der Bildname enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="306"/>
        <source>Refused: the image name &apos;{name}&apos; is an absolute path or URL; names must be relative to the image root.</source>
        <translation>Abgelehnt: Der Bildname „{name}“ ist ein absoluter Pfad oder eine URL; Namen müssen relativ zum Bild-Stammordner sein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="309"/>
        <source>Refused: the image name &apos;{name}&apos; contains &apos;..&apos; (it would leave the image root).</source>
        <translation>Abgelehnt: Der Bildname „{name}“ enthält „..“ (er würde den Bild-Stammordner verlassen).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="322"/>
        <source>Refused: the image &apos;{name}&apos; resolves outside the image root (through a link).</source>
        <translation>Abgelehnt: Das Bild „{name}“ führt (über eine Verknüpfung) aus dem Bild-Stammordner hinaus.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="330"/>
        <source>The URL template must start with http:// or https://.</source>
        <translation>Die URL-Vorlage muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="332"/>
        <source>The URL template needs {filename}, {stem} or {id}.</source>
        <translation>Die URL-Vorlage braucht {filename}, {stem} oder {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="349"/>
        <source>No image file name.</source>
        <translation>Kein Bilddateiname.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="366"/>
        <source>The heading {value} is outside -360…360°.</source>
        <translation>Die Blickrichtung {value} liegt außerhalb von -360…360°.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="374"/>
        <source>The pitch {value} is outside -90…90°.</source>
        <translation>Die Neigung {value} liegt außerhalb von -90…90°.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="376"/>
        <source>The roll {value} is outside -180…180°.</source>
        <translation>Die Rollung {value} liegt außerhalb von -180…180°.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="380"/>
        <source>Bad time: {error}</source>
        <translation>Ungültige Zeit: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="385"/>
        <source>The position could not be transformed to EPSG:25832: {error}</source>
        <translation>Die Position konnte nicht nach EPSG:25832 transformiert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="387"/>
        <source>The position ({x}, {y}) is not an EPSG:25832 coordinate: wrong CRS?</source>
        <translation>Die Position ({x}, {y}) ist keine EPSG:25832-Koordinate: falsches KBS?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="99"/>
        <source>The camera height must be between 0 and 20 m.</source>
        <translation>Die Kamerahöhe muss zwischen 0 und 20 m liegen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="415"/>
        <source>Give either an image root folder or a URL template.</source>
        <translation>Geben Sie entweder einen Bild-Stammordner oder eine URL-Vorlage an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="419"/>
        <source>The image root {folder} does not exist.</source>
        <translation>Der Bild-Stammordner {folder} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="429"/>
        <source>Checking row {n} of {total}</source>
        <translation>Zeile {n} von {total} wird geprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="434"/>
        <source>No z values: panorama heights are set to 0 m.</source>
        <translation>Keine Z-Werte: Die Höhen der Panoramen werden auf 0 m gesetzt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="472"/>
        <source>The image file {name} does not exist below the image root.</source>
        <translation>Die Bilddatei {name} existiert nicht unterhalb des Bild-Stammordners.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="142"/>
        <source>The file is not a readable JPEG: {error}</source>
        <translation>Die Datei ist kein lesbares JPEG: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_table.py" line="494"/>
        <source>Unknown pose file format &apos;{format}&apos;.</source>
        <translation>Unbekanntes Posendatei-Format „{format}“.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="46"/>
        <source>File addresses on other computers are not supported: {uri}</source>
        <translation>Dateiadressen auf anderen Rechnern werden nicht unterstützt: {uri}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="60"/>
        <source>The image path &apos;{uri}&apos; points outside the configured image folder; it is not read.</source>
        <translation>Der Bildpfad '{uri}' zeigt aus dem eingestellten Bildordner heraus; er wird nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="89"/>
        <source>Panorama {id} has no image.</source>
        <translation>Panorama {id} hat kein Bild.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="99"/>
        <source>Unsupported image address: {uri}</source>
        <translation>Nicht unterstützte Bildadresse: {uri}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="107"/>
        <source>The image path &apos;{uri}&apos; is relative, but the store has no folder to resolve it against.</source>
        <translation>Der Bildpfad '{uri}' ist relativ, aber der Datenspeicher hat keinen Ordner, auf den er sich beziehen kann.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="144"/>
        <source>Remote panorama images need a download cache.</source>
        <translation>Entfernte Panoramabilder brauchen einen Download-Cache.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="154"/>
        <source>The image server did not answer within {seconds} s: {url}</source>
        <translation>Der Bildserver hat nicht innerhalb von {seconds} s geantwortet: {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="156"/>
        <source>The panorama image could not be downloaded from {url}: {error}</source>
        <translation>Das Panoramabild konnte nicht von {url} heruntergeladen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="159"/>
        <source>The panorama image was not found on the server (HTTP 404): {url}</source>
        <translation>Das Panoramabild wurde auf dem Server nicht gefunden (HTTP 404): {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="162"/>
        <source>The image server refused access (HTTP {status}): check the authentication for {url}</source>
        <translation>Der Bildserver hat den Zugriff verweigert (HTTP {status}): Prüfen Sie die Authentifizierung für {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="165"/>
        <source>The image server reported an error (HTTP {status}): {url}</source>
        <translation>Der Bildserver meldet einen Fehler (HTTP {status}): {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="168"/>
        <source>The image server sent an empty file: {url}</source>
        <translation>Der Bildserver hat eine leere Datei geschickt: {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="173"/>
        <source>The downloaded image could not be stored in the cache: {error}</source>
        <translation>Das heruntergeladene Bild konnte nicht im Cache gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="197"/>
        <source>The image file of panorama {id} is missing: {path}</source>
        <translation>Die Bilddatei von Panorama {id} fehlt: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/loader.py" line="200"/>
        <source>The panorama could not be loaded: {error}</source>
        <translation>Das Panorama konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/democity/image_resolver.py" line="60"/>
        <source>The demo panorama image could not be rendered: {error}</source>
        <translation>Das Demo-Panoramabild konnte nicht berechnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="63"/>
        <source>The file cannot be read: {error}</source>
        <translation>Die Datei kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="64"/>
        <source>The JPEG is truncated: its image data has no end marker.</source>
        <translation>Das JPEG ist abgeschnitten: Seinen Bilddaten fehlt die Endmarke.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="70"/>
        <source>The JPEG has no image size.</source>
        <translation>Das JPEG hat keine Bildgröße.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="80"/>
        <source>The image is {width} × {height} pixels, not 2:1 as a 360° equirectangular panorama is.</source>
        <translation>Das Bild hat {width} × {height} Pixel, nicht 2:1 wie ein equirektangulares 360°-Panorama.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="83"/>
        <source>The panorama&apos;s projection is &apos;{projection}&apos;, not equirectangular.</source>
        <translation>Die Projektion des Panoramas ist „{projection}“, nicht equirektangular.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="97"/>
        <source>The folder {folder} does not exist.</source>
        <translation>Der Ordner {folder} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="109"/>
        <source>Reading image {n} of {total}</source>
        <translation>Bild {n} von {total} wird gelesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="145"/>
        <source>No GPS position in the EXIF metadata.</source>
        <translation>Keine GPS-Position in den EXIF-Metadaten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="160"/>
        <source>No GPS altitude: the panorama&apos;s height is set to 0 m.</source>
        <translation>Keine GPS-Höhe: Die Höhe des Panoramas wird auf 0 m gesetzt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="165"/>
        <source>No capture time: the panorama is put into a sequence by file order.</source>
        <translation>Keine Aufnahmezeit: Das Panorama wird nach der Dateireihenfolge einer Sequenz zugeordnet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="122"/>
        <source>The image is {width} × {height} pixels, not 2:1: it may not be an equirectangular panorama and is shown stretched.</source>
        <translation>Das Bild hat {width} × {height} Pixel statt 2:1: Es ist vielleicht kein equirektangulares Panorama und wird verzerrt angezeigt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="138"/>
        <source>The image file is missing: {path}</source>
        <translation>Die Bilddatei fehlt: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="146"/>
        <source>The file is not an image Qt can read (corrupt or unsupported format): {path}</source>
        <translation>Die Datei ist kein lesbares Bild (beschädigt oder nicht unterstütztes Format): {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="148"/>
        <source>The image is corrupt and could not be decoded: {path} ({error})</source>
        <translation>Das Bild ist beschädigt und konnte nicht dekodiert werden: {path} ({error})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="163"/>
        <source>The image file is truncated (incomplete download or copy?): {path}</source>
        <translation>Die Bilddatei ist abgeschnitten (unvollständig heruntergeladen oder kopiert?): {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="174"/>
        <source>The image is too large to open ({width} × {height} pixels): {path}</source>
        <translation>Das Bild ist zu groß zum Öffnen ({width} × {height} Pixel): {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="134"/>
        <source>No campaign name given.</source>
        <translation>Kein Kampagnenname angegeben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="143"/>
        <source>Duplicate: this image is already in the campaign.</source>
        <translation>Doppelt: Dieses Bild ist bereits in der Kampagne.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="146"/>
        <source>Duplicate: the campaign already has a panorama taken at the same place and time (a copy of this image?).</source>
        <translation>Doppelt: Die Kampagne hat bereits ein Panorama vom selben Ort und Zeitpunkt (eine Kopie dieses Bildes?).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="160"/>
        <source>Writing {count} panoramas</source>
        <translation>{count} Panoramen werden geschrieben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/view_render.py" line="57"/>
        <source>There is no panorama with id {id} in the store.</source>
        <translation>Im Datenspeicher gibt es kein Panorama mit der ID {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="17"/>
        <source>The SensorThings server at {url} cannot be reached: {detail}</source>
        <translation>Der SensorThings-Server unter {url} ist nicht erreichbar: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="18"/>
        <source>The SensorThings server at {url} did not answer within {seconds} s.</source>
        <translation>Der SensorThings-Server unter {url} hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="19"/>
        <source>The SensorThings server refused access (HTTP {status}) to {url}. Check the authentication.</source>
        <translation>Der SensorThings-Server hat den Zugriff auf {url} verweigert (HTTP {status}). Prüfen Sie die Authentifizierung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="21"/>
        <source>Not found (HTTP 404): {url}. Check the service address; it usually ends with /v1.1.</source>
        <translation>Nicht gefunden (HTTP 404): {url}. Prüfen Sie die Dienstadresse; sie endet meist auf /v1.1.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="23"/>
        <source>The SensorThings server failed (HTTP {status}) at {url}: {detail}</source>
        <translation>Fehler des SensorThings-Servers (HTTP {status}) bei {url}: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="24"/>
        <source>The SensorThings server answered HTTP {status} at {url}: {detail}</source>
        <translation>Der SensorThings-Server antwortete mit HTTP {status} bei {url}: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="25"/>
        <source>The answer from {url} is not JSON (it starts with “{start}”). Is this a SensorThings address?</source>
        <translation>Die Antwort von {url} ist kein JSON (sie beginnt mit „{start}“). Ist das die Adresse eines SensorThings-Dienstes?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="27"/>
        <source>The answer from {url} is cut off or broken JSON: {detail}</source>
        <translation>Die Antwort von {url} ist abgeschnittenes oder fehlerhaftes JSON: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="28"/>
        <source>{url} does not look like a SensorThings service: {detail}</source>
        <translation>{url} sieht nicht nach einem SensorThings-Dienst aus: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="34"/>
        <source>Paging of {collection} stopped: the next link {url} leads back to a page already read. {count} entities were read.</source>
        <translation>Das seitenweise Lesen von {collection} wurde abgebrochen: der Link zur nächsten Seite {url} führt zurück zu einer bereits gelesenen Seite. {count} Objekte wurden gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="40"/>
        <source>Paging of {collection} stopped at {url}: the page brought no new entities. {count} were read.</source>
        <translation>Das seitenweise Lesen von {collection} wurde bei {url} abgebrochen: die Seite enthielt keine neuen Objekte. {count} wurden gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="42"/>
        <source>Paging of {collection} stopped after {pages} pages (the limit). {count} entities were read; the list is incomplete.</source>
        <translation>Das seitenweise Lesen von {collection} wurde nach {pages} Seiten (der Obergrenze) beendet. {count} Objekte wurden gelesen; die Liste ist unvollständig.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="45"/>
        <source>The server has more than {limit} {collection}: only the first {limit} are used.</source>
        <translation>Der Server hat mehr als {limit} {collection}: nur die ersten {limit} werden verwendet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="46"/>
        <source>The server rejected a page size of {top} (HTTP {status}); its own page size is used.</source>
        <translation>Der Server hat eine Seitengröße von {top} abgelehnt (HTTP {status}); seine eigene Seitengröße wird verwendet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="48"/>
        <source>The server cannot order observations by phenomenonTime (HTTP {status}); resultTime is used instead.</source>
        <translation>Der Server kann Beobachtungen nicht nach phenomenonTime sortieren (HTTP {status}); stattdessen wird resultTime verwendet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="50"/>
        <source>{count} datastreams have a latest result that is not a number (for example “{example}”).</source>
        <translation>{count} Datastreams haben als letztes Ergebnis keine Zahl (zum Beispiel „{example}“).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="52"/>
        <source>{count} Things have a location that is not a GeoJSON position (for example {example}); they are shown without a position.</source>
        <translation>{count} Things haben einen Standort, der keine GeoJSON-Position ist (zum Beispiel {example}); sie werden ohne Position angezeigt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="55"/>
        <source>{count} Things have coordinates outside the longitude/latitude range (latitude and longitude swapped?), for example {example}; they are shown without a position.</source>
        <translation>{count} Things haben Koordinaten außerhalb des Bereichs für Länge/Breite (Breite und Länge vertauscht?), zum Beispiel {example}; sie werden ohne Position angezeigt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="58"/>
        <source>{count} Things have latitude and longitude swapped (for example {example}); the swap was corrected.</source>
        <translation>Bei {count} Things sind Breite und Länge vertauscht (zum Beispiel {example}); die Vertauschung wurde korrigiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="63"/>
        <source>{count} datastreams belong to no Thing the server listed; they are shown without a position.</source>
        <translation>{count} Datastreams gehören zu keinem vom Server aufgeführten Thing; sie werden ohne Position angezeigt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="65"/>
        <source>The server lists MultiDatastreams, but they could not be read: {detail}</source>
        <translation>Der Server führt MultiDatastreams auf, sie konnten aber nicht gelesen werden: {detail}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="66"/>
        <source>The history was cut at {count} observations (the limit).</source>
        <translation>Der Verlauf wurde bei {count} Beobachtungen (der Obergrenze) abgeschnitten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="157"/>
        <source>No answer from {url} within {seconds} s.</source>
        <translation>Keine Antwort von {url} innerhalb von {seconds} s.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="280"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="281"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="53"/>
        <source>Geometry</source>
        <translation>Geometrie</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="282"/>
        <source>Road</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="288"/>
        <source>Planned start</source>
        <translation>Geplanter Beginn</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="289"/>
        <source>Planned end</source>
        <translation>Geplantes Ende</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="290"/>
        <source>Actual start</source>
        <translation>Tatsächlicher Beginn</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="291"/>
        <source>Actual end</source>
        <translation>Tatsächliches Ende</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="31"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="462"/>
        <source>Restriction</source>
        <translation>Einschränkung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="285"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="286"/>
        <source>Lanes closed</source>
        <translation>Gesperrte Fahrstreifen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="287"/>
        <source>Temporary speed limit (km/h)</source>
        <translation>Vorübergehende Höchstgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="292"/>
        <source>Responsible body</source>
        <translation>Zuständige Stelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="293"/>
        <source>Contractor</source>
        <translation>Ausführende Firma</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="294"/>
        <source>Contact</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="295"/>
        <source>Traffic order number (verkehrsrechtliche Anordnung)</source>
        <translation>Nummer der verkehrsrechtlichen Anordnung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="296"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="235"/>
        <source>Detour</source>
        <translation>Umleitung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="60"/>
        <source>External id</source>
        <translation>Externe Kennung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="59"/>
        <source>full closure</source>
        <translation>Vollsperrung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="59"/>
        <source>one lane closed</source>
        <translation>ein Fahrstreifen gesperrt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="60"/>
        <source>lanes in one direction closed</source>
        <translation>Fahrstreifen einer Richtung gesperrt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="60"/>
        <source>shoulder closed</source>
        <translation>Seitenstreifen gesperrt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="61"/>
        <source>no restriction</source>
        <translation>keine Einschränkung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="65"/>
        <source>both directions</source>
        <translation>beide Richtungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="47"/>
        <source>along the drawn direction</source>
        <translation>in Zeichenrichtung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="47"/>
        <source>against the drawn direction</source>
        <translation>gegen die Zeichenrichtung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="182"/>
        <source>The title is empty.</source>
        <translation>Der Titel ist leer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="190"/>
        <source>{label}: expected text.</source>
        <translation>{label}: Text erwartet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="198"/>
        <source>The geometry is missing: draw a line along the road or a polygon.</source>
        <translation>Die Geometrie fehlt: Zeichnen Sie eine Linie entlang der Straße oder ein Polygon.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="200"/>
        <source>The geometry is not a shapely geometry.</source>
        <translation>Die Geometrie ist keine shapely-Geometrie.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="202"/>
        <source>The geometry is empty.</source>
        <translation>Die Geometrie ist leer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="204"/>
        <source>The geometry must be a line or a polygon, not a {kind}.</source>
        <translation>Die Geometrie muss eine Linie oder ein Polygon sein, kein {kind}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="208"/>
        <source>The geometry has coordinates that are not numbers.</source>
        <translation>Die Geometrie enthält Koordinaten, die keine Zahlen sind.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="213"/>
        <source>The coordinates are not EPSG:25832 metres (northing {y:.0f}): were longitude/latitude given?</source>
        <translation>Die Koordinaten sind keine EPSG:25832-Meter (Nordwert {y:.0f}): Wurden Länge/Breite angegeben?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="218"/>
        <source>The line needs at least two different points.</source>
        <translation>Die Linie braucht mindestens zwei verschiedene Punkte.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="223"/>
        <source>The polygon has no area.</source>
        <translation>Das Polygon hat keine Fläche.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="232"/>
        <source>The polygon crosses itself near x = {x}, y = {y}; redraw its outline without crossing lines.</source>
        <translation>Das Polygon überschneidet sich bei x = {x}, y = {y}; zeichnen Sie den Umriss ohne sich kreuzende Linien neu.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="234"/>
        <source>The polygon is not valid: {reason}.</source>
        <translation>Das Polygon ist ungültig: {reason}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="262"/>
        <source>{label}: not a date and time with a time zone.</source>
        <translation>{label}: kein Datum mit Uhrzeit und Zeitzone.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="267"/>
        <source>The planned start is missing.</source>
        <translation>Der geplante Beginn fehlt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="268"/>
        <source>The planned end ({end}) must be after the planned start ({start}).</source>
        <translation>Das geplante Ende ({end}) muss nach dem geplanten Beginn ({start}) liegen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="268"/>
        <source>The actual end ({end}) must be after the actual start ({start}).</source>
        <translation>Das tatsächliche Ende ({end}) muss nach dem tatsächlichen Beginn ({start}) liegen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="274"/>
        <source>An actual end needs an actual start.</source>
        <translation>Ein tatsächliches Ende setzt einen tatsächlichen Beginn voraus.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="289"/>
        <source>{label}: &apos;{value}&apos; is not one of: {allowed}.</source>
        <translation>{label}: „{value}“ ist keiner der Werte {allowed}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="296"/>
        <source>Lanes closed must be a whole number from {low} to {high}, not {value}.</source>
        <translation>Die Zahl der gesperrten Fahrstreifen muss eine ganze Zahl von {low} bis {high} sein, nicht {value}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="296"/>
        <source>The temporary speed limit must be a whole number of km/h from {low} to {high}, not {value}.</source>
        <translation>Die vorübergehende Höchstgeschwindigkeit muss eine ganze Zahl von {low} bis {high} km/h sein, nicht {value}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="320"/>
        <source>The status &apos;{old}&apos; is final; it cannot change to &apos;{new}&apos;.</source>
        <translation>Der Status „{old}“ ist endgültig; er kann nicht zu „{new}“ wechseln.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/model.py" line="322"/>
        <source>The status cannot change from &apos;{old}&apos; to &apos;{new}&apos;: from &apos;{old}&apos; it can only become {allowed}.</source>
        <translation>Der Status kann nicht von „{old}“ zu „{new}“ wechseln: Aus „{old}“ kann er nur {allowed} werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="138"/>
        <source>The overall situation summary &apos;{id}&apos; (MDM extension) is not imported; its records are.</source>
        <translation>Die Gesamtübersicht „{id}“ (MDM-Erweiterung) wird nicht importiert, ihre Einzeldatensätze schon.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="163"/>
        <source>This is not a DATEX II document (no DATEX II 2.0 or 3 namespace).</source>
        <translation>Dies ist kein DATEX-II-Dokument (kein Namensraum von DATEX II 2.0 oder 3).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="182"/>
        <source>The record has no validity start (overallStartTime).</source>
        <translation>Der Datensatz hat keinen Gültigkeitsbeginn (overallStartTime).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="249"/>
        <source>The restriction record {id} ends at {end}, the works at {works_end}; the restriction is stored for the whole works.</source>
        <translation>Der Einschränkungs-Datensatz {id} endet am {end}, die Baustelle am {works_end}; die Einschränkung wird für die ganze Baustelle gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="301"/>
        <source>Maintenance works</source>
        <translation>Unterhaltungsarbeiten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="301"/>
        <source>Construction works</source>
        <translation>Bauarbeiten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="302"/>
        <source>Road closure</source>
        <translation>Straßensperrung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="335"/>
        <source>Recommended route: {route}</source>
        <translation>Empfohlene Umleitung: {route}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="373"/>
        <source>The record has no location.</source>
        <translation>Der Datensatz hat keine Ortsangabe.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="378"/>
        <source>The location consists of {n} separate areas; import them as separate roadworks.</source>
        <translation>Die Ortsangabe besteht aus {n} getrennten Flächen; importieren Sie sie als getrennte Baustellen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="385"/>
        <source>The location consists of {n} separate lines; import them as separate roadworks.</source>
        <translation>Die Ortsangabe besteht aus {n} getrennten Linien; importieren Sie sie als getrennte Baustellen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="391"/>
        <source>Only the TPEG end points are known: stored as a straight line between them.</source>
        <translation>Nur die TPEG-Endpunkte sind bekannt: als gerade Linie zwischen ihnen gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="166"/>
        <source>Only a point is known: stored as a circle of {radius:.0f} m around it.</source>
        <translation>Nur ein Punkt ist bekannt: als Kreis mit {radius:.0f} m Radius darum gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="401"/>
        <source>The location is only given as ALERT-C location codes (table {table}), which carry no coordinates.</source>
        <translation>Die Ortsangabe besteht nur aus ALERT-C-Ortscodes (Tabelle {table}), die keine Koordinaten enthalten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="403"/>
        <source>The location has no coordinates.</source>
        <translation>Die Ortsangabe hat keine Koordinaten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="410"/>
        <source>A GML geometry has no posList.</source>
        <translation>Eine GML-Geometrie hat keine posList.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="416"/>
        <source>The posList cannot be read: {error}</source>
        <translation>Die posList kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="419"/>
        <source>The posList has coordinates outside latitude/longitude: {problem}</source>
        <translation>Die posList enthält Koordinaten außerhalb von Breite/Länge: {problem}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="427"/>
        <source>A line of the location has fewer than two points.</source>
        <translation>Eine Linie der Ortsangabe hat weniger als zwei Punkte.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="434"/>
        <source>A polygon of the location has no exterior ring.</source>
        <translation>Ein Polygon der Ortsangabe hat keinen äußeren Ring.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/repository.py" line="35"/>
        <source>Roadworks {id} was changed by someone else in the meantime: you edited version {expected}, the store now holds version {current}. Reload it and apply your change again.</source>
        <translation>Baustelle {id} wurde inzwischen von jemand anderem geändert: Sie haben Version {expected} bearbeitet, gespeichert ist jetzt Version {current}. Laden Sie sie neu und wiederholen Sie Ihre Änderung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/repository.py" line="132"/>
        <source>There are no roadworks with id {id}.</source>
        <translation>Es gibt keine Baustelle mit der Kennung {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/repository.py" line="225"/>
        <source>Who makes the change is missing (actor).</source>
        <translation>Es fehlt, wer die Änderung vornimmt (Bearbeiter).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_import.py" line="54"/>
        <source>{imported} roadworks imported, {updated} updated, {unchanged} unchanged, {rejected} rejected, {skipped} records of other types skipped.</source>
        <translation>{imported} Baustellen importiert, {updated} aktualisiert, {unchanged} unverändert, {rejected} abgelehnt, {skipped} Datensätze anderer Typen übersprungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_import.py" line="59"/>
        <source>Skipped record types: {types}.</source>
        <translation>Übersprungene Datensatztypen: {types}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_import.py" line="75"/>
        <source>{count} records of this type are not roadworks and were skipped.</source>
        <translation>{count} Datensätze dieses Typs sind keine Baustellen und wurden übersprungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_import.py" line="89"/>
        <source>no usable data</source>
        <translation>keine verwertbaren Daten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="20"/>
        <source>No detour can exist: the closure reaches a dead end, so the road beyond it can only be reached through the site.</source>
        <translation>Es kann keine Umleitung geben: Die Sperrung reicht bis in eine Sackgasse, die Straße dahinter ist nur durch die Baustelle erreichbar.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="23"/>
        <source>No detour can exist: the closure does not leave the road network at two places (it closes a loop or the whole connected network).</source>
        <translation>Es kann keine Umleitung geben: Die Sperrung verlässt das Straßennetz nicht an zwei Stellen (sie schließt eine Schleife oder das ganze zusammenhängende Netz).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="26"/>
        <source>No detour can exist: with the closure (and the other closures to avoid) there is no route from {start} to {end} in the road network.</source>
        <translation>Es kann keine Umleitung geben: Mit der Sperrung (und den anderen zu umfahrenden Sperrungen) führt im Straßennetz kein Weg von {start} nach {end}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="38"/>
        <source>The closure does not lie on the road network: the nearest road is {distance} m away (at most {tolerance} m allowed). Draw it along a road of the chosen road layer.</source>
        <translation>Die Sperrung liegt nicht auf dem Straßennetz: Die nächste Straße ist {distance} m entfernt (höchstens {tolerance} m zulässig). Zeichnen Sie sie entlang einer Straße des gewählten Straßenlayers.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="67"/>
        <source>The road layer {layer} lacks the fields {missing}. Map them to fields it has ({available}), or leave a field name empty to do without it (no one-way streets, the default speed).</source>
        <translation>Dem Straßenlayer {layer} fehlen die Felder {missing}. Ordnen Sie ihnen vorhandene Felder zu ({available}) oder lassen Sie einen Feldnamen leer, um darauf zu verzichten (keine Einbahnstraßen, Standardgeschwindigkeit).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/wzdx.py" line="63"/>
        <source>WZDx needs a line along the road; a polygon is not exported.</source>
        <translation>WZDx braucht eine Linie entlang der Straße; ein Polygon wird nicht exportiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/wzdx.py" line="66"/>
        <source>WZDx needs an end date; roadworks without an end are not exported.</source>
        <translation>WZDx braucht ein Enddatum; Baustellen ohne Ende werden nicht exportiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="37"/>
        <source>Construction site</source>
        <translation>Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="154"/>
        <source>Conflicting works</source>
        <translation>Konkurrierende Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="154"/>
        <source>Affected assets</source>
        <translation>Betroffene Objekte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="93"/>
        <source>Sign</source>
        <translation>Verkehrszeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="93"/>
        <source>Sign (detected, unverified)</source>
        <translation>Verkehrszeichen (erkannt, ungeprüft)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="93"/>
        <source>Traffic light (detected, unverified)</source>
        <translation>Ampel (erkannt, ungeprüft)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="93"/>
        <source>Marking</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_map.py" line="93"/>
        <source>Marking (detected, unverified)</source>
        <translation>Markierung (erkannt, ungeprüft)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_xml.py" line="93"/>
        <source>The XML file declares a DTD or entities, which is not allowed (XML entity attacks).</source>
        <translation>Die XML-Datei deklariert eine DTD oder Entitäten; das ist nicht erlaubt (Schutz vor XML-Entity-Angriffen).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_xml.py" line="104"/>
        <source>The file is not well-formed XML: {error}</source>
        <translation>Die Datei ist kein wohlgeformtes XML: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_xml.py" line="106"/>
        <source>The XML file has no root element.</source>
        <translation>Die XML-Datei hat kein Wurzelelement.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_io.py" line="46"/>
        <source>Unknown export format &apos;{format}&apos;; choose one of {formats}.</source>
        <translation>Unbekanntes Exportformat „{format}“; wählen Sie eines von {formats}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_io.py" line="89"/>
        <source>The file is neither DATEX II XML nor GeoJSON.</source>
        <translation>Die Datei ist weder DATEX-II-XML noch GeoJSON.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/exchange_io.py" line="101"/>
        <source>The file is larger than {mb} MB.</source>
        <translation>Die Datei ist größer als {mb} MB.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="73"/>
        <source>The file is not valid JSON: {error}</source>
        <translation>Die Datei ist kein gültiges JSON: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="75"/>
        <source>The file is not a GeoJSON object.</source>
        <translation>Die Datei ist kein GeoJSON-Objekt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="79"/>
        <source>The FeatureCollection has no features list.</source>
        <translation>Die FeatureCollection hat keine features-Liste.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="83"/>
        <source>The file is not a GeoJSON Feature or FeatureCollection.</source>
        <translation>Die Datei ist kein GeoJSON-Feature und keine FeatureCollection.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="118"/>
        <source>The file&apos;s coordinate system {crs} cannot be converted here; save it in EPSG:4326 (the GeoJSON standard) or EPSG:25832.</source>
        <translation>Das Koordinatensystem {crs} der Datei kann hier nicht umgerechnet werden; speichern Sie sie in EPSG:4326 (GeoJSON-Standard) oder EPSG:25832.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="193"/>
        <source>feature {n}</source>
        <translation>Objekt {n}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="143"/>
        <source>Not a GeoJSON feature.</source>
        <translation>Kein GeoJSON-Feature.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="150"/>
        <source>The geometry cannot be read: {error}</source>
        <translation>Die Geometrie kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="153"/>
        <source>The feature has no geometry.</source>
        <translation>Das Objekt hat keine Geometrie.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="162"/>
        <source>The geometry cannot be converted to EPSG:25832: {error}</source>
        <translation>Die Geometrie kann nicht nach EPSG:25832 umgerechnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="177"/>
        <source>{field}: {error}</source>
        <translation>{field}: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="189"/>
        <source>expected an ISO 8601 date and time</source>
        <translation>Datum und Uhrzeit nach ISO 8601 erwartet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="196"/>
        <source>expected a whole number, got {value}</source>
        <translation>ganze Zahl erwartet, erhalten: {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_fields.py" line="75"/>
        <source>The road layer is not valid.</source>
        <translation>Der Straßenlayer ist ungültig.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_fields.py" line="77"/>
        <source>The road layer {layer} is not a line layer.</source>
        <translation>Der Straßenlayer {layer} ist kein Linienlayer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="299"/>
        <source>Length of the site</source>
        <translation>Länge der Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="310"/>
        <source>Signs to cover</source>
        <translation>Abzudeckende Verkehrszeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="310"/>
        <source>Traffic lights to switch</source>
        <translation>Umzuschaltende Lichtsignalanlagen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="310"/>
        <source>Markings</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="315"/>
        <source>inventory</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="315"/>
        <source>detected, unverified</source>
        <translation>erkannt, ungeprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="319"/>
        <source>… and {count} more</source>
        <translation>… und {count} weitere</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="330"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="330"/>
        <source>store</source>
        <translation>Datenspeicher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="332"/>
        <source>{volume} vehicles/day</source>
        <translation>{volume} Fahrzeuge/Tag</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="344"/>
        <source>No traffic counter near the site: no traffic estimate.</source>
        <translation>Keine Zählstelle in der Nähe der Baustelle: keine Verkehrsschätzung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="345"/>
        <source>on the same road</source>
        <translation>auf derselben Straße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="345"/>
        <source>the nearest counter</source>
        <translation>nächstgelegene Zählstelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="355"/>
        <source>no traffic history near the site</source>
        <translation>keine Verkehrsdaten in der Nähe der Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="356"/>
        <source>the site has no planned period</source>
        <translation>die Baustelle hat keinen geplanten Zeitraum</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="357"/>
        <source>the planned period is shorter than the required duration</source>
        <translation>der geplante Zeitraum ist kürzer als die benötigte Dauer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="358"/>
        <source>No quietest window: {reason}.</source>
        <translation>Kein ruhigstes Zeitfenster: {reason}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="359"/>
        <source>Quietest {hours}-hour window in the planned period: {start} to {end}, typically {volume} vehicles ({share} % of a typical day&apos;s traffic, at most {peak} per hour).</source>
        <translation>Ruhigstes Zeitfenster von {hours} Stunden im geplanten Zeitraum: {start} bis {end}, typischerweise {volume} Fahrzeuge ({share} % des Verkehrs eines typischen Tages, höchstens {peak} pro Stunde).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="374"/>
        <source>No detour was computed (no road network).</source>
        <translation>Es wurde keine Umleitung berechnet (kein Straßennetz).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="376"/>
        <source>The restriction leaves the road open ({restriction}): no detour is needed. The stretch concerned is {length} m long.</source>
        <translation>Die Einschränkung lässt die Straße befahrbar ({restriction}): Eine Umleitung ist nicht nötig. Der betroffene Abschnitt ist {length} m lang.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="386"/>
        <source>Detour: {length} m and about {minutes} min instead of {closed} m through the site, {extra} m and {extra_minutes} min longer.</source>
        <translation>Umleitung: {length} m und etwa {minutes} min statt {closed} m durch die Baustelle, {extra} m und {extra_minutes} min länger.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="392"/>
        <source>Via {streets}.</source>
        <translation>Über {streets}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="396"/>
        <source>{count} other works during the same time were avoided.</source>
        <translation>{count} andere Baustellen im selben Zeitraum wurden umfahren.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="17"/>
        <source>Typical week at {station}</source>
        <translation>Typische Woche an {station}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="17"/>
        <source>Typical week</source>
        <translation>Typische Woche</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="17"/>
        <source>Vehicles per hour</source>
        <translation>Fahrzeuge pro Stunde</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="18"/>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="18"/>
        <source>90th percentile</source>
        <translation>90. Perzentil</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="18"/>
        <source>Quietest window</source>
        <translation>Ruhigstes Zeitfenster</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/analysis_chart.py" line="19"/>
        <source>Mon,Tue,Wed,Thu,Fri,Sat,Sun</source>
        <translation>Mo,Di,Mi,Do,Fr,Sa,So</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="419"/>
        <source>Panorama {id}, captured {date}, looking {bearing}°, {distance} m from the site</source>
        <translation>Panorama {id}, aufgenommen am {date}, Blickrichtung {bearing}°, {distance} m von der Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="422"/>
        <source>(captured after the start)</source>
        <translation>(nach Baubeginn aufgenommen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="450"/>
        <source>Roadworks report</source>
        <translation>Baustellenbericht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="452"/>
        <source>Order {order} · status {status} · created {date}</source>
        <translation>Anordnung {order} · Status {status} · erstellt am {date}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="457"/>
        <source>The site</source>
        <translation>Die Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="458"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="458"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="460"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="462"/>
        <source>Works</source>
        <translation>Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="462"/>
        <source>Overlap</source>
        <translation>Überschneidung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="478"/>
        <source>Distance</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="462"/>
        <source>Shared roads</source>
        <translation>Gemeinsame Straßen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="465"/>
        <source>No other works occupy the site&apos;s roads at the same time.</source>
        <translation>Keine andere Baustelle belegt die Straßen der Baustelle im selben Zeitraum.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="467"/>
        <source>Affected signs, traffic lights and markings</source>
        <translation>Betroffene Verkehrszeichen, Lichtsignalanlagen und Markierungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="468"/>
        <source>Within {buffer} m of the site: {count} objects, {unverified} of them detected in the imagery but not yet verified.</source>
        <translation>Im Umkreis von {buffer} m um die Baustelle: {count} Objekte, davon {unverified} in den Bildern erkannt, aber noch nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="473"/>
        <source>Action</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="473"/>
        <source>VzKat</source>
        <translation>VzKat</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="473"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="473"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="476"/>
        <source>Sensors and traffic</source>
        <translation>Sensoren und Verkehr</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="478"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="478"/>
        <source>Datastream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="148"/>
        <source>Current value</source>
        <translation>Aktueller Wert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="478"/>
        <source>Typical in the period</source>
        <translation>Typisch im Zeitraum</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="481"/>
        <source>No sensor within {distance} m of the site.</source>
        <translation>Kein Sensor im Umkreis von {distance} m um die Baustelle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="485"/>
        <source>Quietest time for the works</source>
        <translation>Ruhigste Zeit für die Arbeiten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="499"/>
        <source>The site before the works (panorama views)</source>
        <translation>Die Baustelle vor den Arbeiten (Panoramaansichten)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="501"/>
        <source>No panorama near the site.</source>
        <translation>Kein Panorama in der Nähe der Baustelle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="514"/>
        <source>The PDF could not be written to {path} ({error}).</source>
        <translation>Das PDF konnte nicht nach {path} geschrieben werden ({error}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_graph.py" line="126"/>
        <source>The road layer {layer} has no roads to route on.</source>
        <translation>Der Straßenlayer {layer} enthält keine befahrbaren Straßen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_graph.py" line="175"/>
        <source>The store&apos;s road table could not be opened as a layer.</source>
        <translation>Die Straßentabelle des Datenspeichers konnte nicht als Layer geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/cifs.py" line="48"/>
        <source>Waze needs a polyline along the road; a polygon is not exported.</source>
        <translation>Waze braucht eine Linie entlang der Straße; ein Polygon wird nicht exportiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/cifs.py" line="70"/>
        <source>No street name is known: Waze may not match the closure to its map.</source>
        <translation>Kein Straßenname bekannt: Waze kann die Sperrung womöglich nicht seiner Karte zuordnen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/leases.py" line="43"/>
        <source>Unknown order &apos;{order}&apos;; use one of: {orders}.</source>
        <translation>Unbekannte Reihenfolge „{order}“; erlaubt sind: {orders}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="162"/>
        <source>The report must be a .html or a .csv file: {path}</source>
        <translation>Der Bericht muss eine .html- oder .csv-Datei sein: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="20"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="175"/>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="65"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="175"/>
        <source>relabeled</source>
        <translation>umklassifiziert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/review_report.py" line="16"/>
        <source>Review report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="191"/>
        <source>Created {when}</source>
        <translation>Erstellt {when}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="192"/>
        <source>{done} of {total} detections reviewed ({percent})</source>
        <translation>{done} von {total} Erkennungen geprüft ({percent})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="194"/>
        <source>Progress per class</source>
        <translation>Fortschritt je Klasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="194"/>
        <source>Progress per reviewer</source>
        <translation>Fortschritt je prüfender Person</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="194"/>
        <source>Progress per district</source>
        <translation>Fortschritt je Bezirk</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="196"/>
        <source>AI precision = accepted / (accepted + rejected + relabeled), for the class the AI predicted.</source>
        <translation>KI-Präzision = angenommen / (angenommen + abgelehnt + umklassifiziert), für die von der KI vorhergesagte Klasse.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="201"/>
        <source>Districts are 1 km squares of the UTM grid (EPSG:25832), named by their south-west corner in km.</source>
        <translation>Bezirke sind 1-km-Quadrate des UTM-Gitters (EPSG:25832), benannt nach ihrer Südwestecke in km.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="210"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="224"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="219"/>
        <source>AI precision</source>
        <translation>KI-Präzision</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>Reviewer</source>
        <translation>Prüfer/in</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>accept</source>
        <translation>annehmen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>reject</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>relabel</source>
        <translation>umklassifizieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>move</source>
        <translation>verschieben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>skip</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>undo</source>
        <translation>rückgängig</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>annotate</source>
        <translation>anmerken</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>First</source>
        <translation>Erste</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="214"/>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="224"/>
        <source>District</source>
        <translation>Bezirk</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/filters.py" line="54"/>
        <source>&apos;{text}&apos; is neither a VzKat code nor an asset class (sign, marking, light).</source>
        <translation>„{text}“ ist weder ein VzKat-Code noch eine Objektart (sign, marking, light).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="91"/>
        <source>Unknown format &apos;{format}&apos;; use one of: {formats}.</source>
        <translation>Unbekanntes Format „{format}“; erlaubt sind: {formats}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="94"/>
        <source>Unknown box units &apos;{units}&apos;; use one of: {all}.</source>
        <translation>Unbekannte Rahmeneinheit „{units}“; erlaubt sind: {all}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="117"/>
        <source>Checking detections</source>
        <translation>Erkennungen werden geprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="153"/>
        <source>The GeoJSON file could not be read: {error}</source>
        <translation>Die GeoJSON-Datei konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="182"/>
        <source>The file is not a GeoJSON FeatureCollection.</source>
        <translation>Die Datei ist keine GeoJSON-FeatureCollection.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="195"/>
        <source>the feature has no properties</source>
        <translation>das Feature hat keine Eigenschaften</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="253"/>
        <source>The CSV file could not be read: {error}</source>
        <translation>Die CSV-Datei konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="249"/>
        <source>The CSV file lacks the columns: {columns}</source>
        <translation>Der CSV-Datei fehlen die Spalten: {columns}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="267"/>
        <source>line {n}</source>
        <translation>Zeile {n}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="351"/>
        <source>{what} is missing</source>
        <translation>{what} fehlt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="355"/>
        <source>{what} is not a number: {value}</source>
        <translation>{what} ist keine Zahl: {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="357"/>
        <source>{what} is not a finite number: {value}</source>
        <translation>{what} ist keine endliche Zahl: {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="371"/>
        <source>the detection has no id</source>
        <translation>die Erkennung hat keine Kennung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="374"/>
        <source>duplicate id {id} in the file</source>
        <translation>doppelte Kennung {id} in der Datei</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="376"/>
        <source>id {id} was already imported for this model run</source>
        <translation>Kennung {id} wurde für diesen Modelllauf bereits importiert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="379"/>
        <source>the detection has no label</source>
        <translation>die Erkennung hat keine Klasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="384"/>
        <source>the score</source>
        <translation>die Konfidenz</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="386"/>
        <source>the score {score} is outside 0 … 1</source>
        <translation>die Konfidenz {score} liegt außerhalb von 0 … 1</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="389"/>
        <source>unknown panorama &apos;{key}&apos;</source>
        <translation>unbekanntes Panorama „{key}“</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="391"/>
        <source>panorama {id} has no image size to place the box in</source>
        <translation>Panorama {id} hat keine Bildgröße, in die der Rahmen passen könnte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="396"/>
        <source>unknown label &apos;{label}&apos;: imported without a VzKat code</source>
        <translation>unbekannte Klasse „{label}“: ohne VzKat-Code importiert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="413"/>
        <source>the detection has no box</source>
        <translation>die Erkennung hat keinen Rahmen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="418"/>
        <source>the box is not valid JSON: {value}</source>
        <translation>der Rahmen ist kein gültiges JSON: {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="433"/>
        <source>the box must be a Polygon or [xmin, ymin, xmax, ymax]</source>
        <translation>der Rahmen muss ein Polygon oder [xmin, ymin, xmax, ymax] sein</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="426"/>
        <source>the box polygon needs at least three points</source>
        <translation>das Rahmenpolygon braucht mindestens drei Punkte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="431"/>
        <source>a box coordinate</source>
        <translation>eine Rahmenkoordinate</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="453"/>
        <source>the box is empty or inverted ({box})</source>
        <translation>der Rahmen ist leer oder vertauscht ({box})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="444"/>
        <source>the box lies outside the {width} × {height} image</source>
        <translation>der Rahmen liegt außerhalb des Bildes mit {width} × {height} Pixeln</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="477"/>
        <source>the feature geometry must be a Point (the estimated position) or null</source>
        <translation>die Feature-Geometrie muss ein Punkt (die geschätzte Position) oder null sein</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="480"/>
        <source>the point has no coordinates</source>
        <translation>der Punkt hat keine Koordinaten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="481"/>
        <source>a coordinate</source>
        <translation>eine Koordinate</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="483"/>
        <source>the position is {distance:.0f} m from its panorama: wrong coordinates or CRS?</source>
        <translation>die Position liegt {distance:.0f} m von ihrem Panorama entfernt: falsche Koordinaten oder falsches KBS?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="490"/>
        <source>coordinates ({x:g}, {y:g}) are not longitude/latitude (EPSG:4326): wrong CRS?</source>
        <translation>die Koordinaten ({x:g}, {y:g}) sind keine geografische Länge/Breite (EPSG:4326): falsches KBS?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="499"/>
        <source>coordinates ({x:g}, {y:g}) are not EPSG:25832 (ETRS89 / UTM 32N): wrong CRS?</source>
        <translation>die Koordinaten ({x:g}, {y:g}) sind nicht EPSG:25832 (ETRS89 / UTM 32N): falsches KBS?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="506"/>
        <source>the file&apos;s CRS (EPSG:{epsg}) is not supported; use EPSG:4326 or EPSG:25832</source>
        <translation>das KBS der Datei (EPSG:{epsg}) wird nicht unterstützt; verwenden Sie EPSG:4326 oder EPSG:25832</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="22"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="22"/>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="22"/>
        <source>faded</source>
        <translation>verblasst</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="22"/>
        <source>covered</source>
        <translation>verdeckt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="20"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="50"/>
        <source>Unknown condition &apos;{condition}&apos;; use one of: {conditions}.</source>
        <translation>Unbekannter Zustand „{condition}“; erlaubt sind: {conditions}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="53"/>
        <source>An annotation needs its author&apos;s name.</source>
        <translation>Eine Anmerkung braucht den Namen ihres Autors.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="61"/>
        <source>The annotation is empty: give a note, a condition, photos or a snapshot.</source>
        <translation>Die Anmerkung ist leer: Geben Sie eine Notiz, einen Zustand, Fotos oder eine Momentaufnahme an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="120"/>
        <source>{count} photo(s)</source>
        <translation>{count} Foto(s)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="132"/>
        <source>asset {id}</source>
        <translation>Objekt {id}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/sqlfuncs.py" line="84"/>
        <source>The area is not a WKT geometry: {error}</source>
        <translation>Die Fläche ist keine WKT-Geometrie: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/sqlfuncs.py" line="86"/>
        <source>The area must be a polygon.</source>
        <translation>Die Fläche muss ein Polygon sein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/triangulate_assets.py" line="55"/>
        <source>Triangulating assets</source>
        <translation>Objekte werden trianguliert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="540"/>
        <source>{reviewer} is reviewing detection {id} right now; your decision cannot be undone.</source>
        <translation>{reviewer} prüft Erkennung {id} gerade; Ihre Entscheidung kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="543"/>
        <source>Detection {id} was decided by someone else after you skipped it.</source>
        <translation>Über Erkennung {id} hat jemand anderes entschieden, nachdem Sie sie übersprungen hatten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="579"/>
        <source>Asset {id} was changed after this edit (it is now at version {version}); undo would overwrite that change.</source>
        <translation>Objekt {id} wurde nach dieser Bearbeitung geändert (jetzt Version {version}); Rückgängig würde diese Änderung überschreiben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/decisions.py" line="601"/>
        <source>{store} has no review_lease table: it was created by an older development version of Herzlich Digital. Build the demo city again, or set up the shared database in a new, empty database.</source>
        <translation>{store} hat keine Tabelle review_lease: Sie wurde von einer älteren Entwicklungsversion von Herzlich Digital angelegt. Erzeugen Sie die Demostadt neu oder richten Sie die gemeinsame Datenbank in einer neuen, leeren Datenbank ein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/export_assets.py" line="36"/>
        <source>Unknown status &apos;{status}&apos;; use one of: {statuses}.</source>
        <translation>Unbekannter Status „{status}“; erlaubt sind: {statuses}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/export_assets.py" line="65"/>
        <source>Unknown export format &apos;{format}&apos;; use one of: {formats}.</source>
        <translation>Unbekanntes Exportformat „{format}“; erlaubt sind: {formats}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="51"/>
        <source>Sensor history (SensorThings)</source>
        <translation>Sensorverlauf (SensorThings)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="84"/>
        <source>SensorThings service address (e.g. https://host/FROST-Server/v1.1)</source>
        <translation>Adresse des SensorThings-Dienstes (z. B. https://host/FROST-Server/v1.1)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="75"/>
        <source>Start (default: 24 hours before the end)</source>
        <translation>Beginn (Vorgabe: 24 Stunden vor dem Ende)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="77"/>
        <source>End (default: now)</source>
        <translation>Ende (Vorgabe: jetzt)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="80"/>
        <source>Observations</source>
        <translation>Beobachtungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="110"/>
        <source>Enter the address of a SensorThings service.</source>
        <translation>Geben Sie die Adresse eines SensorThings-Dienstes ein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="147"/>
        <source>Enter the id of a datastream (fetchsensors writes it as datastream_id).</source>
        <translation>Geben Sie die Kennung eines Datastreams ein (fetchsensors schreibt sie als datastream_id).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="97"/>
        <source>The start {start} lies after the end {end}.</source>
        <translation>Der Beginn {start} liegt nach dem Ende {end}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="101"/>
        <source>Reading observations of datastream {id}</source>
        <translation>Beobachtungen des Datastreams {id} werden gelesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="121"/>
        <source>{count} observations, {requests} HTTP requests.</source>
        <translation>{count} Beobachtungen, {requests} HTTP-Anfragen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/review_report.py" line="19"/>
        <source>Reports the review progress per class (as the AI predicted it), per reviewer and per district (1 km squares of the UTM grid), and the AI&apos;s precision per class as measured by the reviews: accepted / (accepted + rejected + relabeled). OUTPUT ending in .html gives a web page, .csv a table.</source>
        <translation>Berichtet den Prüffortschritt je Klasse (wie von der KI vorhergesagt), je prüfender Person und je Bezirk (1-km-Quadrate des UTM-Gitters) sowie die von den Prüfungen gemessene Präzision der KI je Klasse: angenommen / (angenommen + abgelehnt + umklassifiziert). OUTPUT mit der Endung .html ergibt eine Webseite, .csv eine Tabelle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/review_report.py" line="28"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/review_report.py" line="28"/>
        <source>HTML files (*.html);;CSV files (*.csv)</source>
        <translation>HTML-Dateien (*.html);;CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/review_report.py" line="47"/>
        <source>{done} of {total} detections reviewed.</source>
        <translation>{done} von {total} Erkennungen geprüft.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="46"/>
        <source>Road name field</source>
        <translation>Feld mit dem Straßennamen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="46"/>
        <source>One-way field (0/1, yes/no, FT/TF; empty: none)</source>
        <translation>Einbahnfeld (0/1, yes/no, FT/TF; leer: keines)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="46"/>
        <source>Speed limit field (km/h; empty: default speed)</source>
        <translation>Feld der Höchstgeschwindigkeit (km/h; leer: Standardgeschwindigkeit)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="52"/>
        <source>Shortest by</source>
        <translation>Kürzeste nach</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="52"/>
        <source>distance</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="52"/>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="85"/>
        <source>No road layer: give ROADS or a store with roads.</source>
        <translation>Kein Straßenlayer: Geben Sie ROADS oder einen Datenspeicher mit Straßen an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="159"/>
        <source>Building the road network of {layer}</source>
        <translation>Straßennetz aus {layer} wird aufgebaut</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="102"/>
        <source>Reading the live sensors</source>
        <translation>Live-Sensoren werden gelesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="105"/>
        <source>The live sensors could not be read, the store&apos;s values are used: {error}</source>
        <translation>Die Live-Sensoren konnten nicht gelesen werden, die Werte des Datenspeichers werden verwendet: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="114"/>
        <source>Check roadworks</source>
        <translation>Baustelle prüfen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="117"/>
        <source>Checks one construction site of the store. CONFLICTS: other works (not completed or cancelled) whose time overlaps (end-exclusive) and whose geometry comes within BUFFER metres or that use the same road segment. AFFECTED_ASSETS: signs (to cover), traffic lights (to switch) and markings within BUFFER metres, with their VzKat codes; detections nobody has reviewed yet count as &apos;detected, unverified&apos;. AFFECTED_SENSORS: datastreams of stations within the sensor distance, with their current value (live from SENSORS_URL if given, else the store&apos;s latest) and their typical value for the planned period; the traffic estimate (vehicles per day) comes from the nearest counter, one on the same road first. The quietest window of DURATION_H hours inside the planned period is taken from the typical week (median per weekday and hour over up to a year of history). With a road network (ROADS, else the store&apos;s roads) the detour is computed too, avoiding other works at the same time and roads the live sensors report as jammed. Everything is written to the JSON file OUTPUT; CHART (optional) is the typical week as a PNG with the window marked.</source>
        <translation>Prüft eine Baustelle des Datenspeichers. CONFLICTS: andere Baustellen (nicht abgeschlossen oder storniert), deren Zeitraum sich überschneidet (Ende ausschließlich) und deren Geometrie näher als BUFFER Meter liegt oder die denselben Straßenabschnitt nutzen. AFFECTED_ASSETS: Verkehrszeichen (abzudecken), Lichtsignalanlagen (umzuschalten) und Markierungen innerhalb von BUFFER Metern mit ihren VzKat-Nummern; noch nicht geprüfte Erkennungen zählen als 'erkannt, ungeprüft'. AFFECTED_SENSORS: Datenströme der Stationen innerhalb des Sensorabstands mit ihrem aktuellen Wert (live von SENSORS_URL, falls angegeben, sonst der letzte Wert im Datenspeicher) und ihrem typischen Wert im geplanten Zeitraum; die Verkehrsschätzung (Fahrzeuge pro Tag) stammt von der nächsten Zählstelle, bevorzugt auf derselben Straße. Das ruhigste Zeitfenster von DURATION_H Stunden im geplanten Zeitraum ergibt sich aus der typischen Woche (Median je Wochentag und Stunde über bis zu ein Jahr Verlauf). Mit einem Straßennetz (ROADS, sonst die Straßen des Datenspeichers) wird auch die Umleitung berechnet; sie umfährt andere Baustellen im selben Zeitraum und Straßen, für die die Live-Sensoren Stau melden. Alles wird in die JSON-Datei OUTPUT geschrieben; CHART (optional) ist die typische Woche als PNG mit markiertem Zeitfenster.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="50"/>
        <source>Roadworks id</source>
        <translation>Baustellen-ID</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="55"/>
        <source>SensorThings service for live values (optional)</source>
        <translation>SensorThings-Dienst für Live-Werte (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="57"/>
        <source>Authentication for the SensorThings service</source>
        <translation>Authentifizierung für den SensorThings-Dienst</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="51"/>
        <source>Road network for the detour (empty: the store&apos;s roads)</source>
        <translation>Straßennetz für die Umleitung (leer: Straßen des Datenspeichers)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="59"/>
        <source>Buffer around the site (m)</source>
        <translation>Puffer um die Baustelle (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="61"/>
        <source>Sensors within (m)</source>
        <translation>Sensoren im Umkreis von (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="63"/>
        <source>Duration of the works per session (hours, for the quietest window)</source>
        <translation>Dauer der Arbeiten je Einsatz (Stunden, für das ruhigste Zeitfenster)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="149"/>
        <source>Result (JSON)</source>
        <translation>Ergebnis (JSON)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="149"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="151"/>
        <source>Typical week chart (PNG)</source>
        <translation>Diagramm der typischen Woche (PNG)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="154"/>
        <source>Affected sensors</source>
        <translation>Betroffene Sensoren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="154"/>
        <source>Vehicles per day at the site</source>
        <translation>Fahrzeuge pro Tag an der Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="127"/>
        <source>Detour length (m)</source>
        <translation>Länge der Umleitung (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="154"/>
        <source>Detour extra length (m)</source>
        <translation>Mehrlänge der Umleitung (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="159"/>
        <source>Quietest window start</source>
        <translation>Beginn des ruhigsten Zeitfensters</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="160"/>
        <source>Quietest window end</source>
        <translation>Ende des ruhigsten Zeitfensters</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="87"/>
        <source>Checking roadworks {id}</source>
        <translation>Baustelle {id} wird geprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="251"/>
        <source>There are no roadworks with id {id} in the store.</source>
        <translation>Im Datenspeicher gibt es keine Baustelle mit der ID {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_impact.py" line="203"/>
        <source>{conflicts} conflicts, {assets} affected assets, {sensors} sensors.</source>
        <translation>{conflicts} Konflikte, {assets} betroffene Objekte, {sensors} Sensoren.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="37"/>
        <source>Roadworks report (PDF)</source>
        <translation>Baustellenbericht (PDF)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="40"/>
        <source>Writes a German PDF report of one construction site: a map of the site with the detour, the affected signs, lights and markings, the sensors and conflicting works; the site&apos;s fields; the conflicts; the affected-asset table; sensors and the traffic estimate; the typical-week chart with the quietest window; the detour; and &apos;before&apos; views of the site rendered from the nearest panoramas captured before the works began (demo-city images are rendered on demand). The checks are those of &apos;Check roadworks&apos;; ROADS is the road network for the detour (empty: the store&apos;s roads).</source>
        <translation>Schreibt einen deutschen PDF-Bericht zu einer Baustelle: eine Karte der Baustelle mit Umleitung, betroffenen Verkehrszeichen, Lichtsignalanlagen und Markierungen, Sensoren und konkurrierenden Baustellen; die Angaben zur Baustelle; die Konflikte; die Tabelle der betroffenen Objekte; Sensoren und Verkehrsschätzung; das Diagramm der typischen Woche mit dem ruhigsten Zeitfenster; die Umleitung; und 'Vorher'-Ansichten der Baustelle aus den nächstgelegenen Panoramen, die vor Baubeginn aufgenommen wurden (Bilder der Demo-Stadt werden bei Bedarf gerendert). Die Prüfungen sind die von 'Baustelle prüfen'; ROADS ist das Straßennetz für die Umleitung (leer: Straßen des Datenspeichers).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="66"/>
        <source>Panorama views of the site</source>
        <translation>Panoramaansichten der Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="72"/>
        <source>Report (PDF)</source>
        <translation>Bericht (PDF)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="72"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="74"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="94"/>
        <source>Rendering the panorama views</source>
        <translation>Panoramaansichten werden gerendert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/roadworks_report.py" line="114"/>
        <source>Writing the PDF</source>
        <translation>PDF wird geschrieben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="27"/>
        <source>Import detections</source>
        <translation>Erkennungen importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="49"/>
        <source>Detections file (GeoJSON or CSV)</source>
        <translation>Erkennungsdatei (GeoJSON oder CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="53"/>
        <source>Id field</source>
        <translation>Feld Kennung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="53"/>
        <source>Label field</source>
        <translation>Feld Klasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="53"/>
        <source>Score field</source>
        <translation>Feld Konfidenz</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="54"/>
        <source>Panorama field (id or image name)</source>
        <translation>Feld Panorama (Kennung oder Bildname)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="55"/>
        <source>Box field (GeoJSON: polygon or [xmin, ymin, xmax, ymax])</source>
        <translation>Feld Rahmen (GeoJSON: Polygon oder [xmin, ymin, xmax, ymax])</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="56"/>
        <source>Box xmin field (CSV)</source>
        <translation>Feld Rahmen xmin (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="56"/>
        <source>Box ymin field (CSV)</source>
        <translation>Feld Rahmen ymin (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="57"/>
        <source>Box xmax field (CSV)</source>
        <translation>Feld Rahmen xmax (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="57"/>
        <source>Box ymax field (CSV)</source>
        <translation>Feld Rahmen ymax (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="58"/>
        <source>Position x field (CSV, EPSG:25832)</source>
        <translation>Feld Position x (CSV, EPSG:25832)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="59"/>
        <source>Position y field (CSV, EPSG:25832)</source>
        <translation>Feld Position y (CSV, EPSG:25832)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="64"/>
        <source>Box units</source>
        <translation>Rahmeneinheit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="71"/>
        <source>Model run (created if it does not exist)</source>
        <translation>Modelllauf (wird angelegt, falls nicht vorhanden)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="79"/>
        <source>Imported detections</source>
        <translation>Importierte Erkennungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="113"/>
        <source>{imported} detections imported, {rejected} rejected.</source>
        <translation>{imported} Erkennungen importiert, {rejected} abgewiesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="26"/>
        <source>Export roadworks</source>
        <translation>Baustellen exportieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="29"/>
        <source>Writes the store&apos;s roadworks as a WZDx 4.2 work zone feed (GeoJSON, lon/lat), a DATEX II 3 SituationPublication (posList in lat lon order), a Waze CIFS JSON feed (polylines in lat lon order) or GeoJSON with every field (EPSG:4326). Without STATUS, WZDx and CIFS carry approved and active roadworks, DATEX II and GeoJSON all. WZDx and CIFS need a line along the road: roadworks drawn as polygons are left out and named in the log. COUNT is the number of roadworks written.</source>
        <translation>Schreibt die Baustellen des Datenspeichers als WZDx-4.2-Feed (GeoJSON, Länge/Breite), als DATEX-II-3-SituationPublication (posList in der Reihenfolge Breite Länge), als Waze-CIFS-JSON-Feed (Linien in der Reihenfolge Breite Länge) oder als GeoJSON mit allen Feldern (EPSG:4326). Ohne STATUS enthalten WZDx und CIFS genehmigte und aktive Baustellen, DATEX II und GeoJSON alle. WZDx und CIFS brauchen eine Linie entlang der Straße: Als Polygon gezeichnete Baustellen werden ausgelassen und im Protokoll genannt. COUNT ist die Zahl der geschriebenen Baustellen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="40"/>
        <source>WZDx 4.2 (GeoJSON)</source>
        <translation>WZDx 4.2 (GeoJSON)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="40"/>
        <source>DATEX II 3 (XML)</source>
        <translation>DATEX II 3 (XML)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="40"/>
        <source>Waze CIFS (JSON)</source>
        <translation>Waze CIFS (JSON)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="40"/>
        <source>GeoJSON (all fields)</source>
        <translation>GeoJSON (alle Felder)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="43"/>
        <source>Statuses to export (empty: depends on the format)</source>
        <translation>Zu exportierende Status (leer: je nach Format)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="47"/>
        <source>Publisher named in the feed</source>
        <translation>Im Feed genannter Herausgeber</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="35"/>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="49"/>
        <source>GeoJSON (*.geojson);;XML (*.xml);;JSON (*.json)</source>
        <translation>GeoJSON (*.geojson);;XML (*.xml);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="52"/>
        <source>Roadworks written</source>
        <translation>Geschriebene Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="71"/>
        <source>The file could not be written: {error}</source>
        <translation>Die Datei konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_roadworks.py" line="76"/>
        <source>{count} roadworks written to {path}.</source>
        <translation>{count} Baustellen nach {path} geschrieben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="54"/>
        <source>Import roadworks</source>
        <translation>Baustellen importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="57"/>
        <source>Imports roadworks from a DATEX II SituationPublication (version 2.0, including the German MDM profile, or 3) or from GeoJSON. DATEX II MaintenanceWorks and ConstructionWorks records become roadworks; lane and speed management records linked to them give the restriction and the speed limit; other record types are skipped and counted by type. Records without coordinates are rejected with the reason. A record already imported (same record id) updates its roadworks. Every change is written to the roadworks history under ACTOR. REPORT lists rejected records, skipped record types and warnings.</source>
        <translation>Importiert Baustellen aus einer DATEX-II-SituationPublication (Version 2.0, auch im deutschen MDM-Profil, oder 3) oder aus GeoJSON. Aus DATEX-II-Datensätzen vom Typ MaintenanceWorks und ConstructionWorks werden Baustellen; damit verknüpfte Fahrstreifen- und Geschwindigkeitsregelungen liefern Einschränkung und Höchstgeschwindigkeit; andere Datensatztypen werden übersprungen und nach Typ gezählt. Datensätze ohne Koordinaten werden mit Begründung abgelehnt. Ein bereits importierter Datensatz (gleiche Kennung) aktualisiert seine Baustelle. Jede Änderung wird unter ACTOR in der Baustellenhistorie vermerkt. REPORT listet abgelehnte Datensätze, übersprungene Datensatztypen und Warnungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="67"/>
        <source>DATEX II XML or GeoJSON file</source>
        <translation>DATEX-II-XML- oder GeoJSON-Datei</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="67"/>
        <source>DATEX II or GeoJSON (*.xml *.geojson *.json);;All files (*)</source>
        <translation>DATEX II oder GeoJSON (*.xml *.geojson *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="73"/>
        <source>Recorded as the author of the changes (empty: your user name)</source>
        <translation>Als Urheber der Änderungen vermerkt (leer: Ihr Benutzername)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="75"/>
        <source>Report of rejected and skipped records</source>
        <translation>Bericht über abgelehnte und übersprungene Datensätze</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="78"/>
        <source>Roadworks imported or updated</source>
        <translation>Importierte oder aktualisierte Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="79"/>
        <source>Roadworks updated</source>
        <translation>Aktualisierte Baustellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="80"/>
        <source>Rejected records</source>
        <translation>Abgelehnte Datensätze</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="81"/>
        <source>Skipped records of other types</source>
        <translation>Übersprungene Datensätze anderer Typen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="90"/>
        <source>{path}: {error}</source>
        <translation>{path}: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="94"/>
        <source>Writing to the store failed, nothing was imported: {error}</source>
        <translation>Das Schreiben in den Datenspeicher ist fehlgeschlagen, es wurde nichts importiert: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_roadworks.py" line="103"/>
        <source>… and {count} more rejected records.</source>
        <translation>… und {count} weitere abgelehnte Datensätze.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="17"/>
        <source>Triangulate assets</source>
        <translation>Objekte triangulieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="35"/>
        <source>Updated assets</source>
        <translation>Aktualisierte Objekte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="63"/>
        <source>{updated} assets updated, {unchanged} unchanged, {manual} placed by hand, {conflicts} changed by someone else meanwhile, {without} without usable detections.</source>
        <translation>{updated} Objekte aktualisiert, {unchanged} unverändert, {manual} von Hand platziert, {conflicts} inzwischen von jemand anderem geändert, {without} ohne verwendbare Erkennungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="18"/>
        <source>Export assets</source>
        <translation>Objekte exportieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="21"/>
        <source>Writes the asset inventory with VzKat codes, German names, status, condition and position quality. STATUS: all; accepted (confirmed by at least one accepted detection); or the lifecycle status existing, planned, removed, withdrawn (withdrawn: the decision that created it was undone). GeoPackage and CSV are in EPSG:25832 (the CSV also has lon/lat), GeoJSON in WGS 84.</source>
        <translation>Schreibt den Objektbestand mit VzKat-Codes, deutschen Namen, Status, Zustand und Lagegüte. STATUS: all (alle); accepted (durch mindestens eine angenommene Erkennung bestätigt); oder der Lebenszyklus-Status existing, planned, removed, withdrawn (withdrawn: die Entscheidung, die es anlegte, wurde rückgängig gemacht). GeoPackage und CSV sind in EPSG:25832 (die CSV zusätzlich mit Länge/Breite), GeoJSON in WGS 84.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="35"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV files (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="38"/>
        <source>Exported assets</source>
        <translation>Exportierte Objekte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_assets.py" line="54"/>
        <source>{count} assets exported to {path}.</source>
        <translation>{count} Objekte nach {path} exportiert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="68"/>
        <source>Fetch sensors (SensorThings)</source>
        <translation>Sensoren abrufen (SensorThings)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="87"/>
        <source>Observed property (name; empty: all)</source>
        <translation>Beobachtete Größe (Name; leer: alle)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="89"/>
        <source>Stale after (seconds without a new observation)</source>
        <translation>Veraltet nach (Sekunden ohne neue Beobachtung)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="92"/>
        <source>Maximum number of datastreams</source>
        <translation>Höchstzahl an Datastreams</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="100"/>
        <source>Datastreams</source>
        <translation>Datastreams</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="101"/>
        <source>HTTP requests</source>
        <translation>HTTP-Anfragen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="113"/>
        <source>Reading the latest observations from {url}</source>
        <translation>Letzte Beobachtungen werden von {url} gelesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="143"/>
        <source>{count} datastreams, {requests} HTTP requests.</source>
        <translation>{count} Datastreams, {requests} HTTP-Anfragen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="65"/>
        <source>Detour route</source>
        <translation>Umleitungsroute</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="91"/>
        <source>Road network</source>
        <translation>Straßennetz</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="97"/>
        <source>Roadworks id (in the store)</source>
        <translation>Baustellen-ID (im Datenspeicher)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="100"/>
        <source>Closures (instead of a roadworks id)</source>
        <translation>Sperrungen (statt einer Baustellen-ID)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="103"/>
        <source>Start of the detour (optional)</source>
        <translation>Beginn der Umleitung (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="104"/>
        <source>End of the detour (optional)</source>
        <translation>Ende der Umleitung (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="109"/>
        <source>Avoid other works of the store during the same time</source>
        <translation>Andere Baustellen des Datenspeichers im selben Zeitraum umfahren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="112"/>
        <source>Topology tolerance (m)</source>
        <translation>Topologietoleranz (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="115"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="115"/>
        <source>A* over the extracted graph</source>
        <translation>A* über den ausgelesenen Graphen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="115"/>
        <source>QgsGraphAnalyzer.dijkstra</source>
        <translation>QgsGraphAnalyzer.dijkstra</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="128"/>
        <source>Extra length (m)</source>
        <translation>Mehrlänge (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="129"/>
        <source>Detour time (s)</source>
        <translation>Fahrzeit der Umleitung (s)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="130"/>
        <source>Extra time (s)</source>
        <translation>Mehrfahrzeit (s)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="146"/>
        <source>A roadworks id needs the STORE it is in.</source>
        <translation>Eine Baustellen-ID braucht den Datenspeicher (STORE), in dem sie steht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="154"/>
        <source>Give a roadworks id (with its store) or a closures layer.</source>
        <translation>Geben Sie eine Baustellen-ID (mit ihrem Datenspeicher) oder einen Sperrungslayer an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="157"/>
        <source>The road layer could not be loaded.</source>
        <translation>Der Straßenlayer konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="181"/>
        <source>The restriction does not close the road: no detour is needed.</source>
        <translation>Die Einschränkung sperrt die Straße nicht: Eine Umleitung ist nicht nötig.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="55"/>
        <source>Traffic volume</source>
        <translation>Verkehrsstärke</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="55"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="55"/>
        <source>Occupancy</source>
        <translation>Belegung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="56"/>
        <source>Air temperature</source>
        <translation>Lufttemperatur</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="56"/>
        <source>Nitrogen dioxide (NO₂)</source>
        <translation>Stickstoffdioxid (NO₂)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="61"/>
        <source>fresh</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="61"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="61"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="96"/>
        <source>below {upper}</source>
        <translation>unter {upper}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="98"/>
        <source>{lower} and more</source>
        <translation>{lower} und mehr</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="99"/>
        <source>{lower} to {upper}</source>
        <translation>{lower} bis {upper}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="140"/>
        <source>other values</source>
        <translation>andere Werte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="149"/>
        <source>Stale (no new value)</source>
        <translation>Veraltet (kein neuer Wert)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_style.py" line="151"/>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/layer_fields.py" line="42"/>
        <source>Sensors (live)</source>
        <translation>Sensoren (live)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="134"/>
        <source>MQTT: {error}</source>
        <translation>MQTT: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="174"/>
        <source>Refreshing sensor layer {name}</source>
        <translation>Aktualisiere den Sensor-Layer {name}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="221"/>
        <source>The sensor layer {name} is live again.</source>
        <translation>Der Sensor-Layer {name} ist wieder live.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/alarm_book.py" line="168"/>
        <source>Alert: {where}: {property} {value} (threshold {op} {limit} {unit}).</source>
        <translation>Alarm: {where}: {property} {value} (Schwelle {op} {limit} {unit}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/alarm_book.py" line="176"/>
        <source>Alert over: {where}: {property} back at {value}.</source>
        <translation>Alarm beendet: {where}: {property} wieder bei {value}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="360"/>
        <source>MQTT broker {endpoint} not used: paho-mqtt is not installed; polling instead.</source>
        <translation>MQTT-Broker {endpoint} nicht genutzt: paho-mqtt ist nicht installiert; stattdessen wird abgefragt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="369"/>
        <source>Live updates over MQTT from {host}:{port}.</source>
        <translation>Live-Aktualisierung über MQTT von {host}:{port}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="112"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="130"/>
        <source>Street level</source>
        <translation>Straßenebene</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="144"/>
        <source>Danger sign</source>
        <translation>Gefahrzeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="144"/>
        <source>Regulatory sign</source>
        <translation>Vorschriftzeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="144"/>
        <source>Information sign</source>
        <translation>Richtzeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/layer_styles.py" line="156"/>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="27"/>
        <source>Everywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="27"/>
        <source>Current map extent</source>
        <translation>Aktueller Kartenausschnitt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="27"/>
        <source>Drawn polygon</source>
        <translation>Gezeichnetes Polygon</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="28"/>
        <source>Selected features of the active layer</source>
        <translation>Ausgewählte Objekte des aktiven Layers</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="28"/>
        <source>District (1 km square)</source>
        <translation>Bezirk (1-km-Quadrat)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="32"/>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="32"/>
        <source>Traffic signs</source>
        <translation>Verkehrszeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="32"/>
        <source>Road markings</source>
        <translation>Fahrbahnmarkierungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="33"/>
        <source>Traffic lights</source>
        <translation>Ampeln</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="60"/>
        <source>VzKat number or name, e.g. 274 or Haltverbot</source>
        <translation>VzKat-Nummer oder Name, z. B. 274 oder Haltverbot</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="88"/>
        <source>Score from / to</source>
        <translation>Konfidenz von / bis</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="143"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="105"/>
        <source>Model run</source>
        <translation>Modelllauf</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="106"/>
        <source>Campaign</source>
        <translation>Befahrung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="202"/>
        <source>Draw</source>
        <translation>Zeichnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="113"/>
        <source>Draw the area on the map: click the corners, right-click to finish</source>
        <translation>Gebiet in der Karte zeichnen: Ecken anklicken, mit Rechtsklick abschließen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="117"/>
        <source>1 km square of the UTM grid, named by its south-west corner in km</source>
        <translation>1-km-Quadrat des UTM-Gitters, benannt nach seiner Südwestecke in km</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="36"/>
        <source>Area</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="129"/>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="202"/>
        <source>Take selection</source>
        <translation>Auswahl übernehmen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_filter_widget.py" line="221"/>
        <source>Select one or more polygons (e.g. a district) in the active layer first.</source>
        <translation>Bitte zuerst ein oder mehrere Polygone (z. B. einen Bezirk) im aktiven Layer auswählen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_processing_task.py" line="37"/>
        <source>The Processing algorithm {id} is not available.</source>
        <translation>Der Processing-Algorithmus {id} ist nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="40"/>
        <source>Sensor time series</source>
        <translation>Sensor-Zeitreihe</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="111"/>
        <source>Datastream (or select a sensor on the map)</source>
        <translation>Datenstrom (oder einen Sensor in der Karte auswählen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="114"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="114"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="114"/>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="126"/>
        <source>Read the history again</source>
        <translation>Verlauf neu laden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="271"/>
        <source>Reading the history of {name} …</source>
        <translation>Lese den Verlauf von {name} …</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="274"/>
        <source>Sensor history</source>
        <translation>Sensorverlauf</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="294"/>
        <source>{count} values, {requests} requests.</source>
        <translation>{count} Werte, {requests} Anfragen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="303"/>
        <source>Sensor typical week</source>
        <translation>Typische Woche des Sensors</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart_dock.py" line="321"/>
        <source>Typical week from {count} values of {weeks} weeks.</source>
        <translation>Typische Woche aus {count} Werten von {weeks} Wochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_plugin.py" line="33"/>
        <source>Draw roadworks along a road</source>
        <translation>Baustelle entlang einer Straße zeichnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_plugin.py" line="36"/>
        <source>Draw roadworks as an area</source>
        <translation>Baustelle als Fläche zeichnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_plugin.py" line="68"/>
        <source>No road network to snap to: the roadworks is drawn as clicked.</source>
        <translation>Kein Straßennetz zum Einrasten: Die Baustelle wird so gezeichnet, wie geklickt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_plugin.py" line="90"/>
        <source>The road network could not be read: {error}</source>
        <translation>Das Straßennetz konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_plugin.py" line="115"/>
        <source>Roadworks saved: {title} (version {version}).</source>
        <translation>Baustelle gespeichert: {title} (Version {version}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="89"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="91"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="105"/>
        <source>Empty: the store&apos;s road network</source>
        <translation>Leer: das Straßennetz des Datenspeichers</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="106"/>
        <source>Fields…</source>
        <translation>Felder…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="127"/>
        <source>Buffer</source>
        <translation>Puffer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="127"/>
        <source>Sensors within</source>
        <translation>Sensoren im Umkreis</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="132"/>
        <source>Work session</source>
        <translation>Arbeitsschicht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="132"/>
        <source>Detour by</source>
        <translation>Umleitung nach</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="139"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="141"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="156"/>
        <source>Save detour</source>
        <translation>Umleitung speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="160"/>
        <source>Zoom</source>
        <translation>Zoomen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="161"/>
        <source>Zoom the map to the detour</source>
        <translation>Karte auf die Umleitung zoomen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="164"/>
        <source>PDF report…</source>
        <translation>PDF-Bericht…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="167"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="173"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="194"/>
        <source>The roadworks could not be read: {error}</source>
        <translation>Die Baustellen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="225"/>
        <source>Select a roadworks on the map, or choose one here and press Check.</source>
        <translation>Wählen Sie eine Baustelle auf der Karte aus oder hier in der Liste und klicken Sie auf „Prüfen“.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="278"/>
        <source>A check is already running.</source>
        <translation>Es läuft bereits eine Prüfung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="284"/>
        <source>Choose a roadworks to check.</source>
        <translation>Wählen Sie eine Baustelle zum Prüfen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="297"/>
        <source>The live sensor values could not be read: {error}</source>
        <translation>Die Live-Sensorwerte konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="311"/>
        <source>Checking {title}…</source>
        <translation>{title} wird geprüft…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="319"/>
        <source>Check cancelled.</source>
        <translation>Prüfung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="323"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="350"/>
        <source>The check was cancelled.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="351"/>
        <source>The check failed: {error}</source>
        <translation>Die Prüfung ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="369"/>
        <source>{title} checked. Conflicts: {conflicts}, affected assets: {assets}, sensors: {sensors}.</source>
        <translation>{title} geprüft. Konflikte: {conflicts}, betroffene Objekte: {assets}, Sensoren: {sensors}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="378"/>
        <source>There is no road layer to map.</source>
        <translation>Es gibt keinen Straßenlayer, dessen Felder zugeordnet werden könnten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="402"/>
        <source>There is no detour to save: check a roadworks first.</source>
        <translation>Es gibt keine Umleitung zum Speichern: Prüfen Sie zuerst eine Baustelle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="413"/>
        <source>Keep the stored detour</source>
        <translation>Gespeicherte Umleitung behalten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="424"/>
        <source>The detour could not be saved: {error}</source>
        <translation>Die Umleitung konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="429"/>
        <source>Detour saved in {title} (version {version}).</source>
        <translation>Umleitung in {title} gespeichert (Version {version}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="448"/>
        <source>Choose a roadworks to edit.</source>
        <translation>Wählen Sie eine Baustelle zum Bearbeiten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="468"/>
        <source>Please wait: another job is still running.</source>
        <translation>Bitte warten: Ein anderer Auftrag läuft noch.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="475"/>
        <source>Failed: {error}</source>
        <translation>Fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="475"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="492"/>
        <source>Choose a roadworks for the report.</source>
        <translation>Wählen Sie eine Baustelle für den Bericht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="495"/>
        <source>Save the report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="515"/>
        <source>Report written: {path} ({pages} pages)</source>
        <translation>Bericht geschrieben: {path} ({pages} Seiten)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="520"/>
        <source>Writing the report…</source>
        <translation>Bericht wird geschrieben…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="527"/>
        <source>Export roadworks as {format}</source>
        <translation>Baustellen als {format} exportieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="536"/>
        <source>Exporting roadworks…</source>
        <translation>Baustellen werden exportiert…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="549"/>
        <source>Imported {imported} roadworks ({updated} updated), {rejected} rejected, {skipped} records of other types skipped.</source>
        <translation>{imported} Baustellen importiert ({updated} aktualisiert), {rejected} abgelehnt, {skipped} Meldungen anderer Typen übersprungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_dock.py" line="555"/>
        <source>Importing roadworks…</source>
        <translation>Baustellen werden importiert…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_values.py" line="61"/>
        <source>Polygon, {area} m²</source>
        <translation>Fläche, {area} m²</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_values.py" line="63"/>
        <source>Line, {length} m</source>
        <translation>Linie, {length} m</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_plugin.py" line="27"/>
        <source>Review inspector</source>
        <translation>Prüf-Inspektor</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="58"/>
        <source>Review these…</source>
        <translation>Diese prüfen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="59"/>
        <source>Open the review queue on this filter and order</source>
        <translation>Die Prüfwarteschlange mit diesem Filter und dieser Reihenfolge öffnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="61"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="83"/>
        <source>Asset and history</source>
        <translation>Objekt und Verlauf</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="111"/>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_inspector_dock.py" line="129"/>
        <source>{count} matching</source>
        <translation>{count} Treffer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="38"/>
        <source>Add sensor layer…</source>
        <translation>Sensor-Layer hinzufügen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="44"/>
        <source>Sensor alert thresholds…</source>
        <translation>Sensor-Alarmschwellen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="76"/>
        <source>Live sensor layer {name} added ({url}).</source>
        <translation>Live-Sensor-Layer {name} hinzugefügt ({url}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="26"/>
        <source>Roadworks changed in the meantime</source>
        <translation>Baustelle wurde zwischenzeitlich geändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="31"/>
        <source>Someone else saved this roadworks after you opened it: you edited version {mine}, the store now holds version {theirs}.</source>
        <translation>Jemand anderes hat diese Baustelle gespeichert, nachdem Sie sie geöffnet haben: Sie haben Version {mine} bearbeitet, der Datenspeicher enthält jetzt Version {theirs}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="37"/>
        <source>Yours (from version {version})</source>
        <translation>Ihre Fassung (auf Basis von Version {version})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="37"/>
        <source>In the store now (version {version})</source>
        <translation>Jetzt im Datenspeicher (Version {version})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="45"/>
        <source>Fields you changed are shown in bold. &quot;Save mine&quot; writes your changes onto the stored version and keeps the other person&apos;s changes to the remaining fields.</source>
        <translation>Von Ihnen geänderte Felder sind fett dargestellt. „Meine Fassung speichern“ schreibt Ihre Änderungen auf die gespeicherte Version und behält die Änderungen der anderen Person an den übrigen Feldern.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="50"/>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="51"/>
        <source>Load the stored version</source>
        <translation>Gespeicherte Version laden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_conflict_dialog.py" line="52"/>
        <source>Save mine over it</source>
        <translation>Meine Fassung speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_results_model.py" line="102"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="219"/>
        <source>Score</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="95"/>
        <source>Someone else was faster</source>
        <translation>Jemand anderes war schneller</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="105"/>
        <source>Mine (not saved)</source>
        <translation>Meine (nicht gespeichert)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="105"/>
        <source>Theirs (stored now)</source>
        <translation>Deren (jetzt gespeichert)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="118"/>
        <source>Keep theirs</source>
        <translation>Deren Fassung behalten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="119"/>
        <source>Drop my change; the stored version stays as it is</source>
        <translation>Meine Änderung verwerfen; die gespeicherte Fassung bleibt unverändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="122"/>
        <source>Use mine</source>
        <translation>Meine verwenden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="123"/>
        <source>Apply my change on top of the stored version</source>
        <translation>Meine Änderung auf die gespeicherte Fassung anwenden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_plugin.py" line="26"/>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_field_mapping.py" line="39"/>
        <source>Road layer fields</source>
        <translation>Felder des Straßenlayers</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_field_mapping.py" line="43"/>
        <source>The road layer {layer} does not have the fields the detour needs ({missing}). Choose which of its fields hold the street name, the one-way flag and the speed limit. Leave one empty if the layer has no such field: then every street is two-way, or the default speed of 50 km/h applies.</source>
        <translation>Der Straßenlayer {layer} hat nicht die Felder, die die Umleitung braucht ({missing}). Wählen Sie, welche seiner Felder den Straßennamen, die Einbahn-Kennung und die zulässige Höchstgeschwindigkeit enthalten. Lassen Sie ein Feld leer, wenn der Layer es nicht hat: Dann sind alle Straßen in beide Richtungen befahrbar bzw. es gilt die Standardgeschwindigkeit von 50 km/h.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_field_mapping.py" line="52"/>
        <source>Street name</source>
        <translation>Straßenname</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_field_mapping.py" line="52"/>
        <source>One-way (1/0, yes/no, FT/TF)</source>
        <translation>Einbahnstraße (1/0, yes/no, FT/TF)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_field_mapping.py" line="52"/>
        <source>Speed limit (km/h)</source>
        <translation>Zulässige Höchstgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="55"/>
        <source>Select a sensor on the map</source>
        <translation>Einen Sensor in der Karte auswählen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="64"/>
        <source>Typical (median to 90th percentile)</source>
        <translation>Typisch (Median bis 90. Perzentil)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="66"/>
        <source>Typical median</source>
        <translation>Typischer Median</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="70"/>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="74"/>
        <source>Alert threshold</source>
        <translation>Alarmschwelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="82"/>
        <source>Time (local)</source>
        <translation>Zeit (Ortszeit)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_chart.py" line="92"/>
        <source>No values in this range</source>
        <translation>Keine Werte in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="34"/>
        <source>Your role &apos;{role}&apos; may look at detections but not decide on them. Reviewing needs the reviewer role (ask your administrator).</source>
        <translation>Ihre Rolle „{role}“ darf Detektionen ansehen, aber nicht über sie entscheiden. Zum Prüfen ist die Prüfer-Rolle nötig (bitte an die Administration wenden).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="82"/>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="124"/>
        <source>Same object in neighbouring panoramas</source>
        <translation>Dasselbe Objekt in benachbarten Panoramen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="134"/>
        <source>Enter/A accept · R reject · C change class · M move · S skip · U undo</source>
        <translation>Eingabe/A annehmen · R ablehnen · C Klasse ändern · M verschieben · S überspringen · U rückgängig</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="144"/>
        <source>Move: click the object&apos;s position on the map or on the ground in the panorama (Esc cancels).</source>
        <translation>Verschieben: die Position des Objekts in der Karte oder auf dem Boden im Panorama anklicken (Esc bricht ab).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>The detection is right (Enter or A)</source>
        <translation>Die Detektion ist richtig (Eingabe oder A)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>The detection is wrong (R, then the reason&apos;s number)</source>
        <translation>Die Detektion ist falsch (R, dann die Nummer des Grundes)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Class…</source>
        <translation>Klasse…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Another class (C, then type a VzKat number or name)</source>
        <translation>Eine andere Klasse (C, dann VzKat-Nummer oder Namen eingeben)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Place the object by a click on the map or in the panorama (M)</source>
        <translation>Das Objekt per Klick in der Karte oder im Panorama platzieren (M)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Not now: back to the queue for others (S)</source>
        <translation>Nicht jetzt: zurück in die Warteschlange für andere (S)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="155"/>
        <source>Undo my last decision (U)</source>
        <translation>Meine letzte Entscheidung rückgängig machen (U)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="202"/>
        <source>The review queue could not start: {error}</source>
        <translation>Die Prüfwarteschlange konnte nicht starten: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="215"/>
        <source>The review items could not be kept: {error}</source>
        <translation>Die Prüfeinträge konnten nicht gehalten werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="229"/>
        <source>The review items could not be released: {error}</source>
        <translation>Die Prüfeinträge konnten nicht freigegeben werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="243"/>
        <source>No further items could be claimed: {error}</source>
        <translation>Es konnten keine weiteren Einträge reserviert werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="262"/>
        <source>No detection to review.</source>
        <translation>Keine Detektion zu prüfen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="264"/>
        <source>Nothing to review</source>
        <translation>Nichts zu prüfen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="265"/>
        <source>Start the queue from the inspector&apos;s filter, or press Start.</source>
        <translation>Die Warteschlange über den Filter des Inspektors starten oder auf „Starten“ klicken.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="279"/>
        <source>Score {score} · detection {id} · panorama {pano} · {status}</source>
        <translation>Konfidenz {score} · Detektion {id} · Panorama {pano} · {status}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="292"/>
        <source>Loading the crop…</source>
        <translation>Bildausschnitt wird geladen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="315"/>
        <source>Neighbouring detections could not be read: {error}</source>
        <translation>Benachbarte Detektionen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="320"/>
        <source>{distance} m</source>
        <translation>{distance} m</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="323"/>
        <source>{label}, score {score}, panorama {pano}, {status}</source>
        <translation>{label}, Konfidenz {score}, Panorama {pano}, {status}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="332"/>
        <source>Same object in neighbouring panoramas ({count})</source>
        <translation>Dasselbe Objekt in benachbarten Panoramen ({count})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="362"/>
        <source>{rate} decisions/min</source>
        <translation>{rate} Entscheidungen/min</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="99"/>
        <source>The store cannot be opened: {error}</source>
        <translation>Der Datenspeicher kann nicht geöffnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="464"/>
        <source>{message} The item was skipped.</source>
        <translation>{message} Der Eintrag wurde übersprungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="474"/>
        <source>The decision was not saved: {error}</source>
        <translation>Die Entscheidung wurde nicht gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="490"/>
        <source>Kept the stored version; the item was skipped.</source>
        <translation>Die gespeicherte Fassung wurde behalten; der Eintrag wurde übersprungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="541"/>
        <source>Kept the stored version; your decision can no longer be undone.</source>
        <translation>Die gespeicherte Fassung wurde behalten; Ihre Entscheidung kann nicht mehr rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="545"/>
        <source>{message} Your decision was left as it is.</source>
        <translation>{message} Ihre Entscheidung bleibt bestehen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="551"/>
        <source>The undo was not saved: {error}</source>
        <translation>Das Rückgängigmachen wurde nicht gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_widget.py" line="554"/>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="19"/>
        <source>Lowest score first</source>
        <translation>Niedrigste Konfidenz zuerst</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="19"/>
        <source>By class</source>
        <translation>Nach Klasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="19"/>
        <source>Walking order</source>
        <translation>Wegreihenfolge</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="31"/>
        <source>score {low}–{high}</source>
        <translation>Konfidenz {low}–{high}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="34"/>
        <source>model run {ids}</source>
        <translation>Modelllauf {ids}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="36"/>
        <source>campaign {ids}</source>
        <translation>Befahrung {ids}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="38"/>
        <source>area</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="39"/>
        <source>Queue: {what}</source>
        <translation>Warteschlange: {what}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="39"/>
        <source>all new detections</source>
        <translation>alle neuen Detektionen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="47"/>
        <source>Review queue</source>
        <translation>Prüfwarteschlange</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="70"/>
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="76"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_queue_dock.py" line="77"/>
        <source>Claim the next detections of the filter and show the first</source>
        <translation>Die nächsten Detektionen des Filters reservieren und die erste anzeigen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="21"/>
        <source>class changed</source>
        <translation>Klasse geändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="20"/>
        <source>moved</source>
        <translation>verschoben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="28"/>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="28"/>
        <source>undone</source>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="28"/>
        <source>annotated</source>
        <translation>kommentiert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="29"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="73"/>
        <source>(unchanged)</source>
        <translation>(unverändert)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="77"/>
        <source>Condition</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="79"/>
        <source>Note for this asset</source>
        <translation>Notiz zu diesem Objekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="81"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="84"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="86"/>
        <source>Add photos…</source>
        <translation>Fotos hinzufügen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="88"/>
        <source>Attach panorama snapshot</source>
        <translation>Panorama-Schnappschuss anhängen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="89"/>
        <source>Save the panorama view as it is now and attach it</source>
        <translation>Die aktuelle Panoramaansicht speichern und anhängen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="91"/>
        <source>Save annotation</source>
        <translation>Anmerkung speichern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="116"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="110"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="110"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="126"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="126"/>
        <source>Old → new</source>
        <translation>Alt → neu</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="192"/>
        <source>Detection {id}: no asset yet (accept it to create one).</source>
        <translation>Detektion {id}: noch kein Objekt (beim Annehmen wird eines angelegt).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="192"/>
        <source>No asset selected.</source>
        <translation>Kein Objekt ausgewählt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="197"/>
        <source>Asset {id} ({cls} {code}), version {version}, condition: {condition}, position: {source} ±{accuracy} m</source>
        <translation>Objekt {id} ({cls} {code}), Version {version}, Zustand: {condition}, Position: {source} ±{accuracy} m</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="213"/>
        <source>Cannot read the history: {error}</source>
        <translation>Der Verlauf kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="215"/>
        <source>detection {id}</source>
        <translation>Detektion {id}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="270"/>
        <source>Attach photos</source>
        <translation>Fotos anhängen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="270"/>
        <source>Images (*.jpg *.jpeg *.png *.tif *.tiff *.heic);;All files (*)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.tif *.tiff *.heic);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="278"/>
        <source>Open a panorama first: there is no view to take a snapshot of.</source>
        <translation>Bitte zuerst ein Panorama öffnen: Es gibt keine Ansicht für einen Schnappschuss.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="281"/>
        <source>Snapshot: {name}</source>
        <translation>Schnappschuss: {name}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="305"/>
        <source>The annotation was not saved: {error}</source>
        <translation>Die Anmerkung wurde nicht gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="311"/>
        <source>Annotation saved for asset {id}.</source>
        <translation>Anmerkung zu Objekt {id} gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_counts.py" line="21"/>
        <source>Counting detections</source>
        <translation>Detektionen werden gezählt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_counts.py" line="68"/>
        <source>The counts could not be computed: {error}</source>
        <translation>Die Anzahlen konnten nicht berechnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_counts.py" line="92"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_counts.py" line="104"/>
        <source>Matching</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_draw_tool.py" line="190"/>
        <source>Draw at least two points for a line or three for a polygon.</source>
        <translation>Zeichnen Sie mindestens zwei Punkte für eine Linie oder drei für eine Fläche.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_draw_tool.py" line="190"/>
        <source>Click along the road to draw the roadworks.</source>
        <translation>Klicken Sie entlang der Straße, um die Baustelle zu zeichnen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="16"/>
        <source>No traffic counter with a history near the site, so no quietest window can be suggested.</source>
        <translation>In der Nähe der Baustelle gibt es keine Zählstelle mit Verlauf, daher kann kein ruhigstes Zeitfenster vorgeschlagen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="17"/>
        <source>The roadworks has no planned period, so no quietest window can be suggested.</source>
        <translation>Die Baustelle hat keinen geplanten Zeitraum, daher kann kein ruhigstes Zeitfenster vorgeschlagen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="18"/>
        <source>The planned period is shorter than the duration asked for.</source>
        <translation>Der geplante Zeitraum ist kürzer als die gewünschte Dauer.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="33"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="34"/>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="40"/>
        <source>No road network was given: no detour computed.</source>
        <translation>Kein Straßennetz angegeben: keine Umleitung berechnet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="42"/>
        <source>The restriction ({restriction}) leaves the road passable: traffic passes the site, no detour is needed.</source>
        <translation>Die Einschränkung ({restriction}) lässt die Straße befahrbar: Der Verkehr fährt an der Baustelle vorbei, eine Umleitung ist nicht nötig.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="53"/>
        <source>Detour: {length} m, {extra} m longer than the closed stretch ({closed} m).</source>
        <translation>Umleitung: {length} m, {extra} m länger als der gesperrte Abschnitt ({closed} m).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="56"/>
        <source>Travel time {time}, {extra} more.</source>
        <translation>Fahrzeit {time}, {extra} mehr.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="61"/>
        <source>Avoids {count} other roadworks at the same time.</source>
        <translation>Meidet {count} weitere gleichzeitige Baustellen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="63"/>
        <source>Avoids roads the live sensors report as jammed: {sensors}.</source>
        <translation>Meidet Straßen, auf denen die Live-Sensoren Stau melden: {sensors}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="72"/>
        <source>Quietest {hours} h: {start} – {end}. About {expected} vehicles expected ({share} % of a typical day), at most {busiest} per hour.</source>
        <translation>Ruhigste {hours} h: {start} – {end}. Etwa {expected} Fahrzeuge erwartet ({share} % eines typischen Tages), höchstens {busiest} pro Stunde.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="84"/>
        <source>{start} – {end}, {road}</source>
        <translation>{start} – {end}, {road}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="87"/>
        <source>Conflicts: {count}</source>
        <translation>Konflikte: {count}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="89"/>
        <source>Affected assets: {signs} signs to cover, {lights} traffic lights to switch, {markings} markings</source>
        <translation>Betroffene Objekte: {signs} Schilder abzudecken, {lights} Ampeln umzuschalten, {markings} Markierungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="92"/>
        <source>Sensors within {distance} m: {count}</source>
        <translation>Sensoren im Umkreis von {distance} m: {count}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="139"/>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="145"/>
        <source>Distance (m)</source>
        <translation>Abstand (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="143"/>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="145"/>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="145"/>
        <source>Typical for the period</source>
        <translation>Typisch für den Zeitraum</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="177"/>
        <source>cover sign</source>
        <translation>Schild abdecken</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="177"/>
        <source>switch traffic light</source>
        <translation>Ampel umschalten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="177"/>
        <source>marking</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="179"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="213"/>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="214"/>
        <source>stored</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="220"/>
        <source>{vehicles} vehicles/day</source>
        <translation>{vehicles} Fahrzeuge/Tag</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_prefetch.py" line="34"/>
        <source>The crop could not be rendered: {error}</source>
        <translation>Der Bildausschnitt konnte nicht erzeugt werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_pickers.py" line="36"/>
        <source>Reject: choose the reason (1–6, Esc cancels)</source>
        <translation>Ablehnen: Grund wählen (1–6, Esc bricht ab)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_pickers.py" line="75"/>
        <source>Change class: type a VzKat number or name, Enter picks, Esc cancels</source>
        <translation>Klasse ändern: VzKat-Nummer oder Namen eingeben, Eingabe übernimmt, Esc bricht ab</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_pickers.py" line="80"/>
        <source>e.g. 274 50, 206, Haltverbot</source>
        <translation>z. B. 274 50, 206, Haltverbot</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="106"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="110"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="110"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="135"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="153"/>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="159"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="174"/>
        <source>New roadworks</source>
        <translation>Neue Baustelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="174"/>
        <source>Roadworks {id}: {title} (version {version})</source>
        <translation>Baustelle {id}: {title} (Version {version})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="259"/>
        <source>A new roadworks cannot start as &apos;{status}&apos;.</source>
        <translation>Eine neue Baustelle kann nicht mit dem Status „{status}“ beginnen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="314"/>
        <source>The store could not be written, nothing was saved: {error}</source>
        <translation>In den Datenspeicher konnte nicht geschrieben werden, nichts wurde gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="346"/>
        <source>The history could not be read: {error}</source>
        <translation>Der Verlauf konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="349"/>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="349"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="349"/>
        <source>status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_form.py" line="350"/>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="54"/>
        <source>Add sensor layer (SensorThings)</source>
        <translation>Sensor-Layer hinzufügen (SensorThings)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="94"/>
        <source>Saved connections</source>
        <translation>Gespeicherte Verbindungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="24"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="65"/>
        <source>Forget the selected connection</source>
        <translation>Die ausgewählte Verbindung vergessen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="67"/>
        <source>e.g. Kaiserslautern traffic</source>
        <translation>z. B. Verkehr Kaiserslautern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="73"/>
        <source>all observed properties</source>
        <translation>alle beobachteten Größen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="82"/>
        <source>A value older than this is shown as stale</source>
        <translation>Ein älterer Wert wird als veraltet angezeigt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="84"/>
        <source>host:port (optional; otherwise the one the service names)</source>
        <translation>Host:Port (optional; sonst der, den der Dienst nennt)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="85"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="96"/>
        <source>Service address</source>
        <translation>Dienstadresse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="21"/>
        <source>Observed property</source>
        <translation>Beobachtete Größe</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="99"/>
        <source>Refresh every</source>
        <translation>Aktualisieren alle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="100"/>
        <source>Stale after</source>
        <translation>Veraltet nach</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="101"/>
        <source>MQTT broker</source>
        <translation>MQTT-Broker</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="107"/>
        <source>Add layer</source>
        <translation>Layer hinzufügen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="130"/>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="202"/>
        <source>Reading {url} …</source>
        <translation>Lese {url} …</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="205"/>
        <source>Testing the SensorThings connection</source>
        <translation>Teste die SensorThings-Verbindung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="227"/>
        <source>MultiDatastreams</source>
        <translation>MultiDatastreams</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="229"/>
        <source>MQTT at {endpoint}</source>
        <translation>MQTT unter {endpoint}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="230"/>
        <source>Connected: SensorThings {version}, {count} observed properties.</source>
        <translation>Verbunden: SensorThings {version}, {count} beobachtete Größen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="255"/>
        <source>Enter a service address and a name without slashes.</source>
        <translation>Bitte eine Dienstadresse und einen Namen ohne Schrägstriche eingeben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="18"/>
        <source>Sensor alert thresholds</source>
        <translation>Sensor-Alarmschwellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="21"/>
        <source>Alert when</source>
        <translation>Alarm, wenn</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="21"/>
        <source>Limit</source>
        <translation>Grenzwert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="24"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="24"/>
        <source>Defaults</source>
        <translation>Standardwerte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="32"/>
        <source>The observed property as the server names it, e.g. speed, occupancy or traffic_volume. A breach highlights the sensor and posts one message when it starts and one when it ends.</source>
        <translation>Die beobachtete Größe so, wie der Server sie nennt, z. B. speed, occupancy oder traffic_volume. Eine Überschreitung hebt den Sensor hervor und meldet sich einmal zu Beginn und einmal am Ende.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="58"/>
        <source>below</source>
        <translation>unter</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alerts_dialog.py" line="59"/>
        <source>above</source>
        <translation>über</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="95"/>
        <source>Traffic: about {vehicles} vehicles per day ({station}, {distance} m away)</source>
        <translation>Verkehr: etwa {vehicles} Fahrzeuge pro Tag ({station}, {distance} m entfernt)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="346"/>
        <source>About {volume} vehicles per day pass the site in the planned period ({station}, {source}, {distance} m away; typical week: {week} vehicles per day).</source>
        <translation>Im geplanten Zeitraum passieren etwa {volume} Fahrzeuge pro Tag die Baustelle ({station}, {source}, {distance} m entfernt; typische Woche: {week} Fahrzeuge pro Tag).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="37"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="37"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="38"/>
        <source>Position source</source>
        <translation>Herkunft der Position</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="38"/>
        <source>Position accuracy (m)</source>
        <translation>Positionsgenauigkeit (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="39"/>
        <source>Object class</source>
        <translation>Objektklasse</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="39"/>
        <source>VzKat code</source>
        <translation>VzKat-Nummer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="39"/>
        <source>VzKat value</source>
        <translation>VzKat-Wert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="40"/>
        <source>Lifecycle</source>
        <translation>Lebenszyklus</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="40"/>
        <source>Facing (°)</source>
        <translation>Ausrichtung (°)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="40"/>
        <source>Height (m)</source>
        <translation>Höhe (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="41"/>
        <source>Size (m)</source>
        <translation>Größe (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="41"/>
        <source>Changed at</source>
        <translation>Geändert am</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="42"/>
        <source>Asset</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="42"/>
        <source>Undo of event</source>
        <translation>Rücknahme von Ereignis</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="48"/>
        <source>one view (ground plane)</source>
        <translation>eine Ansicht (Bodenebene)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="30"/>
        <source>triangulated</source>
        <translation>trianguliert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="49"/>
        <source>placed by hand</source>
        <translation>von Hand gesetzt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="49"/>
        <source>surveyed</source>
        <translation>vermessen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="49"/>
        <source>existing</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="50"/>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="50"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="50"/>
        <source>sign</source>
        <translation>Verkehrszeichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="51"/>
        <source>traffic light</source>
        <translation>Ampel</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_conflict_dialog.py" line="86"/>
        <source>The stored version was saved by {who} on {when}.</source>
        <translation>Die gespeicherte Fassung hat {who} am {when} gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_plugin.py" line="29"/>
        <source>Check store…</source>
        <translation>Datenspeicher prüfen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="112"/>
        <source>Photos saved with this asset: double-click to open</source>
        <translation>Zu diesem Objekt gespeicherte Fotos: Doppelklick öffnet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="115"/>
        <source>Open photo</source>
        <translation>Foto öffnen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="118"/>
        <source>Saved photos</source>
        <translation>Gespeicherte Fotos</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="182"/>
        <source>The photo file no longer exists: {path}</source>
        <translation>Die Fotodatei gibt es nicht mehr: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="308"/>
        <source>Annotation saved for asset {id}. {missing}</source>
        <translation>Anmerkung zu Objekt {id} gespeichert. {missing}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="160"/>
        <source>detection {n}</source>
        <translation>Erkennung {n}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="162"/>
        <source>the entry is not an object</source>
        <translation>der Eintrag ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="171"/>
        <source>no geometry</source>
        <translation>keine Geometrie</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="174"/>
        <source>the geometry is not a readable vector tile: {error}</source>
        <translation>die Geometrie ist keine lesbare Vektorkachel: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="317"/>
        <source>image &apos;{key}&apos; exists {count} times (campaigns: {campaigns}): choose the campaign (CAMPAIGN)</source>
        <translation>Bild „{key}“ gibt es {count}-mal (Befahrungen: {campaigns}): Befahrung wählen (CAMPAIGN)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="321"/>
        <source>&apos;{key}&apos; is the image name of panorama {named} and the id of panorama {other}: ambiguous, use the image name with its extension</source>
        <translation>„{key}“ ist der Bildname von Panorama {named} und die Nummer von Panorama {other}: mehrdeutig, bitte den Bildnamen mit Dateiendung angeben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="339"/>
        <source>Unknown campaign &apos;{campaign}&apos;; the store has: {campaigns}.</source>
        <translation>Unbekannte Befahrung „{campaign}“; im Datenspeicher gibt es: {campaigns}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="455"/>
        <source>normalised box rows must lie in 0 … 1 (v {v0:g} … {v1:g})</source>
        <translation>normierte Box-Zeilen müssen in 0 … 1 liegen (v {v0:g} … {v1:g})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="459"/>
        <source>the normalised box (u {u0:g} … {u1:g}) is wider than half the panorama: not a box in normalised units?</source>
        <translation>die normierte Box (u {u0:g} … {u1:g}) ist breiter als das halbe Panorama: keine Box in normierten Einheiten?</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="462"/>
        <source>normalised box coordinates must lie in 0 … 1 (u {u0:g} … {u1:g}); only a full 360° panorama has a seam to cross</source>
        <translation>normierte Box-Koordinaten müssen in 0 … 1 liegen (u {u0:g} … {u1:g}); nur ein volles 360°-Panorama hat eine Naht, über die eine Box reichen kann</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/annotations.py" line="36"/>
        <source>These files were not found and are not attached: {paths}</source>
        <translation>Diese Dateien wurden nicht gefunden und nicht angehängt: {paths}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/errors.py" line="51"/>
        <source>The label &apos;{label}&apos; of detection {id} maps to no class: choose the class of the object.</source>
        <translation>Die Bezeichnung „{label}“ von Erkennung {id} gehört zu keiner Klasse: Bitte die Klasse des Objekts wählen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="12"/>
        <source>status or asset differs from the review events</source>
        <translation>Status oder Objekt weicht von den Prüfereignissen ab</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="13"/>
        <source>linked to an asset that does not exist</source>
        <translation>mit einem nicht vorhandenen Objekt verknüpft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="14"/>
        <source>accepted but linked to a withdrawn asset</source>
        <translation>bestätigt, aber mit einem zurückgezogenen Objekt verknüpft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="21"/>
        <source>Check store</source>
        <translation>Datenspeicher prüfen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="24"/>
        <source>Checks that every detection&apos;s status and asset are what its review events say (the events are the record; the columns are derived from them) and that accepted detections point at a live asset. Nothing is changed. PROBLEMS is the number of problems; OUTPUT (CSV) lists them.</source>
        <translation>Prüft, ob Status und Objekt jeder Erkennung dem entsprechen, was ihre Prüfereignisse sagen (die Ereignisse sind der Beleg, die Spalten werden daraus abgeleitet), und ob bestätigte Erkennungen auf ein gültiges Objekt zeigen. Es wird nichts geändert. PROBLEMS ist die Anzahl der Probleme; OUTPUT (CSV) listet sie auf.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="33"/>
        <source>Problem report</source>
        <translation>Problembericht</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="36"/>
        <source>Problems found</source>
        <translation>Gefundene Probleme</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="53"/>
        <source>Comparing detections with their review events…</source>
        <translation>Vergleiche Erkennungen mit ihren Prüfereignissen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="61"/>
        <source>Detection {id}: {problem} (stored {stored}, expected {derived})</source>
        <translation>Erkennung {id}: {problem} (gespeichert {stored}, erwartet {derived})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="76"/>
        <source>{count} problems found.</source>
        <translation>{count} Probleme gefunden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/check_store.py" line="76"/>
        <source>The store is consistent: no problems found.</source>
        <translation>Der Datenspeicher ist stimmig: keine Probleme gefunden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="30"/>
        <source>Imports AI detections of traffic signs, markings and lights for review.&lt;br&gt;&lt;b&gt;mapillary-geojson&lt;/b&gt;: a FeatureCollection with one feature per detection: properties id, value (e.g. regulatory--maximum-speed-limit-30--g1, mapped to VzKat 274 / 30), score (0 … 1), image_key (the panorama's id or image file name) and shape (a polygon or [xmin, ymin, xmax, ymax], normalised 0 … 1 or in pixels); the optional point geometry is the vendor's position (EPSG:4326, or EPSG:25832 with a crs member). &lt;b&gt;csv&lt;/b&gt;: columns id, label, score, panorama_id and the pixel box xmin, ymin, xmax, ymax (optional x, y in EPSG:25832). The field parameters rename the properties or columns.&lt;br&gt;Rows with an invalid box, a wrong CRS, a duplicate id, a missing or out-of-range score or an unknown panorama are rejected with the reason (REPORT); the good rows are imported. Unknown labels are kept without a VzKat code (listed as warnings in REPORT).&lt;br&gt;&lt;b&gt;mapillary-v4&lt;/b&gt;: a Mapillary API v4 detections response ({&quot;data&quot;: [...]}): the outline is a base64 vector tile in normalised image units, value the class, image.id the image (matched by image name only, never by store id); the score may be missing.&lt;br&gt;Normalised boxes may run past u = 1 when they cross the 0/360° seam of a full panorama; a box wider than half the panorama is rejected. CAMPAIGN (name or id) limits the image lookup to one campaign: without it an image name found in several campaigns is rejected as ambiguous.</source>
        <translation>Importiert KI-Erkennungen von Verkehrszeichen, Markierungen und Ampeln zur Prüfung.&lt;br&gt;&lt;b&gt;mapillary-geojson&lt;/b&gt;: eine FeatureCollection mit einem Feature je Erkennung: Eigenschaften id, value (z. B. regulatory--maximum-speed-limit-30--g1, abgebildet auf VzKat 274 / 30), score (0 … 1), image_key (Nummer oder Bilddateiname des Panoramas) und shape (ein Polygon oder [xmin, ymin, xmax, ymax], normiert 0 … 1 oder in Pixeln); die optionale Punktgeometrie ist die Positionsschätzung des Anbieters (EPSG:4326, oder EPSG:25832 mit crs-Angabe). &lt;b&gt;csv&lt;/b&gt;: Spalten id, label, score, panorama_id und die Box xmin, ymin, xmax, ymax (optional x, y in EPSG:25832). Die Feld-Parameter benennen Eigenschaften oder Spalten um.&lt;br&gt;Zeilen mit ungültiger Box, falschem KBS, doppelter id, fehlendem oder unzulässigem score oder unbekanntem Panorama werden mit Grund abgelehnt (REPORT); die guten Zeilen werden importiert. Unbekannte Bezeichnungen werden ohne VzKat-Nummer übernommen (als Warnungen im REPORT).&lt;br&gt;&lt;b&gt;mapillary-v4&lt;/b&gt;: eine Antwort der Mapillary-API v4 ({&quot;data&quot;: [...]}): der Umriss ist eine base64-Vektorkachel in normierten Bildeinheiten, value die Klasse, image.id das Bild (nur über den Bildnamen zugeordnet, nie über die Panoramanummer des Datenspeichers); der score darf fehlen.&lt;br&gt;Normierte Boxen dürfen über u = 1 hinausreichen, wenn sie die 0/360°-Naht eines vollen Panoramas überqueren; eine Box breiter als das halbe Panorama wird abgelehnt. CAMPAIGN (Name oder Nummer) beschränkt die Bildsuche auf eine Befahrung: ohne sie wird ein Bildname, den es in mehreren Befahrungen gibt, als mehrdeutig abgelehnt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_detections.py" line="73"/>
        <source>Campaign of the images (name or id)</source>
        <translation>Befahrung der Bilder (Name oder Nummer)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_common.py" line="66"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="29"/>
        <source>merged</source>
        <translation>zusammengeführt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="29"/>
        <source>split off</source>
        <translation>abgetrennt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="98"/>
        <source>Split off this detection</source>
        <translation>Diese Erkennung abtrennen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="99"/>
        <source>This view shows another object: give it its own asset</source>
        <translation>Diese Ansicht zeigt ein anderes Objekt: eigenes Objekt anlegen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="101"/>
        <source>Merge with asset…</source>
        <translation>Mit Objekt zusammenführen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="102"/>
        <source>Another asset is the same object: move its views here and withdraw it</source>
        <translation>Ein anderes Objekt ist dasselbe: seine Ansichten hierher übernehmen und es zurückziehen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="228"/>
        <source>Select a detection of the asset to split it off.</source>
        <translation>Wählen Sie eine Erkennung des Objekts, um sie abzutrennen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="233"/>
        <source>The asset was not split: {error}</source>
        <translation>Das Objekt wurde nicht aufgeteilt: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="235"/>
        <source>Detection {det} now has its own asset {id}.</source>
        <translation>Erkennung {det} hat jetzt ein eigenes Objekt {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="243"/>
        <source>Merge with asset</source>
        <translation>Mit Objekt zusammenführen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="243"/>
        <source>Number of the asset that is the same object:</source>
        <translation>Nummer des Objekts, das dasselbe ist:</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="254"/>
        <source>The assets were not merged: {error}</source>
        <translation>Die Objekte wurden nicht zusammengeführt: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/review_asset_panel.py" line="256"/>
        <source>Asset {other} merged into asset {id}.</source>
        <translation>Objekt {other} in Objekt {id} übernommen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="137"/>
        <source>no score</source>
        <translation>ohne Score</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="198"/>
        <source>AI precision per confidence band</source>
        <translation>KI-Genauigkeit je Konfidenzband</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="199"/>
        <source>&apos;From this score on&apos;: the precision of all reviewed detections with at least the band&apos;s score - the precision an auto-accept threshold there would have had.</source>
        <translation>„Ab diesem Score“: die Genauigkeit aller geprüften Erkennungen mit mindestens dem Score des Bandes – die Genauigkeit, die eine Schwelle für automatisches Annehmen dort gehabt hätte.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/report.py" line="219"/>
        <source>From this score on</source>
        <translation>Ab diesem Score</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/merge.py" line="35"/>
        <source>Asset {id} is withdrawn and cannot be merged or split.</source>
        <translation>Objekt {id} ist zurückgezogen und kann weder zusammengeführt noch aufgeteilt werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/merge.py" line="50"/>
        <source>An asset cannot be merged with itself.</source>
        <translation>Ein Objekt kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/merge.py" line="56"/>
        <source>Only assets of the same class can be merged ({a} vs {b}).</source>
        <translation>Nur Objekte derselben Klasse können zusammengeführt werden ({a} gegenüber {b}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/merge.py" line="89"/>
        <source>Detections {ids} are not accepted views of asset {id}.</source>
        <translation>Die Erkennungen {ids} sind keine bestätigten Ansichten von Objekt {id}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/merge.py" line="92"/>
        <source>At least one view must stay with asset {id}; to move all of them, merge the asset instead.</source>
        <translation>Mindestens eine Ansicht muss bei Objekt {id} bleiben; um alle zu verschieben, führen Sie das Objekt stattdessen zusammen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="34"/>
        <source>Merge duplicate assets</source>
        <translation>Doppelte Objekte zusammenführen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="36"/>
        <source>Merged assets</source>
        <translation>Zusammengeführte Objekte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="37"/>
        <source>Duplicate assets left to merge</source>
        <translation>Verbleibende doppelte Objekte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="51"/>
        <source>Asset {other} merged into asset {keep} ({distance} m apart).</source>
        <translation>Objekt {other} in Objekt {keep} übernommen ({distance} m Abstand).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="54"/>
        <source>Assets {keep} and {other} are {distance} m apart: probably one object (run with MERGE to merge them).</source>
        <translation>Die Objekte {keep} und {other} liegen {distance} m auseinander: wahrscheinlich ein Objekt (mit MERGE zusammenführen).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="67"/>
        <source>{merged} assets merged, {left} duplicates left to merge.</source>
        <translation>{merged} Objekte zusammengeführt, {left} Doppelte verbleiben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/triangulate_assets.py" line="20"/>
        <source>Recomputes the position of every asset from its accepted detections. Signs and lights: least squares intersection of the rays through the box centres (from the panorama positions and headings); the position accuracy comes from the geometry of the rays and a bearing error calibrated by the residuals. Markings: where the rays meet the road, combined by the median (accuracy: their spread and the marking&apos;s length). With a single detection the one-panorama estimate is kept (position source ground_plane). Manually placed and surveyed assets are left alone; an asset changed by someone else meanwhile is skipped. Afterwards live assets of the same class closer than 2 m are listed as duplicates (WOULD_MERGE); with MERGE they are merged (the one with more views is kept, the other withdrawn, every move in the history).</source>
        <translation>Berechnet die Position jedes Objekts aus seinen bestätigten Erkennungen neu. Verkehrszeichen und Ampeln: Schnittpunkt der Sehstrahlen durch die Boxmitten nach kleinsten Quadraten (aus Panoramapositionen und -richtungen); die Positionsgenauigkeit ergibt sich aus der Geometrie der Strahlen und einem an den Residuen kalibrierten Richtungsfehler. Markierungen: wo die Strahlen die Fahrbahn treffen, als Median zusammengefasst (Genauigkeit: deren Streuung und die Länge der Markierung). Mit nur einer Erkennung bleibt die Ein-Panorama-Schätzung (Positionsquelle ground_plane). Von Hand gesetzte und vermessene Objekte bleiben unverändert; ein zwischenzeitlich von anderen geändertes Objekt wird übersprungen. Danach werden bestehende Objekte derselben Klasse mit weniger als 2 m Abstand als Doppelte gemeldet (WOULD_MERGE); mit MERGE werden sie zusammengeführt (das mit mehr Ansichten bleibt, das andere wird zurückgezogen, jede Verschiebung steht im Verlauf).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="48"/>
        <source>Direction {direction}:</source>
        <translation>Richtung {direction}:</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/roadworks_check_results.py" line="51"/>
        <source>No detour for this direction: {reason}</source>
        <translation>Keine Umleitung für diese Richtung: {reason}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="50"/>
        <source>START and END lead to the same junction {xy}: give two different places.</source>
        <translation>START und END führen zum selben Knotenpunkt {xy}: Geben Sie zwei verschiedene Orte an.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_errors.py" line="53"/>
        <source>{which} lies more than {snap} m from the road network (the nearest junction outside the closed stretch is {xy}, {distance} m away). Place it on a road of the road layer.</source>
        <translation>{which} liegt mehr als {snap} m vom Straßennetz entfernt (der nächste Knotenpunkt außerhalb des gesperrten Abschnitts ist {xy}, {distance} m entfernt). Setzen Sie den Punkt auf eine Straße des Straßen-Layers.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_fields.py" line="92"/>
        <source>The road layer {layer} has no speed field ({names}): every road counts with the default speed.</source>
        <translation>Der Straßen-Layer {layer} hat kein Geschwindigkeitsfeld ({names}): Für alle Straßen gilt die Standardgeschwindigkeit.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_fields.py" line="97"/>
        <source>The road layer {layer} has no one-way field ({names}): every road counts as two-way.</source>
        <translation>Der Straßen-Layer {layer} hat kein Einbahnstraßen-Feld ({names}): Alle Straßen gelten als in beide Richtungen befahrbar.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="382"/>
        <source>Direction {direction}: </source>
        <translation>Richtung {direction}: </translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="384"/>
        <source>no detour for this direction. {reason}</source>
        <translation>keine Umleitung für diese Richtung. {reason}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="407"/>
        <source>Detour {direction}</source>
        <translation>Umleitung {direction}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_values.py" line="58"/>
        <source>Unknown {what} &apos;{value}&apos;. Accepted values: {accepted}.</source>
        <translation>Unbekannte(r) {what} „{value}“. Zulässige Werte: {accepted}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_values.py" line="79"/>
        <source>restriction</source>
        <translation>Einschränkung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_values.py" line="90"/>
        <source>direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_values.py" line="100"/>
        <source>one-way value</source>
        <translation>Einbahnstraßen-Wert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_graph.py" line="116"/>
        <source>The road layer {layer} is not noded: {count} places where lines cross or meet without a shared vertex were made junctions.</source>
        <translation>Der Straßen-Layer {layer} ist nicht verknotet: {count} Stellen, an denen sich Linien ohne gemeinsamen Stützpunkt kreuzen oder treffen, wurden zu Knotenpunkten gemacht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/detour_graph.py" line="120"/>
        <source>The road layer {layer} has {count} places where lines cross without a shared vertex (bridges, tunnels or missing junctions, e.g. at {x:.1f}, {y:.1f} EPSG:25832); they are not taken as junctions.</source>
        <translation>Der Straßen-Layer {layer} hat {count} Stellen, an denen sich Linien ohne gemeinsamen Stützpunkt kreuzen (Brücken, Tunnel oder fehlende Knotenpunkte, z. B. bei {x:.1f}, {y:.1f} EPSG:25832); sie gelten nicht als Knotenpunkte.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="105"/>
        <source>Largest distance of START and END from a road (m)</source>
        <translation>Größter Abstand von START und END zu einer Straße (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="118"/>
        <source>Make crossings without a shared vertex junctions</source>
        <translation>Kreuzungen ohne gemeinsamen Stützpunkt zu Knotenpunkten machen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="118"/>
        <source>when the layer looks unnoded</source>
        <translation>wenn der Layer unverknotet erscheint</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="118"/>
        <source>always</source>
        <translation>immer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="118"/>
        <source>never (bridges and tunnels)</source>
        <translation>nie (Brücken und Tunnel)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="131"/>
        <source>Detour length, other direction (m)</source>
        <translation>Umleitungslänge, Gegenrichtung (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="132"/>
        <source>Extra length, other direction (m)</source>
        <translation>Mehrlänge, Gegenrichtung (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="133"/>
        <source>Directions needing a detour</source>
        <translation>Richtungen mit Umleitungsbedarf</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="176"/>
        <source>{which} is {road} m from the road and taken at the junction ({x}, {y}), {distance} m away.</source>
        <translation>{which} liegt {road} m von der Straße entfernt und wird am Knotenpunkt ({x}, {y}) angesetzt, {distance} m entfernt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="191"/>
        <source>No detour for the direction {direction}: {reason}</source>
        <translation>Keine Umleitung für die Richtung {direction}: {reason}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="194"/>
        <source>Direction {direction}: detour {length} m, {extra} m longer than the closed stretch.</source>
        <translation>Richtung {direction}: Umleitung {length} m, {extra} m länger als der gesperrte Abschnitt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/detour_route.py" line="68"/>
        <source>Computes the detour around a closure with QGIS&apos;s network analysis library. The graph is built from the road layer ROADS (one-way field: 1/yes/true/ja/wahr/FT forward, -1/TF backward, 0/no/false/nein/falsch/empty both ways, anything else stops; speed field in km/h or as OSM maxspeed, e.g. 30 mph, DE:urban; OSM fields and other_tags are found without mapping) and cached until the layer changes. The closure is a roadworks of the STORE (ROADWORKS id) or the first feature of CLOSURES (with optional &apos;restriction&apos; and &apos;direction&apos; fields; further features are avoided as other works). The closed stretch runs from junction to junction; a full closure removes both directions, &apos;lanes in one direction&apos; only the drawn (or &apos;backward&apos;: the opposite) direction, one lane or shoulder nothing (the stretch is reported, no detour needed). Restriction and direction may also be given as German labels (Vollsperrung, gegen die Zeichenrichtung) or DATEX II values (roadClosed); an unknown value stops with the list of accepted ones. The stretch ends where its street ends or another road meets. Other works of the store during the same time are avoided. START and END (any CRS) replace the ends of the closed stretch; each must lie within SNAP_DISTANCE of a road and is taken at the nearest junction (the log says where). A full closure of a two-way street gets a detour for each direction: OUTPUT holds a detour and a closed stretch per direction (field direction: forward/backward, along or against the drawn direction; a direction without a detour is said in the log and in the field note); LENGTH_M/EXTRA_M are those of the first direction, LENGTH_M_OPPOSITE/EXTRA_M_OPPOSITE those of the other. Lines crossing without a shared vertex are made junctions when the layer looks unnoded (NODE). A detour that cannot exist, a closure off the network and a road layer without the named fields stop with a clear message.</source>
        <translation>Berechnet die Umleitung um eine Sperrung mit der Netzwerkanalyse von QGIS. Der Graph entsteht aus dem Straßen-Layer ROADS (Einbahnstraßen-Feld: 1/yes/true/ja/wahr/FT vorwärts, -1/TF rückwärts, 0/no/false/nein/falsch/leer beide Richtungen, jeder andere Wert bricht ab; Geschwindigkeitsfeld in km/h oder als OSM-maxspeed, z. B. 30 mph, DE:urban; OSM-Felder und other_tags werden ohne Zuordnung erkannt) und bleibt zwischengespeichert, bis sich der Layer ändert. Die Sperrung ist eine Baustelle des Datenspeichers STORE (ROADWORKS-ID) oder das erste Objekt von CLOSURES (mit optionalen Feldern „restriction“ und „direction“; weitere Objekte werden als andere Baustellen umfahren). Der gesperrte Abschnitt reicht von Knotenpunkt zu Knotenpunkt; eine Vollsperrung entfernt beide Richtungen, „Fahrstreifen einer Richtung“ nur die gezeichnete (oder mit „backward“ die entgegengesetzte) Richtung, ein Fahrstreifen oder Seitenstreifen nichts (der Abschnitt wird angegeben, keine Umleitung nötig). Einschränkung und Richtung dürfen auch als deutsche Bezeichnungen (Vollsperrung, gegen die Zeichenrichtung) oder DATEX-II-Werte (roadClosed) angegeben werden; ein unbekannter Wert bricht mit der Liste der zulässigen Werte ab. Der Abschnitt endet, wo seine Straße endet oder eine andere Straße einmündet. Andere Baustellen des Datenspeichers im selben Zeitraum werden umfahren. START und END (beliebiges KBS) ersetzen die Enden des gesperrten Abschnitts; jeder Punkt muss innerhalb von SNAP_DISTANCE an einer Straße liegen und wird am nächsten Knotenpunkt angesetzt (das Protokoll nennt ihn). Eine Vollsperrung einer in beiden Richtungen befahrenen Straße erhält eine Umleitung je Richtung: OUTPUT enthält je Richtung eine Umleitung und einen gesperrten Abschnitt (Feld direction: forward/backward, in oder gegen die Zeichenrichtung; eine Richtung ohne Umleitung wird im Protokoll und im Feld note genannt); LENGTH_M/EXTRA_M gelten für die erste Richtung, LENGTH_M_OPPOSITE/EXTRA_M_OPPOSITE für die andere. Linien, die sich ohne gemeinsamen Stützpunkt kreuzen, werden zu Knotenpunkten, wenn der Layer unverknotet erscheint (NODE). Eine Umleitung, die es nicht geben kann, eine Sperrung abseits des Netzes und ein Straßen-Layer ohne die genannten Felder brechen mit einer klaren Meldung ab.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/wzdx.py" line="99"/>
        <source>Detour: {title}</source>
        <translation>Umleitung: {title}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/datex2.py" line="221"/>
        <source>The rerouting {id} has no usable route line; no detour was taken over.</source>
        <translation>Die Umleitungsempfehlung {id} hat keine verwendbare Streckenlinie; es wurde keine Umleitung übernommen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="367"/>
        <source>vehicles/15 min</source>
        <translation>Fz/15 min</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="367"/>
        <source>vehicles/h</source>
        <translation>Fz/h</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/report_pdf.py" line="367"/>
        <source>vehicles/day</source>
        <translation>Fz/Tag</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="74"/>
        <source>The partial panorama's full sphere is {width} × {height} pixels, not 2:1.</source>
        <translation>Die volle Kugel des Teilpanoramas hat {width} × {height} Pixel, nicht 2:1.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="188"/>
        <source>No heading: neither GPano PoseHeadingDegrees nor EXIF GPSImgDirection, and no capture of the same track within {seconds:.0f} s to derive it from.</source>
        <translation>Keine Blickrichtung: weder GPano PoseHeadingDegrees noch EXIF GPSImgDirection, und keine Aufnahme derselben Fahrt innerhalb von {seconds:.0f} s, aus der sie sich ableiten ließe.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="194"/>
        <source>Heading {heading:.1f}° derived from the track (direction to the neighbouring capture): the camera has no compass.</source>
        <translation>Blickrichtung {heading:.1f}° aus der Fahrspur abgeleitet (Richtung zur benachbarten Aufnahme): die Kamera hat keinen Kompass.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_decode.py" line="219"/>
        <source>Partial panorama: it covers {width} × {height} of a {full_width} × {full_height} sphere; the rest is shown grey.</source>
        <translation>Teilpanorama: es deckt {width} × {height} einer Kugel von {full_width} × {full_height} ab; der Rest wird grau dargestellt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="77"/>
        <source>The image is {width} × {height} pixels, not 2:1, and has no panorama metadata (GPano): a photo, not a 360° panorama.</source>
        <translation>Das Bild hat {width} × {height} Pixel, nicht 2:1, und keine Panorama-Metadaten (GPano): ein Foto, kein 360°-Panorama.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="75"/>
        <source>Image server login</source>
        <translation>Anmeldung am Bildserver</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="24"/>
        <source>Prefetch panoramas for offline use</source>
        <translation>Panoramen für die Offline-Nutzung vorab laden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="27"/>
        <source>Downloads the images of every panorama within the extent (optionally of one campaign, by name or id) from the image server into the plugin&apos;s download cache, so the viewer opens them without a network. Images already cached and local image files are counted as available. Failed downloads are listed in the log; the rest is fetched anyway. The cache size is set in the plugin settings.</source>
        <translation>Lädt die Bilder aller Panoramen im Ausschnitt (wahlweise nur einer Befahrung, nach Name oder ID) vom Bildserver in den Download-Zwischenspeicher des Plugins, sodass der Viewer sie ohne Netz öffnet. Bereits gespeicherte Bilder und lokale Bilddateien zählen als verfügbar. Fehlgeschlagene Downloads stehen im Protokoll; der Rest wird trotzdem geladen. Die Größe des Zwischenspeichers wird in den Plugin-Einstellungen festgelegt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="37"/>
        <source>Campaign (name or id; empty: all)</source>
        <translation>Befahrung (Name oder ID; leer: alle)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="45"/>
        <source>Images downloaded</source>
        <translation>Heruntergeladene Bilder</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="45"/>
        <source>Images already available</source>
        <translation>Bereits verfügbare Bilder</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="45"/>
        <source>Images that failed</source>
        <translation>Fehlgeschlagene Bilder</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="59"/>
        <source>The area is empty: draw or choose an extent.</source>
        <translation>Der Bereich ist leer: zeichnen oder wählen Sie einen Ausschnitt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="77"/>
        <source>{count} panoramas in the area.</source>
        <translation>{count} Panoramen im Bereich.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="87"/>
        <source>Cancelled: {count} images were downloaded before; they stay in the cache.</source>
        <translation>Abgebrochen: {count} Bilder waren bereits heruntergeladen; sie bleiben im Zwischenspeicher.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="99"/>
        <source>There is no campaign &apos;{campaign}&apos;. Campaigns in the store: {names}</source>
        <translation>Es gibt keine Befahrung „{campaign}“. Befahrungen im Speicher: {names}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="108"/>
        <source>Clear the panorama download cache</source>
        <translation>Download-Zwischenspeicher der Panoramen leeren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="111"/>
        <source>Deletes every downloaded panorama image from the plugin&apos;s download cache (they are downloaded again when opened). Local image files and the store are not touched.</source>
        <translation>Löscht alle heruntergeladenen Panoramabilder aus dem Download-Zwischenspeicher des Plugins (sie werden beim Öffnen erneut geladen). Lokale Bilddateien und der Speicher bleiben unberührt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="115"/>
        <source>Files deleted</source>
        <translation>Gelöschte Dateien</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="116"/>
        <source>Megabytes freed</source>
        <translation>Freigegebene Megabyte</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/prefetch_panoramas.py" line="122"/>
        <source>{files} files deleted, {mb} MB freed.</source>
        <translation>{files} Dateien gelöscht, {mb} MB freigegeben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/loader.py" line="256"/>
        <source>The image server did not deliver the panorama within {seconds} s. Open it again to retry.</source>
        <translation>Der Bildserver hat das Panorama nicht innerhalb von {seconds} s geliefert. Öffnen Sie es erneut, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/prefetch.py" line="39"/>
        <source>Panorama {n} of {total}</source>
        <translation>Panorama {n} von {total}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/prefetch.py" line="53"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="27"/>
        <source>Import panoramas from Panoramax</source>
        <translation>Panoramen aus Panoramax importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="30"/>
        <source>Imports the pictures of a Panoramax server (its GeoVisio API, e.g. https://panoramax.example/api) within the extent. Each Panoramax collection (sequence) becomes a campaign named after it, with the prefix given. The images stay on the server: QUALITY sd takes the 2048-pixel-wide copy, hd the full resolution; the viewer downloads them into its cache. The image centre&apos;s bearing is pers:yaw (the GPano pose) where the server has one, else view:azimuth. Pictures without position, heading or image size are rejected; REPORT lists them with the reasons.</source>
        <translation>Importiert die Bilder eines Panoramax-Servers (seine GeoVisio-API, z. B. https://panoramax.example/api) im Ausschnitt. Jede Panoramax-Sammlung (Sequenz) wird eine Befahrung, benannt nach ihr mit dem angegebenen Präfix. Die Bilder bleiben auf dem Server: QUALITY sd nimmt die 2048 Pixel breite Kopie, hd die volle Auflösung; der Viewer lädt sie in seinen Zwischenspeicher. Die Richtung der Bildmitte ist pers:yaw (die GPano-Pose), wo der Server eine hat, sonst view:azimuth. Bilder ohne Position, Blickrichtung oder Bildgröße werden abgewiesen; REPORT listet sie mit den Gründen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="39"/>
        <source>Panoramax API address</source>
        <translation>Adresse der Panoramax-API</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="41"/>
        <source>Image quality</source>
        <translation>Bildqualität</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="43"/>
        <source>Campaign name prefix</source>
        <translation>Präfix des Befahrungsnamens</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="51"/>
        <source>Authentication for the Panoramax server</source>
        <translation>Anmeldung am Panoramax-Server</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panoramax.py" line="59"/>
        <source>Campaigns written</source>
        <translation>Geschriebene Befahrungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="64"/>
        <source>Unknown image quality &apos;{quality}&apos;. Accepted: {accepted}</source>
        <translation>Unbekannte Bildqualität „{quality}“. Zulässig: {accepted}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="70"/>
        <source>Picture {id} has no valid position.</source>
        <translation>Bild {id} hat keine gültige Position.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="75"/>
        <source>Picture {id} has no http(s) image address.</source>
        <translation>Bild {id} hat keine http(s)-Bildadresse.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="81"/>
        <source>Picture {id}: the image centre (pers:yaw {yaw:.1f}°) is used, not the picture's heading (view:azimuth {azimuth:.1f}°).</source>
        <translation>Bild {id}: verwendet wird die Bildmitte (pers:yaw {yaw:.1f}°), nicht die Aufnahmerichtung (view:azimuth {azimuth:.1f}°).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="140"/>
        <source>Not a valid http(s) address of a Panoramax API: {url}</source>
        <translation>Keine gültige http(s)-Adresse einer Panoramax-API: {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="142"/>
        <source>The address contains a user name or password; use an authentication configuration instead.</source>
        <translation>Die Adresse enthält einen Benutzernamen oder ein Passwort; verwenden Sie stattdessen eine Authentifizierungskonfiguration.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="150"/>
        <source>Access denied by the Panoramax server (HTTP {status}): check the authentication.</source>
        <translation>Zugriff vom Panoramax-Server verweigert (HTTP {status}): prüfen Sie die Anmeldung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="153"/>
        <source>The Panoramax server answered HTTP {status} for {url}</source>
        <translation>Der Panoramax-Server antwortete mit HTTP {status} auf {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="158"/>
        <source>The Panoramax server sent no readable JSON: {error}</source>
        <translation>Der Panoramax-Server sandte kein lesbares JSON: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="180"/>
        <source>The Panoramax server pointed to another server for the next page ({url}); stopped.</source>
        <translation>Der Panoramax-Server verwies für die nächste Seite auf einen anderen Server ({url}); abgebrochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="183"/>
        <source>The Panoramax server keeps sending further pages; stopped after {pages}.</source>
        <translation>Der Panoramax-Server sendet immer weitere Seiten; nach {pages} abgebrochen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="201"/>
        <source>No heading: the server gives neither pers:yaw nor view:azimuth.</source>
        <translation>Keine Blickrichtung: der Server liefert weder pers:yaw noch view:azimuth.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="204"/>
        <source>The server gives no image size for this picture.</source>
        <translation>Der Server liefert für dieses Bild keine Bildgröße.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/panoramax.py" line="243"/>
        <source>{count} pictures found</source>
        <translation>{count} Bilder gefunden</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="107"/>
        <source>With a URL template: read the image size from the server</source>
        <translation>Bei einer URL-Vorlage: Bildgröße vom Server lesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="109"/>
        <source>Authentication for the image server (reads the image size)</source>
        <translation>Anmeldung am Bildserver (liest die Bildgröße)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/remote_size.py" line="17"/>
        <source>The image server answered HTTP {status} for {url}</source>
        <translation>Der Bildserver antwortete mit HTTP {status} auf {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/remote_size.py" line="26"/>
        <source>The image at {url} is not a readable JPEG.</source>
        <translation>Das Bild unter {url} ist kein lesbares JPEG.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/remote_size.py" line="39"/>
        <source>The image size could not be read from the server ({error}): detections cannot be imported for these panoramas until it is known.</source>
        <translation>Die Bildgröße konnte nicht vom Server gelesen werden ({error}): für diese Panoramen lassen sich keine Detektionen importieren, bis sie bekannt ist.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/remote_size.py" line="46"/>
        <source>Image size {width} × {height} read from the server for all {count} panoramas.</source>
        <translation>Bildgröße {width} × {height} für alle {count} Panoramen vom Server gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="77"/>
        <source>Elevation model (empty: from the panorama track)</source>
        <translation>Höhenmodell (leer: aus der Panoramaspur)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/panorama_dock.py" line="412"/>
        <source>{coordinates} (± {error} m)</source>
        <translation>{coordinates} (± {error} m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="48"/>
        <source>Sensor alarms</source>
        <translation>Sensor-Alarme</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="46"/>
        <source>Refresh sensor layer now</source>
        <translation>Sensor-Layer jetzt aktualisieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_plugin.py" line="48"/>
        <source>Pause sensor layer</source>
        <translation>Sensor-Layer anhalten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/alarm_book.py" line="162"/>
        <source>for {minutes} min</source>
        <translation>seit {minutes} min</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Quantity</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="53"/>
        <source>Over at</source>
        <translation>Beendet um</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="65"/>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="66"/>
        <source>Mark the selected active alarms as seen</source>
        <translation>Die ausgewählten aktiven Alarme als gesehen markieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="68"/>
        <source>Acknowledge all</source>
        <translation>Alle quittieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="95"/>
        <source>Active ({count})</source>
        <translation>Aktiv ({count})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="95"/>
        <source>Acknowledged ({count})</source>
        <translation>Quittiert ({count})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="95"/>
        <source>History ({count})</source>
        <translation>Verlauf ({count})</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="121"/>
        <source>{count} unacknowledged alarms</source>
        <translation>{count} nicht quittierte Alarme</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_alarm_dock.py" line="121"/>
        <source>No unacknowledged alarm</source>
        <translation>Kein unquittierter Alarm</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_status.py" line="31"/>
        <source>The SensorThings service cannot be read.</source>
        <translation>Der SensorThings-Dienst kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_status.py" line="33"/>
        <source>Paused: no refresh, no live values until it is resumed.</source>
        <translation>Angehalten: keine Aktualisierung und keine Live-Werte, bis er fortgesetzt wird.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_status.py" line="36"/>
        <source>{stale} of {count} values are stale (no new observation).</source>
        <translation>{stale} von {count} Werten sind veraltet (keine neue Beobachtung).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="54"/>
        <source>Reads the observations of one datastream of an OGC SensorThings API service between START and END (default: the last 24 hours) into a table: time (end of the phenomenon time), value (empty when the result is not a number), result as text and the start of the phenomenon time. DATASTREAM is the datastream&apos;s id as fetchsensors writes it (an integer, or a text id such as a UUID; quote a text id that looks like a number: &apos;42&apos;). A component of a MultiDatastream is written MultiDatastreams(7)/1, or give COLLECTION (the row&apos;s collection field: Datastreams or MultiDatastreams) and COMPONENT (the row&apos;s component field). Output COUNT: the number of observations.</source>
        <translation>Liest die Beobachtungen eines Datastreams eines OGC-SensorThings-API-Dienstes zwischen START und END (Standard: die letzten 24 Stunden) in eine Tabelle: Zeit (Ende der Phänomenzeit), Wert (leer, wenn das Ergebnis keine Zahl ist), Ergebnis als Text und Beginn der Phänomenzeit. DATASTREAM ist die Kennung des Datastreams, wie fetchsensors sie schreibt (eine Ganzzahl oder eine Text-Kennung wie eine UUID; eine Text-Kennung, die wie eine Zahl aussieht, in Hochkommas: '42'). Eine Komponente eines MultiDatastreams wird MultiDatastreams(7)/1 geschrieben, oder geben Sie COLLECTION (das Feld collection der Zeile: Datastreams oder MultiDatastreams) und COMPONENT (das Feld component der Zeile) an. Ausgabe COUNT: die Zahl der Beobachtungen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="68"/>
        <source>Datastream id (or MultiDatastreams(id)/component)</source>
        <translation>Datastream-Kennung (oder MultiDatastreams(Kennung)/Komponente)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="70"/>
        <source>Collection (Datastreams or MultiDatastreams; empty: from the id)</source>
        <translation>Sammlung (Datastreams oder MultiDatastreams; leer: aus der Kennung)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="72"/>
        <source>Component of a MultiDatastream (0, 1, …)</source>
        <translation>Komponente eines MultiDatastreams (0, 1, …)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="139"/>
        <source>Unknown collection “{value}”: use one of {accepted}.</source>
        <translation>Unbekannte Sammlung „{value}“: zulässig sind {accepted}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="141"/>
        <source>DATASTREAM {ref} contradicts COLLECTION/COMPONENT ({collection} {component}).</source>
        <translation>DATASTREAM {ref} widerspricht COLLECTION/COMPONENT ({collection} {component}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="143"/>
        <source>{ref} is a MultiDatastream: give its component, e.g. MultiDatastreams(7)/0 or COMPONENT=0 (fetchsensors writes it in the component field).</source>
        <translation>{ref} ist ein MultiDatastream: Geben Sie die Komponente an, z. B. MultiDatastreams(7)/0 oder COMPONENT=0 (fetchsensors schreibt sie ins Feld component).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/sensor_history.py" line="145"/>
        <source>A component only exists for MultiDatastreams ({ref}).</source>
        <translation>Eine Komponente gibt es nur bei MultiDatastreams ({ref}).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/fetch_sensors.py" line="71"/>
        <source>Reads the latest observation of every datastream of an OGC SensorThings API service (version 1.1 or 1.0, e.g. FROST-Server) and writes one point per datastream at its Thing's location: thing, datastream, observed property, value, unit, time, age in seconds and status (fresh, stale, no data). The requests grow with the number of pages, not of datastreams. OBSERVED_PROPERTY keeps only datastreams whose observed property has this name. Locations are checked against the project's default view, without one against the area where most sensors lie: swapped latitude/longitude are corrected and flagged “swapped” in location_flag, positions far outside are kept and flagged “implausible”; locations that are not GeoJSON or not longitude/latitude are written without geometry and flagged. Outputs: DATASTREAMS (features written) and REQUESTS (HTTP requests made).</source>
        <translation>Liest die neueste Beobachtung jedes Datastreams eines OGC-SensorThings-API-Dienstes (Version 1.1 oder 1.0, z. B. FROST-Server) und schreibt einen Punkt je Datastream am Ort seines Things: Thing, Datastream, beobachtete Größe, Wert, Einheit, Zeit, Alter in Sekunden und Status (aktuell, veraltet, keine Daten). Die Zahl der Anfragen wächst mit der Zahl der Seiten, nicht der Datastreams. OBSERVED_PROPERTY behält nur Datastreams, deren beobachtete Größe diesen Namen hat. Orte werden an der Standardansicht des Projekts geprüft, ohne eine an dem Gebiet, in dem die meisten Sensoren liegen: vertauschte Breite/Länge werden korrigiert und in location_flag als „swapped“ markiert, weit außerhalb liegende Positionen bleiben erhalten und werden als „implausible“ markiert; Orte, die kein GeoJSON oder keine Länge/Breite sind, werden ohne Geometrie geschrieben und markiert. Ausgaben: DATASTREAMS (geschriebene Objekte) und REQUESTS (HTTP-Anfragen).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="254"/>
        <source>tries again at {time} (in {seconds} s)</source>
        <translation>versucht es um {time} erneut (in {seconds} s)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="258"/>
        <source>refreshes only when asked</source>
        <translation>aktualisiert nur auf Anforderung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/live_layer.py" line="259"/>
        <source>{error} The layer {name} keeps its last values, shown as stale, and {retry}.</source>
        <translation>{error} Der Layer {name} behält seine letzten Werte (als veraltet dargestellt) und {retry}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/alarm_book.py" line="130"/>
        <source>{count} sensor alarms are over.</source>
        <translation>{count} Sensor-Alarme sind beendet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/sensors/alarm_book.py" line="183"/>
        <source>{count} sensor alarms active{layer} (e.g. {examples}). The alarm list shows all of them.</source>
        <translation>{count} Sensor-Alarme aktiv{layer} (z. B. {examples}). Die Alarmliste zeigt alle.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="60"/>
        <source>{count} Things lie far outside the area of the other sensors (for example {example}); they are shown there but flagged “implausible”: check their coordinates.</source>
        <translation>{count} Things liegen weit außerhalb des Gebiets der übrigen Sensoren (zum Beispiel {example}); sie werden dort angezeigt, aber als „implausible“ markiert: Bitte die Koordinaten prüfen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/vzkat_labels.py" line="158"/>
        <source>The label mapping could not be read: {error}</source>
        <translation>Die Bezeichnungszuordnung konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/vzkat_labels.py" line="178"/>
        <source>The label mapping has unusable lines (need label,vzkat such as &apos;speed30,274-53&apos;): line {lines}</source>
        <translation>Die Bezeichnungszuordnung hat unbrauchbare Zeilen (nötig ist label,vzkat wie 'speed30,274-53'): Zeile {lines}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="20"/>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="21"/>
        <source>value changed</source>
        <translation>Wert geändert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="22"/>
        <source>not covered</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="53"/>
        <source>Compare register with campaign</source>
        <translation>Kataster mit Befahrung vergleichen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="56"/>
        <source>Compares the sign register with what a campaign's panoramas saw. The campaign's detections (not rejected, score at least MIN_SCORE; accepted ones through their assets) are grouped into observed signs by their view rays. Each register entry becomes &lt;b&gt;confirmed&lt;/b&gt;, &lt;b&gt;moved&lt;/b&gt; (same class seen farther than TOLERANCE_M, up to 10 m), &lt;b&gt;class changed&lt;/b&gt;, &lt;b&gt;value changed&lt;/b&gt; (Tempo 30 → 50), &lt;b&gt;missing&lt;/b&gt; (a panorama of the campaign stood within 15 m in front of it and nothing was seen) or &lt;b&gt;not covered&lt;/b&gt; (no panorama had it in view); signs seen at least twice that the register lacks are &lt;b&gt;new&lt;/b&gt;. With OTHER_CAMPAIGN the earlier campaign's observations take the register's place (change between campaigns). Every run is stored with its changes (register_change, earlier runs stay as history); OUTPUT is the layer of changes, coloured by type.</source>
        <translation>Vergleicht das Verkehrszeichenkataster mit dem, was die Panoramen einer Befahrung zeigen. Die Detektionen der Befahrung (nicht abgelehnt, Bewertung mindestens MIN_SCORE; bestätigte über ihre Objekte) werden über ihre Sichtstrahlen zu gesehenen Zeichen zusammengefasst. Jeder Katastereintrag wird &lt;b&gt;bestätigt&lt;/b&gt;, &lt;b&gt;versetzt&lt;/b&gt; (gleiche Klasse weiter als TOLERANCE_M entfernt gesehen, bis 10 m), &lt;b&gt;Klasse geändert&lt;/b&gt;, &lt;b&gt;Wert geändert&lt;/b&gt; (Tempo 30 → 50), &lt;b&gt;fehlt&lt;/b&gt; (ein Panorama der Befahrung stand innerhalb von 15 m davor und nichts wurde gesehen) oder &lt;b&gt;nicht erfasst&lt;/b&gt; (kein Panorama hatte es im Blick); mindestens zweimal gesehene Zeichen, die das Kataster nicht kennt, sind &lt;b&gt;neu&lt;/b&gt;. Mit OTHER_CAMPAIGN treten die Beobachtungen der früheren Befahrung an die Stelle des Katasters (Änderung zwischen Befahrungen). Jeder Lauf wird mit seinen Änderungen gespeichert (register_change, frühere Läufe bleiben als Verlauf); OUTPUT ist der Layer der Änderungen, nach Art eingefärbt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="71"/>
        <source>Campaign (name or id; empty: the latest)</source>
        <translation>Befahrung (Name oder ID; leer: die neueste)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="73"/>
        <source>Earlier campaign instead of the register (name or id, optional)</source>
        <translation>Frühere Befahrung statt des Katasters (Name oder ID, optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="75"/>
        <source>Position tolerance (m)</source>
        <translation>Lagetoleranz (m)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="78"/>
        <source>Lowest detection score used</source>
        <translation>Niedrigste verwendete Detektionsbewertung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="81"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="85"/>
        <source>Comparison run id</source>
        <translation>ID des Vergleichslaufs</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/compare_register.py" line="100"/>
        <source>Cancelled: nothing was stored.</source>
        <translation>Abgebrochen: nichts wurde gespeichert.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="36"/>
        <source>The register could not be read: {path}</source>
        <translation>Das Kataster konnte nicht gelesen werden: {path}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="44"/>
        <source>Import sign register</source>
        <translation>Verkehrszeichenkataster importieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="47"/>
        <source>Imports the city&apos;s traffic-sign register (Verkehrszeichenkataster) from a GeoPackage, Shapefile, WFS (WFS:&lt;url&gt; or a WFS data source) or a CSV with x/y columns (FIELD_X, FIELD_Y in CSV_CRS). The field parameters name the register&apos;s own fields: id and VzKat code are required; the code may be written 206, 274-53 (old variant numbers: Tempo 30), 274-30, DE:274[30], VZ 206 or a German name such as Haltverbot; Zusatzzeichen (1000 series) are signs of their own, &apos;DE:260,1020-30&apos; keeps them with the main sign. IMPORT_MAPPING: a CSV label,vzkat for any other spelling. Positions come in the layer&apos;s CRS and are stored in EPSG:25832. Rows without id, position or a known code go to REPORT with the reason. Importing the same register again updates the entries by id. Register positions are surveyed: triangulation never moves them.</source>
        <translation>Importiert das Verkehrszeichenkataster der Stadt aus einem GeoPackage, Shapefile, WFS (WFS:&lt;url&gt; oder eine WFS-Datenquelle) oder einer CSV mit x/y-Spalten (FIELD_X, FIELD_Y in CSV_CRS). Die Feldparameter nennen die Felder des Katasters: ID und VzKat-Code sind Pflicht; der Code darf als 206, 274-53 (alte Variantennummern: Tempo 30), 274-30, DE:274[30], VZ 206 oder mit deutschem Namen wie Haltverbot geschrieben sein; Zusatzzeichen (1000er-Reihe) sind eigene Zeichen, 'DE:260,1020-30' hält sie beim Hauptzeichen. IMPORT_MAPPING: eine CSV label,vzkat für jede andere Schreibweise. Positionen kommen im KBS des Layers und werden in EPSG:25832 gespeichert. Zeilen ohne ID, Position oder bekannten Code gehen mit Grund in REPORT. Ein erneuter Import desselben Katasters aktualisiert die Einträge anhand der ID. Katasterpositionen sind vermessen: die Triangulation verschiebt sie nie.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="59"/>
        <source>Register (GeoPackage, Shapefile, CSV with x/y or WFS)</source>
        <translation>Kataster (GeoPackage, Shapefile, CSV mit x/y oder WFS)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="59"/>
        <source>Register files (*.gpkg *.shp *.csv *.txt *.geojson);;All files (*)</source>
        <translation>Katasterdateien (*.gpkg *.shp *.csv *.txt *.geojson);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="62"/>
        <source>VzKat code field</source>
        <translation>Feld VzKat-Code</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="63"/>
        <source>Value field (speed or variant, optional)</source>
        <translation>Feld Wert (Geschwindigkeit oder Variante, optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="64"/>
        <source>Direction field (degrees the sign faces, optional)</source>
        <translation>Feld Richtung (Grad, in die das Zeichen zeigt, optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="65"/>
        <source>Post field (Standort/Pfosten, optional)</source>
        <translation>Feld Pfosten (Standort/Pfosten, optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="66"/>
        <source>Installation date field (optional)</source>
        <translation>Feld Einbaudatum (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="67"/>
        <source>Condition field (optional)</source>
        <translation>Feld Zustand (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="68"/>
        <source>District field (optional)</source>
        <translation>Feld Stadtteil (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="69"/>
        <source>Zusatzzeichen field (optional)</source>
        <translation>Feld Zusatzzeichen (optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="74"/>
        <source>x field (CSV)</source>
        <translation>Feld x (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="74"/>
        <source>y field (CSV)</source>
        <translation>Feld y (CSV)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="78"/>
        <source>CRS of the CSV coordinates</source>
        <translation>KBS der CSV-Koordinaten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="82"/>
        <source>Label mapping (CSV label,vzkat, optional)</source>
        <translation>Bezeichnungszuordnung (CSV label,vzkat, optional)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="91"/>
        <source>New register entries</source>
        <translation>Neue Katastereinträge</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="92"/>
        <source>Updated register entries</source>
        <translation>Aktualisierte Katastereinträge</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="116"/>
        <source>The register has no field {missing}; its fields are: {fields}</source>
        <translation>Das Kataster hat kein Feld {missing}; seine Felder sind: {fields}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="124"/>
        <source>The register layer has no coordinate reference system.</source>
        <translation>Der Katasterlayer hat kein Koordinatenbezugssystem.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="141"/>
        <source>feature {id}</source>
        <translation>Objekt {id}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_register.py" line="160"/>
        <source>{imported} register entries new, {updated} updated, {unchanged} unchanged, {rejected} rows rejected.</source>
        <translation>{imported} Katastereinträge neu, {updated} aktualisiert, {unchanged} unverändert, {rejected} Zeilen abgewiesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="98"/>
        <source>The register could not be written: {error}</source>
        <translation>Das Kataster konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="42"/>
        <source>Export updated sign register</source>
        <translation>Aktualisiertes Verkehrszeichenkataster exportieren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="45"/>
        <source>Writes the register back in the field names of its import (GeoPackage or CSV by the OUTPUT extension), with the changes of one comparison (COMPARE id; empty: the latest) applied: &lt;b&gt;decided&lt;/b&gt; only those a reviewer decided &apos;update register&apos;, &lt;b&gt;all&lt;/b&gt; every change found (moved: the seen position, class/value changed: the seen code, missing: status &apos;fehlt&apos;, new: a new row NEU-&lt;id&gt;). Extra columns: vzkat_code_neu, status, aenderung (the change type), x, y (EPSG:25832). DISTRICT_REPORT: counts by change type per district (CSV).</source>
        <translation>Schreibt das Kataster mit den Feldnamen seines Imports zurück (GeoPackage oder CSV nach der Endung von OUTPUT), mit den Änderungen eines Vergleichs (COMPARE-ID; leer: der neueste) übernommen: &lt;b&gt;decided&lt;/b&gt; nur die, bei denen eine Prüferin „Kataster aktualisieren“ entschieden hat, &lt;b&gt;all&lt;/b&gt; alle gefundenen Änderungen (versetzt: die gesehene Position, Klasse/Wert geändert: der gesehene Code, fehlt: Status 'fehlt', neu: eine neue Zeile NEU-&lt;id&gt;). Zusätzliche Spalten: vzkat_code_neu, status, aenderung (die Art der Änderung), x, y (EPSG:25832). DISTRICT_REPORT: Anzahl je Änderungsart und Stadtteil (CSV).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="57"/>
        <source>Comparison run id (empty: the latest)</source>
        <translation>ID des Vergleichslaufs (leer: der neueste)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="59"/>
        <source>Changes to apply</source>
        <translation>Zu übernehmende Änderungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="61"/>
        <source>Updated register</source>
        <translation>Aktualisiertes Kataster</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="61"/>
        <source>GeoPackage (*.gpkg);;CSV files (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="63"/>
        <source>Changes per district</source>
        <translation>Änderungen je Stadtteil</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="66"/>
        <source>Exported register rows</source>
        <translation>Exportierte Katasterzeilen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="74"/>
        <source>The comparison run id must be a number, not &apos;{value}&apos;.</source>
        <translation>Die ID des Vergleichslaufs muss eine Zahl sein, nicht '{value}'.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/export_register.py" line="99"/>
        <source>{count} register rows written to {path}.</source>
        <translation>{count} Katasterzeilen nach {path} geschrieben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="35"/>
        <source>The store has no campaign to compare with.</source>
        <translation>Der Speicher hat keine Befahrung zum Vergleichen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="43"/>
        <source>Unknown campaign &apos;{name}&apos;; the store has: {names}.</source>
        <translation>Unbekannte Befahrung '{name}'; der Speicher hat: {names}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="129"/>
        <source>The tolerance must be a positive number of metres.</source>
        <translation>Die Toleranz muss eine positive Zahl in Metern sein.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="134"/>
        <source>Choose two different campaigns to compare.</source>
        <translation>Wählen Sie zwei verschiedene Befahrungen zum Vergleich.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="135"/>
        <source>Reading the campaign</source>
        <translation>Befahrung wird gelesen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="140"/>
        <source>The register is empty: import it first (Import sign register).</source>
        <translation>Das Kataster ist leer: importieren Sie es zuerst (Verkehrszeichenkataster importieren).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="146"/>
        <source>Grouping the detections</source>
        <translation>Detektionen werden zusammengefasst</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="150"/>
        <source>Matching with the register</source>
        <translation>Abgleich mit dem Kataster</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="157"/>
        <source>Storing the changes</source>
        <translation>Änderungen werden gespeichert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/compare.py" line="160"/>
        <source>Comparison finished</source>
        <translation>Vergleich abgeschlossen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/export.py" line="29"/>
        <source>Unknown mode &apos;{mode}&apos;; use one of: {modes}.</source>
        <translation>Unbekannter Modus '{mode}'; zulässig: {modes}.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/export.py" line="111"/>
        <source>No comparison has been run yet: run &apos;Compare register with campaign&apos; first.</source>
        <translation>Es wurde noch kein Vergleich ausgeführt: führen Sie zuerst 'Kataster mit Befahrung vergleichen' aus.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/export.py" line="122"/>
        <source>(no district)</source>
        <translation>(kein Stadtteil)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="86"/>
        <source>the id field &apos;{field}&apos; is empty</source>
        <translation>das ID-Feld '{field}' ist leer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="88"/>
        <source>the row has no position</source>
        <translation>die Zeile hat keine Position</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="92"/>
        <source>the position is a {kind}, not a point</source>
        <translation>die Position ist ein {kind}, kein Punkt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="94"/>
        <source>the position is not a finite coordinate</source>
        <translation>die Position ist keine endliche Koordinate</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="97"/>
        <source>the VzKat field &apos;{field}&apos; is empty</source>
        <translation>das VzKat-Feld '{field}' ist leer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="111"/>
        <source>&apos;{code}&apos; is no VzKat code (e.g. 206, 274-53, DE:274[30], 1020-30)</source>
        <translation>'{code}' ist kein VzKat-Code (z. B. 206, 274-53, DE:274[30], 1020-30)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="120"/>
        <source>the value &apos;{value}&apos; is not a number</source>
        <translation>der Wert '{value}' ist keine Zahl</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="123"/>
        <source>the code says {code} but the value field says {value}</source>
        <translation>der Code sagt {code}, das Wertfeld aber {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="133"/>
        <source>the direction &apos;{value}&apos; is not a number of degrees</source>
        <translation>die Richtung '{value}' ist keine Gradzahl</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="135"/>
        <source>the direction {value} lies outside -360 … 360 degrees</source>
        <translation>die Richtung {value} liegt außerhalb von -360 … 360 Grad</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="164"/>
        <source>Checking register rows</source>
        <translation>Katasterzeilen werden geprüft</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="171"/>
        <source>the id {id} appears twice in the register</source>
        <translation>die ID {id} kommt im Kataster zweimal vor</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/register/importer.py" line="178"/>
        <source>Writing the register</source>
        <translation>Kataster wird geschrieben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/roadworks/geojson.py" line="70"/>
        <source>The file nests deeper than {limit} levels; it is not read.</source>
        <translation>Die Datei ist tiefer als {limit} Ebenen verschachtelt; sie wird nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="150"/>
        <source>The GeoJSON file nests deeper than {limit} levels; it is not read.</source>
        <translation>Die GeoJSON-Datei ist tiefer als {limit} Ebenen verschachtelt; sie wird nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/render_panorama_view.py" line="77"/>
        <source>The image cannot be written to {path}: {error}</source>
        <translation>Das Bild kann nicht nach {path} geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="52"/>
        <source>Only a database administrator can set up the shared database: the user of this connection may not create the tables, roles or grants. Ask an administrator (a superuser, or a user with CREATEROLE who owns the database) to run it, or choose the administrator&apos;s authentication. The database said: {error}</source>
        <translation>Nur eine Datenbank-Administratorin oder ein Administrator kann die gemeinsame Datenbank einrichten: Der Benutzer dieser Verbindung darf Tabellen, Rollen und Rechte nicht anlegen. Bitten Sie die Administration (Superuser oder ein Benutzer mit CREATEROLE, dem die Datenbank gehört), den Algorithmus auszuführen, oder wählen Sie deren Authentifizierung. Meldung der Datenbank: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_table.py" line="174"/>
        <source>The input path contains a NUL character.</source>
        <translation>Der Eingabepfad enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="45"/>
        <source>The folder {path} does not exist.</source>
        <translation>Der Ordner {path} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="47"/>
        <source>The input file {path} does not exist.</source>
        <translation>Die Eingabedatei {path} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="127"/>
        <source>The GPS position is not a number.</source>
        <translation>Die GPS-Position ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="129"/>
        <source>The GPS position is not a finite number.</source>
        <translation>Die GPS-Position ist keine endliche Zahl.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="131"/>
        <source>The GPS position is 0° N 0° E, the value cameras write without a GPS fix.</source>
        <translation>Die GPS-Position ist 0° N 0° O – der Wert, den Kameras ohne GPS-Empfang schreiben.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="133"/>
        <source>The GPS position {lat}° N, {lon}° E is outside the valid range (latitude -90…90°, longitude -180…180°).</source>
        <translation>Die GPS-Position {lat}° N, {lon}° O liegt außerhalb des gültigen Bereichs (Breite -90…90°, Länge -180…180°).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/import_folder.py" line="156"/>
        <source>The GPS position {lat}° N, {lon}° E lies too far from UTM zone 32 (EPSG:25832) to be stored.</source>
        <translation>Die GPS-Position {lat}° N, {lon}° O liegt zu weit außerhalb der UTM-Zone 32 (EPSG:25832), um gespeichert zu werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="30"/>
        <source>The address {url} contains a user name or password; remove them and choose an authentication configuration (authcfg) instead.</source>
        <translation>Die Adresse {url} enthält einen Benutzernamen oder ein Passwort; entfernen Sie sie und wählen Sie stattdessen eine Authentifizierungskonfiguration (authcfg).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="32"/>
        <source>“{id}” is not a valid entity id: use a number or a name without / \ ? # % or “..”.</source>
        <translation>„{id}“ ist keine gültige Entitäts-ID: Verwenden Sie eine Zahl oder einen Namen ohne / \ ? # % oder „..“.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/core/sensorthings/messages.py" line="37"/>
        <source>Paging of {collection} stopped: the next link {url} points to another server; it is not followed (and no credentials are sent there). {count} entities were read.</source>
        <translation>Das Blättern durch {collection} wurde beendet: Der Folgelink {url} zeigt auf einen anderen Server; ihm wird nicht gefolgt (und es werden keine Zugangsdaten dorthin gesendet). {count} Einträge wurden gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="95"/>
        <source>The address {url} contains a user name or password; use an authentication configuration (authcfg) instead.</source>
        <translation>Die Adresse {url} enthält einen Benutzernamen oder ein Passwort; verwenden Sie stattdessen eine Authentifizierungskonfiguration (authcfg).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="103"/>
        <source>The authentication configuration &apos;{authcfg}&apos; does not exist in this QGIS profile.</source>
        <translation>Die Authentifizierungskonfiguration „{authcfg}“ existiert in diesem QGIS-Profil nicht.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="106"/>
        <source>The address {url} is on another server than {origin}; the credentials are not sent there.</source>
        <translation>Die Adresse {url} liegt auf einem anderen Server als {origin}; die Zugangsdaten werden nicht dorthin gesendet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="154"/>
        <source>The answer from {url} is larger than {mb} MB; it was not read.</source>
        <translation>Die Antwort von {url} ist größer als {mb} MB; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="175"/>
        <source>The server at {url} redirected the request to &apos;{target}&apos;; this redirect is not followed (only to http(s) addresses, and with credentials only to the same server).</source>
        <translation>Der Server unter {url} hat die Anfrage nach „{target}“ umgeleitet; dieser Umleitung wird nicht gefolgt (nur zu http(s)-Adressen, und mit Zugangsdaten nur zum selben Server).</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/import_panorama_common.py" line="53"/>
        <source>The database user may not write this: it needs the role {role} (ask an administrator to grant it). Nothing was imported. The database said: {error}</source>
        <translation>Der Datenbankbenutzer darf das nicht schreiben: Dafür ist die Rolle {role} nötig (bitten Sie die Administration, sie zu vergeben). Es wurde nichts importiert. Meldung der Datenbank: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/sensor_layer_dialog.py" line="179"/>
        <source>The authentication of {server} was removed: the address now points to another server, and credentials are only sent to the server they belong to. Choose the authentication of the new server if it needs one.</source>
        <translation>Die Authentifizierung von {server} wurde entfernt: Die Adresse zeigt jetzt auf einen anderen Server, und Zugangsdaten gehen nur an den Server, zu dem sie gehören. Wählen Sie die Authentifizierung des neuen Servers, falls er eine verlangt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/democity/image_resolver.py" line="55"/>
        <source>The demo store&apos;s description is not understood: {value}</source>
        <translation>Die Beschreibung des Demo-Speichers ist unverständlich: {value}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="63"/>
        <source>Add store layers…</source>
        <translation>Datenspeicher-Layer hinzufügen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="31"/>
        <source>Add store layers</source>
        <translation>Datenspeicher-Layer hinzufügen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="34"/>
        <source>Adds the layers of a store (GeoPackage or shared PostGIS database) to the current project: roads, panoramas by campaign, detections and assets with traffic-sign symbols, sensors, roadworks and detours, styled and in one group. Running it again replaces that group.</source>
        <translation>Fügt die Layer eines Datenspeichers (GeoPackage oder gemeinsame PostGIS-Datenbank) dem aktuellen Projekt hinzu: Straßen, Panoramen nach Befahrung, Detektionen und Objekte mit Verkehrszeichen-Symbolen, Sensoren, Baustellen und Umleitungen, gestaltet und in einer Gruppe. Ein erneuter Lauf ersetzt diese Gruppe.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="46"/>
        <source>Layers added</source>
        <translation>Hinzugefügte Layer</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/add_store_layers.py" line="66"/>
        <source>{count} layers added to the group &apos;{group}&apos;.</source>
        <translation>{count} Layer zur Gruppe „{group}“ hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/panorama/image_source.py" line="208"/>
        <source>The panorama image could not be produced: {error}</source>
        <translation>Das Panoramabild konnte nicht erzeugt werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/styles/store_layers.py" line="211"/>
        <source>Herzlich Digital – {store}</source>
        <translation>Herzlich Digital – {store}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/store_layer_results.py" line="41"/>
        <source>The imported layer could not be shown: {error}</source>
        <translation>Der importierte Layer konnte nicht angezeigt werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/store_layer_results.py" line="33"/>
        <source>The layer &apos;{name}&apos; shows the imported data now.</source>
        <translation>Der Layer „{name}“ zeigt jetzt die importierten Daten.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/review/import_detections.py" line="126"/>
        <source>Writing {count} detections</source>
        <translation>Schreibe {count} Detektionen</translation>
    </message>
</context>
</TS>
