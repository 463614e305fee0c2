app_name = "amass_relations"
app_title = "Amass Relations"
app_publisher = "Amass Association - Friends of Cancer Patients"
app_description = "Beneficiary relations for the Amass Association: intake, research committee, service delivery and feedback"
app_email = "it@amass.example.org"
app_license = "mit"

# Installation
# ------------
# Roles, the policy's standard records and settings defaults: inserted when missing, never overwritten.
after_install = "amass_relations.setup.install.after_install"

# Uninstallation
# --------------
before_uninstall = "amass_relations.setup.uninstall.before_uninstall"

