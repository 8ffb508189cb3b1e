"""PHP frameworks, read with tree-sitter: Laravel.

``syntax`` finds the migration class and its methods; ``ops`` turns Schema builder calls
into SQL statements for the engine; ``laravel`` is the analyser.
"""
