const {createAddColumnMigration} = require('../../utils/schema');

module.exports = {
    ...createAddColumnMigration('tags', 'slug', {type: 'string', maxlength: 191}),
    down: async () => {}
};
