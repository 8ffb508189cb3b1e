const {createTransactionalMigration} = require('./migrations');
const commands = require('../../schema/commands');

function createAddColumnMigration(table, column, columnDefinition) {
    return createTransactionalMigration(
        async function up(knex) {
            await commands.addColumn(table, column, knex, columnDefinition);
        },
        async function down(knex) {
            await commands.dropColumn(table, column, knex);
        }
    );
}

function createDropColumnMigration(table, column, columnDefinition) {
    return createTransactionalMigration(
        async function up(knex) {
            await commands.dropColumn(table, column, knex);
        },
        async function down(knex) {
            await commands.addColumn(table, column, knex, columnDefinition);
        }
    );
}

module.exports = {createAddColumnMigration, createDropColumnMigration};
