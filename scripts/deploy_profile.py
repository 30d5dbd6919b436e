"""Deploy the assembled plugin into a dedicated QGIS profile and enable it (used by `make demo` and tests).

usage: deploy_profile.py PROFILES_PATH PROFILE_NAME PLUGIN_FOLDER [LANGUAGE]
"""
import configparser
import shutil
import sys
from pathlib import Path

PACKAGE = "herzlich_digital_plugin"


def deploy(profiles_path: Path, profile: str, plugin_folder: Path, language: str = "de") -> Path:
    profile_dir = profiles_path / "profiles" / profile
    plugins_dir = profile_dir / "python" / "plugins"
    plugins_dir.mkdir(parents=True, exist_ok=True)
    target = plugins_dir / PACKAGE
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(plugin_folder, target)

    ini_path = profile_dir / "QGIS" / "QGIS3.ini"
    ini_path.parent.mkdir(parents=True, exist_ok=True)
    ini = configparser.RawConfigParser()
    ini.optionxform = str  # QSettings keys are case-sensitive
    if ini_path.exists():
        ini.read(ini_path, encoding="utf-8")
    values = {
        "PythonPlugins": {PACKAGE: "true", "processing": "true"},
        "locale": {"userLocale": language, "overrideFlag": "true"},
        "qgis": {"checkVersion": "false", "showTips": "false", "allowVersionCheck": "false"},
        "app": {"LocaleOverride": language},
    }
    for section, items in values.items():
        if not ini.has_section(section):
            ini.add_section(section)
        for key, value in items.items():
            ini.set(section, key, value)
    with open(ini_path, "w", encoding="utf-8") as handle:
        ini.write(handle, space_around_delimiters=False)
    return target


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    language = sys.argv[4] if len(sys.argv) > 4 else "de"
    print(deploy(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), language))
