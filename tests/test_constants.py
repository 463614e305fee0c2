import unittest

from amass_relations import constants


class TestStandardRecords(unittest.TestCase):
	def test_the_policy_has_eight_channels_in_order(self):
		self.assertEqual(
			constants.STANDARD_CHANNELS,
			(
				"Interview",
				"Phone",
				"Social Media",
				"Letter",
				"Assistance Request Service",
				"Volunteering",
				"Website",
				"Branch Representative",
			),
		)

	def test_roles_are_distinct_and_the_beneficiary_is_portal_only(self):
		self.assertEqual(len(set(constants.APP_ROLES)), 8)
		self.assertEqual(constants.PORTAL_ROLES, ("Beneficiary",))
		self.assertNotIn("Beneficiary", constants.DESK_ROLES)

	def test_committee_period_default_is_two_weeks(self):
		self.assertEqual(constants.DEFAULT_COMMITTEE_RESPONSE_DAYS, 14)
