async function addColumn(tableName, column, knex, columnSpec) {
    await knex.schema.table(tableName, function (table) {
        table.string(column, columnSpec.maxlength);
    });
}

async function dropColumn(tableName, column, knex) {
    await knex.schema.table(tableName, function (table) {
        table.dropColumn(column);
    });
}

module.exports = {addColumn, dropColumn};
