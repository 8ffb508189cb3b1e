-- irreversible: we never go back

