from amass_relations.setup.install import ensure_portal_settings


def execute():
	ensure_portal_settings()
