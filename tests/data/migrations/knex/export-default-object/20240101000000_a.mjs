export default {
  async up(knex) {
    await knex.schema.createTable('audit', (t) => t.increments());
  },
  async down() {},
};
