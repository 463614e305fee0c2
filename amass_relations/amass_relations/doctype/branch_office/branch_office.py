# Copyright (c) 2026, Amass Association and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from amass_relations.services.branches import remove_user_permissions, sync_user_permissions


class BranchOfficeError(frappe.ValidationError):
	pass


class BranchOffice(Document):
	def validate(self):
		self.validate_single_headquarters()
		self.validate_cities_served()
		self.validate_users()

	def on_update(self):
		sync_user_permissions(self)

	def on_trash(self):
		remove_user_permissions(self.name)

	def validate_single_headquarters(self):
		if not self.is_headquarters:
			return
		other = frappe.db.get_value("Branch Office", {"is_headquarters": 1, "name": ("!=", self.name)})
		if other:
			frappe.throw(
				_("{0} is already the headquarters. Only one branch can be the headquarters.").format(
					frappe.bold(other)
				),
				BranchOfficeError,
			)

	def validate_cities_served(self):
		cities = [row.city.strip() for row in self.cities_served if row.city]
		if len(cities) != len(set(cities)):
			frappe.throw(_("A city is listed twice in the cities served."), BranchOfficeError)
		for city in {self.city.strip(), *cities}:
			other = frappe.db.get_value(
				"Branch Office City",
				{"city": city, "parent": ("!=", self.name), "parenttype": "Branch Office"},
				"parent",
			) or frappe.db.get_value("Branch Office", {"city": city, "name": ("!=", self.name)})
			if other:
				frappe.throw(
					_("{0} is already served by the branch {1}. A city is served by one branch.").format(
						frappe.bold(city), frappe.bold(other)
					),
					BranchOfficeError,
				)

	def validate_users(self):
		users = [row.user for row in self.users]
		if len(users) != len(set(users)):
			frappe.throw(_("A user is listed twice in this branch."), BranchOfficeError)
