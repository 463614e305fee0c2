"""Who may read and change what, in one package: the branch wall on stored values (`branches`), the
framework routes that would go around it (`routes`), shares and assignments that cannot cross it
(`sharing`), and files (`files`). Each hook in hooks.py points at a small named function here."""
