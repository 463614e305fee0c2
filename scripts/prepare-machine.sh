#!/usr/bin/env bash
# Installs and fixes what the test command's three suites need on this machine, bench or not.
# Idempotent: each step runs only when its check fails, and says why it ran. Run by .ci/run first;
# safe to run by hand (as root, or with sudo available for the system packages).
#
#   fast tests        python3 with hijridate (the rules' one library)
#   integration       the `bench` CLI, Node's yarn (bench init builds Frappe's assets with it),
#                     MariaDB with utf8mb4 / utf8mb4_unicode_ci, wkhtmltopdf + poppler + Arabic fonts (PDFs)
#   browser           Debian's chromium (driven by playwright-core, installed by scripts/test.sh)
set -uo pipefail

step() { printf 'prepare: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- Python for the fast tests
if ! python3 -c "import hijridate" 2>/dev/null; then
	step "installing hijridate: the fast tests of the date rules import it"
	python3 -m pip install --quiet "hijridate~=2.6" || exit 1
fi

# ---------------------------------------------------------------- Debian packages
declare -A why=()
command -v wkhtmltopdf >/dev/null || why[wkhtmltopdf]="print formats are rendered to PDF by wkhtmltopdf"
command -v pdftotext >/dev/null || why[poppler-utils]="PDF tests read the rendered text back (pdftotext, pdftoppm)"
[ -n "$(fc-list :lang=ar family 2>/dev/null)" ] || why[fonts-noto-core]="Arabic text in PDFs and screenshots needs an Arabic font"
command -v chromium >/dev/null || why[chromium]="the browser suite drives Debian's chromium with playwright-core"
command -v mysql >/dev/null || why[mariadb-client]="the test command talks to MariaDB with the mysql client"
command -v redis-server >/dev/null || why[redis-server]="the bench runs its own Redis servers for cache and queue"
command -v git >/dev/null || why[git]="bench init clones Frappe with git"
command -v curl >/dev/null || why[curl]="the test command waits for the served site with curl"
if [ ${#why[@]} -gt 0 ]; then
	for pkg in "${!why[@]}"; do step "installing $pkg: ${why[$pkg]}"; done
	as_root apt-get update -qq >&2 || exit 1
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${!why[@]}" \
		>/dev/null || exit 1
fi

# ---------------------------------------------------------------- bench CLI and yarn
if ! command -v bench >/dev/null; then
	step "installing frappe-bench: the integration suite runs in a bench and builds one when missing"
	python3 -m pip install --quiet frappe-bench || exit 1
fi
if ! command -v yarn >/dev/null; then
	step "installing yarn: bench init installs Frappe's front-end packages and builds its assets with yarn"
	npm install --global --silent yarn >&2 || exit 1
fi

# ---------------------------------------------------------------- MariaDB: utf8mb4 / utf8mb4_unicode_ci
# Fix the configuration for the next start and the running server now. Frappe refuses other collations
# (and on a fresh site some of its queries fail under utf8mb4_general_ci).
for cnf in /etc/mysql/my.cnf /etc/mysql/mariadb.conf.d/50-server.cnf; do
	if [ -f "$cnf" ] && grep -qE "^collation-server *= *utf8mb4_general_ci" "$cnf"; then
		step "setting collation-server = utf8mb4_unicode_ci in $cnf: Frappe needs it"
		as_root sed -i -E 's/^collation-server *= *utf8mb4_general_ci/collation-server = utf8mb4_unicode_ci/' "$cnf"
	fi
done
if ! mysqladmin ping --silent >/dev/null 2>&1 && [ -x /usr/sbin/mariadbd ]; then
	step "starting MariaDB: it is down"
	as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2
	for _ in $(seq 60); do mysqladmin ping --silent >/dev/null 2>&1 && break; sleep 1; done
fi
current=$(mysql -uroot --batch --skip-column-names -e "SELECT @@character_set_server, @@collation_server" 2>/dev/null)
if [ -n "$current" ] && [ "$current" != "$(printf 'utf8mb4\tutf8mb4_unicode_ci')" ]; then
	step "setting the running MariaDB to utf8mb4 / utf8mb4_unicode_ci (was: $(echo "$current" | tr '\t' ' '))"
	mysql -uroot -e "SET GLOBAL character_set_server = 'utf8mb4'; SET GLOBAL collation_server = 'utf8mb4_unicode_ci'" \
		>&2 || true
fi
exit 0
