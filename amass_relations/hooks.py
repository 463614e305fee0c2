app_name = "amass_relations"
app_title = "Amass Relations"
app_publisher = "Amass Association - Friends of Cancer Patients"
app_description = "Beneficiary relations for the Amass Association: intake, research committee, service delivery and feedback"
app_email = "it@amass.example.org"
app_license = "mit"

# Desk assets
# -----------
app_include_css = "/assets/amass_relations/css/amass_relations.css"
# The desk's survey by phone, on a request and an inquiry (services/surveys.py).
app_include_js = "/assets/amass_relations/js/phone_survey.js"
# The handover of a leaving user's work (services/offboarding.py).
doctype_js = {"User": "public/js/user_handover.js"}

# Portal
# ------
# Beneficiaries' pages (www/), their menu and home page; every read goes through api/portal.py.
web_include_css = "/assets/amass_relations/css/portal.css"
# Every date a portal page shows is Hijri beside Gregorian (templates/includes/portal_date.html).
jinja = {"methods": ["amass_relations.services.portal.hijri"]}
website_route_rules = [
	{"from_route": "/my-requests/<name>", "to_route": "my-requests/request"},
	# A satisfaction survey's link, answered without signing in (services/surveys.py).
	{"from_route": "/survey/<token>", "to_route": "survey"},
]
# The portal menu (Frappe's sidebar and /me): `portal_menu_items`, read on every request — Frappe's
# sync of `standard_portal_menu_items` drops items that name no doctype.
portal_menu_items = [
	{"title": "Our services", "route": "/services"},
	{"title": "My Requests", "route": "/my-requests", "role": "Beneficiary"},
	{"title": "Apply for a Service", "route": "/apply", "role": "Beneficiary"},
	{"title": "My Questions", "route": "/my-questions", "role": "Beneficiary"},
	{"title": "My profile", "route": "/my-profile", "role": "Beneficiary"},
	{"title": "Link my file", "route": "/link-my-file"},
	# Complaints and suggestions (anyone, anonymous allowed), their status, and what changed (policy G6, G9).
	{"title": "Complaints and Suggestions", "route": "/feedback"},
	{"title": "You Said, We Did", "route": "/you-said-we-did"},
]
# Website users' sessions end sooner than staff's (shared devices).
on_session_creation = "amass_relations.services.portal.on_session_creation"

# Installation
# ------------
# Roles, the policy's standard records and settings defaults: inserted when missing, never overwritten.
after_install = "amass_relations.setup.install.after_install"

# Uninstallation
# --------------
before_uninstall = "amass_relations.setup.uninstall.before_uninstall"

# Testing
# -------
# Frappe skips its own before_tests beside another app: the setup wizard answered as Frappe's does.
before_tests = "amass_relations.setup.before_tests.before_tests"


# Permissions
# -----------
# Branch isolation and medical-document privacy (see amass_relations/permissions/).
permission_query_conditions = {
	"Beneficiary": "amass_relations.permissions.branches.beneficiary_query",
	"Beneficiary Document": "amass_relations.permissions.branches.beneficiary_document_query",
	"Interaction": "amass_relations.permissions.branches.interaction_query",
	"Carer Authorization": "amass_relations.permissions.branches.carer_authorization_query",
	"Support Request": "amass_relations.permissions.branches.support_request_query",
	"Support Request Document": "amass_relations.permissions.branches.support_request_document_query",
	"Service Delivery": "amass_relations.permissions.branches.service_delivery_query",
	"Beneficiary Medical Profile": "amass_relations.permissions.branches.medical_profile_query",
	"Social Research Report": "amass_relations.permissions.branches.social_research_report_query",
	"Committee Review": "amass_relations.permissions.branches.committee_review_query",
	"Committee Vote": "amass_relations.permissions.branches.committee_vote_query",
	"Committee Escalation": "amass_relations.permissions.branches.committee_escalation_query",
	# Framework records about app records follow the record they are about.
	"File": "amass_relations.permissions.branches.file_query",
	"Comment": "amass_relations.permissions.branches.comment_query",
	"Version": "amass_relations.permissions.branches.version_query",
	"ToDo": "amass_relations.permissions.branches.todo_query",
	"Communication": "amass_relations.permissions.branches.communication_query",
	"DocShare": "amass_relations.permissions.branches.docshare_query",
	"Notification Log": "amass_relations.permissions.branches.notification_log_query",
	# The SMS outbox follows the record a message is about.
	"SMS Outbox": "amass_relations.permissions.branches.sms_outbox_query",
	# A complaint: the manager and its owner, never the member of staff it names.
	"Feedback": "amass_relations.permissions.feedback.feedback_query",
	"Feedback Answer": "amass_relations.permissions.feedback.feedback_answer_query",
	"Improvement Action": "amass_relations.permissions.feedback.improvement_action_query",
	"Improvement Action Feedback": "amass_relations.permissions.feedback.improvement_action_feedback_query",
}
has_permission = {
	"Beneficiary": "amass_relations.permissions.branches.branch_has_permission",
	"Beneficiary Document": "amass_relations.permissions.branches.branch_has_permission",
	"Interaction": "amass_relations.permissions.branches.branch_has_permission",
	"Carer Authorization": "amass_relations.permissions.branches.branch_has_permission",
	"Support Request": "amass_relations.permissions.branches.branch_has_permission",
	"Service Delivery": "amass_relations.permissions.branches.branch_has_permission",
	"Beneficiary Medical Profile": "amass_relations.permissions.branches.branch_has_permission",
	"Social Research Report": "amass_relations.permissions.branches.branch_has_permission",
	"Committee Review": "amass_relations.permissions.branches.branch_has_permission",
	"Committee Escalation": "amass_relations.permissions.branches.branch_has_permission",
	"Committee Vote": "amass_relations.amass_relations.doctype.committee_vote.committee_vote.has_permission",
	"File": "amass_relations.permissions.files.file_has_permission",
	"Feedback": "amass_relations.permissions.feedback.feedback_has_permission",
	"Feedback Answer": "amass_relations.permissions.feedback.feedback_answer_has_permission",
	"Improvement Action": "amass_relations.permissions.feedback.improvement_action_has_permission",
	**{
		doctype: "amass_relations.permissions.branches.reference_has_permission"
		for doctype in (
			"Comment",
			"Version",
			"ToDo",
			"Communication",
			"DocShare",
			"Notification Log",
			"SMS Outbox",
		)
	},
}

# Shares, assignments and files cannot carry a record across the branch wall.
doc_events = {
	"DocShare": {"validate": "amass_relations.permissions.sharing.validate_share"},
	"ToDo": {"validate": "amass_relations.permissions.sharing.validate_assignment"},
	"File": {
		"before_insert": "amass_relations.permissions.files.guard_file",
		# A done improvement action's evidence stays (services/complaints.py).
		"on_trash": "amass_relations.services.complaints.keep_evidence",
	},
	# A user disabled while holding open work: shown to whoever disables them and to the managers.
	"User": {"on_update": "amass_relations.services.offboarding.on_user_update"},
	# The public service guide's cached page goes when what it shows changes (services/service_guide.py).
	**{
		doctype: {"on_update": "amass_relations.services.service_guide.clear_guide_cache"}
		for doctype in ("Support Service Type", "Beneficiary Relations Settings", "Translation")
	},
	# Imports only into what the user's role may import (permissions/imports.py).
	"Data Import": {"validate": "amass_relations.permissions.imports.validate_data_import"},
}
# The walled records are never renamed (Document.rename(force=1) would skip allow_rename), and are
# created only for a beneficiary their creator may read.
for _doctype in (
	"Beneficiary",
	"Beneficiary Document",
	"Beneficiary Medical Profile",
	"Carer Authorization",
	"Interaction",
	"Support Request",
	"Service Delivery",
	"Social Research Report",
	"Committee Review",
	"Committee Vote",
	"Committee Escalation",
):
	doc_events.setdefault(_doctype, {})["before_rename"] = "amass_relations.permissions.routes.refuse_rename"
	if _doctype not in ("Beneficiary", "Committee Review", "Committee Vote", "Committee Escalation"):
		doc_events[_doctype]["before_insert"] = (
			"amass_relations.permissions.branches.require_reading_beneficiary"
		)

# Fields only the system writes, and what is frozen once a request is with the committee: refused on
# every save whatever the route (permissions/code_owned.py).
for _doctype in (
	"Support Request",
	"Beneficiary",
	"Beneficiary Document",
	"Carer Authorization",
	"Committee Meeting",
	"Committee Review",
	"Service Delivery",
	"Interaction",
):
	doc_events.setdefault(_doctype, {})["before_validate"] = (
		"amass_relations.permissions.code_owned.guard_code_owned"
	)

# Private file downloads ask the app's walls too (permissions/files.py).
override_doctype_class = {
	"File": "amass_relations.permissions.files.GuardedFile",
	# A survey invitation's stored email holds a placeholder; the token is filled only when it is sent.
	"Email Queue": "amass_relations.services.surveys.SurveyEmailQueue",
}

# Filters as raw SQL text are refused on every request (amass_relations/permissions/routes.py).
before_request = ["amass_relations.permissions.routes.refuse_raw_sql_filters"]

# Framework routes that would go around the permissions (amass_relations/permissions/routes.py).
override_whitelisted_methods = {
	"frappe.model.workflow.apply_workflow": "amass_relations.services.workflow.apply_workflow",
	"frappe.client.get_count": "amass_relations.permissions.routes.get_count",
	"frappe.desk.search.get_link_title": "amass_relations.permissions.routes.get_link_title",
	"frappe.desk.notifications.get_open_count": "amass_relations.permissions.routes.get_open_count",
	"frappe.desk.search.search_widget": "amass_relations.permissions.routes.search_widget",
	"frappe.desk.search.search_link": "amass_relations.permissions.routes.search_link",
	"frappe.desk.listview.get_group_by_count": "amass_relations.permissions.routes.get_group_by_count",
	"frappe.core.doctype.sms_settings.sms_settings.send_sms": "amass_relations.permissions.routes.send_sms",
	"frappe.core.doctype.user.user.sign_up": "amass_relations.permissions.routes.sign_up",
	"frappe.core.doctype.user.user.reset_password": "amass_relations.permissions.routes.reset_password",
	"frappe.desk.doctype.tag.tag.add_tag": "amass_relations.permissions.routes.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "amass_relations.permissions.routes.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "amass_relations.permissions.routes.remove_tag",
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "amass_relations.permissions.routes.get_tagged_docs",
	"frappe.desk.doctype.tag.tag.get_documents_for_tag": "amass_relations.permissions.routes.get_documents_for_tag",
	"frappe.client.attach_file": "amass_relations.permissions.routes.attach_file",
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply": "amass_relations.permissions.routes.bulk_apply",
	"frappe.desk.treeview.get_all_nodes": "amass_relations.permissions.routes.get_all_nodes",
	"frappe.geo.utils.get_coords": "amass_relations.permissions.routes.get_coords",
	"frappe.utils.goal.get_monthly_goal_graph_data": "amass_relations.permissions.routes.get_monthly_goal_graph_data",
	"frappe.desk.like.toggle_like": "amass_relations.permissions.routes.toggle_like",
	"frappe.desk.form.document_follow.follow_document": "amass_relations.permissions.routes.follow_document",
	"frappe.desk.form.document_follow.unfollow_document": "amass_relations.permissions.routes.unfollow_document",
	"frappe.desk.form.document_follow.update_follow": "amass_relations.permissions.routes.update_follow",
	"frappe.desk.form.document_follow.get_follow_users": "amass_relations.permissions.routes.get_follow_users",
	"frappe.desk.form.utils.get_next": "amass_relations.permissions.routes.get_next",
	"frappe.desk.query_report.run": "amass_relations.permissions.routes.run_report",
	"frappe.core.doctype.data_export.exporter.export_data": "amass_relations.permissions.routes.export_data",
	"frappe.templates.includes.comments.comments.add_comment": "amass_relations.permissions.routes.website_add_comment",
	"frappe.templates.includes.likes.likes.like": "amass_relations.permissions.routes.website_like",
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": "amass_relations.permissions.routes.get_workflow_state_count",
	"frappe.utils.global_search.search": "amass_relations.permissions.routes.global_search",
	"frappe.client.get": "amass_relations.permissions.routes.get_doc_by_filters",
	"frappe.client.is_document_amended": "amass_relations.permissions.routes.is_document_amended",
	"frappe.client.validate_link": "amass_relations.permissions.routes.validate_link",
	"frappe.core.api.file.unzip_file": "amass_relations.permissions.routes.unzip_file",
	"frappe.core.doctype.prepared_report.prepared_report.download_attachment": "amass_relations.permissions.routes.download_prepared_report",
	"frappe.core.doctype.prepared_report.prepared_report.make_prepared_report": "amass_relations.permissions.routes.make_prepared_report",
	"frappe.core.doctype.sms_settings.sms_settings.get_contact_number": "amass_relations.permissions.routes.get_contact_number",
	"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions": "amass_relations.permissions.routes.get_latest_submissions",
	"frappe.core.doctype.user.user.user_query": "amass_relations.permissions.routes.user_query",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "amass_relations.permissions.routes.get_dashboard_chart",
	"frappe.desk.doctype.event.event.get_events": "amass_relations.permissions.routes.get_events",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "amass_relations.permissions.routes.get_submitted_linked_docs",
	"frappe.desk.form.save.cancel": "amass_relations.permissions.routes.cancel_with_workflow",
	"frappe.desk.query_report.get_data_for_custom_field": "amass_relations.permissions.routes.get_data_for_custom_field",
	"frappe.email.doctype.email_group.email_group.import_from": "amass_relations.permissions.routes.import_email_group",
	"frappe.email.relink": "amass_relations.permissions.routes.relink",
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews": "amass_relations.permissions.routes.get_reviews",
	"frappe.utils.file_manager.add_attachments": "amass_relations.permissions.routes.add_attachments",
	"frappe.core.doctype.communication.email.make": "amass_relations.permissions.routes.make_communication",
	"frappe.website.doctype.web_form.web_form.get_form_data": "amass_relations.permissions.routes.get_form_data",
	"frappe.website.doctype.web_page_view.web_page_view.make_view_log": "amass_relations.permissions.routes.make_view_log",
}

# Scheduled Tasks
# ---------------
scheduler_events = {
	"cron": {
		# Decision letters that failed (or whose job was lost) are prepared again.
		"*/5 * * * *": ["amass_relations.services.letters.retry_failed_letters"],
		# Text messages due again after a failed attempt, or whose job was lost.
		"* * * * *": ["amass_relations.services.outbox.retry_due"],
	},
	# The committee's deadline sweep reads every pending request: the long queue.
	"daily_long": ["amass_relations.services.deadlines.escalate_committee_deadlines"],
	# Satisfaction surveys: the invitations due, then once a day the reminders and the months' cells.
	"hourly": [
		"amass_relations.services.surveys.dispatch",
		# Complaints ticked on a survey page are routed in a batch (services/complaints.py).
		"amass_relations.services.complaints.release_held",
	],
	"daily": [
		"amass_relations.services.complaints.escalate_overdue",
		"amass_relations.services.surveys.remind",
		"amass_relations.services.surveys.close_months",
		"amass_relations.amass_relations.doctype.carer_authorization.carer_authorization.expire_lapsed_authorizations",
		"amass_relations.amass_relations.doctype.branch_access_grant.branch_access_grant.expire_lapsed_grants",
		"amass_relations.permissions.sharing.remove_shares",
		"amass_relations.services.portal_requests.remove_orphaned_uploads",
	],
}
