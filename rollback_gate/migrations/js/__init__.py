"""JavaScript and TypeScript frameworks, read with tree-sitter: Knex, Sequelize, TypeORM.

``source`` finds the up/down functions of a module; ``body`` classifies a function body;
``ops`` and ``schema`` turn builder calls into SQL statements for the engine; ``framework``
is the shared analyser each framework configures with its dialect.
"""

MODULES = (".ts", ".js", ".mts", ".mjs", ".cts", ".cjs")
"""The suffixes of a JavaScript or TypeScript module (a migration, a model, an entity)."""

SOURCES = (*MODULES, ".tsx", ".jsx")
"""… and of any JavaScript or TypeScript source, components included (code that may name
a column)."""
