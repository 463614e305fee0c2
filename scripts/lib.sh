# Shared by scripts/test.sh and scripts/dev-site.sh: the services a bench needs, and the app's
# editable install. Expects BENCH, APP, DB_USER, DB_PASSWORD, DB_HOST to be set.

say() { printf '%s\n' "$*" >&2; }

mysql_admin() { mysql -u"$DB_USER" -p"$DB_PASSWORD" -h"$DB_HOST" --batch --skip-column-names "$@"; }

ensure_mariadb() {
	if ! mysqladmin ping -h"$DB_HOST" --silent >/dev/null 2>&1 && ! mysqladmin ping --silent >/dev/null 2>&1; then
		say "MariaDB is down: starting it"
		start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2 9>&- || return 1
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
			(cd "$BENCH" && redis-server "$conf" --daemonize yes >&2 9>&-) || return 1
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

# ---------------------------------------------------------------- the bench: one run at a time, built when missing
# FRAPPE_PATH: where Frappe's source comes from when the bench must be built — Frappe's upstream
# repository by default, or anything `git clone` accepts (a URL, a folder, a git bundle).
FRAPPE_PATH_GIVEN=${FRAPPE_PATH:+1}
FRAPPE_PATH=${FRAPPE_PATH:-https://github.com/frappe/frappe}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
BENCH_MARKER=.amass-bench   # in a bench this script built: the Frappe source and commit it came from
BENCH_MIN_FREE_GB=${AMASS_BENCH_MIN_FREE_GB:-4}

# One run at a time per bench, for the whole run (the lock file sits beside the bench). The lock is
# file descriptor 9: every server a run starts closes it (`9>&-`), or it would hold the lock after the run.
lock_bench() {
	mkdir -p "$(dirname "$BENCH")" || return 1
	exec 9>"${BENCH%/}.amass-lock" || return 1
	if ! flock -n 9; then
		say "another run holds the bench $BENCH: waiting for it (up to 90 min)"
		flock -w 5400 9 || { say "the bench $BENCH stayed locked by another run"; return 1; }
	fi
}

# The commit FRAPPE_PATH's branch points at, or nothing when it cannot be told (no network).
frappe_source_commit() {
	if [ -f "$FRAPPE_PATH" ]; then
		git bundle list-heads "$FRAPPE_PATH" "refs/heads/$FRAPPE_BRANCH" 2>/dev/null | awk 'NR == 1 {print $1}'
	elif [ -d "$FRAPPE_PATH" ]; then
		git -C "$FRAPPE_PATH" rev-parse --verify --quiet "$FRAPPE_BRANCH^{commit}" 2>/dev/null \
			|| git -C "$FRAPPE_PATH" rev-parse --verify --quiet "origin/$FRAPPE_BRANCH^{commit}" 2>/dev/null
	else
		timeout 60 git ls-remote "$FRAPPE_PATH" "refs/heads/$FRAPPE_BRANCH" 2>/dev/null | awk 'NR == 1 {print $1}'
	fi
}

bench_frappe_commit() { git -C "$BENCH/apps/frappe" rev-parse HEAD 2>/dev/null; }

# "frappe <version> (<commit>)" of the bench.
bench_frappe_line() {
	local version
	version=$("$BENCH/env/bin/python" -c "import frappe; print(frappe.__version__)" 2>/dev/null || echo "?")
	echo "frappe $version ($(bench_frappe_commit | cut -c1-10))"
}

# Reuse the bench, or build it from FRAPPE_PATH. Returns 1 with a message when it cannot.
ensure_bench() {
	local wanted have
	if [ -d "$BENCH/apps/frappe" ]; then
		# An existing bench is used as it is unless FRAPPE_PATH names a source to compare with.
		[ -n "$FRAPPE_PATH_GIVEN" ] || return 0
		wanted=$(frappe_source_commit || true)
		have=$(bench_frappe_commit || true)
		if [ -z "$wanted" ] || [ "$wanted" = "$have" ]; then
			return 0
		fi
		if [ ! -f "$BENCH/$BENCH_MARKER" ]; then
			say "The bench at $BENCH runs Frappe $have, but FRAPPE_PATH ($FRAPPE_PATH) is at $wanted,"
			say "and this bench was not built by the test command, so it is not rebuilt. Point FRAPPE_BENCH at"
			say "another folder (it will be built there), or unset FRAPPE_PATH to use this bench as it is."
			return 1
		fi
		say "rebuilding the bench at $BENCH: it was built from Frappe $have, FRAPPE_PATH is at $wanted"
		rm -rf "$BENCH"
	fi
	build_bench
}

# Frappe's own test modules need its dev dependencies ([tool.bench.dev-dependencies]: Faker, freezegun,
# responses, hypothesis, ...), which `bench init` does not install.
ensure_frappe_test_requirements() {
	"$BENCH/env/bin/python" -c "import faker, freezegun, responses, hypothesis" 2>/dev/null && return 0
	say "installing Frappe's dev dependencies for its own test modules"
	"$BENCH/env/bin/python" - "$BENCH/apps/frappe/pyproject.toml" <<'PY' | xargs "$BENCH/env/bin/python" -m pip install --quiet >&2
import sys, tomllib
deps = tomllib.load(open(sys.argv[1], "rb"))["tool"]["bench"]["dev-dependencies"]
print("\n".join(f"{name}{spec}" for name, spec in deps.items()))
PY
}

build_bench() {
	local parent tmp free_gb started
	if [ -e "$BENCH" ] && [ -n "$(ls -A "$BENCH" 2>/dev/null)" ]; then
		say "$BENCH exists and is not a bench (no apps/frappe): refusing to build over it."
		say "Remove it, or point FRAPPE_BENCH at a new folder."
		return 1
	fi
	rmdir "$BENCH" 2>/dev/null || true
	parent=$(dirname "$BENCH")
	mkdir -p "$parent" || { say "cannot create $parent for the bench"; return 1; }
	free_gb=$(df -Pk "$parent" | awk 'NR == 2 {print int($4 / 1048576)}')
	if [ "${free_gb:-0}" -lt "$BENCH_MIN_FREE_GB" ]; then
		say "not enough free disk to build a bench in $parent: ${free_gb} GB free, ${BENCH_MIN_FREE_GB} GB needed"
		say "(Frappe's environment, node_modules and assets, plus the test site's database)."
		return 1
	fi
	for tool in bench git yarn; do
		command -v "$tool" >/dev/null || { say "cannot build a bench: '$tool' is missing (scripts/prepare-machine.sh installs it)"; return 1; }
	done
	started=$(date +%s)
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/amass-frappe-src.XXXXXX") || return 1
	say "building a bench at $BENCH from $FRAPPE_PATH (branch $FRAPPE_BRANCH)"
	# A bundle or a folder clones locally; a URL needs the network. Time-limited either way.
	if ! timeout "${AMASS_CLONE_TIMEOUT:-900}" git clone --quiet --branch "$FRAPPE_BRANCH" "$FRAPPE_PATH" "$tmp/frappe" >&2; then
		rm -rf "$tmp"
		say "cannot get Frappe's source from FRAPPE_PATH=$FRAPPE_PATH (branch $FRAPPE_BRANCH):"
		say "it is not a git URL, folder or bundle that git can clone here, or the clone timed out."
		say "Set FRAPPE_PATH to a reachable copy of Frappe v15 (e.g. a git bundle of branch $FRAPPE_BRANCH)."
		return 1
	fi
	# bench refuses to run as root unless the bench's config names the user; bench init reads the
	# config of the folder it is run from.
	mkdir -p "$tmp/sites"
	echo "{\"frappe_user\": \"$(id -un)\"}" >"$tmp/sites/common_site_config.json"
	if ! (cd "$tmp" && bench init "$BENCH" --frappe-path "$tmp/frappe" --frappe-branch "$FRAPPE_BRANCH" \
		--no-backups --python "$(command -v python3)") >"${OUT:-$tmp}/bench-init.log" 2>&1; then
		tail -n 30 "${OUT:-$tmp}/bench-init.log" >&2
		rm -rf "$tmp" "$BENCH"
		say "bench init failed (log: ${OUT:-$tmp}/bench-init.log)"
		return 1
	fi
	rm -rf "$tmp"
	"$BENCH/env/bin/python" - "$BENCH/sites/common_site_config.json" "$(id -un)" <<'PY'
import json, sys
path, user = sys.argv[1], sys.argv[2]
config = json.load(open(path))
config["frappe_user"] = user
json.dump(config, open(path, "w"), indent=1, sort_keys=True)
PY
	# Frappe 15's Google client imports pkg_resources, which setuptools 81+ no longer ships.
	"$BENCH/env/bin/python" -c "import pkg_resources" 2>/dev/null \
		|| "$BENCH/env/bin/python" -m pip install --quiet "setuptools<81" >&2
	printf 'frappe_path=%s\nfrappe_branch=%s\nfrappe_commit=%s\nbuilt=%s\n' "$FRAPPE_PATH" "$FRAPPE_BRANCH" \
		"$(bench_frappe_commit)" "$(date -u +%FT%TZ)" >"$BENCH/$BENCH_MARKER"
	say "bench built in $(($(date +%s) - started)) s: $(bench_frappe_line)"
}
