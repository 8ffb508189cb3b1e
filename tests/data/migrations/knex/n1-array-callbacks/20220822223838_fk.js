const TABLES = [
    'uploads',
    'projects',
];

exports.up = function (knex) {
    return TABLES.reduce(
        (schema, tableName) => schema.alterTable(tableName, (table) => {
            table.foreign('tenant_id').references('id').inTable('tenants');
            table.string('code').notNullable();
        }),
        knex.schema,
    );
};

exports.down = function (knex) {
    return TABLES.reduce(
        (schema, tableName) => schema.alterTable(tableName, (table) => {
            table.dropForeign('tenant_id');
            table.dropColumn('code');
        }),
        knex.schema,
    );
};
