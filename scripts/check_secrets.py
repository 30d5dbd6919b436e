"""Fail when detect-secrets finds anything in the files git tracks (used by `make lint`)."""
import json
import subprocess  # nosec B404 - runs git and detect-secrets, fixed arguments
import sys


def main() -> int:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], check=True,  # nosec B603 B607
                           capture_output=True, text=True).stdout.split()
    files = [f for f in files if not f.startswith(("tests/fixtures/", "i18n/")) and not f.endswith(".svg")]
    result = subprocess.run([sys.executable, "-m", "detect_secrets", "scan", *files],  # nosec B603
                            check=True, capture_output=True, text=True)
    findings = json.loads(result.stdout).get("results", {})
    for path, hits in findings.items():
        for hit in hits:
            print(f"{path}:{hit['line_number']}: {hit['type']}")
    print(f"detect-secrets: {sum(len(h) for h in findings.values())} finding(s) in {len(files)} files")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
