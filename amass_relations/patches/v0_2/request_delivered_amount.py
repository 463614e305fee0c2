"""The running delivered total each request now keeps (Service Delivery locks the request's row and reads
it there): the sum of its submitted deliveries."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabSupport Request` r
		join (
			select support_request, sum(amount) as total from `tabService Delivery`
			where docstatus = 1 group by support_request
		) d on d.support_request = r.name
		set r.delivered_amount = d.total"""
	)
