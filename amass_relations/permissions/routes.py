"""Framework routes that go around the permissions, replaced through `override_whitelisted_methods`.

Each override keeps the framework's signature and says which behaviour of Frappe 15 it closes. The
inventory of every whitelisted method that takes a doctype, a name, filters or fields (overridden here,
proven checked, or excluded with its reason) is `inventory.py`; a test fails when a new one appears.
"""

import re

import frappe
from frappe import _
from frappe.core.doctype.sms_settings import sms_settings
from frappe.core.doctype.user import user as framework_user
from frappe.desk import listview
from frappe.desk import search as framework_search
from frappe.desk.doctype.tag import tag as framework_tag
from frappe.rate_limiter import rate_limit
from frappe.utils import get_safe_filters

from amass_relations.constants import ROLE_MANAGER, ROLE_OFFICER

# Roles that may send SMS through the association's gateway.
SMS_SENDER_ROLES = {ROLE_OFFICER, ROLE_MANAGER, "System Manager"}


def has_query_hook(doctype: str) -> bool:
	"""Records of this doctype are filtered by a permission_query_conditions hook (of any app)."""
	return bool(frappe.get_hooks("permission_query_conditions").get(doctype))


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False):
	"""frappe.client.get_count is `frappe.db.count`: no permission check at all, so any signed-in user
	could count records by any filter (a diagnosis letter by letter, a national ID). Counted here through
	`frappe.get_list`, which applies role permissions, User Permissions and the app's hooks."""
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as count"], order_by="", limit=1
	)
	return rows[0].count if rows else 0


@frappe.whitelist()
def get_open_count(doctype: str, name: str, items=None):
	"""frappe.desk.notifications.get_open_count checks the record, then counts its linked records with
	frappe.get_all (no role permission, no walls): a branch representative would learn how many medical
	documents a beneficiary has. The same answer, each count through frappe.get_list; a doctype the user
	may not read counts nothing."""
	from frappe.desk import notifications

	if frappe.flags.in_migrate or frappe.flags.in_install:
		return {"count": []}
	doc = frappe.get_doc(doctype, name)
	doc.check_permission()
	links = doc.meta.get_dashboard_data()
	if items is None:
		items = [item for group in links.transactions for item in group.get("items")]
	if not isinstance(items, list):
		items = frappe.parse_json(items)
	found = {"external_links_found": [], "internal_links_found": []}
	for linked in items:
		internal = links.get("internal_links", {}).get(linked) or links.get(
			"internal_and_external_links", {}
		).get(linked)
		if internal:
			data = notifications.get_internal_links(doc, internal, linked)
			if data["count"]:
				found["internal_links_found"].append(data)
				continue
		found["external_links_found"].append(_readable_external_links(linked, name, links))
	out = {"count": found}
	if not doc.meta.custom:
		module = frappe.get_meta_module(doctype)
		if hasattr(module, "get_timeline_data"):
			out["timeline_data"] = module.get_timeline_data(doctype, name)
	return out


def _readable_external_links(doctype: str, name: str, links) -> dict:
	from frappe.desk.notifications import get_dynamic_link_filters, get_filters_for

	if not frappe.has_permission(doctype, "read"):
		return {"doctype": doctype, "count": 0, "open_count": 0}
	fieldname = links.get("non_standard_fieldnames", {}).get(doctype, links.get("fieldname"))
	filters = {fieldname: name, **(get_dynamic_link_filters(doctype, links, fieldname) or {})}

	def count(filters):
		return len(frappe.get_list(doctype, fields="name", filters=filters, limit=100, distinct=True))

	open_filters = get_filters_for(doctype)
	return {
		"doctype": doctype,
		"count": count(filters),
		"open_count": count({**filters, **open_filters}) if open_filters else 0,
	}


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""frappe.desk.search.get_link_title reads the title with no permission check; titles here are
	people's names. Only a reader of the record gets its title; anyone else gets the name back, as for a
	record that does not exist."""
	meta = frappe.get_meta(doctype)
	if not (meta.show_title_field_in_link and meta.title_field):
		return docname
	if not frappe.has_permission(doctype, "read") or not frappe.db.exists(doctype, docname):
		return docname
	if not frappe.has_permission(doctype, "read", doc=docname):
		return docname
	return frappe.db.get_value(doctype, docname, meta.title_field)


def _safe_search_arguments(doctype: str, ignore_user_permissions, filter_fields):
	"""`ignore_user_permissions=1` makes search_widget call get_list with ignore_permissions=True, which
	drops the permission_query_conditions hooks (the branch wall); `filter_fields` returns any column
	(national ID, birth date). Neither is honoured for a doctype whose records a hook filters."""
	if not has_query_hook(doctype):
		return ignore_user_permissions, filter_fields
	return False, None


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters=None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	ignore_user_permissions, filter_fields = _safe_search_arguments(
		doctype, ignore_user_permissions, filter_fields
	)
	return framework_search.search_widget(
		doctype,
		txt,
		query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters=None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	ignore_user_permissions, _filter_fields = _safe_search_arguments(doctype, ignore_user_permissions, None)
	return framework_search.search_link(
		doctype,
		txt,
		query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""frappe.desk.listview.get_group_by_count builds its "assigned to" query with frappe.qb and no
	permission check (a count oracle by any filter), and groups by any field, readable or not."""
	frappe.has_permission(doctype, "read", throw=True)
	if field != "assigned_to":
		docfield = frappe.get_meta(doctype).get_field(field)
		if docfield and docfield.permlevel not in frappe.get_meta(doctype).get_permlevel_access("read"):
			raise frappe.PermissionError
		return listview.get_group_by_count(doctype, current_filters, field)

	readable = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], order_by="", run=0
	)
	return frappe.db.sql(
		f"""select `tabToDo`.allocated_to as name, count(*) as count
		from `tabToDo` join `tabUser` on `tabUser`.name = `tabToDo`.allocated_to
		where `tabToDo`.status != 'Cancelled' and `tabUser`.user_type = 'System User'
			and `tabToDo`.reference_type = %(doctype)s and `tabToDo`.reference_name in ({readable})
		group by `tabToDo`.allocated_to order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


@frappe.whitelist()
def send_sms(receiver_list, msg, sender_name="", success_msg=True):
	"""frappe.core.doctype.sms_settings.sms_settings.send_sms is whitelisted with no role check: once
	sign-up opens, anyone signed in could send any text through the association's gateway."""
	if not set(frappe.get_roles()) & SMS_SENDER_ROLES:
		frappe.throw(_("You may not send SMS messages."), frappe.PermissionError)
	return sms_settings.send_sms(receiver_list, msg, sender_name=sender_name, success_msg=success_msg)


def sign_up_answer() -> str:
	return _("If this address can be registered, a message has been sent to it. Please check your email.")


def reset_answer() -> str:
	return _("If an account exists for this address, password reset instructions have been sent to it.")


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=20, seconds=60 * 60)
def sign_up(email: str, full_name: str, redirect_to: str):
	"""The framework answers "Already Registered" / "Registered but disabled" for an existing address,
	and fails outright when its welcome mail cannot go at once: whether someone has an account with a
	cancer charity is not for strangers to learn. Same answer, same status, whatever exists; every mail
	goes through the queue; the owner of an existing account is told by email instead."""
	if framework_user.is_signup_disabled():
		frappe.throw(_("Sign Up is disabled"), title=_("Not Allowed"))
	email = (email or "").strip().lower()
	frappe.utils.validate_email_address(email, throw=True)
	existing = frappe.db.get_value("User", {"email": email}, ["name", "enabled"], as_dict=True)
	if not existing:
		_create_website_user(email, full_name, redirect_to)
	elif existing.enabled:
		frappe.sendmail(
			recipients=[email],
			subject=_("Your account"),
			message=_(
				"Someone asked to register this address. You already have an account: sign in, or reset your password from the sign-in page."
			),
		)
	frappe.clear_messages()
	return 1, sign_up_answer()


def _create_website_user(email: str, full_name: str, redirect_to: str):
	"""What the framework's sign_up does for a new address, with the welcome mail queued."""
	if frappe.db.get_creation_count("User", 60) > 300:
		frappe.throw(_("Too many users signed up recently. Please try again in an hour."))
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": frappe.utils.escape_html(full_name),
			"enabled": 1,
			"new_password": frappe.generate_hash(length=16),
			"user_type": "Website User",
		}
	)
	user.flags.ignore_permissions = True
	user.flags.ignore_password_policy = True
	user.flags.delay_emails = True
	user.insert()
	default_role = frappe.db.get_single_value("Portal Settings", "default_role")
	if default_role:
		user.add_roles(default_role)
	if redirect_to:
		frappe.cache.hset("redirect_after_login", user.name, redirect_to)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=framework_user.get_password_reset_limit, seconds=60 * 60)
def reset_password(user: str):
	"""The framework answers 404 "not found", "disabled" or "not allowed" depending on the account:
	an oracle of who has an account. Same answer and status whatever exists."""
	name = frappe.db.get_value("User", {"name": user}) or frappe.db.get_value("User", {"email": user})
	if name and name not in ("Administrator", "Guest"):
		account = frappe.get_doc("User", name)
		if account.enabled:
			try:
				account.validate_reset_password()
				account.reset_password(send_email=True)
			except frappe.ValidationError:
				pass
	frappe.clear_messages()
	frappe.msgprint(msg=reset_answer(), title=_("Password Email Sent"))


# ---------------------------------------------------------------- every request
# Frappe's query builder pastes a filter given as a plain string straight into the SQL
# (frappe/model/db_query.py, build_filter_conditions), and only the report view validates it:
# `frappe.client.get_list(…, filters="1=1 or …")`, role_query, get_contact_list and many more would run
# a signed-in user's SQL, past every permission hook. Structured filters (dicts, lists of lists) have
# their column names sanitized by the framework; nothing else is accepted from a client.
FILTER_ARGUMENTS = ("filters", "or_filters", "current_filters", "extra_filters", "export_filters")


def is_structured_filter(value) -> bool:
	if value is None or value == "":
		return True
	if isinstance(value, str):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			return False
		if isinstance(value, str):
			return False
	if isinstance(value, dict):
		return True
	if isinstance(value, list | tuple):
		return all(isinstance(item, list | tuple | dict) for item in value)
	return isinstance(value, int | float)


# A field "link_field.other_field" joins the linked doctype with a role check only (db_query.py,
# append_link_table): "beneficiary.national_id" on an own-branch record reads the linked record past
# the branch wall of its doctype.
LINKED_FIELD = re.compile(r"^\s*`?(?!tab)[A-Za-z_]\w*`?\.`?[A-Za-z_]")


def has_linked_field(fields) -> bool:
	if not fields:
		return False
	if isinstance(fields, str):
		try:
			fields = frappe.parse_json(fields)
		except ValueError:
			fields = [fields]
	if isinstance(fields, str):
		fields = [fields]
	return any(isinstance(field, str) and LINKED_FIELD.match(field) for field in fields or [])


def refuse_raw_sql_filters():
	"""before_request hook."""
	form = frappe.local.form_dict or {}
	if has_linked_field(form.get("fields")) or has_linked_field(form.get("fieldname")):
		frappe.throw(
			_("Fields of linked records cannot be read through this record."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	for argument in FILTER_ARGUMENTS:
		if argument in form and not is_structured_filter(form.get(argument)):
			frappe.throw(
				_("Filters must be given as a list of conditions, not as text."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


# ---------------------------------------------------------------- tags
# frappe.desk.doctype.tag.tag: add_tag / add_tags / remove_tag check no permission at all and format
# the doctype into an UPDATE statement; get_tagged_docs checks the role only; get_documents_for_tag
# reads Tag Link (readable by every user), whose titles here are people's names.
def _check_taggable(doctype: str, names: list[str]):
	if not frappe.db.exists("DocType", doctype):
		raise frappe.PermissionError
	for name in names:
		if not frappe.has_permission(doctype, "write", doc=name):
			raise frappe.PermissionError


@frappe.whitelist()
def add_tag(tag, dt, dn, color=None):
	_check_taggable(dt, [dn])
	return framework_tag.add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt, docs, color=None):
	_check_taggable(dt, frappe.parse_json(docs))
	return framework_tag.add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag, dt, dn):
	_check_taggable(dt, [dn])
	return framework_tag.remove_tag(tag, dt, dn)


@frappe.whitelist()
def get_tagged_docs(doctype, tag):
	return [[name] for name in frappe.get_list(doctype, filters=[["_user_tags", "like", tag]], pluck="name")]


@frappe.whitelist()
def get_documents_for_tag(tag):
	return [
		row
		for row in framework_tag.get_documents_for_tag(tag)
		if frappe.db.exists(row["doctype"], row["name"])
		and frappe.has_permission(row["doctype"], "read", doc=row["name"])
	]


# ---------------------------------------------------------------- framework methods guarded, then called
# A guard checks (or narrows) the arguments and the framework's own function does the work; the
# framework's allowed HTTP methods are kept.
def guarded(path: str, guard):
	original = frappe.get_attr(path)
	methods = frappe.allowed_http_methods_for_whitelisted_func.get(original)

	def method(**kwargs):
		kwargs.pop("cmd", None)
		guard(kwargs)
		return frappe.call(original, **kwargs)

	method.__name__ = path.rsplit(".", 1)[-1]
	return frappe.whitelist(allow_guest=original in frappe.guest_methods, methods=methods)(method)


def is_walled(doctype) -> bool:
	"""The branch-walled doctypes and those whose rows are walled otherwise (a complaint, an answer)."""
	from amass_relations.permissions.branches import BRANCH_OF
	from amass_relations.permissions.feedback import ROW_WALLED

	return doctype in BRANCH_OF or doctype in ROW_WALLED


def _require(doctype, name, ptype):
	if not doctype or not name or not frappe.has_permission(doctype, ptype, doc=name):
		raise frappe.PermissionError


def _refuse_walled(kwargs, field="doctype"):
	"""Tree, map and goal views aggregate with frappe.get_all: not for the app's walled doctypes."""
	if is_walled(kwargs.get(field)):
		raise frappe.PermissionError


def _session_user_reads(kwargs, doctype_field="doctype", name_field="doc_name"):
	kwargs["user"] = frappe.session.user
	_require(kwargs.get(doctype_field), kwargs.get(name_field), "read")


# frappe.client.attach_file: attaching needs only read on the record.
attach_file = guarded(
	"frappe.client.attach_file", lambda kw: _require(kw.get("doctype"), kw.get("docname"), "write")
)
# Assignment Rule bulk_apply assigns any records with no permission check.
bulk_apply = guarded(
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply",
	lambda kw: frappe.only_for("System Manager"),
)
# treeview.get_all_nodes calls its tree method through frappe.get_attr, past every override.
get_all_nodes = guarded("frappe.desk.treeview.get_all_nodes", _refuse_walled)
# get_coords drops the match conditions; the goal graph aggregates any doctype with frappe.qb.
get_coords = guarded("frappe.geo.utils.get_coords", _refuse_walled)
# The goal graph counts `goal_doctype` with no permission check at all: neither may be walled.
get_monthly_goal_graph_data = guarded(
	"frappe.utils.goal.get_monthly_goal_graph_data",
	lambda kw: _refuse_walled(kw) or _refuse_walled(kw, "goal_doctype"),
)
# Likes and follows: no read check, and `user` is the client's choice.
toggle_like = guarded(
	"frappe.desk.like.toggle_like", lambda kw: _require(kw.get("doctype"), kw.get("name"), "read")
)
follow_document = guarded("frappe.desk.form.document_follow.follow_document", _session_user_reads)
unfollow_document = guarded("frappe.desk.form.document_follow.unfollow_document", _session_user_reads)
update_follow = guarded(
	"frappe.desk.form.document_follow.update_follow",
	lambda kw: _require(kw.get("doctype"), kw.get("doc_name"), "read"),
)
get_follow_users = guarded(
	"frappe.desk.form.document_follow.get_follow_users",
	lambda kw: _require(kw.get("doctype"), kw.get("doc_name"), "read"),
)
# get_next reads the sort field of the record named by `value` with no permission check.
get_next = guarded(
	"frappe.desk.form.utils.get_next", lambda kw: _require(kw.get("doctype"), kw.get("value"), "read")
)
# query_report.run applies the User Permissions of whichever `user` the client names.
run_report = guarded("frappe.desk.query_report.run", lambda kw: kw.update(user=frappe.session.user))
# export_data checks export on a client-chosen parent doctype.
export_data = guarded(
	"frappe.core.doctype.data_export.exporter.export_data",
	lambda kw: frappe.permissions.can_export(
		(frappe.parse_json(kw.get("doctype")) or [None])[0]
		if str(kw.get("doctype") or "").startswith("[")
		else kw.get("doctype"),
		raise_exception=True,
	),
)
# Website comments and likes accept any record; the app's records are not for them.
website_add_comment = guarded(
	"frappe.templates.includes.comments.comments.add_comment",
	lambda kw: _refuse_walled(kw, "reference_doctype"),
)
website_like = guarded(
	"frappe.templates.includes.likes.likes.like", lambda kw: _refuse_walled(kw, "reference_doctype")
)


@frappe.whitelist()
def get_workflow_state_count(doctype, workflow_state_field, states):
	"""The framework counts with frappe.get_all (no hooks) grouped by any column it is given."""
	meta = frappe.get_meta(doctype)
	from frappe.model.workflow import get_workflow_name, get_workflow_state_field

	if workflow_state_field != get_workflow_state_field(get_workflow_name(doctype)):
		raise frappe.PermissionError
	if workflow_state_field not in meta.get_valid_columns():
		return []
	rows = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", frappe.parse_json(states)]},
		group_by=workflow_state_field,
		order_by="",
	)
	return [row for row in rows if row[workflow_state_field]]


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""The global search index returns names and indexed text of every record of a doctype the user
	may read at role level: only records the user may read are returned here."""
	from frappe.utils import global_search as framework_global_search

	return [
		row
		for row in framework_global_search.search(text, start=start, limit=limit, doctype=doctype)
		if not is_walled(row.get("doctype")) or frappe.has_permission(row["doctype"], "read", doc=row["name"])
	]


# ---------------------------------------------------------------- more framework methods, guarded
def _resolve_filters_to_a_readable_name(kwargs):
	"""frappe.client.get with filters loads the first match with no permission: "not found" against "not
	permitted" answers a filter, and the refusal names the record. Resolve through get_list instead."""
	if kwargs.get("name") or not kwargs.get("filters"):
		return
	names = frappe.get_list(
		kwargs["doctype"], filters=get_safe_filters(kwargs.pop("filters")), pluck="name", limit=1, order_by=""
	)
	if not names:
		raise frappe.DoesNotExistError
	kwargs["name"] = names[0]


def _file_of(kwargs, field="name", ptype="write"):
	if not frappe.has_permission("File", ptype, doc=kwargs.get(field)):
		raise frappe.PermissionError


def _owner_of_prepared_report(kwargs):
	owner = frappe.db.get_value("Prepared Report", kwargs.get("dn"), "owner")
	if owner != frappe.session.user and "System Manager" not in frappe.get_roles():
		raise frappe.PermissionError


def _permitted_report(kwargs):
	report = frappe.get_doc("Report", kwargs.get("report_name"))
	if not report.is_permitted() or not frappe.has_permission(report.ref_doctype, "report"):
		raise frappe.PermissionError


def _sms_sender(kwargs):
	if not set(frappe.get_roles()) & SMS_SENDER_ROLES:
		raise frappe.PermissionError


def _no_portal_users_listed(kwargs):
	filters = frappe.parse_json(kwargs.get("filters") or "{}") or {}
	if isinstance(filters, dict) and filters.pop("ignore_user_type", None):
		if "System Manager" not in frappe.get_roles():
			kwargs["filters"] = filters


def _registered_chart(kwargs):
	"""A chart given as a client dict (a Heatmap counts with frappe.get_all) only for System Managers.
	The framework caches a chart's result by its name alone, for every user: a second reader asking
	with refresh=0 would get the first one's figures, past their walls. So every answer is computed
	afresh for its reader (refresh), and a Custom chart is read through its own source (which checks
	its reader), never through this door."""
	if kwargs.get("chart") and "System Manager" not in frappe.get_roles():
		raise frappe.PermissionError
	if kwargs.get("chart_name"):
		if not frappe.has_permission("Dashboard Chart", "read", doc=kwargs["chart_name"]):
			raise frappe.PermissionError
		if frappe.db.get_value("Dashboard Chart", kwargs["chart_name"], "chart_type") == "Custom":
			frappe.throw(_("This chart is read through its own source."))
	kwargs["refresh"] = 1


def _real_workflow_field(kwargs):
	"""desk.form.save.cancel sets a client-named field before cancelling: only the workflow's own."""
	field = kwargs.get("workflow_state_fieldname")
	if field:
		from frappe.model.workflow import get_workflow_name, get_workflow_state_field

		workflow = get_workflow_name(kwargs.get("doctype"))
		if not workflow or field != get_workflow_state_field(workflow):
			raise frappe.PermissionError
	_require(kwargs.get("doctype"), kwargs.get("name"), "cancel")


def _plain_field(kwargs):
	if "." in str(kwargs.get("field") or "") or "`" in str(kwargs.get("field") or ""):
		raise frappe.PermissionError


def _relink(kwargs):
	_require("Communication", kwargs.get("name"), "write")
	if kwargs.get("reference_doctype"):
		_require(kwargs["reference_doctype"], kwargs.get("reference_name"), "read")


def _attachments(kwargs):
	_require(kwargs.get("doctype"), kwargs.get("name"), "write")
	for file in frappe.parse_json(kwargs.get("attachments") or "[]") or []:
		if not frappe.has_permission("File", "read", doc=file):
			raise frappe.PermissionError


def _email(kwargs):
	"""Communication make: the record must be named and readable, each attached File readable."""
	if kwargs.get("doctype") or kwargs.get("name"):
		_require(kwargs.get("doctype"), kwargs.get("name"), "read")
	elif "System Manager" not in frappe.get_roles():
		raise frappe.PermissionError
	for file in frappe.parse_json(kwargs.get("attachments") or "[]") or []:
		name = file.get("fid") if isinstance(file, dict) else file
		if name and frappe.db.exists("File", name) and not frappe.has_permission("File", "read", doc=name):
			raise frappe.PermissionError


def _web_form_doctype(kwargs):
	if kwargs.get("doctype") != frappe.db.get_value("Web Form", kwargs.get("web_form_name"), "doc_type"):
		raise frappe.PermissionError


get_doc_by_filters = guarded("frappe.client.get", _resolve_filters_to_a_readable_name)
is_document_amended = guarded(
	"frappe.client.is_document_amended", lambda kw: _require(kw.get("doctype"), kw.get("docname"), "read")
)
unzip_file = guarded("frappe.core.api.file.unzip_file", _file_of)
download_prepared_report = guarded(
	"frappe.core.doctype.prepared_report.prepared_report.download_attachment", _owner_of_prepared_report
)
make_prepared_report = guarded(
	"frappe.core.doctype.prepared_report.prepared_report.make_prepared_report", _permitted_report
)
get_contact_number = guarded("frappe.core.doctype.sms_settings.sms_settings.get_contact_number", _sms_sender)
get_latest_submissions = guarded(
	"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions",
	lambda kw: _require(kw.get("doctype"), kw.get("docname"), "read"),
)
user_query = guarded("frappe.core.doctype.user.user.user_query", _no_portal_users_listed)
get_dashboard_chart = guarded("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", _registered_chart)
get_events = guarded(
	"frappe.desk.doctype.event.event.get_events", lambda kw: kw.update(user=frappe.session.user)
)
get_submitted_linked_docs = guarded(
	"frappe.desk.form.linked_with.get_submitted_linked_docs",
	lambda kw: _require(kw.get("doctype"), kw.get("name"), "read") or _refuse_walled(kw),
)
cancel_with_workflow = guarded("frappe.desk.form.save.cancel", _real_workflow_field)
get_data_for_custom_field = guarded("frappe.desk.query_report.get_data_for_custom_field", _plain_field)
import_email_group = guarded("frappe.email.doctype.email_group.email_group.import_from", _refuse_walled)
relink = guarded("frappe.email.relink", _relink)
get_reviews = guarded(
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews",
	lambda kw: _require(kw.get("doctype"), kw.get("docname"), "read"),
)
add_attachments = guarded("frappe.utils.file_manager.add_attachments", _attachments)
make_communication = guarded("frappe.core.doctype.communication.email.make", _email)
get_form_data = guarded("frappe.website.doctype.web_form.web_form.get_form_data", _web_form_doctype)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""frappe.client.validate_link answers whether a record exists across the branch wall: a record the
	user may not read is answered as one that does not exist."""
	from frappe import client

	if is_walled(doctype) and not (
		frappe.db.exists(doctype, docname) and frappe.has_permission(doctype, "read", doc=docname)
	):
		return {}
	return client.validate_link(doctype, docname, fields)


def refuse_rename(doc, method=None, *args, **kwargs):
	"""before_rename of the app's walled records: Document.rename(force=1) skips allow_rename and a merge
	target is never checked; these records are never renamed."""
	frappe.throw(_("These records cannot be renamed."), frappe.PermissionError)


@frappe.whitelist(allow_guest=True)
def make_view_log(**kwargs):
	"""Frappe's page-view log (when an admin turns view tracking on), except for a survey link: its path
	is the person's token, and the log would keep it beside their browser (services/surveys.py)."""
	from urllib.parse import urlparse

	from frappe.website.doctype.web_page_view import web_page_view

	if urlparse(frappe.request.headers.get("Referer") or "").path.startswith("/survey/"):
		return
	if urlparse(kwargs.get("referrer") or "").path.startswith("/survey/"):
		kwargs["referrer"] = None  # the page the person came from was a survey link
	return web_page_view.make_view_log(**kwargs)
