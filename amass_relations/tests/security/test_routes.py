"""Security, part 1, over HTTP against the served test site: the framework routes that went around the
permissions, the branch wall on stored values, shares and assignments, and files. Each test is one of
the findings, tried as the attacker would."""

import frappe

from amass_relations.constants import (
	ROLE_BENEFICIARY,
	ROLE_BRANCH_REPRESENTATIVE,
	ROLE_MANAGER,
	ROLE_OFFICER,
)
from amass_relations.tests.security.http import Client, make_login, text
from amass_relations.tests.utils import AmassTestCase, make_beneficiary, make_branch

MARK_A = "علامةالفرعأ"
MARK_B = "علامةالفرعب"
DIAGNOSIS = "تشخيص-سري-للاختبار"


class SecurityTestCase(AmassTestCase):
	"""Two branches with one beneficiary each (unique marker names), and one user per attacker."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.rep_a = make_login("sec.rep.a@amass-test.example.com", [ROLE_BRANCH_REPRESENTATIVE])
		cls.rep_nowhere = make_login("sec.rep.none@amass-test.example.com", [ROLE_BRANCH_REPRESENTATIVE])
		cls.officer_a = make_login("sec.officer.a@amass-test.example.com", [ROLE_OFFICER])
		cls.manager = make_login("sec.manager@amass-test.example.com", [ROLE_MANAGER])
		cls.nobody = make_login("sec.nobody@amass-test.example.com", [], user_type="Website User")
		cls.portal = make_login(
			"sec.portal@amass-test.example.com", [ROLE_BENEFICIARY], user_type="Website User"
		)
		cls.branch_a = make_branch("فرع أمن أ", "مدينة أمن أ", users=(cls.rep_a, cls.officer_a))
		cls.branch_b = make_branch("فرع أمن ب", "مدينة أمن ب")
		cls.ben_a = cls.beneficiary(701, cls.branch_a, MARK_A)
		cls.ben_b = cls.beneficiary(702, cls.branch_b, MARK_B)
		if not frappe.db.exists("Beneficiary Medical Profile", {"beneficiary": cls.ben_b.name}):
			frappe.get_doc(
				{
					"doctype": "Beneficiary Medical Profile",
					"beneficiary": cls.ben_b.name,
					"diagnosis": DIAGNOSIS,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def beneficiary(cls, n, branch, marker):
		from amass_relations.tests.utils import test_national_id

		existing = frappe.db.get_value("Beneficiary", {"national_id": test_national_id(n)})
		if existing:
			return frappe.get_doc("Beneficiary", existing)
		return make_beneficiary(n, branch, full_name=f"{marker} مستفيد")

	def assertRefused(self, response, *markers):
		self.assertIn(response.status_code, (403, 417), text(response)[:500])
		for marker in markers:
			self.assertNotIn(marker, text(response))


class TestFrameworkRoutes(SecurityTestCase):
	def test_get_count_is_no_oracle_for_a_user_without_roles(self):
		nobody = Client(self.nobody)
		response = nobody.call(
			"frappe.client.get_count",
			doctype="Beneficiary Medical Profile",
			filters={"diagnosis": ["like", "تشخيص%"]},
		)
		self.assertRefused(response)
		response = nobody.call(
			"frappe.client.get_count", doctype="Beneficiary", filters={"national_id": self.ben_b.national_id}
		)
		self.assertRefused(response)

	def test_get_count_counts_only_the_readers_branch(self):
		rep = Client(self.rep_a)
		response = rep.call(
			"frappe.client.get_count", doctype="Beneficiary", filters={"national_id": self.ben_b.national_id}
		)
		self.assertEqual(response.json()["message"], 0)
		response = rep.call(
			"frappe.client.get_count", doctype="Beneficiary", filters={"national_id": self.ben_a.national_id}
		)
		self.assertEqual(response.json()["message"], 1)

	def test_link_titles_are_answered_only_to_readers(self):
		for user in (self.nobody, self.portal, self.rep_a):
			response = Client(user).call(
				"frappe.desk.search.get_link_title", doctype="Beneficiary", docname=self.ben_b.name
			)
			self.assertNotIn(MARK_B, text(response), user)
		response = Client(self.rep_a).call(
			"frappe.desk.search.get_link_title", doctype="Beneficiary", docname=self.ben_a.name
		)
		self.assertIn(MARK_A, text(response))

	def test_search_ignoring_user_permissions_stays_behind_the_wall(self):
		rep = Client(self.rep_a)
		for method in ("frappe.desk.search.search_widget", "frappe.desk.search.search_link"):
			params = {"doctype": "Beneficiary", "txt": "", "ignore_user_permissions": 1, "page_length": 500}
			if method.endswith("search_widget"):
				params["filter_fields"] = '["national_id", "date_of_birth"]'
			response = rep.call(method, **params)
			self.assertEqual(response.status_code, 200, response.text[:300])
			self.assertNotIn(MARK_B, text(response), method)
			self.assertNotIn(self.ben_b.name, text(response), method)
			self.assertNotIn(self.ben_a.national_id, text(response), method)

	def test_group_by_count_is_no_oracle(self):
		response = Client(self.nobody).call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Beneficiary",
			current_filters={"national_id": self.ben_b.national_id},
			field="assigned_to",
		)
		self.assertRefused(response)
		response = Client(self.rep_a).call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Beneficiary",
			current_filters={"national_id": self.ben_b.national_id},
			field="branch_office",
		)
		self.assertEqual(response.json()["message"], [])

	def test_only_senders_send_sms(self):
		for user in (self.nobody, self.portal, self.rep_a):
			response = Client(user).call(
				"frappe.core.doctype.sms_settings.sms_settings.send_sms",
				receiver_list='["+966500000000"]',
				msg="test",
			)
			self.assertRefused(response)

	def test_sign_up_and_reset_password_answer_the_same_whatever_exists(self):
		settings = frappe.get_doc("Website Settings")
		settings.disable_signup = 0
		settings.save(ignore_permissions=True)  # clears the website cache the served site reads
		frappe.db.commit()
		guest = Client()
		answers = []
		for email in (self.portal, "nobody-here-ever@amass-test.example.com"):
			response = guest.call(
				"frappe.core.doctype.user.user.sign_up", email=email, full_name="X", redirect_to=""
			)
			answers.append((response.status_code, response.json().get("message")))
		self.assertEqual(answers[0], answers[1])
		self.assertEqual(answers[0][0], 200, answers)
		answers = []
		for email in (self.portal, "nobody-here-either@amass-test.example.com"):
			response = guest.call("frappe.core.doctype.user.user.reset_password", user=email)
			body = response.json()
			answers.append((response.status_code, body.get("message"), body.get("_server_messages")))
		self.assertEqual(answers[0], answers[1])


class TestRawSqlAndTags(SecurityTestCase):
	def test_filters_as_sql_text_are_refused_on_every_route(self):
		for user in (self.portal, self.rep_a):
			client = Client(user)
			for method, params in (
				("frappe.client.get_list", {"doctype": "Beneficiary", "fields": '["name", "full_name"]'}),
				(
					"frappe.core.doctype.role.role.role_query",
					{"doctype": "Role", "txt": "", "searchfield": "name", "start": 0, "page_len": 20},
				),
			):
				response = client.call(method, filters="1=1 or 1=1", **params)
				self.assertRefused(response, MARK_B)
			response = client.get("/api/resource/Beneficiary", filters="1=1 or 1=1", fields='["full_name"]')
			self.assertRefused(response, MARK_B)

	def test_fields_of_linked_records_are_refused(self):
		client = Client(self.rep_a)
		response = client.call(
			"frappe.client.get_list", doctype="Support Request", fields='["name", "beneficiary.national_id"]'
		)
		self.assertRefused(response, self.ben_b.national_id)
		response = client.call(
			"frappe.client.get_value",
			doctype="Support Request",
			filters={},
			fieldname='["beneficiary.national_id"]',
		)
		self.assertRefused(response, self.ben_b.national_id)

	def test_tags_need_write_on_the_record(self):
		response = Client(self.rep_a).call(
			"frappe.desk.doctype.tag.tag.add_tag", tag="probe", dt="Beneficiary", dn=self.ben_b.name
		)
		self.assertRefused(response, MARK_B)
		response = Client(self.rep_a).call(
			"frappe.desk.doctype.tag.tag.add_tag", tag="probe", dt="Beneficiary` set full_name='x' #", dn="x"
		)
		self.assertRefused(response)


class TestStoredBranch(SecurityTestCase):
	def test_a_representative_cannot_move_another_branchs_beneficiary_into_view(self):
		response = Client(self.rep_a).call(
			"frappe.client.set_value",
			doctype="Beneficiary",
			name=self.ben_b.name,
			fieldname="branch_office",
			value=self.branch_a,
		)
		self.assertRefused(response, MARK_B)
		self.assertEqual(frappe.db.get_value("Beneficiary", self.ben_b.name, "branch_office"), self.branch_b)
		self.assertRefused(Client(self.rep_a).get(f"/api/resource/Beneficiary/{self.ben_b.name}"), MARK_B)

	def test_only_a_manager_moves_a_beneficiary_and_the_documents_follow(self):
		ben = self.beneficiary(703, self.branch_a, "نقل")
		frappe.db.set_value("Beneficiary", ben.name, "branch_office", self.branch_a)
		existing = frappe.db.get_value("Carer Authorization", {"patient": ben.name, "carer": self.ben_a.name})
		if existing:
			document = frappe.get_doc("Carer Authorization", existing)
			frappe.db.set_value("Carer Authorization", existing, "branch_office", self.branch_a)
		else:
			document = frappe.get_doc(
				{
					"doctype": "Carer Authorization",
					"patient": ben.name,
					"carer": self.ben_a.name,
					"relationship": "Other",
				}
			)
			document.flags.ignore_mandatory = True
			document.insert(ignore_permissions=True)
		frappe.db.commit()
		response = Client(self.officer_a).call(
			"frappe.client.set_value",
			doctype="Beneficiary",
			name=ben.name,
			fieldname="branch_office",
			value=self.branch_b,
		)
		self.assertRefused(response)
		response = Client(self.manager).call(
			"frappe.client.set_value",
			doctype="Beneficiary",
			name=ben.name,
			fieldname="branch_office",
			value=self.branch_b,
		)
		self.assertEqual(response.status_code, 200, text(response)[:500])
		self.assertEqual(frappe.db.get_value("Beneficiary", ben.name, "branch_office"), self.branch_b)
		self.assertEqual(
			frappe.db.get_value("Carer Authorization", document.name, "branch_office"), self.branch_b
		)

	def test_a_representative_on_no_branch_sees_nothing(self):
		response = Client(self.rep_nowhere).get("/api/resource/Beneficiary", limit_page_length=1000)
		self.assertEqual(response.json().get("data", []), [], response.text[:300])

	def test_nobody_creates_a_record_for_another_branchs_beneficiary(self):
		response = Client(self.rep_a).call(
			"frappe.client.insert",
			doc={
				"doctype": "Interaction",
				"beneficiary": self.ben_b.name,
				"branch_office": self.branch_a,
				"channel": frappe.db.get_value("Contact Channel", {}, "name"),
				"summary": "probe",
			},
		)
		self.assertRefused(response, MARK_B)

	def test_the_duplicate_check_names_no_record_the_reader_may_not_read(self):
		response = Client(self.rep_a).call(
			"frappe.client.insert",
			doc={
				"doctype": "Beneficiary",
				"national_id": self.ben_b.national_id,
				"full_name": "محاولة تكرار",
				"gender": "Female",
				"date_of_birth": "1980-01-15",
				"branch_office": self.branch_a,
				"beneficiary_category": self.ben_b.beneficiary_category,
			},
		)
		self.assertIn(response.status_code, (409, 417), text(response)[:300])
		self.assertNotIn(self.ben_b.name, text(response))
		self.assertNotIn(MARK_B, text(response))

	def test_the_forms_link_counts_count_only_what_the_reader_reads(self):
		from amass_relations.constants import DOCUMENT_MEDICAL_REPORT

		medical = frappe.get_doc(
			{
				"doctype": "Beneficiary Document",
				"beneficiary": self.ben_a.name,
				"document_type": DOCUMENT_MEDICAL_REPORT,
				"file": "/private/files/count-probe.pdf",
				"is_medical": 1,
				"branch_office": self.branch_a,
			}
		)
		medical.db_insert()
		frappe.db.commit()

		def documents(user):
			response = Client(user).call(
				"frappe.desk.notifications.get_open_count", doctype="Beneficiary", name=self.ben_a.name
			)
			self.assertEqual(response.status_code, 200, text(response)[:300])
			found = response.json()["message"]["count"]["external_links_found"]
			return next(d["count"] for d in found if d["doctype"] == "Beneficiary Document")

		every = frappe.db.count("Beneficiary Document", {"beneficiary": self.ben_a.name})
		ordinary = frappe.db.count("Beneficiary Document", {"beneficiary": self.ben_a.name, "is_medical": 0})
		self.assertEqual(documents(self.officer_a), every)
		self.assertEqual(documents(self.rep_a), ordinary)
		frappe.db.delete("Beneficiary Document", medical.name)
		frappe.db.commit()

	def test_request_document_rows_are_filtered_like_their_request(self):
		response = Client(self.rep_a).call(
			"frappe.client.get_list",
			doctype="Support Request Document",
			parent="Support Request",
			fields='["parent", "file"]',
			limit_page_length=1000,
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		parents = {row["parent"] for row in response.json()["message"]}
		own = set(frappe.get_all("Support Request", filters={"branch_office": self.branch_a}, pluck="name"))
		self.assertLessEqual(parents, own)


class TestSharesAndFiles(SecurityTestCase):
	def test_a_medical_document_a_request_needs_is_kept_behind_the_medical_wall(self):
		"""A branch representative (no medical access) takes a hospital referral at intake: the file goes
		onto a medical Beneficiary Document of the request, the row keeps only that record's name, and
		neither the request, its rows nor the file reach the representative again."""
		from amass_relations.constants import CATEGORY_PATIENT, DOCUMENT_HOSPITAL_REFERRAL

		service = "خدمة اختبار الإحالة الطبية"
		if not frappe.db.exists("Support Service Type", service):
			frappe.get_doc(
				{
					"doctype": "Support Service Type",
					"service_name": service,
					"eligible_categories": [{"beneficiary_category": CATEGORY_PATIENT}],
					"required_documents": [{"document_type": DOCUMENT_HOSPITAL_REFERRAL, "mandatory": 1}],
				}
			).insert(ignore_permissions=True)
			frappe.db.commit()
		rep = Client(self.rep_a)
		secret = "referral-" + frappe.generate_hash()
		upload = rep.upload("referral.pdf", b"%PDF-1.4 " + secret.encode())
		self.assertEqual(upload.status_code, 200, text(upload)[:300])
		file_url = upload.json()["message"]["file_url"]
		response = rep.call(
			"frappe.client.insert",
			doc={
				"doctype": "Support Request",
				"beneficiary": self.ben_a.name,
				"service_type": service,
				"channel": frappe.db.get_value("Contact Channel", {}, "name"),
				"description": "طلب اختبار الإحالة",
				"documents": [
					{
						"document_type": DOCUMENT_HOSPITAL_REFERRAL,
						"file": file_url,
						"expiry_date": frappe.utils.add_days(frappe.utils.today(), 60),
					}
				],
			},
		)
		self.assertEqual(response.status_code, 200, text(response)[:500])
		self.assertNotIn(file_url, text(response))
		request = response.json()["message"]["name"]
		frappe.db.commit()  # a new snapshot: see what the server committed
		row = frappe.get_all(
			"Support Request Document",
			filters={"parent": request, "document_type": DOCUMENT_HOSPITAL_REFERRAL},
			fields=["file", "beneficiary_document"],
		)[0]
		self.assertFalse(row.file)
		document = frappe.get_doc("Beneficiary Document", row.beneficiary_document)
		self.assertEqual(
			(document.is_medical, document.support_request, document.file), (1, request, file_url)
		)
		self.assertEqual(
			frappe.get_all(
				"File", filters={"file_url": file_url}, fields=["attached_to_doctype", "attached_to_name"]
			),
			[{"attached_to_doctype": "Beneficiary Document", "attached_to_name": document.name}],
		)
		self.assertNotIn(file_url, text(rep.get(f"/api/resource/Support Request/{request}")))
		self.assertRefused(rep.get(f"/api/resource/Beneficiary Document/{document.name}"), secret)
		self.assertEqual(rep.get(file_url).status_code, 403)
		officer = Client(self.officer_a)
		self.assertEqual(officer.get(f"/api/resource/Beneficiary Document/{document.name}").status_code, 200)
		self.assertIn(secret, officer.get(file_url).text)
		# Nor can a client link a document to a request: only the request's code does.
		other = Client(self.officer_a).put(
			f"/api/resource/Beneficiary Document/{document.name}", {"support_request": None}
		)
		self.assertIn(other.status_code, (200, 403, 417), text(other)[:300])
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Beneficiary Document", document.name, "support_request"), request
		)
		# The referral belongs to this request: another request of the same person does not reuse it.
		frappe.db.set_value("Beneficiary Document", document.name, "verified_on", frappe.utils.now_datetime())
		from amass_relations.services.documents import valid_documents

		self.assertIn(DOCUMENT_HOSPITAL_REFERRAL, valid_documents(self.ben_a.name, request))
		self.assertNotIn(DOCUMENT_HOSPITAL_REFERRAL, valid_documents(self.ben_a.name, "another request"))
		frappe.db.rollback()

	def test_a_share_cannot_cross_the_branch_wall(self):
		response = Client(self.manager).call(
			"frappe.share.add", doctype="Beneficiary", name=self.ben_b.name, user=self.rep_a, read=1
		)
		self.assertRefused(response)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.ben_b.name, "user": self.rep_a}))
		self.assertRefused(Client(self.rep_a).get(f"/api/resource/Beneficiary/{self.ben_b.name}"), MARK_B)

	def test_an_assignment_cannot_cross_the_branch_wall(self):
		response = Client(self.manager).call(
			"frappe.desk.form.assign_to.add",
			doctype="Beneficiary",
			name=self.ben_b.name,
			assign_to=f'["{self.rep_a}"]',
		)
		self.assertRefused(response)
		self.assertRefused(Client(self.rep_a).get(f"/api/resource/Beneficiary/{self.ben_b.name}"), MARK_B)

	def test_app_roles_cannot_share(self):
		for doctype in ("Beneficiary", "Support Request", "Beneficiary Document", "Interaction"):
			for perm in frappe.get_all("DocPerm", filters={"parent": doctype, "share": 1}, fields=["role"]):
				self.assertEqual(perm.role, "System Manager", doctype)

	def test_the_same_bytes_attached_to_two_records_get_two_urls(self):
		content = b"%PDF-1.4 same bytes for two records " + frappe.generate_hash().encode()
		urls = []
		for beneficiary in (self.ben_a, self.ben_b):
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "scan.pdf",
					"is_private": 1,
					"attached_to_doctype": "Beneficiary",
					"attached_to_name": beneficiary.name,
					"content": content,
				}
			).insert(ignore_permissions=True)
			urls.append(file.file_url)
		self.assertNotEqual(urls[0], urls[1])
		frappe.db.commit()
		rep = Client(self.rep_a)
		self.assertEqual(rep.get(urls[0]).status_code, 200)
		self.assertEqual(rep.get(urls[1]).status_code, 403)

		# A row of one's own pointing at the other branch's bytes does not open them.
		self.assertRefused(
			rep.call("frappe.client.insert", doc={"doctype": "File", "file_url": urls[1], "is_private": 1})
		)
		self.assertEqual(rep.get(urls[1]).status_code, 403)
		response = rep.call(
			"frappe.client.insert",
			doc={
				"doctype": "File",
				"file_url": urls[1],
				"is_private": 1,
				"attached_to_doctype": "Beneficiary",
				"attached_to_name": self.ben_a.name,
			},
		)
		self.assertRefused(response)
		self.assertEqual(rep.get(urls[1]).status_code, 403)


class TestFrameworkDoctypesHoldingAppData(SecurityTestCase):
	"""Comments, versions, files, assignments and logs about another branch's records stay behind the wall."""

	FRAMEWORK_DOCTYPES = (
		"Version",
		"Comment",
		"ToDo",
		"Communication",
		"File",
		"DocShare",
		"Deleted Document",
	)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ben_b = frappe.get_doc("Beneficiary", cls.ben_b.name)
		ben_b.add_comment("Comment", f"{MARK_B} تعليق")
		ben_b.notes = f"{MARK_B} ملاحظة" if ben_b.meta.has_field("notes") else None
		ben_b.mobile_no = "0500999123"
		ben_b.save(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{MARK_B}.pdf",
				"is_private": 1,
				"attached_to_doctype": "Beneficiary",
				"attached_to_name": cls.ben_b.name,
				"content": b"%PDF-1.4 " + frappe.generate_hash().encode(),
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": cls.manager,
				"reference_type": "Beneficiary",
				"reference_name": cls.ben_b.name,
				"description": f"{MARK_B} مهمة",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()

	def test_lists_of_framework_doctypes_show_nothing_of_another_branch(self):
		for user in (self.rep_a, self.officer_a, self.nobody, self.portal):
			client = Client(user)
			for doctype in self.FRAMEWORK_DOCTYPES:
				response = client.get(f"/api/resource/{doctype}", fields='["*"]', limit_page_length=500)
				body = text(response)
				self.assertNotIn(MARK_B, body, f"{user} reads {doctype}")
				self.assertNotIn(self.ben_b.name, body, f"{user} reads {doctype}")
				response = client.call(
					"frappe.desk.reportview.get", doctype=doctype, fields='["*"]', page_length=500
				)
				body = text(response)
				self.assertNotIn(MARK_B, body, f"{user} reads {doctype} (report view)")
				self.assertNotIn(self.ben_b.name, body, f"{user} reads {doctype} (report view)")


class TestBranchAccessGrant(SecurityTestCase):
	"""Policy G4: a patient treated in another city. A manager opens one beneficiary's file to a user of
	another branch for some days, with a reason; it ends by itself; the timeline shows both."""

	def tearDown(self):
		frappe.db.delete("Branch Access Grant", {"user": self.rep_a})
		frappe.db.commit()
		frappe.cache.delete_value(f"amass_grants::{self.rep_a}")

	def grant(self, **values):
		from frappe.utils import add_days, today

		frappe.set_user(self.manager)
		try:
			grant = frappe.get_doc(
				{
					"doctype": "Branch Access Grant",
					"user": self.rep_a,
					"beneficiary": self.ben_b.name,
					"valid_until": add_days(today(), 3),
					"reason": "علاج في مدينة أخرى",
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		return grant

	def test_a_grant_opens_one_file_for_reading_and_ends_by_itself(self):
		from frappe.utils import add_days, today

		from amass_relations.amass_relations.doctype.branch_access_grant.branch_access_grant import (
			expire_lapsed_grants,
		)

		rep = Client(self.rep_a)
		self.assertRefused(rep.get(f"/api/resource/Beneficiary/{self.ben_b.name}"), MARK_B)
		grant = self.grant()
		response = rep.get(f"/api/resource/Beneficiary/{self.ben_b.name}")
		self.assertEqual(response.status_code, 200, text(response)[:300])
		self.assertIn(self.ben_b.name, text(rep.get("/api/resource/Beneficiary", limit_page_length=1000)))
		# Reading, not changing.
		response = rep.call(
			"frappe.client.set_value",
			doctype="Beneficiary",
			name=self.ben_b.name,
			fieldname="city",
			value="x",
		)
		self.assertRefused(response)
		self.assertEqual(grant.granted_by, self.manager)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Beneficiary", "reference_name": self.ben_b.name},
			pluck="content",
		)
		self.assertTrue(any(self.rep_a in c for c in comments))

		frappe.db.set_value("Branch Access Grant", grant.name, "valid_until", add_days(today(), -1))
		expire_lapsed_grants()
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("Branch Access Grant", grant.name, "status"), "Expired")
		self.assertRefused(rep.get(f"/api/resource/Beneficiary/{self.ben_b.name}"), MARK_B)

	def test_only_managers_grant_and_only_for_a_while(self):
		from frappe.utils import add_days, today

		response = Client(self.officer_a).call(
			"frappe.client.insert",
			doc={
				"doctype": "Branch Access Grant",
				"user": self.officer_a,
				"beneficiary": self.ben_b.name,
				"valid_until": add_days(today(), 3),
				"reason": "x",
			},
		)
		self.assertRefused(response)
		with self.assertRaises(frappe.ValidationError):
			self.grant(valid_until=add_days(today(), 365))
		with self.assertRaises(frappe.ValidationError):
			self.grant(user=self.portal)


class TestGuardedFrameworkMethods(SecurityTestCase):
	def test_get_by_filters_is_no_oracle(self):
		rep = Client(self.rep_a)
		other = rep.call(
			"frappe.client.get", doctype="Beneficiary", filters={"national_id": self.ben_b.national_id}
		)
		nobody = rep.call("frappe.client.get", doctype="Beneficiary", filters={"national_id": "1999999999"})
		self.assertEqual(other.status_code, nobody.status_code)
		self.assertNotIn(self.ben_b.name, text(other))
		own = rep.call(
			"frappe.client.get", doctype="Beneficiary", filters={"national_id": self.ben_a.national_id}
		)
		self.assertIn(MARK_A, text(own))

	def test_validate_link_answers_another_branchs_record_as_missing(self):
		rep = Client(self.rep_a)
		other = rep.call("frappe.client.validate_link", doctype="Beneficiary", docname=self.ben_b.name)
		missing = rep.call("frappe.client.validate_link", doctype="Beneficiary", docname="BEN-9999999")
		self.assertEqual(other.json().get("message"), missing.json().get("message"))

	def test_walled_records_are_never_renamed(self):
		response = Client(self.manager).call(
			"frappe.client.rename_doc",
			doctype="Beneficiary",
			old_name=self.ben_a.name,
			new_name="BEN-RENAMED",
			force=1,
		)
		self.assertRefused(response)
		self.assertTrue(frappe.db.exists("Beneficiary", self.ben_a.name))

	def test_a_follow_or_like_needs_read(self):
		rep = Client(self.rep_a)
		for method, params in (
			(
				"frappe.desk.like.toggle_like",
				{"doctype": "Beneficiary", "name": self.ben_b.name, "add": "Yes"},
			),
			(
				"frappe.desk.form.document_follow.follow_document",
				{"doctype": "Beneficiary", "doc_name": self.ben_b.name, "user": self.rep_a},
			),
		):
			self.assertRefused(rep.call(method, **params), MARK_B)
