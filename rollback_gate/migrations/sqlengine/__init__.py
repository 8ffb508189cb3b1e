"""The shared SQL engine: every framework that ends in SQL text uses it.

``sql`` splits statements in any dialect (comments, strings, dollar quotes, DELIMITER,
T-SQL ``GO``) and classifies each; ``kinds`` names what a statement does; ``loss`` and
``coltypes`` decide whether it destroys data (drops, deletes, narrowing type changes);
``steps`` judges an up/down pair of statement lists the way every DSL framework needs
(Knex, Sequelize, TypeORM, Laravel); ``moves`` recognises data copied away before a drop.
Nothing here knows a framework.
"""
