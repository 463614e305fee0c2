#!/usr/bin/env bash
# A working dev site with the app, for a newcomer: creates the site in the bench, installs the app,
# answers the setup wizard (Arabic, Saudi Arabia, Asia/Riyadh, SAR), enables the scheduler, loads the
# demo data and serves the desk with a worker (`bench start`). Safe to rerun.
#
#   FRAPPE_BENCH        the bench (default ~/frappe-bench); built with `bench init` when missing
#   FRAPPE_PATH         Frappe's source for that build: a URL, folder or git bundle (default: upstream)
#   AMASS_DEV_SITE      the site (default amass.localhost)
#   AMASS_DEV_PASSWORD  the password of the Administrator, the first user and the demo users (default admin)
#   AMASS_NO_SERVE=1    prepare the site but do not start the servers
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${FRAPPE_BENCH:-$HOME/frappe-bench}
SITE=${AMASS_DEV_SITE:-amass.localhost}
PASSWORD=${AMASS_DEV_PASSWORD:-admin}
DB_USER=${AMASS_DB_ADMIN_USER:-amass_test_admin}
DB_PASSWORD=${AMASS_DB_ADMIN_PASSWORD:-amass-test-only}
DB_HOST=${AMASS_DB_HOST:-127.0.0.1}
APP=amass_relations
# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"

bash "$REPO/scripts/prepare-machine.sh"
lock_bench
ensure_bench
say "$(bench_frappe_line) at $BENCH"

ensure_mariadb
ensure_redis

cd "$BENCH"
if [ ! -e "apps/$APP" ]; then
	bench get-app "$REPO"
fi
grep -qx "$APP" sites/apps.txt || { sed -i -e '$a\' sites/apps.txt; echo "$APP" >> sites/apps.txt; }

if [ ! -d "sites/$SITE" ]; then
	bench new-site "$SITE" --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
		--db-host "$DB_HOST" --admin-password "$PASSWORD"
fi
bench --site "$SITE" list-apps | grep -q "^$APP" || bench --site "$SITE" install-app "$APP"
bench --site "$SITE" migrate
bench compile-po-to-mo --app "$APP" --force
bench --site "$SITE" execute "$APP.setup.dev_site.complete_setup_wizard" --kwargs "{'password': '$PASSWORD'}"
bench --site "$SITE" enable-scheduler
bench --site "$SITE" amass-load-demo-data --password "$PASSWORD"
bench use "$SITE"
bench build --app "$APP" --force
bench --site "$SITE" clear-cache

say "site ready: http://$SITE:$(python3 -c "import json;print(json.load(open('sites/common_site_config.json')).get('webserver_port', 8000))")/ (Administrator / $PASSWORD)"
[ "${AMASS_NO_SERVE:-}" = 1 ] && exit 0
exec 9>&- # the servers do not hold the bench's lock: the test command may run beside them
stop_redis # bench start runs the bench's own Redis servers from its Procfile
exec bench start
