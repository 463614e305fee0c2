# Shared by scripts/test.sh and scripts/dev-site.sh: the services a bench needs, and the app's
# editable install. Expects BENCH, APP, DB_USER, DB_PASSWORD, DB_HOST to be set.

say() { printf '%s\n' "$*" >&2; }

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

# "CONF PORT" for each of the bench's Redis servers.
bench_redis() {
	local conf
	for conf in "$BENCH"/config/redis_cache.conf "$BENCH"/config/redis_queue.conf; do
		[ -f "$conf" ] && echo "$conf $(awk '$1 == "port" {print $2}' "$conf")"
	done
}

ensure_redis() {
	local conf port
	while read -r conf port; do
		if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
			say "Redis on port $port is down: starting $(basename "$conf")"
			(cd "$BENCH" && redis-server "$conf" --daemonize yes >&2) || return 1
			for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		fi
	done < <(bench_redis)
}

# Editable install, with the package found through apps/amass_relations itself (pip records the
# resolved checkout path; Frappe expects app sources under the bench, e.g. for the POT extractors).
pip_editable() {
	"$BENCH/env/bin/python" -m pip install --quiet -e "$1" >&2 || return 1
	local pth
	pth=$("$BENCH/env/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/$APP.pth
	[ -f "$pth" ] && echo "$BENCH/apps/$APP" >"$pth"
	return 0
}


stop_redis() {
	local conf port
	while read -r conf port; do
		redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
	done < <(bench_redis)
}
