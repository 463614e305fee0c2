from amass_relations.setup.install import ensure_service_questions


def execute():
	ensure_service_questions()
