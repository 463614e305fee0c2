import unittest
from datetime import date

from amass_relations.rules.phone import sign_in_form
from amass_relations.rules.portal import (
	STAGES,
	Authorization,
	same_site_path,
	session_expiry,
	stage_of,
	status_changes,
	status_message_channel,
	visible_files,
)

TODAY = date(2026, 11, 26)


def auth(
	patient="BEN-P",
	status="Active",
	start=date(2026, 1, 1),
	end=None,
	patient_status="Registered",
	changed=None,
):
	return Authorization(patient, status, start, end, patient_status, changed)


class TestWhatAnAccountSees(unittest.TestCase):
	def test_own_file_and_each_effective_authorization(self):
		files = visible_files(
			"BEN-C", "Registered", [auth(), auth("BEN-Q", end=date(2026, 12, 31))], TODAY, 90
		)
		self.assertEqual(files, {"BEN-C": False, "BEN-P": False, "BEN-Q": False})
		self.assertEqual(next(iter(files)), "BEN-C", "the own file comes first")

	def test_revoked_or_expired_authorizations_end_at_once(self):
		for a in (
			auth(status="Revoked"),
			auth(status="Expired"),
			auth(status="Pending"),
			auth(end=date(2026, 11, 25)),  # lapsed yesterday: not yet marked Expired by the nightly job
			auth(start=date(2026, 11, 27)),  # not started
		):
			self.assertEqual(visible_files("BEN-C", "Registered", [a], TODAY, 90), {"BEN-C": False}, a)
		self.assertIn("BEN-P", visible_files("BEN-C", "Registered", [auth(end=TODAY)], TODAY, 90))

	def test_no_file_or_a_deceased_owner_sees_nothing(self):
		self.assertEqual(visible_files(None, None, [auth()], TODAY, 90), {})
		self.assertEqual(visible_files("BEN-C", "Deceased", [auth()], TODAY, 90), {})

	def test_inactive_keeps_a_read_only_portal(self):
		self.assertEqual(
			visible_files("BEN-C", "Inactive", [auth()], TODAY, 90), {"BEN-C": True, "BEN-P": True}
		)
		self.assertEqual(
			visible_files("BEN-C", "Registered", [auth(patient_status="Inactive")], TODAY, 90),
			{"BEN-C": False, "BEN-P": True},
		)

	def test_carers_read_a_deceased_patients_file_for_the_set_days(self):
		died = date(2026, 9, 1)
		within = visible_files(
			"BEN-C", "Registered", [auth(patient_status="Deceased", changed=died)], date(2026, 11, 30), 90
		)
		self.assertEqual(within, {"BEN-C": False, "BEN-P": True})
		after = visible_files(
			"BEN-C", "Registered", [auth(patient_status="Deceased", changed=died)], date(2026, 12, 1), 90
		)
		self.assertEqual(after, {"BEN-C": False})
		self.assertEqual(
			visible_files("BEN-C", "Registered", [auth(patient_status="Deceased", changed=None)], TODAY, 90),
			{"BEN-C": False},
			"no date of the change: no access",
		)
		self.assertEqual(
			visible_files("BEN-C", "Registered", [auth(patient_status="Deceased", changed=TODAY)], TODAY, 0),
			{"BEN-C": False, "BEN-P": True},
			"zero days: the day itself only",
		)


class TestPortalWords(unittest.TestCase):
	def test_every_request_status_has_a_stage(self):
		workflow = "Draft Pending Verification|Under Social Research|Pending Committee|Returned for Information|Approved|Rejected|Registration Complete|Service Delivered|Closed|Withdrawn"
		for status in workflow.replace("Draft ", "Draft|").split("|"):
			self.assertIn(status, STAGES)
		self.assertEqual(stage_of(None), "received")

	def test_history_takes_status_changes_only(self):
		versions = [
			{"when": "2026-11-02", "changed": [["status", "Pending Verification", "Under Social Research"]]},
			{
				"when": "2026-11-01",
				"changed": [["status", "Draft", "Pending Verification"], ["amount", 1, 2]],
			},
			{"when": "2026-11-03", "changed": [["description", "a", "b"]]},
			{"when": "2026-11-04", "changed": None},
		]
		self.assertEqual(
			status_changes(versions),
			[
				("2026-11-01", "Draft", "Pending Verification"),
				("2026-11-02", "Pending Verification", "Under Social Research"),
			],
		)

	def test_status_messages_follow_the_preference(self):
		self.assertEqual(status_message_channel("Phone", True, True, False), "SMS")
		self.assertEqual(status_message_channel("Website", True, True, False), "Email")
		self.assertEqual(status_message_channel(None, True, True, False), "SMS")
		self.assertEqual(status_message_channel(None, False, True, False), "Email")
		self.assertIsNone(status_message_channel(None, False, False, False))
		# A decision's email goes by the committee's Notification: no second email, SMS still goes.
		self.assertIsNone(status_message_channel("Website", True, True, True))
		self.assertEqual(status_message_channel(None, True, True, True), "SMS")

	def test_website_sessions_are_never_longer_than_staffs(self):
		self.assertEqual(session_expiry(60, "240:00:00"), "01:00:00")
		self.assertEqual(session_expiry(600, "06:00"), "06:00:00")
		self.assertEqual(session_expiry(0, "240:00:00"), "240:00:00", "zero: as staff")
		self.assertEqual(session_expiry(None, "12:30:00"), "12:30:00")

	def test_the_mobile_as_people_type_it_to_sign_in(self):
		self.assertEqual(sign_in_form("+966501234567"), "0501234567")
		self.assertIsNone(sign_in_form(None))


class TestLanguageSwitchRedirect(unittest.TestCase):
	def test_only_paths_of_this_site(self):
		for path in ("/my-requests", "/my-requests/SR-2026-00001?x=1", "/my-profile"):
			self.assertTrue(same_site_path(path), path)
		for path in (
			None,
			"",
			"my-requests",
			"//evil.example.com",
			"/\\evil.example.com",
			"https://evil.example.com/",
		):
			self.assertFalse(same_site_path(path), path)


class TestWhatABeneficiaryTypes(unittest.TestCase):
	def test_plain_text_of_a_bounded_length_is_kept_as_typed(self):
		from amass_relations.rules.portal import text_problem

		self.assertIsNone(text_problem("أحتاج إلى كرسي متحرك بعد العملية.\nشكراً", 2000))
		self.assertIsNone(text_problem("a < b and 3 > 2; O'Brien -- 1=1", 2000))
		self.assertIsNone(text_problem("", 10, required=False))

	def test_markup_control_characters_length_and_non_text_are_refused(self):
		from amass_relations.rules.portal import text_problem

		cases = {
			"": "empty",
			"   ": "empty",
			"x" * 2001: "too_long",
			'<script>alert("x")</script>': "markup",
			"<img src=x onerror=alert(1)>": "markup",
			"</textarea><b>": "markup",
			"&#60;script&#62;": "markup",
			"JavaScript:alert(1)": "markup",
			"<!-- hidden -->": "markup",
			"nul\x00byte": "control",
		}
		for value, problem in cases.items():
			self.assertEqual(text_problem(value, 2000), problem, repr(value[:30]))
		self.assertEqual(text_problem(["a"], 2000), "not_text")
		self.assertEqual(text_problem(5, 2000), "not_text")
