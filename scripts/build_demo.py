"""Build the demo city headless through the Processing algorithm (used by `make demo`).

usage: build_demo.py SIZE OUTPUT_FOLDER
Runs `herzlich_digital:createdemocity` from the assembled plugin in build/, exactly as a user's script would.
"""
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(size: str, folder: str) -> int:
    from qgis.core import QgsApplication, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, str(ROOT / "build"))
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))  # the processing plugin
    from processing.core.Processing import Processing
    from qgis import processing

    Processing.initialize()
    from herzlich_digital_plugin.processing.provider import HerzlichDigitalProvider

    from herzlich_digital_plugin.toolbelt.i18n import install_translator

    translator = install_translator(os.environ.get("HD_LANGUAGE", "de"))  # noqa: F841 - layer names in German
    provider = HerzlichDigitalProvider()  # keep a Python reference, or the provider's algorithms vanish
    QgsApplication.processingRegistry().addProvider(provider)

    class Feedback(QgsProcessingFeedback):
        def setProgressText(self, text):
            print(f"  {text}", flush=True)

        def reportError(self, error, fatalError=False):
            print(f"  ERROR: {error}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    sizes = {"test": 0, "demo": 1, "city": 2}
    result = processing.run("herzlich_digital:createdemocity",
                            {"SIZE": sizes[size], "SEED": 7239, "IMAGES": False, "OUTPUT_FOLDER": folder},
                            feedback=Feedback())
    print(f"Demo city ({size}) in {time.perf_counter() - started:.1f} s: {result['PROJECT']}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
