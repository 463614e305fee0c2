from amass_relations.setup.install import ensure_standard_records


def execute():
	ensure_standard_records()
