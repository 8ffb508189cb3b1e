const { revert } = require('../lib/revert');

exports.up = (knex) => knex.schema.alterTable('a', (t) => t.string('b'));
exports.down = revert;
