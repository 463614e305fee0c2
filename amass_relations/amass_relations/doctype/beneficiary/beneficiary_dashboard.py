from frappe import _


def get_data():
	# The medical profile is deliberately not listed: its existence is itself health information.
	return {
		"fieldname": "beneficiary",
		"non_standard_fieldnames": {"Carer Authorization": "patient"},
		"transactions": [
			{"label": _("Contact"), "items": ["Interaction"]},
			{"label": _("Documents and Carers"), "items": ["Beneficiary Document", "Carer Authorization"]},
		],
	}
