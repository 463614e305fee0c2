"""Used by scripts/dev-site.sh to give a newcomer a ready site: the setup wizard answered for the
association (Arabic, Saudi Arabia, Asia/Riyadh, SAR)."""

import frappe
from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

DEV_ADMIN_EMAIL = "admin@amass-demo.example.com"


def complete_setup_wizard(password: str = "admin"):
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		print("setup wizard: already complete")
		return
	arabic = frappe.db.get_value("Language", "ar", "language_name")
	setup_complete(
		{
			"language": arabic,
			"lang": arabic,
			"country": "Saudi Arabia",
			"timezone": "Asia/Riyadh",
			"currency": "SAR",
			"full_name": "مدير النظام التجريبي",
			"email": DEV_ADMIN_EMAIL,
			"password": password,
		}
	)
	# Amounts (Currency fields) follow the site's default currency: the Saudi riyal.
	frappe.db.set_default("currency", "SAR")
	frappe.db.set_value("Currency", "SAR", "enabled", 1)
	frappe.db.commit()
	print(f"setup wizard: complete (Arabic, Saudi Arabia, Asia/Riyadh, SAR); first user {DEV_ADMIN_EMAIL}")
