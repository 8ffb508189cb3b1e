const {createIrreversibleMigration} = require('./migrations');

function dropTables(names) {
    return createIrreversibleMigration(async function up(knex) {
        for (const name of names) {
            await knex.schema.dropTableIfExists(name);
        }
    });
}

module.exports = {dropTables};
