"""A matching key for Arabic (and Latin) names, so that the same beneficiary registered twice is found
even when the two entries differ in hamza, diacritics, taa marbuta or spacing: the spellings people
actually alternate between when they type a name."""

import unicodedata

# Tashkeel (fathatan … sukun), superscript alef, tatweel, and the combining maddah/hamza marks that are
# left over when NFKC cannot fold them into a letter: none of them changes which name it is.
_DROPPED = {
	**{code: None for code in range(0x064B, 0x0656)},
	0x0670: None,
	0x0640: None,
	0x0621: None,  # standalone hamza ء
}
_FOLDED = str.maketrans(
	{
		"أ": "ا",
		"إ": "ا",
		"آ": "ا",
		"ٱ": "ا",
		"ؤ": "و",
		"ئ": "ي",
		"ة": "ه",
		"ى": "ي",
		"ی": "ي",  # Persian yeh, from Persian and Urdu keyboards
		"ک": "ك",  # Persian kaf
		**_DROPPED,
	}
)


def name_key(full_name: str | None) -> str:
	"""The key two spellings of one name share; "" for no name. For comparison only, never for display.

	All whitespace is removed, not just collapsed: people split compound names differently ("عبدالله",
	"عبد الله", "عبد  اللّه"), so word boundaries cannot be part of the key."""
	if not full_name:
		return ""
	# NFKC turns Arabic presentation forms (text pasted from PDFs) into plain letters, and a letter
	# followed by a combining hamza or maddah into the single precomposed letter that _FOLDED knows.
	text = unicodedata.normalize("NFKC", full_name).casefold()
	text = text.translate(_FOLDED)
	# Format characters (zero-width joiners, direction marks) are invisible and come with pasted text.
	return "".join(char for char in text if not char.isspace() and unicodedata.category(char) != "Cf")
