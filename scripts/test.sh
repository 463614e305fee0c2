#!/usr/bin/env bash
# The test command. Never prompts. Prints each stage's wall time, the Frappe it ran against, and
#   fast: N passed, M failed
#   integration: N passed, M failed        (or: integration: SKIPPED (why) — by hand only, never in CI)
#   browser: N passed, M failed            (or: browser: SKIPPED (why))
#   frappe: N passed, M failed             Frappe's own named test modules, on the site with the app
# and exits non-zero on any failure.
#
#   FRAPPE_BENCH           the bench to run the integration suite in (default ~/frappe-bench); built with
#                          `bench init` from FRAPPE_PATH when missing, reused afterwards
#   FRAPPE_PATH            Frappe's source for a new bench: a URL, folder or git bundle (default: upstream)
#   AMASS_TEST_SITE        the throwaway site, dropped and created anew on each run
#   AMASS_DB_ADMIN_USER    a MariaDB account with a password that may create databases
#   AMASS_DB_ADMIN_PASSWORD   (created through the socket's root login when missing)
#   AMASS_FAST_ONLY=1      run the fast tests only
#   AMASS_NO_BROWSER=1     skip the browser stage (by hand only; CI fails when it did not run)
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

# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"

# Wall time of each stage, printed before the result lines.
TIMES=""
STAGE_START=$(date +%s)
stage_done() {
	local now
	now=$(date +%s)
	TIMES="$TIMES $1 $((now - STAGE_START))s,"
	STAGE_START=$now
}

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
stage_done fast
BROWSER_LINE="browser: SKIPPED (the integration stage did not get that far)"
FRAPPE_TESTS_LINE="frappe: SKIPPED (the integration stage did not get that far)"
BROWSER_FAILED=0

# finish "integration line" integration_failed
finish() {
	stage_done "${CURRENT_STAGE:-integration}"
	[ -n "${FRAPPE_LINE:-}" ] && echo "$FRAPPE_LINE"
	echo "time:${TIMES%,}"
	echo "$FAST_LINE"
	echo "$1"
	echo "$BROWSER_LINE"
	echo "$FRAPPE_TESTS_LINE"
	[ "$FAST_FAILED" = 0 ] && [ "$2" = 0 ] && [ "$BROWSER_FAILED" = 0 ] && [ "${FRAPPE_TESTS_FAILED:-0}" = 0 ]
	exit $?
}

if [ "${AMASS_FAST_ONLY:-}" = 1 ]; then
	echo "$FAST_LINE"
	[ "$FAST_FAILED" = 0 ]; exit $?
fi

# ---------------------------------------------------------------- the bench: reused, or built from FRAPPE_PATH
CURRENT_STAGE=bench
if ! command -v bench >/dev/null; then
	[ -n "${CI:-}" ] && finish "integration: 0 passed, 1 failed (no bench CLI: run scripts/prepare-machine.sh)" 1
	finish "integration: SKIPPED (no bench CLI on this machine: scripts/prepare-machine.sh installs it)" 0
fi
lock_bench || finish "integration: 0 passed, 1 failed (cannot lock the bench $BENCH)" 1
if ! ensure_bench; then
	if [ -n "${CI:-}" ] || [ -d "$BENCH/apps/frappe" ]; then
		finish "integration: 0 passed, 1 failed (no usable bench at $BENCH: see the messages above)" 1
	fi
	finish "integration: SKIPPED (no bench at $BENCH and no Frappe source reachable at $FRAPPE_PATH)" 0
fi
ensure_frappe_test_requirements || finish "integration: 0 passed, 1 failed (could not install Frappe's dev dependencies)" 1
FRAPPE_LINE=$(bench_frappe_line)
say "$FRAPPE_LINE at $BENCH"
stage_done bench
CURRENT_STAGE=site

# ---------------------------------------------------------------- link this checkout into the bench
APP_LINK=$BENCH/apps/$APP
SAVED=""
PREV_TARGET=""
cp "$BENCH/sites/apps.txt" "$OUT/apps.txt.before"

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
# The app's desk assets (app_include_css): what `bench build` links for an app without bundles.
[ -e "$BENCH/sites/assets/$APP" ] || ln -sfn "$BENCH/apps/$APP/$APP/public" "$BENCH/sites/assets/$APP"
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
# The suite creates more users than Frappe's sign-up throttle allows in an hour (60).
bench_q --site "$SITE" set-config -p throttle_user_limit 1000
bench_q compile-po-to-mo --app "$APP" --force \
	|| finish "integration: 0 passed, 1 failed (the Arabic catalogue does not compile)" 1

# Uninstall leaves nothing behind: snapshot, install, demo data, uninstall, compare.
# The demo data loads twice (the second time adds nothing), then the app is uninstalled.
UNINSTALL_PASSED=0
UNINSTALL_FAILED=0
say "install / demo data / uninstall round trip"
uninstall_check() { (cd "$BENCH/sites" && "$BENCH/env/bin/python" -m "$APP.tests.uninstall_check" "$1" "$SITE" "$2"); }
uninstall_check snapshot "$OUT/before-install.json" >>"$OUT/bench.log" 2>&1
if bench_q --site "$SITE" install-app "$APP" \
	&& bench_q --site "$SITE" amass-load-demo-data \
	&& DEMO_AGAIN=$(bench --site "$SITE" amass-load-demo-data 2>&1) && [[ $DEMO_AGAIN == *"nothing missing"* ]] \
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
# PDFs: wkhtmltopdf fetches the print styles from the site, so the site is served while the suite runs.
SERVE_PORT=${AMASS_TEST_PORT:-18123}
bench_q --site "$SITE" set-config host_name "http://127.0.0.1:$SERVE_PORT"
(cd "$BENCH" && exec bench --site "$SITE" serve --port "$SERVE_PORT" --noreload >>"$OUT/serve.log" 2>&1 9>&-) &
SERVE_PID=$!
# A real worker: decision letters are made by background jobs after the decisions commit.
(cd "$BENCH" && exec bench worker --queue short,default >>"$OUT/worker.log" 2>&1 9>&-) &
WORKER_PID=$!
trap 'kill $SERVE_PID $WORKER_PID 2>/dev/null; pkill -f "serve --port $SERVE_PORT" 2>/dev/null; pkill -f "bench_helper frappe worker --queue short,default" 2>/dev/null; restore_link' EXIT
for _ in $(seq 30); do curl -s -o /dev/null "http://127.0.0.1:$SERVE_PORT/api/method/ping" && break; sleep 1; done
stage_done site
CURRENT_STAGE=integration
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
INTEGRATION_LINE="integration: $PASSED passed, $FAILED failed"
stage_done integration
CURRENT_STAGE=browser

# ---------------------------------------------------------------- browser: Debian's chromium, playwright-core
run_browser_stage() {
	local browser_dir=$REPO/scripts/browser users
	if ! command -v chromium >/dev/null; then
		BROWSER_LINE="browser: 0 passed, 1 failed (no chromium: scripts/prepare-machine.sh installs it)"
		BROWSER_FAILED=1
		return
	fi
	if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
		say "installing playwright-core for the browser suite (npm ci in scripts/browser)"
		(cd "$browser_dir" && npm ci --silent --no-audit --no-fund >&2) || {
			BROWSER_LINE="browser: 0 passed, 1 failed (npm ci in scripts/browser failed)"
			BROWSER_FAILED=1
			return
		}
	fi
	users=$(cd "$BENCH" && bench --site "$SITE" execute "$APP.tests.browser_setup.prepare" \
		--kwargs "{'password': '$BROWSER_PASSWORD'}" 2>>"$OUT/bench.log" | tail -n 1)
	# The portal test's world, and SMS Settings pointed at the fake gateway the test itself listens on
	# (the served site's real worker sends the one-time code there).
	local sms_port=$((SERVE_PORT + 3)) portal
	portal=$(cd "$BENCH" && bench --site "$SITE" execute "$APP.tests.browser_setup.prepare_portal" \
		--kwargs "{'password': '$BROWSER_PASSWORD', 'gateway_url': 'http://127.0.0.1:$sms_port/send'}" \
		2>>"$OUT/bench.log" | tail -n 1)
	# Applying from the portal: a linked account, an officer of its branch, a service (portal_apply.test.mjs).
	local apply
	apply=$(cd "$BENCH" && bench --site "$SITE" execute "$APP.tests.browser_setup.prepare_applicant" \
		--kwargs "{'password': '$BROWSER_PASSWORD'}" 2>>"$OUT/bench.log" | tail -n 1)
	# Satisfaction surveys: delivered requests invited by the real dispatch (survey.test.mjs).
	local survey
	survey=$(cd "$BENCH" && bench --site "$SITE" execute "$APP.tests.browser_setup.prepare_survey" \
		--kwargs "{'password': '$BROWSER_PASSWORD'}" 2>>"$OUT/bench.log" | tail -n 1)
	# Complaints and the Service Quality workspace: a manager in Arabic, a few complaints (complaints.test.mjs).
	local quality
	quality=$(cd "$BENCH" && bench --site "$SITE" execute "$APP.tests.browser_setup.prepare_quality" \
		--kwargs "{'password': '$BROWSER_PASSWORD'}" 2>>"$OUT/bench.log" | tail -n 1)
	rm -rf "$OUT/browser"
	mkdir -p "$OUT/browser"
	AMASS_BROWSER_BASE_URL="http://127.0.0.1:$SERVE_PORT" AMASS_BROWSER_USERS="$users" \
		AMASS_BROWSER_PASSWORD="$BROWSER_PASSWORD" AMASS_BROWSER_OUT="$OUT/browser/" \
		AMASS_BROWSER_SMS_PORT="$sms_port" AMASS_BROWSER_PORTAL="$portal" AMASS_BROWSER_APPLY="$apply" \
		AMASS_BROWSER_SURVEY="$survey" AMASS_BROWSER_QUALITY="$quality" \
		AMASS_BROWSER_BENCH="$BENCH" AMASS_BROWSER_SITE="$SITE" \
		node --test --test-reporter=tap --test-concurrency=1 "$browser_dir"/tests/ >"$OUT/browser.log" 2>&1
	local status=$? pass fail
	pass=$(grep -Eo '^# pass [0-9]+' "$OUT/browser.log" | grep -Eo '[0-9]+' | tail -1)
	fail=$(grep -Eo '^# fail [0-9]+' "$OUT/browser.log" | grep -Eo '[0-9]+' | tail -1)
	pass=${pass:-0}
	fail=${fail:-0}
	if [ "$status" != 0 ] && [ "$fail" = 0 ]; then fail=1; fi
	[ "$fail" != 0 ] && grep -E "^not ok|error:|Error" "$OUT/browser.log" | head -n 40 >&2
	BROWSER_LINE="browser: $pass passed, $fail failed"
	[ "$fail" = 0 ] || BROWSER_FAILED=1
}
BROWSER_PASSWORD=${AMASS_BROWSER_PASSWORD:-Amass-Browser-Test-1!}
if [ "${AMASS_NO_BROWSER:-}" = 1 ]; then
	BROWSER_LINE="browser: SKIPPED (AMASS_NO_BROWSER=1)"
else
	say "running the browser suite (screenshots in $OUT/browser)"
	run_browser_stage
fi
# ---------------------------------------------------------------- Frappe's own tests beside the app
# A named set of the framework's modules, run on the test site with the app (its before_tests hook answers
# the setup wizard as Frappe's own hook would) and on a fresh site without it, made and served the same
# way. The stage fails on a test that fails with the app and passes without it, unless it is listed in
# DIFFERS_ON_PURPOSE: a Frappe test asserting what the app closes on purpose.
FRAPPE_MODULES="frappe.tests.test_permissions frappe.core.doctype.user.test_user frappe.core.doctype.file.test_file
frappe.workflow.doctype.workflow.test_workflow frappe.tests.test_client frappe.tests.test_api
frappe.core.doctype.user_permission.test_user_permission frappe.tests.test_db_query frappe.tests.test_website"
# test_rate_limiting_for_reset_password: expects 404 for an unknown user; the app answers a reset the
# same whether the account exists or not (README: Security), so that nobody learns who has an account.
DIFFERS_ON_PURPOSE="test_rate_limiting_for_reset_password"
BASE_SITE=${AMASS_BASELINE_SITE:-frappe-only.localhost}
BASE_PORT=$((SERVE_PORT + 2))

# run_frappe_modules SITE TAG: per module, "<ran> <failing test names…>" lines in $OUT/frappe-TAG.results
run_frappe_modules() {
	local site=$1 tag=$2 module log status ran failing
	: >"$OUT/frappe-$tag.results"
	for module in $FRAPPE_MODULES; do
		log=$OUT/frappe-$tag-${module##*.}.log
		(cd "$BENCH" && bench --site "$site" run-tests --module "$module" >"$log" 2>&1)
		status=$?
		ran=$(grep -Eo '^Ran [0-9]+ tests?' "$log" | tail -1 | grep -Eo '[0-9]+')
		failing=$(grep -Eo '^(FAIL|ERROR): [A-Za-z0-9_]+' "$log" | awk '{print $2}' | sort -u | tr '\n' ' ')
		if [ "$status" != 0 ] && [ -z "$failing" ]; then failing="(${module##*.}-did-not-run)"; fi
		echo "$module ${ran:-0} $failing" >>"$OUT/frappe-$tag.results"
	done
}

run_frappe_stage() {
	local module ran failing base_failing name passed=0 failed=0 on_purpose="" both="" new="" base_pid
	say "making $BASE_SITE, a site without the app, for Frappe's own tests to be compared"
	if [ -d "$BENCH/sites/$BASE_SITE" ]; then
		bench_q drop-site "$BASE_SITE" --force --no-backup --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
			|| rm -rf "$BENCH/sites/$BASE_SITE"
	fi
	if ! bench_q new-site "$BASE_SITE" --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
		--admin-password admin --db-host "$DB_HOST"; then
		FRAPPE_TESTS_LINE="frappe: 0 passed, 1 failed (could not make $BASE_SITE: see $OUT/bench.log)"
		FRAPPE_TESTS_FAILED=1
		return
	fi
	bench_q --site "$BASE_SITE" set-config allow_tests true
	bench_q --site "$BASE_SITE" set-config -p throttle_user_limit 1000
	bench_q --site "$BASE_SITE" set-config host_name "http://127.0.0.1:$BASE_PORT"
	(cd "$BENCH" && exec bench --site "$BASE_SITE" serve --port "$BASE_PORT" --noreload >>"$OUT/serve-base.log" 2>&1 9>&-) &
	base_pid=$!
	for _ in $(seq 30); do curl -s -o /dev/null "http://127.0.0.1:$BASE_PORT/api/method/ping" && break; sleep 1; done
	say "running Frappe's own test modules with the app ($SITE) and without it ($BASE_SITE)"
	run_frappe_modules "$SITE" app
	run_frappe_modules "$BASE_SITE" base
	kill "$base_pid" 2>/dev/null
	pkill -f "serve --port $BASE_PORT" 2>/dev/null
	bench_q drop-site "$BASE_SITE" --force --no-backup --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD"

	while read -r module ran failing; do
		base_failing=" $(grep "^$module " "$OUT/frappe-base.results" | cut -d' ' -f3-) "
		for name in $failing; do
			if [[ " $DIFFERS_ON_PURPOSE " == *" $name "* ]]; then
				on_purpose="$on_purpose $name"
			elif [[ $base_failing == *" $name "* ]]; then
				both="$both $name"
			else
				new="$new $name"
				failed=$((failed + 1))
			fi
		done
		passed=$((passed + ran - $(echo "$failing" | wc -w)))
		say "  $module: $ran ran, failing with the app: ${failing:-none}; without it: $(echo $base_failing)"
	done <"$OUT/frappe-app.results"
	[ -n "$on_purpose" ] && say "frappe: differs on purpose (the app's security):$on_purpose"
	[ -n "$both" ] && say "frappe: fails without the app too (not counted):$both"
	[ -n "$new" ] && say "frappe: fails only with the app:$new"
	FRAPPE_TESTS_LINE="frappe: $passed passed, $failed failed"
	[ "$failed" = 0 ] || FRAPPE_TESTS_FAILED=1
}
FRAPPE_TESTS_FAILED=0
CURRENT_STAGE=frappe
run_frappe_stage
finish "$INTEGRATION_LINE" "$FAILED"
