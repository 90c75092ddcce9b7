"""The Employment screen: the center's employers and their vacancies."""
