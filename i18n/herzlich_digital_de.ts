<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../herzlich_digital_plugin/processing/provider.py" line="19" />
        <source>Herzlich Digital</source>
        <translation>Herzlich Digital</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="47" />
        <source>Create demo city…</source>
        <translation>Demo-Stadt erstellen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="49" />
        <source>Set up shared database…</source>
        <translation>Gemeinsame Datenbank einrichten…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/plugin.py" line="52" />
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="32" />
        <source>Herzlich Digital settings</source>
        <translation>Herzlich Digital – Einstellungen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="38" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="42" />
        <source>QGIS connection name or postgresql://host/database</source>
        <translation>Name der QGIS-Verbindung oder postgresql://host/datenbank</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="46" />
        <source>Your login name is used when empty</source>
        <translation>Leer: Ihr Anmeldename wird verwendet</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="55" />
        <source>Write debug messages to the log</source>
        <translation>Debug-Meldungen ins Protokoll schreiben</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="59" />
        <source>Local store (GeoPackage)</source>
        <translation>Lokaler Datenspeicher (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="60" />
        <source>Shared store (PostgreSQL)</source>
        <translation>Gemeinsamer Datenspeicher (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="61" />
        <source>Database login</source>
        <translation>Datenbank-Anmeldung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="62" />
        <source>Reviewer name</source>
        <translation>Name für die Prüfung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="63" />
        <source>Panorama memory cache</source>
        <translation>Panorama-Zwischenspeicher (RAM)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="64" />
        <source>Panorama download cache</source>
        <translation>Panorama-Download-Zwischenspeicher</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="65" />
        <source>Open panoramas within</source>
        <translation>Panoramen öffnen im Umkreis von</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="66" />
        <source>Sensor refresh interval</source>
        <translation>Aktualisierungsintervall der Sensoren</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/gui/settings_dialog.py" line="67" />
        <source>Network timeout</source>
        <translation>Netzwerk-Zeitlimit</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/provider.py" line="22" />
        <source>Herzlich Digital {version}</source>
        <translation>Herzlich Digital {version}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="19" />
        <source>Set up shared database</source>
        <translation>Gemeinsame Datenbank einrichten</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="22" />
        <source>Creates the Herzlich Digital schema in a PostgreSQL/PostGIS database, or upgrades it to the current version, and (optionally) the group roles hd_viewer, hd_reviewer, hd_planner and hd_admin. Give a QGIS PostgreSQL connection name or a postgresql:// address, and the credentials of a database administrator as an authentication configuration.</source>
        <translation>Legt das Herzlich-Digital-Schema in einer PostgreSQL/PostGIS-Datenbank an oder aktualisiert es auf die aktuelle Version und erstellt (optional) die Gruppenrollen hd_viewer, hd_reviewer, hd_planner und hd_admin. Geben Sie den Namen einer QGIS-PostgreSQL-Verbindung oder eine postgresql://-Adresse an und die Zugangsdaten einer Datenbank-Administration als Authentifizierungskonfiguration.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="29" />
        <source>PostgreSQL connection (name or postgresql:// address)</source>
        <translation>PostgreSQL-Verbindung (Name oder postgresql://-Adresse)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="31" />
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="32" />
        <source>Create roles</source>
        <translation>Rollen anlegen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="33" />
        <source>Schema version</source>
        <translation>Schemaversion</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="47" />
        <source>A shared database must be PostgreSQL, not a GeoPackage.</source>
        <translation>Eine gemeinsame Datenbank muss PostgreSQL sein, kein GeoPackage.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="51" />
        <source>Setting up the shared database failed: {error}</source>
        <translation>Die gemeinsame Datenbank konnte nicht eingerichtet werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/setup_shared_database.py" line="52" />
        <source>Schema version {version} is in place.</source>
        <translation>Schemaversion {version} ist eingerichtet.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="23" />
        <source>Create demo city</source>
        <translation>Demo-Stadt erstellen</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="26" />
        <source>Generates a deterministic demo of Kaiserslautern: roads with real street names, two capture campaigns with a panorama every 5 m, traffic signs, markings and lights, AI detections with known error rates, sensor stations with a year of 15-minute data, and a few roadworks. Sizes: test (about 150 panoramas), demo (about 1,500, the default) and city (100,600, for benchmarks; metadata only). With 'Render images now' the panorama JPEGs are rendered at once; otherwise each is rendered on first view.</source>
        <translation>Erzeugt ein reproduzierbares Demo-Kaiserslautern: Straßen mit echten Straßennamen, zwei Befahrungen mit einem Panorama alle 5 m, Verkehrszeichen, Markierungen und Ampeln, KI-Erkennungen mit bekannten Fehlerquoten, Sensorstationen mit einem Jahr 15-Minuten-Daten und einige Baustellen. Größen: test (etwa 150 Panoramen), demo (etwa 1.500, Standard) und city (100.600, für Benchmarks; nur Metadaten). Mit „Bilder jetzt rendern“ werden die Panorama-JPEGs sofort erzeugt, sonst jedes beim ersten Ansehen.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="35" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="35" />
        <source>test (about 150 panoramas)</source>
        <translation>test (etwa 150 Panoramen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="35" />
        <source>demo (about 1,500 panoramas)</source>
        <translation>demo (etwa 1.500 Panoramen)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="35" />
        <source>city (100,600 panoramas, metadata only)</source>
        <translation>city (100.600 Panoramen, nur Metadaten)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="38" />
        <source>Random seed</source>
        <translation>Zufalls-Startwert</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="40" />
        <source>Render images now</source>
        <translation>Bilder jetzt rendern</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="41" />
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="42" />
        <source>Demo store (GeoPackage)</source>
        <translation>Demo-Datenspeicher (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="43" />
        <source>Demo project</source>
        <translation>Demo-Projekt</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="64" />
        <source>The demo city could not be created: {error}</source>
        <translation>Die Demo-Stadt konnte nicht erstellt werden: {error}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/processing/create_demo_city.py" line="68" />
        <source>{name}: {count}</source>
        <translation>{name}: {count}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="25" />
        <source>The authentication configuration '{id}' could not be loaded.</source>
        <translation>Die Authentifizierungskonfiguration „{id}“ konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="48" />
        <source>No store given: choose a GeoPackage file or a PostgreSQL connection.</source>
        <translation>Kein Datenspeicher angegeben: Wählen Sie eine GeoPackage-Datei oder eine PostgreSQL-Verbindung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/db_connection.py" line="60" />
        <source>'{name}' is neither a GeoPackage (.gpkg) nor a known PostgreSQL connection.</source>
        <translation>„{name}“ ist weder ein GeoPackage (.gpkg) noch eine bekannte PostgreSQL-Verbindung.</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="47" />
        <source>Not a valid http(s) address: {url}</source>
        <translation>Keine gültige http(s)-Adresse: {url}</translation>
    </message>
    <message>
        <location filename="../herzlich_digital_plugin/toolbelt/network.py" line="74" />
        <source>Request to {url} failed: {error}</source>
        <translation>Die Anfrage an {url} ist fehlgeschlagen: {error}</translation>
    </message>
</context>
</TS>