#!/usr/bin/env bash
# The test command. Never prompts. Prints
#   fast: N passed, M failed
#   integration: N passed, M failed        (or: integration: SKIPPED (no bench at PATH))
# and exits non-zero on any failure.
#
#   FRAPPE_BENCH           the bench to run the integration suite in (default ~/frappe-bench)
#   AMASS_TEST_SITE        the throwaway site, dropped and created anew on each run
#   AMASS_DB_ADMIN_USER    a MariaDB account with a password that may create databases
#   AMASS_DB_ADMIN_PASSWORD   (created through the socket's root login when missing)
#   AMASS_FAST_ONLY=1      run the fast tests only
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${FRAPPE_BENCH:-$HOME/frappe-bench}
SITE=${AMASS_TEST_SITE:-amass-test.localhost}
DB_USER=${AMASS_DB_ADMIN_USER:-amass_test_admin}
DB_PASSWORD=${AMASS_DB_ADMIN_PASSWORD:-amass-test-only}
DB_HOST=${AMASS_DB_HOST:-127.0.0.1}
OUT=$REPO/.test-output
APP=amass_relations
mkdir -p "$OUT"

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- fast tests (no frappe, no database)
python3 - "$REPO" <<'PY'
import sys, unittest
repo = sys.argv[1]
sys.path.insert(0, repo)
suite = unittest.defaultTestLoader.discover(f"{repo}/tests", top_level_dir=repo)
result = unittest.TextTestRunner(stream=sys.stderr, verbosity=1).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
if "frappe" in sys.modules:
	print("fast: the fast tests imported frappe; rules must not", file=sys.stderr)
	failed += 1
passed = result.testsRun - failed - len(result.skipped)
with open(f"{repo}/.test-output/fast.result", "w") as f:
	f.write(f"{max(passed, 0)} {failed}\n")
PY
read -r FAST_PASSED FAST_FAILED < "$OUT/fast.result" 2>/dev/null || { FAST_PASSED=0; FAST_FAILED=1; }
FAST_LINE="fast: $FAST_PASSED passed, $FAST_FAILED failed"

finish() {
	echo "$FAST_LINE"
	echo "$1"
	[ "$FAST_FAILED" = 0 ] && [ "$2" = 0 ]
	exit $?
}

if [ "${AMASS_FAST_ONLY:-}" = 1 ]; then
	echo "$FAST_LINE"
	[ "$FAST_FAILED" = 0 ]; exit $?
fi
if [ ! -d "$BENCH/apps/frappe" ] || ! command -v bench >/dev/null; then
	finish "integration: SKIPPED (no bench at $BENCH)" 0
fi

# ---------------------------------------------------------------- services
mysql_admin() { mysql -u"$DB_USER" -p"$DB_PASSWORD" -h"$DB_HOST" --batch --skip-column-names "$@"; }

ensure_mariadb() {
	if ! mysqladmin ping -h"$DB_HOST" --silent >/dev/null 2>&1 && ! mysqladmin ping --silent >/dev/null 2>&1; then
		say "MariaDB is down: starting it"
		start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2 || return 1
		for _ in $(seq 60); do mysqladmin ping --silent >/dev/null 2>&1 && break; sleep 1; done
	fi
	if ! mysql_admin -e "SELECT 1" >/dev/null 2>&1; then
		say "creating the MariaDB account $DB_USER (Frappe prompts when the admin account has no password)"
		mysql -uroot --batch -e "
			CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
			CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
			GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
			GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
			FLUSH PRIVILEGES;" >&2 || {
			say "cannot log in to MariaDB as $DB_USER nor as root: set AMASS_DB_ADMIN_USER/AMASS_DB_ADMIN_PASSWORD"
			return 1
		}
	fi
	local settings
	settings=$(mysql_admin -e "SELECT @@character_set_server, @@collation_server") || return 1
	if [ "$settings" != "$(printf 'utf8mb4\tutf8mb4_unicode_ci')" ]; then
		say "MariaDB's server character set is wrong for Frappe: $(echo "$settings" | tr '\t' ' ')."
		say "Frappe needs, in the [mysqld] section of the server's configuration (e.g. /etc/mysql/my.cnf):"
		say "    character-set-server = utf8mb4"
		say "    collation-server     = utf8mb4_unicode_ci"
		say "then restart MariaDB (or, until the next restart: SET GLOBAL collation_server='utf8mb4_unicode_ci')."
		return 1
	fi
}

ensure_redis() {
	local conf port
	for conf in "$BENCH"/config/redis_cache.conf "$BENCH"/config/redis_queue.conf; do
		[ -f "$conf" ] || continue
		port=$(awk '$1 == "port" {print $2}' "$conf")
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			say "Redis on port $port is down: starting $(basename "$conf")"
			(cd "$BENCH" && redis-server "$conf" --daemonize yes >&2) || return 1
			for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done
}

# ---------------------------------------------------------------- link this checkout into the bench
APP_LINK=$BENCH/apps/$APP
SAVED=""
PREV_TARGET=""
cp "$BENCH/sites/apps.txt" "$OUT/apps.txt.before"

# Editable install, with the package found through apps/amass_relations itself (pip records the
# resolved checkout path; Frappe expects app sources under the bench, e.g. for the POT extractors).
pip_editable() {
	"$BENCH/env/bin/python" -m pip install --quiet --no-deps -e "$1" >&2 || return 1
	local pth
	pth=$("$BENCH/env/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/$APP.pth
	[ -f "$pth" ] && echo "$BENCH/apps/$APP" >"$pth"
	return 0
}

restore_link() {
	rm -f "$APP_LINK"
	if [ -n "$PREV_TARGET" ]; then
		ln -s "$PREV_TARGET" "$APP_LINK"
	elif [ -n "$SAVED" ]; then
		mv "$SAVED" "$APP_LINK"
	fi
	cp "$OUT/apps.txt.before" "$BENCH/sites/apps.txt"
	if [ -e "$APP_LINK" ]; then
		pip_editable "$APP_LINK"
	else
		"$BENCH/env/bin/python" -m pip uninstall --quiet -y "$APP" >&2 2>/dev/null || true
	fi
}

if [ -L "$APP_LINK" ]; then
	PREV_TARGET=$(readlink "$APP_LINK")
elif [ -e "$APP_LINK" ]; then
	SAVED=$BENCH/apps/.$APP.saved-by-test.$$
	mv "$APP_LINK" "$SAVED"
fi
trap restore_link EXIT
ln -sfn "$REPO" "$APP_LINK"
grep -qx "$APP" "$BENCH/sites/apps.txt" || printf '\n%s\n' "$APP" >> "$BENCH/sites/apps.txt"
sed -i '/^$/d' "$BENCH/sites/apps.txt"
pip_editable "$APP_LINK" || finish "integration: 0 passed, 1 failed (could not install the app into the bench)" 1

ensure_mariadb || finish "integration: 0 passed, 1 failed (MariaDB not ready)" 1
ensure_redis || finish "integration: 0 passed, 1 failed (Redis not ready)" 1

# ---------------------------------------------------------------- the throwaway site
cd "$BENCH" || exit 1
export CI=${CI:-1}
bench_q() { bench "$@" >>"$OUT/bench.log" 2>&1; }
: >"$OUT/bench.log"

if [ -d "sites/$SITE" ]; then
	bench_q drop-site "$SITE" --force --no-backup --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
		|| rm -rf "sites/$SITE"
fi
say "creating the test site $SITE"
bench_q new-site "$SITE" --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
	--admin-password admin --db-host "$DB_HOST" \
	|| finish "integration: 0 passed, 1 failed (new-site failed: see $OUT/bench.log)" 1
bench_q --site "$SITE" set-config allow_tests true
bench_q compile-po-to-mo --app "$APP" --force \
	|| finish "integration: 0 passed, 1 failed (the Arabic catalogue does not compile)" 1

# Uninstall leaves nothing behind: snapshot, install, demo data, uninstall, compare.
UNINSTALL_PASSED=0
UNINSTALL_FAILED=0
say "install / demo data / uninstall round trip"
uninstall_check() { (cd "$BENCH/sites" && "$BENCH/env/bin/python" -m "$APP.tests.uninstall_check" "$1" "$SITE" "$2"); }
uninstall_check snapshot "$OUT/before-install.json" >>"$OUT/bench.log" 2>&1
if bench_q --site "$SITE" install-app "$APP" \
	&& bench_q --site "$SITE" amass-load-demo-data \
	&& bench_q --site "$SITE" uninstall-app "$APP" --yes --no-backup \
	&& uninstall_check compare "$OUT/before-install.json" >"$OUT/uninstall.log" 2>&1 \
	&& grep -q "^uninstall clean" "$OUT/uninstall.log"; then
	UNINSTALL_PASSED=1
else
	UNINSTALL_FAILED=1
fi
grep -v "^$" "$OUT/uninstall.log" 2>/dev/null | grep -E "^(uninstall|  )" >&2

# The integration suite, on the site with the app installed again.
say "installing $APP and running the integration suite"
bench_q --site "$SITE" install-app "$APP" \
	|| finish "integration: $UNINSTALL_PASSED passed, $((UNINSTALL_FAILED + 1)) failed (install-app failed: see $OUT/bench.log)" 1
bench_q --site "$SITE" clear-cache
bench --site "$SITE" run-tests --app "$APP" >"$OUT/integration.log" 2>&1
RUN_STATUS=$?
tail -n 40 "$OUT/integration.log" >&2

RAN=$(grep -Eo '^Ran [0-9]+ tests?' "$OUT/integration.log" | tail -1 | grep -Eo '[0-9]+')
FAILURES=$(grep -Eo '^FAILED \(.*\)' "$OUT/integration.log" | tail -1 | grep -Eo '(failures|errors)=[0-9]+' | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
RAN=${RAN:-0}
FAILURES=${FAILURES:-0}
if [ "$RUN_STATUS" != 0 ] && [ "$FAILURES" = 0 ]; then
	FAILURES=1 # the runner itself broke (import error, site problem): never report that as green
fi
PASSED=$((RAN - FAILURES + UNINSTALL_PASSED))
FAILED=$((FAILURES + UNINSTALL_FAILED))
finish "integration: $PASSED passed, $FAILED failed" "$FAILED"
